export * from './award.js';
export * from './credit.js';
export * from './errors.js';
export * from './ledger.js';
export * from './objection.js';
export * from './ranking.js';
export * from './types.js';
