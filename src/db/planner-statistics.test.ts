import { describe, expect, it } from 'vitest';
import { MIN_GROWTH_PAGES, tablesToAnalyse } from './planner-statistics.js';

const size = (table: string, analysedPages: number, analysedRows: number, pages: number) => ({
  table,
  analysedPages,
  analysedRows,
  pages,
});

describe('tablesToAnalyse', () => {
  it('analyses a table never analysed once it holds rows, not while it is empty', () => {
    expect(tablesToAnalyse([size('cases', 0, -1, 1), size('empty', 0, -1, 0)])).toEqual(['cases']);
  });

  it('analyses a table grown by more than a tenth and a few pages since its last ANALYZE', () => {
    expect(tablesToAnalyse([size('case_events', 1000, 50_000, 1000 + 100 + MIN_GROWTH_PAGES + 1)])).toEqual([
      'case_events',
    ]);
    expect(tablesToAnalyse([size('case_events', 1000, 50_000, 1000 + 100 + MIN_GROWTH_PAGES)])).toEqual([]);
  });

  it('leaves a small table alone while it grows by a few pages, and a table that shrank', () => {
    expect(tablesToAnalyse([size('orgs', 2, 100, 2 + MIN_GROWTH_PAGES), size('outbox', 500, 9_000, 40)])).toEqual([]);
  });

  it('analyses an analysed but empty-at-the-time table once it fills (0 pages then)', () => {
    expect(tablesToAnalyse([size('tasks', 0, 0, MIN_GROWTH_PAGES + 1)])).toEqual(['tasks']);
  });
});
