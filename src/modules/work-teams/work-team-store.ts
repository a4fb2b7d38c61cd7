// Reading and writing a work team's rows: the team within the principal's scope, its history entries, its member
// units and people, and the checks that every unit and person named belongs to the county.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { DB, WorkTeamsTable } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { checkTeam, checkTeamActive, type TeamInput, type TeamState } from '../../domain/work-team/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import { ruleError } from '../record-history/index.js';
import type { TaskService } from '../tasks/index.js';
import { runsTeam, workTeamsVisibleTo } from './work-team-scope.js';

export type TeamRow = Selectable<WorkTeamsTable>;
type Db = Kysely<DB> | Transaction<DB>;

/** What every use case of the module needs. */
export interface WorkTeamDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  tasks: TaskService;
  contexts: CaseContextProvider;
}

/** Units that may be members of a team (not grids or party cells). */
const MEMBER_KINDS = ['county', 'town', 'village', 'department', 'office', 'third_party'] as const;

/** The team, if the principal sees it (principal null: the system); otherwise WORK_TEAM_NOT_FOUND. */
export async function loadTeam(db: Db, id: number, principal: Principal | null, lock = false): Promise<TeamRow> {
  let query = db.selectFrom('work_teams').selectAll().where('id', '=', id);
  if (principal) query = query.where(workTeamsVisibleTo(principal));
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('WORK_TEAM_NOT_FOUND', { details: { teamId: id } });
  return row;
}

/**
 * The team for a change by the principal, locked in the transaction: seen (else 404), run by the principal
 * (else 403), still running (else 409), at the version the caller saw (else 409 CONFLICT).
 */
export async function teamForChange(trx: Transaction<DB>, id: number, principal: Principal, version?: number) {
  const team = await loadTeam(trx, id, principal, true);
  if (!runsTeam(principal, team)) {
    throw new AppError('FORBIDDEN', { message: '只有专班组长或牵头单位可以修改专班、交办任务' });
  }
  if (!checkTeamActive(team.state as TeamState).ok) throw new AppError('WORK_TEAM_ENDED', { details: { teamId: id } });
  if (version !== undefined && team.version !== version) {
    throw new AppError('CONFLICT', {
      details: { teamId: id, current: { version: team.version }, yourVersion: version },
    });
  }
  return team;
}

/** The team as a person sent it: checked by the domain rules, then its lead, units and people against the county. */
export interface TeamBody extends TeamInput {
  readonly leadUserId: number;
}

export async function checkTeamBody(
  trx: Transaction<DB>,
  body: TeamBody,
  organiserOrgId: number,
  countyCode: string,
): Promise<TeamBody> {
  const checked = checkTeam(body);
  if (!checked.ok) throw ruleError(checked.error);
  const lead = await trx
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select('users.id')
    .where('users.id', '=', body.leadUserId)
    .where('users.role', '=', 'leader')
    .where('users.active', '=', true)
    .where('orgs.county_code', '=', countyCode)
    .executeTakeFirst();
  if (!lead) {
    throw new AppError('VALIDATION_FAILED', {
      message: '专班组长须为本县在岗的县领导账号，请重新选择',
      details: { field: 'leadUserId' },
    });
  }
  const unitIds = checked.value.units.map((u) => u.orgId);
  const known = await trx
    .selectFrom('orgs')
    .select('id')
    .where('id', 'in', unitIds)
    .where('county_code', '=', countyCode)
    .where('active', '=', true)
    .where('kind', 'in', MEMBER_KINDS)
    .execute();
  const unknown = unitIds.filter((id) => !known.some((o) => o.id === id));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: '所选成员单位不存在、已停用或不属于本县，请重新选择',
      details: { field: 'units', orgIds: unknown },
    });
  }
  const allowed = new Set([organiserOrgId, ...unitIds]);
  const stray = checked.value.members.findIndex((m) => !allowed.has(m.orgId));
  if (stray >= 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: '专班成员所在单位须为牵头单位或成员单位',
      details: { field: `members[${stray}].orgId` },
    });
  }
  return { ...checked.value, leadUserId: body.leadUserId };
}

/**
 * Writes the member units and people of a team: units keep the day they joined (new ones join today, or on the
 * team's first day if later), units no longer named leave, the list of people is replaced.
 */
export async function writeUnitsAndMembers(trx: Transaction<DB>, teamId: number, body: TeamBody, now: Date) {
  const today = chinaDayOf(now);
  // the later of the team's first day and today ('YYYY-MM-DD' sorts as dates do)
  const since = [body.startDate, today].sort()[1] as string;
  const unitIds = body.units.map((u) => u.orgId);
  await trx.deleteFrom('work_team_units').where('team_id', '=', teamId).where('org_id', 'not in', unitIds).execute();
  for (const [sort, unit] of body.units.entries()) {
    const contact = { contact_name: unit.contactName, contact_phone: unit.contactPhone ?? null, sort };
    await trx
      .insertInto('work_team_units')
      .values({ team_id: teamId, org_id: unit.orgId, since, ...contact })
      .onConflict((oc) => oc.columns(['team_id', 'org_id']).doUpdateSet(contact))
      .execute();
  }
  await trx.deleteFrom('work_team_members').where('team_id', '=', teamId).execute();
  if (body.members.length > 0) {
    await trx
      .insertInto('work_team_members')
      .values(
        body.members.map((m, sort) => ({
          team_id: teamId,
          name: m.name,
          org_id: m.orgId,
          role: m.role,
          phone: m.phone ?? null,
          sort,
        })),
      )
      .execute();
  }
}
