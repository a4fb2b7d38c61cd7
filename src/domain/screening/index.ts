export * from './coverage.js';
export * from './periods.js';
export * from './types.js';
