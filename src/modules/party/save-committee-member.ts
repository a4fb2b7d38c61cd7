// Keeps the community's 大党委: its part-time members (兼职委员) from the units in its area (驻区单位) — an
// organisation of the tree or a free-text unit — each for a term; a member whose term has ended is shown as
// expired, never deleted.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { checkTerm } from '../../domain/party/index.js';
import type { Principal } from '../auth/principal.js';
import { requireVillage } from '../orgs/village-scope.js';
import type { PartyDeps } from './party-deps.js';
import { decided } from './party-errors.js';
import { inPartyScope } from './party-scope.js';
import { changedFields, requireUpdated, writePartyChange } from './party-store.js';

export interface CommitteeMemberFields {
  unitOrgId?: number | null;
  unitName?: string;
  personName: string;
  post: string;
  termStart: string;
  termEnd: string;
}

async function unitNameOf(deps: PartyDeps, principal: Principal, input: Partial<CommitteeMemberFields>) {
  if (input.unitOrgId) {
    const unit = await deps.db
      .selectFrom('orgs')
      .select(['name', 'county_code'])
      .where('id', '=', input.unitOrgId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!unit || unit.county_code !== principal.countyCode) {
      throw new AppError('VALIDATION_FAILED', { message: '所选驻区单位不存在', details: { field: 'unitOrgId' } });
    }
    return input.unitName?.trim() || unit.name;
  }
  const name = input.unitName?.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', { message: '请填写驻区单位', details: { field: 'unitName' } });
  return name;
}

function requireText(value: string | undefined, field: string, label: string) {
  if (value !== undefined && !value.trim()) {
    throw new AppError('VALIDATION_FAILED', { message: `请填写${label}`, details: { field } });
  }
}

export async function createCommitteeMember(
  deps: PartyDeps,
  principal: Principal,
  villageId: number,
  input: CommitteeMemberFields,
): Promise<{ id: number }> {
  const village = await requireVillage(deps.db, principal, villageId);
  requireText(input.personName, 'personName', '姓名');
  requireText(input.post, 'post', '职务');
  decided(checkTerm(input.termStart, input.termEnd, false));
  const unitName = await unitNameOf(deps, principal, input);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('party_committee_members')
      .values({
        county_code: village.countyCode,
        town_id: village.townId as number,
        village_id: village.id,
        unit_org_id: input.unitOrgId ?? null,
        unit_name: unitName,
        person_name: input.personName.trim(),
        post: input.post.trim(),
        term_start: input.termStart,
        term_end: input.termEnd,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writePartyChange(trx, deps.audit, principal, {
      kind: 'party_committee_member',
      id,
      type: 'create',
      version: 1,
      at: now,
      details: { villageId: village.id, unitName, post: input.post.trim() },
    });
    return { id };
  });
}

export async function updateCommitteeMember(
  deps: PartyDeps,
  principal: Principal,
  id: number,
  input: Partial<CommitteeMemberFields> & { version: number; active?: boolean },
): Promise<void> {
  const row = await deps.db
    .selectFrom('party_committee_members')
    .selectAll()
    .where('id', '=', id)
    .where(inPartyScope(principal, 'party_committee_members'))
    .executeTakeFirst();
  if (!row) throw new AppError('PARTY_COMMITTEE_MEMBER_NOT_FOUND', { details: { id } });
  requireText(input.personName, 'personName', '姓名');
  requireText(input.post, 'post', '职务');
  const termStart = input.termStart ?? row.term_start;
  const termEnd = input.termEnd ?? row.term_end;
  decided(checkTerm(termStart, termEnd, false));
  const unitName =
    input.unitOrgId !== undefined || input.unitName !== undefined
      ? await unitNameOf(deps, principal, { unitOrgId: input.unitOrgId ?? row.unit_org_id, unitName: input.unitName })
      : row.unit_name;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('party_committee_members')
      .set({
        unit_org_id: input.unitOrgId === undefined ? row.unit_org_id : input.unitOrgId,
        unit_name: unitName,
        person_name: input.personName?.trim() ?? row.person_name,
        post: input.post?.trim() ?? row.post,
        term_start: termStart,
        term_end: termEnd,
        active: input.active ?? row.active,
        version: sql`version + 1`,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    requireUpdated(updated, { id, yourVersion: input.version });
    await writePartyChange(trx, deps.audit, principal, {
      kind: 'party_committee_member',
      id,
      type: 'edit',
      version: input.version + 1,
      at: now,
      details: { fields: changedFields(input) },
    });
  });
}
