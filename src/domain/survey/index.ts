export * from './calls.js';
export * from './intervals.js';
export * from './questionnaire.js';
export * from './results.js';
export * from './round-machine.js';
export * from './sampling.js';
export * from './types.js';
