export * from './county-template.js';
export * from './days.js';
export * from './errors.js';
export * from './exercise-rules.js';
export * from './procedure.js';
export * from './types.js';
