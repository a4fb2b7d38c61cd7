export * from './coverage.js';
export * from './errors.js';
export * from './hierarchy-rules.js';
export * from './secretary-month.js';
export * from './types.js';
