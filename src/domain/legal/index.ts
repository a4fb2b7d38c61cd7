export * from './entry-rules.js';
export * from './month.js';
export * from './monthly-figures.js';
export * from './types.js';
