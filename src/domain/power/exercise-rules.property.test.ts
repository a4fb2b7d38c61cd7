// Property: whatever a person tries to record, in whatever order, the steps the rules accept follow the
// procedure — strictly increasing positions, only optional steps passed over, nothing after a 否决 or after
// the last step — and the exercise is completed exactly when the last step is recorded.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './days.js';
import { type Procedure, type ProcedureStep, progressOf, type RecordedStep, recordStep } from './index.js';

const stepArb = fc.record({
  optional: fc.boolean(),
  canReject: fc.boolean(),
  publicityDays: fc.option(fc.integer({ min: 1, max: 7 }), { nil: null }),
});

const procedureArb = fc.array(stepArb, { minLength: 1, maxLength: 8 }).map(
  (specs): Procedure =>
    specs.map(
      (s, i): ProcedureStep => ({
        key: `s${i}`,
        name: `步骤${i}`,
        actor: 'village_committee',
        documents: [],
        limitDays: 5,
        ...s,
        optional: i === specs.length - 1 ? false : s.optional,
      }),
    ),
);

describe('recorded steps follow the procedure', () => {
  it('accepted sequences are the procedure order with only optional steps passed over', () => {
    fc.assert(
      fc.property(
        procedureArb,
        fc.array(fc.record({ index: fc.nat(9), reject: fc.boolean(), gap: fc.integer({ min: 0, max: 9 }) }), {
          maxLength: 30,
        }),
        (procedure, attempts) => {
          const recorded: RecordedStep[] = [];
          let day = '2026-03-02';
          for (const a of attempts) {
            day = addDays(day, a.gap);
            const r = recordStep(
              procedure,
              recorded,
              { key: `s${a.index}`, outcome: a.reject ? 'rejected' : 'done', doneOn: day, documents: [] },
              { startedOn: '2026-03-02', today: '2027-12-31' },
            );
            if (r.ok) recorded.push(r.value);
          }
          const positions = recorded.map((r) => procedure.findIndex((s) => s.key === r.key));
          let previous = -1;
          for (const p of positions) {
            expect(p).toBeGreaterThan(previous);
            for (let skipped = previous + 1; skipped < p; skipped++) expect(procedure[skipped]?.optional).toBe(true);
            previous = p;
          }
          recorded.forEach((r, i) => {
            if (r.outcome === 'rejected') {
              expect(i).toBe(recorded.length - 1);
              expect(procedure[positions[i] as number]?.canReject).toBe(true);
            }
          });
          const { ended } = progressOf(procedure, recorded);
          const last = recorded[recorded.length - 1];
          expect(ended === 'completed').toBe(last?.outcome === 'done' && positions.at(-1) === procedure.length - 1);
          // each step is dated no earlier than the one before, and after the publicity before it
          for (let i = 1; i < recorded.length; i++) {
            const before = recorded[i - 1] as RecordedStep;
            expect((recorded[i] as RecordedStep).doneOn > (before.publicityTo ?? '')).toBe(true);
            expect((recorded[i] as RecordedStep).doneOn >= before.doneOn).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
