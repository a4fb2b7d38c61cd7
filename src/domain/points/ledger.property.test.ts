// The ledger invariant as a property: any sequence of awards, deductions, corrections, redemptions and
// cancelled redemptions (refunds),
// applied through the pure postings, keeps the balance equal to the sum of the entries and never below
// zero; a refusal happens only when the posting would have broken that.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EntryKind,
  ledgerHolds,
  postAwardOrDeduction,
  postCorrection,
  postRedemption,
  postRefund,
} from './index.js';

type Op =
  | { type: 'award'; points: number }
  | { type: 'deduct'; points: number }
  | { type: 'correct'; pick: number; part: number }
  | { type: 'redeem'; price: number; quantity: number; stock: number }
  | { type: 'cancel'; pick: number; handedOver: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant('award' as const), points: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ type: fc.constant('deduct' as const), points: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ type: fc.constant('correct' as const), pick: fc.nat(), part: fc.integer({ min: 0, max: 100 }) }),
  fc.record({
    type: fc.constant('redeem' as const),
    price: fc.integer({ min: 1, max: 30 }),
    quantity: fc.integer({ min: 1, max: 3 }),
    stock: fc.integer({ min: 0, max: 4 }),
  }),
  fc.record({ type: fc.constant('cancel' as const), pick: fc.nat(), handedOver: fc.boolean() }),
);

interface Entry {
  kind: EntryKind;
  points: number;
  balanceAfter: number;
  correctedSoFar: number;
  /** a redemption's state: refunded, or handed over (then it stands) */
  refunded?: boolean;
  handedOver?: boolean;
}

describe('the ledger invariant', () => {
  it('balance = sum of entries ≥ 0 after any sequence, refusals only where a posting would break it', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const entries: Entry[] = [];
        let balance = 0;
        for (const o of ops) {
          let posted: { points: number; balanceAfter: number } | null = null;
          let corrects: Entry | undefined;
          let kind: EntryKind = 'award';
          if (o.type === 'award' || o.type === 'deduct') {
            kind = o.type;
            const r = postAwardOrDeduction(balance, o.type === 'award' ? o.points : -o.points);
            expect(r.ok).toBe(true);
            if (r.ok) posted = r.value;
          } else if (o.type === 'redeem') {
            kind = 'redemption';
            const r = postRedemption(balance, { price: o.price, quantity: o.quantity, stock: o.stock, active: true });
            const affordable = balance >= o.price * o.quantity && o.stock >= o.quantity;
            expect(r.ok).toBe(affordable);
            if (r.ok) posted = r.value;
          } else if (o.type === 'cancel') {
            const redemptions = entries.filter((e) => e.kind === 'redemption');
            if (redemptions.length === 0) continue;
            const target = redemptions[o.pick % redemptions.length] as Entry;
            if (o.handedOver && !target.refunded) target.handedOver = true;
            kind = 'refund';
            const r = postRefund(balance, 0, {
              points: -target.points,
              quantity: 1,
              handedOver: !!target.handedOver,
              cancelled: !!target.refunded,
            });
            expect(r.ok).toBe(!target.handedOver && !target.refunded);
            if (!r.ok) continue;
            target.refunded = true;
            expect(r.value.points).toBe(-target.points);
            posted = r.value;
          } else {
            const candidates = entries.filter((e) => e.kind === 'award' || e.kind === 'deduct');
            if (candidates.length === 0) continue;
            corrects = candidates[o.pick % candidates.length] as Entry;
            kind = 'correction';
            const standing = corrects.points + corrects.correctedSoFar;
            const amount =
              standing === 0
                ? undefined
                : -Math.sign(standing) * Math.max(1, Math.round((Math.abs(standing) * o.part) / 100));
            const r = postCorrection(balance, corrects, amount);
            const possible = standing !== 0 && balance + (amount ?? 0) >= 0;
            expect(r.ok).toBe(possible);
            if (r.ok) posted = r.value;
          }
          if (!posted) continue;
          if (corrects) corrects.correctedSoFar += posted.points;
          if (posted.points === 0 && kind !== 'deduct') throw new Error('an empty posting');
          entries.push({ kind, points: posted.points, balanceAfter: posted.balanceAfter, correctedSoFar: 0 });
          balance = posted.balanceAfter;
          expect(balance).toBeGreaterThanOrEqual(0);
          expect(ledgerHolds(entries, balance)).toBe(true);
        }
        // a correction never takes back more than its entry gave
        for (const e of entries) expect(Math.abs(e.points + e.correctedSoFar)).toBeLessThanOrEqual(Math.abs(e.points));
      }),
      { numRuns: 300 },
    );
  });
});
