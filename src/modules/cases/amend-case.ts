// Amends what a case says — the reporter's description, the address, the reporter's name and phone, a channel's
// extra fields — as a change of the case like any other: in one transaction guarded by the version the caller
// read, with one 'amended' timeline entry naming what changed, the units told, and an outbox message for the
// channels. The workflow (state, category, units, clocks) stays as it is: that is staff's to change.
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import type { Actor, Case, CaseContext, CaseOutcome } from '../../domain/case/index.js';
import { timelineEvent } from '../../domain/case/transition.js';
import { PHONE_PATTERN } from '../auth/auth-service.js';
import type { Principal } from '../auth/principal.js';
import { actorOf, SYSTEM_ACTOR } from './case-actor.js';
import { casesVisibleTo } from './case-scope.js';
import { deserializeCase } from './case-snapshot.js';
import { persistOutcome } from './case-store.js';
import { titleFrom } from './create-case.js';
import { openReporterField, sealReporter } from './reporter-fields.js';

/** The descriptive fields an amendment may change, as named in the timeline entry's `fields`. */
export type AmendableField = 'body' | 'address' | 'reporter' | 'extra';

export interface AmendCaseInput {
  /** The case version the caller read: if someone changed the case since, CASE_VERSION_CONFLICT. */
  version: number;
  body?: string;
  address?: string | null;
  /** Ignored on an anonymous case (it keeps no reporter). */
  reporter?: { name: string | null; phone: string | null };
  /** Top-level keys replaced in cases.extra (e.g. { hotline: {...} }). */
  extra?: Record<string, unknown>;
  /** Where the amendment came from (a channel: 'hotline'), shown on the timeline. */
  source: string;
  /** One line for the timeline. */
  note?: string;
  /** More writes of the caller in the same transaction (the hotline's revision row). */
  alsoInTransaction?: (trx: Transaction<DB>, caseId: number) => Promise<void>;
}

export interface AmendResult {
  /** What changed; empty when the input said what the case already says (nothing was written). */
  fields: AmendableField[];
  version: number;
}

export interface AmendDeps {
  db: Kysely<DB>;
  /** The reporter's name and phone are stored encrypted (reporter-fields.ts). */
  crypto: FieldCrypto;
  context: () => Promise<CaseContext>;
  onChanged?: (caseId: number) => void;
}

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { message, details: { field } });
}

function checkInput(input: AmendCaseInput): void {
  if (input.body !== undefined) {
    const body = input.body.trim();
    if (body.length < 5) throw invalid('body', '请描述反映的问题（至少 5 个字）');
    if (body.length > 5000) throw invalid('body', '问题描述不能超过 5000 字');
  }
  if (input.address && input.address.trim().length > 500) throw invalid('address', '地址不能超过 500 字');
  const phone = input.reporter?.phone?.trim();
  if (phone && !PHONE_PATTERN.test(phone))
    throw invalid('reporter.phone', '手机号码格式不正确，请输入 11 位中国大陆手机号');
  if (input.reporter?.name && input.reporter.name.trim().length > 100) throw invalid('reporter.name', '姓名过长');
}

/** The machine's side of an amendment: the same case one version on, and its timeline entry. */
export function amendedOutcome(c: Case, actor: Actor, ctx: CaseContext, details: Record<string, unknown>): CaseOutcome {
  // Never before the last change (the demo clock may lag another process by a moment).
  const at = ctx.now.getTime() < c.updatedAt.getTime() ? c.updatedAt : ctx.now;
  const next: Case = { ...c, version: c.version + 1, updatedAt: at };
  return { case: next, events: [timelineEvent(next, 'amended', actor, c.state, details)], deadlines: [] };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/**
 * Applies an amendment. `by` is who made it: a staff member or citizen must be able to see the case (else it
 * does not exist for them); a channel (API key) or the system (imports) amends the case it has matched itself,
 * by its own reference (the hotline's order number).
 */
export async function amendCase(
  deps: AmendDeps,
  id: number,
  input: AmendCaseInput,
  by: Principal | null,
): Promise<AmendResult> {
  checkInput(input);
  const ctx = await deps.context();
  const result = await deps.db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('cases')
      .select(['id', 'machine', 'version', 'title', 'body', 'address', 'reporter_name', 'reporter_phone'])
      .select(['anonymous', 'extra'])
      .where('id', '=', id);
    if (by?.kind === 'user') query = query.where(casesVisibleTo(by));
    const row = await query.forNoKeyUpdate().executeTakeFirst();
    if (!row) throw new AppError('CASE_NOT_FOUND', { details: { caseId: id } });
    if (!row.machine) throw new AppError('CASE_READ_ONLY', { details: { caseId: id } });
    const c = deserializeCase(row.machine);
    if (c.version !== input.version) {
      throw new AppError('CASE_VERSION_CONFLICT', {
        details: { caseId: id, current: { version: c.version, state: c.state }, yourVersion: input.version },
      });
    }

    const fields: AmendableField[] = [];
    const set: Record<string, unknown> = {};
    const details: Record<string, unknown> = { source: input.source };
    if (input.body !== undefined && input.body.trim() !== row.body) {
      fields.push('body');
      set.body = input.body.trim();
      // A title made from the old description follows it; one a person wrote stays.
      if (row.title === titleFrom(row.body)) set.title = titleFrom(input.body);
      details.previousBody = row.body;
    }
    if (input.address !== undefined && blankToNull(input.address) !== row.address) {
      fields.push('address');
      set.address = blankToNull(input.address);
      details.previousAddress = row.address;
    }
    if (input.reporter && !row.anonymous) {
      const name = blankToNull(input.reporter.name);
      const phone = blankToNull(input.reporter.phone);
      // Names and phones stay off the timeline: it is read by people who see them masked.
      if (
        name !== openReporterField(deps.crypto, row.reporter_name) ||
        phone !== openReporterField(deps.crypto, row.reporter_phone)
      ) {
        fields.push('reporter');
        Object.assign(set, sealReporter(deps.crypto, name, phone));
      }
    }
    if (input.extra) {
      const extra = (typeof row.extra === 'string' ? JSON.parse(row.extra) : (row.extra ?? {})) as Record<
        string,
        unknown
      >;
      const merged = { ...extra, ...input.extra };
      if (!same(merged, extra)) {
        fields.push('extra');
        set.extra = JSON.stringify(merged);
      }
    }
    if (fields.length === 0) return { fields, version: c.version, outcome: null };

    details.fields = fields;
    if (input.note) details.note = input.note;
    const actor = by ? actorOf(by) : SYSTEM_ACTOR;
    const outcome = amendedOutcome(c, actor, ctx, details);
    await trx.updateTable('cases').set(set).where('id', '=', id).execute();
    await persistOutcome(trx, c, outcome, { expectedVersion: c.version, actorUserId: by?.userId ?? null });
    await input.alsoInTransaction?.(trx, id);
    return { fields, version: outcome.case.version, outcome };
  });
  if (result.outcome) deps.onChanged?.(id);
  return { fields: result.fields, version: result.version };
}
