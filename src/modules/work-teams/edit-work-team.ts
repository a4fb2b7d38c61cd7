// Edits a running team (its name, topic, lead, period, member units and people) at the version the editor saw.
// A unit that joins owes reports from today; one that leaves keeps the report tasks it already has.
import { AppError } from '../../core/errors.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import type { Principal } from '../auth/principal.js';
import { recordChange } from '../record-history/index.js';
import { openTeamReports } from './open-weekly-reports.js';
import {
  checkTeamBody,
  type TeamBody,
  teamForChange,
  type WorkTeamDeps,
  writeUnitsAndMembers,
} from './work-team-store.js';

export interface EditWorkTeamInput extends TeamBody {
  readonly version: number;
}

export async function editWorkTeam(
  deps: WorkTeamDeps,
  id: number,
  input: EditWorkTeamInput,
  principal: Principal,
): Promise<void> {
  const { now, calendar } = await deps.contexts.context();
  await deps.db.transaction().execute(async (trx) => {
    const team = await teamForChange(trx, id, principal, input.version);
    const body = await checkTeamBody(trx, input, team.organiser_org_id, team.county_code);
    if (body.endDate !== team.end_date && body.endDate < chinaDayOf(now)) {
      throw new AppError('VALIDATION_FAILED', {
        message: '结束日期不能早于今天；如需提前结束，请使用“结束专班”',
        details: { field: 'endDate' },
      });
    }
    const before = {
      name: team.name,
      topic: team.topic,
      startDate: team.start_date,
      endDate: team.end_date,
      leadUserId: team.lead_user_id,
    };
    const changed = (Object.keys(before) as (keyof typeof before)[]).filter((field) => before[field] !== body[field]);
    const updated = await trx
      .updateTable('work_teams')
      .set((eb) => ({
        name: body.name,
        topic: body.topic,
        lead_user_id: body.leadUserId,
        start_date: body.startDate,
        end_date: body.endDate,
        unit_ids: [...new Set([team.organiser_org_id, ...body.units.map((u) => u.orgId)])],
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeUnitsAndMembers(trx, id, body, now);
    const details = { fields: changed, units: body.units.length };
    await recordChange(trx, deps.audit, principal, { kind: 'work_team', id, type: 'edit', at: now, details });
    // A unit that joined mid-week owes this week's report too.
    await openTeamReports(deps, trx, updated, now, calendar);
  });
}
