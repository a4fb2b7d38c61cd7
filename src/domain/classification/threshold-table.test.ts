import { describe, expect, it } from 'vitest';
import { accuracy, confusionTable, thresholdTable } from './threshold-table.js';

// A fixed labelled set: ten predictions with their confidence and whether they were right.
const FIXED = [
  { confidence: 0.99, correct: true },
  { confidence: 0.97, correct: true },
  { confidence: 0.95, correct: true },
  { confidence: 0.93, correct: false },
  { confidence: 0.9, correct: true },
  { confidence: 0.85, correct: true },
  { confidence: 0.7, correct: false },
  { confidence: 0.62, correct: true },
  { confidence: 0.55, correct: false },
  { confidence: 0.4, correct: false },
];

describe('thresholdTable', () => {
  it('gives, per threshold, the share dispatched and the precision among them', () => {
    const rows = thresholdTable(FIXED, [0.95, 0.5, 0.9, 0.999]);
    expect(rows.map((r) => r.threshold)).toEqual([0.5, 0.9, 0.95, 0.999]);
    expect(rows[0]).toEqual({ threshold: 0.5, dispatched: 9, share: 0.9, precision: 6 / 9, wrong: 3 });
    expect(rows[1]).toEqual({ threshold: 0.9, dispatched: 5, share: 0.5, precision: 4 / 5, wrong: 1 });
    expect(rows[2]).toEqual({ threshold: 0.95, dispatched: 3, share: 0.3, precision: 1, wrong: 0 });
    expect(rows[3]).toEqual({ threshold: 0.999, dispatched: 0, share: 0, precision: null, wrong: 0 });
  });

  it('answers zero shares on no predictions', () => {
    expect(thresholdTable([], [0.9])).toEqual([{ threshold: 0.9, dispatched: 0, share: 0, precision: null, wrong: 0 }]);
    expect(accuracy([])).toBeNull();
    expect(accuracy(FIXED)).toBe(0.6);
  });
});

describe('confusionTable', () => {
  it('counts true labels by row and predicted by column', () => {
    const t = confusionTable(
      [
        { actual: 'A', predicted: 'A' },
        { actual: 'A', predicted: 'B' },
        { actual: 'B', predicted: 'B' },
        { actual: 'C', predicted: 'A' },
      ],
      ['A', 'B', 'C'],
    );
    expect(t.counts).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 0],
    ]);
  });
});
