export * from './erased-order.js';
export * from './erasure.js';
export * from './scrub-text.js';
