// The ledger's arithmetic: what an entry takes from or adds to a balance. The balance is the sum of the
// entries and never goes below zero: a redemption or a correction that would take more than the balance
// holds is refused; a deduction takes at most what is there (the entry keeps the rule's full amount as its
// nominal points, so the record and the credit rule still see it).
import { err, ok, type Result } from '../result.js';
import { type PointsDomainError, pointsError } from './errors.js';
import type { EntryKind } from './types.js';

export interface Posting {
  /** What the entry adds to the balance (negative takes away). */
  points: number;
  /** What the rule or the request asked for (differs from points only for a deduction larger than the balance). */
  nominalPoints: number;
  balanceAfter: number;
}

const insufficient = (balance: number, needed: number) =>
  pointsError('POINTS_BALANCE_INSUFFICIENT', `积分余额不足：当前 ${balance} 分，需要 ${needed} 分`, {
    balance,
    needed,
  });

/** An award (nominal > 0) or a deduction (nominal < 0) of a rule. */
export function postAwardOrDeduction(balance: number, nominal: number): Result<Posting, PointsDomainError> {
  if (!Number.isSafeInteger(nominal) || nominal === 0) {
    return err(pointsError('VALIDATION_FAILED', '加减分值须为非零整数', { nominal }));
  }
  const points = nominal > 0 ? nominal : 0 - Math.min(balance, -nominal);
  return ok({ points, nominalPoints: nominal, balanceAfter: balance + points });
}

export interface CorrectedEntry {
  kind: EntryKind;
  /** The points the entry added (or took). */
  points: number;
  /** The sum of the corrections already made to it. */
  correctedSoFar: number;
}

/**
 * A counter-entry to an award or a deduction: it takes back all that still stands of it (the default) or
 * part of it, never more, and never below a zero balance.
 */
export function postCorrection(
  balance: number,
  entry: CorrectedEntry,
  amount?: number,
): Result<Posting, PointsDomainError> {
  if (entry.kind !== 'award' && entry.kind !== 'deduct') {
    return err(
      pointsError('POINTS_NOT_CORRECTABLE', '只能更正加分或扣分记录（兑换记录请撤销兑换）', { kind: entry.kind }),
    );
  }
  const standing = entry.points + entry.correctedSoFar;
  if (standing === 0) {
    return err(pointsError('POINTS_NOT_CORRECTABLE', '该记录已全部更正，无可更正的分值', { standing }));
  }
  const points = amount ?? -standing;
  if (!Number.isSafeInteger(points) || points === 0 || Math.sign(points) === Math.sign(standing)) {
    return err(
      pointsError('VALIDATION_FAILED', `更正分值须与原记录方向相反（原记录现为 ${standing} 分）`, { standing, points }),
    );
  }
  if (Math.abs(points) > Math.abs(standing)) {
    return err(
      pointsError('POINTS_NOT_CORRECTABLE', `更正分值不能超过该记录尚存的 ${Math.abs(standing)} 分`, {
        standing,
        points,
      }),
    );
  }
  if (balance + points < 0) return err(insufficient(balance, -points));
  return ok({ points, nominalPoints: points, balanceAfter: balance + points });
}

export interface RedemptionAsk {
  price: number;
  quantity: number;
  stock: number;
  active: boolean;
}

/** A redemption at the village's 积分超市: enough stock, enough points. */
export function postRedemption(
  balance: number,
  ask: RedemptionAsk,
): Result<Posting & { stockAfter: number }, PointsDomainError> {
  if (!Number.isSafeInteger(ask.quantity) || ask.quantity < 1 || ask.quantity > 99) {
    return err(pointsError('VALIDATION_FAILED', '兑换数量须为 1 到 99 之间的整数', { quantity: ask.quantity }));
  }
  if (!ask.active || ask.stock < ask.quantity) {
    return err(
      pointsError('POINTS_OUT_OF_STOCK', ask.active ? `库存不足：仅剩 ${ask.stock} 件` : '该商品已下架', {
        stock: ask.stock,
      }),
    );
  }
  const total = ask.price * ask.quantity;
  if (balance < total) return err(insufficient(balance, total));
  return ok({
    points: -total,
    nominalPoints: -total,
    balanceAfter: balance - total,
    stockAfter: ask.stock - ask.quantity,
  });
}

export interface RedemptionStanding {
  /** The points the redemption took (positive). */
  points: number;
  quantity: number;
  handedOver: boolean;
  cancelled: boolean;
}

/**
 * Cancelling a redemption (取消兑换) before the item is handed over: the points come back as a refund entry
 * and the stock as it was. Once handed over, or cancelled already, it stands.
 */
export function postRefund(
  balance: number,
  stock: number,
  redemption: RedemptionStanding,
): Result<Posting & { stockAfter: number }, PointsDomainError> {
  if (redemption.cancelled) {
    return err(pointsError('POINTS_REDEMPTION_CLOSED', '该兑换已取消，不能重复取消', { state: 'cancelled' }));
  }
  if (redemption.handedOver) {
    return err(pointsError('POINTS_REDEMPTION_CLOSED', '物品已领取，不能取消兑换', { state: 'handed_over' }));
  }
  return ok({
    points: redemption.points,
    nominalPoints: redemption.points,
    balanceAfter: balance + redemption.points,
    stockAfter: stock + redemption.quantity,
  });
}

/** The invariant the store keeps: each entry's balance_after is the running sum, and none is below zero. */
export function ledgerHolds(entries: readonly { points: number; balanceAfter: number }[], balance: number): boolean {
  let sum = 0;
  for (const e of entries) {
    sum += e.points;
    if (e.balanceAfter !== sum || sum < 0) return false;
  }
  return sum === balance;
}
