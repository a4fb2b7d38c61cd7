export * from './aggregation.js';
export * from './false-alarm.js';
export * from './types.js';
export * from './video-event.js';
