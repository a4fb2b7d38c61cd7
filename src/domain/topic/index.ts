// 每月一题 · 未诉先办 (issue 19): the month's cases clustered into problems, ranked by volume and growth; the
// signature that recognises a later case as of an adopted topic; before/after volumes. Pure, no I/O.
export * from './problem-clusters.js';
export * from './topic-signature.js';
export * from './trend.js';
