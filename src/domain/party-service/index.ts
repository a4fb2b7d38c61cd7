export * from './errors.js';
export * from './need-machine.js';
export * from './property-stars.js';
export * from './types.js';
export * from './unit-report.js';
