export * from './erasure.js';
export * from './scrub-text.js';
