export * from './report-punctuality.js';
export * from './report-weeks.js';
export * from './team-rules.js';
