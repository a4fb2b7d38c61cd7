// Volunteer teams (志愿服务队): a unit of the staff's subtree founds one (a village, a town, or a social
// organisation's own account); citizens who registered join and leave open teams from the phone.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction, type VolunteerDeps } from './volunteer-deps.js';
import { citizenOnly, requireOwnUnit } from './volunteer-scope.js';
import { volunteerOfUser } from './volunteer-store.js';

export interface TeamInput {
  orgId?: number;
  name: string;
  leaderName?: string;
  intro?: string;
  open?: boolean;
}

const TEAM_UNITS = ['county', 'town', 'village', 'third_party'];

export async function createTeam(deps: VolunteerDeps, principal: Principal, input: TeamInput): Promise<{ id: number }> {
  const orgId = input.orgId ?? principal.orgId;
  if (orgId === null) throw new AppError('FORBIDDEN');
  requireOwnUnit(principal, orgId);
  const name = input.name.trim();
  if (!name || name.length > 50) {
    throw new AppError('VALIDATION_FAILED', { message: '请填写服务队名称（50 字以内）', details: { field: 'name' } });
  }
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const org = await trx
      .selectFrom('orgs')
      .select(['kind', 'county_code'])
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow();
    if (!TEAM_UNITS.includes(org.kind)) {
      throw new AppError('VALIDATION_FAILED', {
        message: '志愿服务队须属于县、镇街、村社区或社会组织',
        details: { field: 'orgId' },
      });
    }
    const socialOrg = await trx.selectFrom('social_orgs').select('id').where('org_id', '=', orgId).executeTakeFirst();
    const row = await trx
      .insertInto('volunteer_teams')
      .values({
        county_code: org.county_code,
        org_id: orgId,
        social_org_id: socialOrg?.id ?? null,
        name,
        leader_name: (input.leaderName ?? '').trim().slice(0, 30),
        intro: (input.intro ?? '').trim().slice(0, 500),
        open: input.open ?? true,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['org_id', 'name']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('DUPLICATE', { message: '本单位已有同名的志愿服务队', details: { field: 'name' } });
    await deps.audit.record(
      principal,
      { action: 'volunteer.team.create', targetType: 'volunteer_team', targetId: row.id, details: { orgId, name } },
      trx,
    );
    return { id: row.id };
  });
}

/** A registered volunteer joins an open team (joining twice changes nothing). */
export async function joinTeam(deps: VolunteerDeps, principal: Principal, teamId: number): Promise<{ joined: true }> {
  const userId = citizenOnly(principal);
  const volunteer = await volunteerOfUser(deps.db, userId);
  const team = await deps.db
    .selectFrom('volunteer_teams')
    .select(['id', 'open'])
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team?.open) throw new AppError('VOLUNTEER_TEAM_NOT_FOUND', { details: { teamId } });
  await inTransaction(deps.db, async (trx) => {
    const added = await trx
      .insertInto('volunteer_team_members')
      .values({ team_id: teamId, volunteer_id: volunteer.id, joined_at: deps.clock.now() })
      .onConflict((oc) => oc.columns(['team_id', 'volunteer_id']).doNothing())
      .returning('team_id')
      .executeTakeFirst();
    if (added) {
      await deps.audit.record(
        principal,
        {
          action: 'volunteer.team.join',
          targetType: 'volunteer_team',
          targetId: teamId,
          details: { volunteerId: volunteer.id },
        },
        trx,
      );
    }
  });
  return { joined: true };
}

export async function leaveTeam(deps: VolunteerDeps, principal: Principal, teamId: number): Promise<{ left: true }> {
  const userId = citizenOnly(principal);
  const volunteer = await volunteerOfUser(deps.db, userId);
  await inTransaction(deps.db, async (trx) => {
    const removed = await trx
      .deleteFrom('volunteer_team_members')
      .where('team_id', '=', teamId)
      .where('volunteer_id', '=', volunteer.id)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw new AppError('VOLUNTEER_TEAM_NOT_FOUND', { details: { teamId } });
    await deps.audit.record(
      principal,
      {
        action: 'volunteer.team.leave',
        targetType: 'volunteer_team',
        targetId: teamId,
        details: { volunteerId: volunteer.id },
      },
      trx,
    );
  });
  return { left: true };
}
