// A citizen registers as a volunteer from the phone (or updates their profile): their name, skills and the
// village they live in — taken from the household list when their phone heads a household, otherwise the one
// they choose. One volunteer per account (users.id is unique on the row).
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction, type VolunteerDeps } from './volunteer-deps.js';
import { citizenOnly } from './volunteer-scope.js';

export interface RegisterVolunteerInput {
  name: string;
  skills?: string[];
  intro?: string;
  villageId?: number | null;
}

export async function registerVolunteer(
  deps: VolunteerDeps,
  principal: Principal,
  input: RegisterVolunteerInput,
): Promise<{ id: number }> {
  const userId = citizenOnly(principal);
  const name = input.name.trim();
  if (!name || name.length > 30) {
    throw new AppError('VALIDATION_FAILED', { message: '请填写姓名（30 字以内）', details: { field: 'name' } });
  }
  const skills = [...new Set((input.skills ?? []).map((s) => s.trim()).filter(Boolean))];
  if (skills.length > 10 || skills.some((s) => s.length > 20)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '特长不超过 10 项，每项 20 字以内',
      details: { field: 'skills' },
    });
  }
  const intro = (input.intro ?? '').trim();
  if (intro.length > 500) {
    throw new AppError('VALIDATION_FAILED', { message: '个人简介不超过 500 字', details: { field: 'intro' } });
  }
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const user = await trx.selectFrom('users').select(['phone']).where('id', '=', userId).executeTakeFirstOrThrow();
    const phone = user.phone ?? '';
    let villageId = input.villageId ?? null;
    if (villageId === null) {
      const household = await trx
        .selectFrom('points_households')
        .select('village_id')
        .where('head_phone', '=', phone)
        .where('active', '=', true)
        .executeTakeFirst();
      villageId = household?.village_id ?? null;
    }
    let countyCode: string | null = null;
    if (villageId !== null) {
      const village = await trx
        .selectFrom('orgs')
        .select(['county_code'])
        .where('id', '=', villageId)
        .where('kind', '=', 'village')
        .where('active', '=', true)
        .executeTakeFirst();
      if (!village) {
        throw new AppError('VALIDATION_FAILED', { message: '所选村（社区）不存在', details: { field: 'villageId' } });
      }
      countyCode = village.county_code;
    }
    const fields = { name, phone, skills, intro, village_id: villageId, county_code: countyCode, updated_at: now };
    const row = await trx
      .insertInto('volunteers')
      .values({ ...fields, user_id: userId, created_at: now })
      .onConflict((oc) =>
        oc
          .column('user_id')
          .doUpdateSet((eb) => ({ ...fields, active: true, version: eb('volunteers.version', '+', 1) })),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.audit.record(
      principal,
      { action: 'volunteer.register', targetType: 'volunteer', targetId: row.id, details: { villageId, skills } },
      trx,
    );
    return { id: row.id };
  });
}
