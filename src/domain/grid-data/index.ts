export * from './id-number.js';
export * from './inspection.js';
export * from './kinds.js';
export * from './masking.js';
export * from './phone.js';
export * from './sensitive-tags.js';
export * from './validate-record.js';
