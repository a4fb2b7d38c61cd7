export * from './deidentify.js';
export * from './errors.js';
export * from './news.js';
export * from './review.js';
