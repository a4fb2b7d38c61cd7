export * from './application-rules.js';
export * from './county-template.js';
export * from './figures.js';
export * from './item-rules.js';
export * from './nearest.js';
export * from './types.js';
