export * from './activity.js';
export * from './hours.js';
export * from './rules.js';
