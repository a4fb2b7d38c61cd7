// Measures of the classifier as the dispatch decision uses it (智能派单): threshold tables, accuracy, confusion.
export * from './threshold-table.js';
