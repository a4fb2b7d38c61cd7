export * from './errors.js';
export * from './psych-machine.js';
export * from './types.js';
