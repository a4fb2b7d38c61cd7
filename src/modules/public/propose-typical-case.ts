// Starts a typical case (典型案例) from a closed case the author can see: the system proposes the de-identified
// title and text (names → 张某, phones and ID numbers removed, the address and village names → XX村); the author
// edits it and submits it for review. One typical case per case. Row, history, audit and outbox: one transaction.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { deidentify } from '../../domain/showcase/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { type CaseSource, loadCaseSource, SHOWCASE_CASE_STATES } from './case-source.js';
import type { ShowcaseDeps } from './showcase-deps.js';
import { writeShowcaseChange } from './showcase-store.js';

export interface ProposeTypicalCaseInput {
  caseId: number;
}

const SATISFACTION_NAMES: Readonly<Record<string, string>> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

/** The proposed text: what was asked, how it was handled, how it ended, each de-identified. */
export function proposeText(source: CaseSource): { title: string; body: string } {
  const clean = (text: string) => deidentify(text, source.context);
  const parts = [`【群众诉求】${clean(source.body)}`];
  if (source.reply) parts.push(`【办理过程】${clean(source.reply)}`);
  const rating = source.satisfaction ? SATISFACTION_NAMES[source.satisfaction] : null;
  parts.push(`【办理结果】已办结${rating ? `，群众评价「${rating}」` : ''}。`);
  return { title: clean(source.title).slice(0, 100) || '典型案例', body: parts.join('\n\n') };
}

/** Writes the new typical case of a loaded case (the demo seed calls this with its own transaction). */
export async function writeNewTypicalCase(
  trx: Transaction<DB>,
  audit: AuditService,
  author: { userId: number; orgId: number | null; principal: Principal | null },
  source: CaseSource,
  now: Date,
): Promise<number> {
  if (!(SHOWCASE_CASE_STATES as readonly string[]).includes(source.status)) {
    throw new AppError('SHOWCASE_CASE_NOT_CLOSED', { details: { caseId: source.id, state: source.status } });
  }
  const exists = await trx
    .selectFrom('showcase_cases')
    .select('id')
    .where('case_id', '=', source.id)
    .executeTakeFirst();
  if (exists) throw new AppError('SHOWCASE_CASE_EXISTS', { details: { caseId: source.id, id: exists.id } });
  const text = proposeText(source);
  const { id } = await trx
    .insertInto('showcase_cases')
    .values({
      county_code: source.countyCode,
      case_id: source.id,
      town_id: source.townId,
      village_id: source.villageId,
      category_name: source.categoryName,
      title: text.title,
      body: text.body,
      state: 'draft',
      author_id: author.userId,
      author_org_id: author.orgId,
      last_editor_id: author.userId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeShowcaseChange(trx, audit, author.principal, {
    kind: 'showcase_case',
    id,
    version: 1,
    type: 'create',
    state: 'draft',
    at: now,
    details: { caseId: source.id, caseNumber: source.number },
  });
  return id;
}

export async function proposeTypicalCase(
  deps: ShowcaseDeps,
  principal: Principal,
  input: ProposeTypicalCaseInput,
): Promise<{ id: number }> {
  if (principal.kind !== 'user' || principal.userId === null) throw new AppError('FORBIDDEN');
  const userId = principal.userId;
  const source = await loadCaseSource(deps.db, deps.crypto, principal, input.caseId);
  const now = deps.clock.now();
  try {
    const id = await deps.db
      .transaction()
      .execute((trx) =>
        writeNewTypicalCase(trx, deps.audit, { userId, orgId: principal.orgId, principal }, source, now),
      );
    return { id };
  } catch (error) {
    // two authors picking the same case at once: the unique index decides, the second hears it exists
    if (!(error instanceof AppError) && /showcase_cases_case_idx|duplicate key|unique/i.test(String(error))) {
      throw new AppError('SHOWCASE_CASE_EXISTS', { details: { caseId: input.caseId } });
    }
    throw error;
  }
}
