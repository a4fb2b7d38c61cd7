export * from './facts.js';
export * from './indicators.js';
export * from './periods.js';
export * from './questionnaire.js';
