// The group writer's rules, with the statement replaced by a recorder: intakes that wait while a statement is on
// its way go together in the next one; a failing group is written again case by case, so only the case that
// fails is refused; nothing is acknowledged before its statement has finished.
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../db/schema.js';
import { type NewCaseRows, NewCaseWriter } from './new-case-writer.js';

const rows = (n: number): NewCaseRows => ({
  cases: [{ id: n } as never],
  case_events: [],
  case_deadlines: [],
  case_assignments: [],
  notifications: [],
  case_suggestions: [],
  outbox: [{ case_id: n }],
});
const idsOf = (group: readonly NewCaseRows[]) => group.map((g) => (g.cases[0] as unknown as { id: number }).id);
const db = {} as Kysely<DB>;

function recorder(fails: (ids: number[]) => boolean = () => false) {
  const statements: number[][] = [];
  const insert = async (_db: Kysely<DB>, group: readonly NewCaseRows[]) => {
    const ids = idsOf(group);
    statements.push(ids);
    await new Promise((r) => setTimeout(r, 5));
    if (fails(ids)) throw Object.assign(new Error('duplicate key'), { code: '23505' });
  };
  return { statements, insert };
}

describe('NewCaseWriter', () => {
  it('writes the intakes that wait for a statement together in the next one', async () => {
    const { statements, insert } = recorder();
    const writer = new NewCaseWriter(db, 1, insert);
    await Promise.all(Array.from({ length: 10 }, (_, i) => writer.write(rows(i + 1))));
    expect(statements).toEqual([[1], [2, 3, 4, 5, 6, 7, 8, 9, 10]]);
    expect(writer.stats).toMatchObject({ cases: 10, statements: 2, largestGroup: 9 });
  });

  it('keeps as many statements on their way as allowed, and no group above 64', async () => {
    const { statements, insert } = recorder();
    const writer = new NewCaseWriter(db, 2, insert);
    await Promise.all(Array.from({ length: 100 }, (_, i) => writer.write(rows(i + 1))));
    expect(statements.map((s) => s.length)).toEqual([1, 1, 64, 34]);
    expect(statements.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('writes a failing group again case by case: only the failing case is refused, with its own error', async () => {
    const { statements, insert } = recorder((ids) => ids.includes(4));
    const writer = new NewCaseWriter(db, 1, insert);
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => writer.write(rows(i + 1))));
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ code: '23505' });
    expect(statements).toEqual([[1], [2, 3, 4, 5, 6], [2], [3], [4], [5], [6]]);
    expect(writer.stats).toMatchObject({ cases: 5, regrouped: 5 });
  });

  it('acknowledges a case only once its statement has finished', async () => {
    let finished = false;
    const writer = new NewCaseWriter(db, 1, async () => {
      await new Promise((r) => setTimeout(r, 20));
      finished = true;
    });
    await writer.write(rows(1));
    expect(finished).toBe(true);
  });
});
