export * from './errors.js';
export * from './tally.js';
export * from './topic-machine.js';
export * from './types.js';
