// Analysis rules (分析研判): spike detection, text and place similarity, group-risk clustering, search terms
// and highlighting. Pure functions, no I/O.
export * from './group-risk.js';
export * from './highlight.js';
export * from './hotspot-windows.js';
export * from './similarity.js';
export * from './spike-detector.js';
export * from './text-terms.js';
