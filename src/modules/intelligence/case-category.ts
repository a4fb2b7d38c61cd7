// Writes on a case for the intelligence module, through the case module's own writer (persistOutcome: the case
// row's projection, the timeline, clocks, assignments, notifications and the outbox in the caller's transaction).
// The suggestion itself is a timeline entry only; setting the category is an amendment of the case naming it.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor, Case, CaseContext, CaseOutcome } from '../../domain/case/index.js';
import { amendedOutcome } from '../cases/amend-case.js';
import { persistOutcome } from '../cases/case-store.js';

/** A timeline entry of the case (an 'amended' entry changing nothing, with its note and details). */
export async function writeTimelineNote(
  trx: Transaction<DB>,
  c: Case,
  actor: Actor,
  actorUserId: number | null,
  ctx: CaseContext,
  details: Record<string, unknown>,
): Promise<CaseOutcome> {
  const outcome = amendedOutcome(c, actor, ctx, { source: 'intelligence', fields: [], ...details });
  await persistOutcome(trx, c, outcome, { expectedVersion: c.version, actorUserId });
  return outcome;
}

/** Sets the case's category (the machine's and so the row's), with one 'amended' entry naming the change. */
export async function setCaseCategory(
  trx: Transaction<DB>,
  c: Case,
  categoryId: number,
  actor: Actor,
  actorUserId: number | null,
  ctx: CaseContext,
  details: Record<string, unknown>,
): Promise<CaseOutcome> {
  const previous = c.categoryId === '0' ? null : Number(c.categoryId);
  const outcome = amendedOutcome({ ...c, categoryId: String(categoryId) }, actor, ctx, {
    source: 'intelligence',
    fields: ['category'],
    previousCategoryId: previous,
    categoryId,
    ...details,
  });
  await persistOutcome(trx, c, outcome, { expectedVersion: c.version, actorUserId });
  return outcome;
}
