// A volunteer signs up for an activity from the phone, or withdraws before it starts. The places are counted on
// the activity's row and taken by one conditional UPDATE (signed_up < capacity): however many sign up at once,
// exactly as many as there are places succeed and the others get VOLUNTEER_ACTIVITY_FULL ("名额已满"). The
// sign-up row is keyed by (activity, volunteer), so the same volunteer signing up twice at once holds one place.
import { AppError } from '../../core/errors.js';
import { type ActivityState, signupOpen } from '../../domain/volunteer/index.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction, type VolunteerDeps } from './volunteer-deps.js';
import { decided } from './volunteer-errors.js';
import { citizenOnly } from './volunteer-scope.js';
import { volunteerOfUser, writeActivityChange } from './volunteer-store.js';

async function openActivity(deps: VolunteerDeps, activityId: number) {
  const row = await deps.db
    .selectFrom('volunteer_activities')
    .selectAll()
    .where('id', '=', activityId)
    .executeTakeFirst();
  // a draft is nobody's business but its organiser's
  if (!row || row.state === 'draft') throw new AppError('VOLUNTEER_ACTIVITY_NOT_FOUND', { details: { activityId } });
  return row;
}

export async function signUp(
  deps: VolunteerDeps,
  principal: Principal,
  activityId: number,
): Promise<{ signupId: number }> {
  const userId = citizenOnly(principal);
  const volunteer = await volunteerOfUser(deps.db, userId);
  const activity = await openActivity(deps, activityId);
  const now = deps.clock.now();
  decided(signupOpen(activity.state as ActivityState, now, new Date(activity.starts_at)));
  return inTransaction(deps.db, async (trx) => {
    const signup = await trx
      .insertInto('volunteer_signups')
      .values({ activity_id: activityId, volunteer_id: volunteer.id, state: 'signed', signed_at: now })
      .onConflict((oc) =>
        oc
          .columns(['activity_id', 'volunteer_id'])
          .doUpdateSet({ state: 'signed', signed_at: now, cancelled_at: null })
          .where('volunteer_signups.state', '=', 'cancelled'),
      )
      .returning('id')
      .executeTakeFirst();
    if (!signup) throw new AppError('VOLUNTEER_ALREADY_SIGNED_UP', { details: { activityId } });
    const taken = await trx
      .updateTable('volunteer_activities')
      .set((eb) => ({ signed_up: eb('signed_up', '+', 1) }))
      .where('id', '=', activityId)
      .where('state', '=', 'open')
      .where((eb) => eb('signed_up', '<', eb.ref('capacity')))
      .returning(['signed_up', 'capacity', 'version', 'village_id'])
      .executeTakeFirst();
    if (!taken) {
      throw new AppError('VOLUNTEER_ACTIVITY_FULL', {
        message: '名额已满',
        details: { activityId, capacity: activity.capacity },
      });
    }
    await writeActivityChange(trx, deps.audit, principal, {
      activityId,
      villageId: taken.village_id,
      version: taken.version,
      type: 'sign_up',
      state: 'open',
      at: now,
      ref: signup.id,
      details: { volunteerId: volunteer.id, signedUp: taken.signed_up, capacity: taken.capacity },
    });
    return { signupId: signup.id };
  });
}

export async function cancelSignup(
  deps: VolunteerDeps,
  principal: Principal,
  activityId: number,
): Promise<{ cancelled: true }> {
  const userId = citizenOnly(principal);
  const volunteer = await volunteerOfUser(deps.db, userId);
  const activity = await openActivity(deps, activityId);
  const now = deps.clock.now();
  decided(signupOpen(activity.state as ActivityState, now, new Date(activity.starts_at)));
  await inTransaction(deps.db, async (trx) => {
    const cancelled = await trx
      .updateTable('volunteer_signups')
      .set({ state: 'cancelled', cancelled_at: now })
      .where('activity_id', '=', activityId)
      .where('volunteer_id', '=', volunteer.id)
      .where('state', '=', 'signed')
      .where('checked_in_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!cancelled) throw new AppError('VOLUNTEER_NOT_SIGNED_UP', { details: { activityId } });
    const row = await trx
      .updateTable('volunteer_activities')
      .set((eb) => ({ signed_up: eb('signed_up', '-', 1) }))
      .where('id', '=', activityId)
      .returning(['version', 'village_id', 'state'])
      .executeTakeFirstOrThrow();
    await writeActivityChange(trx, deps.audit, principal, {
      activityId,
      villageId: row.village_id,
      version: row.version,
      type: 'cancel_signup',
      state: row.state as ActivityState,
      at: now,
      ref: cancelled.id,
      details: { volunteerId: volunteer.id },
    });
  });
  return { cancelled: true };
}
