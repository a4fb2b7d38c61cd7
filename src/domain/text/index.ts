// Chinese complaint-text categorisation: CSV parsing, segmentation, naive Bayes classifier, category tree.
export * from './category-model.js';
export * from './category-tree.js';
export * from './classifier.js';
export * from './csv.js';
export * from './errors.js';
export * from './features.js';
export * from './segmenter.js';
