// Forms a special work team (成立工作专班): the principal's unit organises it (or a unit of its subtree), a county
// leader leads it, member units each name a contact. The team, its units and people, its history entry, the
// audit entry and this week's report tasks commit together.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { recordChange } from '../record-history/index.js';
import { openTeamReports } from './open-weekly-reports.js';
import { checkTeamBody, type TeamBody, type WorkTeamDeps, writeUnitsAndMembers } from './work-team-store.js';

export interface CreateWorkTeamInput extends TeamBody {
  /** The organising unit; the principal's own by default. */
  readonly organiserOrgId?: number;
}

export async function createWorkTeam(
  deps: WorkTeamDeps,
  input: CreateWorkTeamInput,
  principal: Principal,
): Promise<{ id: number }> {
  const organiserOrgId = input.organiserOrgId ?? principal.orgId;
  if (organiserOrgId === null || !principal.scopeOrgIds.includes(organiserOrgId) || !principal.countyCode) {
    throw new AppError('VALIDATION_FAILED', {
      message: '牵头单位须为本单位或下级单位',
      details: { field: 'organiserOrgId' },
    });
  }
  const countyCode = principal.countyCode;
  const { now, calendar } = await deps.contexts.context();
  return deps.db.transaction().execute(async (trx) => {
    const body = await checkTeamBody(trx, input, organiserOrgId, countyCode);
    const team = await trx
      .insertInto('work_teams')
      .values({
        county_code: countyCode,
        name: body.name,
        topic: body.topic,
        lead_user_id: body.leadUserId,
        organiser_org_id: organiserOrgId,
        start_date: body.startDate,
        end_date: body.endDate,
        state: 'active',
        unit_ids: [...new Set([organiserOrgId, ...body.units.map((u) => u.orgId)])],
        created_by: principal.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeUnitsAndMembers(trx, team.id, body, now);
    const change = { kind: 'work_team', id: team.id, at: now } as const;
    await recordChange(trx, deps.audit, principal, { ...change, type: 'create', details: { name: body.name } });
    const opened = await openTeamReports(deps, trx, team, now, calendar);
    if (opened > 0)
      await recordChange(trx, deps.audit, null, { ...change, type: 'open_reports', details: { count: opened } });
    return { id: team.id };
  });
}
