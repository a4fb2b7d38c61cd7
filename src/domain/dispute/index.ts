export * from './dispute-machine.js';
export * from './errors.js';
export * from './indicators.js';
export * from './risk.js';
export * from './time-limits.js';
export * from './types.js';
