export * from './project-rules.js';
export * from './project-status.js';
