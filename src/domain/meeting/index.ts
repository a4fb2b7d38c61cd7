export * from './agenda-proposal.js';
export * from './attendance.js';
export * from './decision-due.js';
export * from './meeting-rules.js';
export * from './minutes.js';
export * from './types.js';
