// Check-in and check-out on site. Check-in: the volunteer signed up, in the window around the start, within
// reach of the activity's point when it has one. Check-out credits the service time once: the UPDATE that sets
// checked_out_at only while it is NULL is the one credit — the volunteer's total, the history and, where the
// village keeps civility points, the points (creditServiceHoursWithin), all in its transaction; a second
// check-out, from a retry or a second phone, finds the time already set and credits nothing.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import {
  type ActivityState,
  checkInAllowed,
  checkOutAllowed,
  creditedMinutes,
  type GeoPoint,
  hoursOf,
  type SiteCheck,
  wholeHours,
} from '../../domain/volunteer/index.js';
import type { Principal } from '../auth/principal.js';
import { creditServiceHoursWithin } from '../points/index.js';
import { inTransaction, type VolunteerDeps } from './volunteer-deps.js';
import { decided } from './volunteer-errors.js';
import { citizenOnly } from './volunteer-scope.js';
import { type ActivityRow, loadActivity, volunteerOfUser, writeActivityChange } from './volunteer-store.js';

export interface SiteInput {
  lat?: number | null;
  lng?: number | null;
}

export interface CheckOutOutcome {
  signupId: number;
  minutes: number;
  hours: number;
  /** false: this check-out was a repeat, nothing more was credited */
  credited: boolean;
  points: { status: 'posted'; points: number } | { status: 'skipped'; reason: string } | null;
}

const siteOf = (a: ActivityRow): SiteCheck => ({
  state: a.state as ActivityState,
  startsAt: new Date(a.starts_at),
  endsAt: new Date(a.ends_at),
  point: a.lat !== null && a.lng !== null ? { lat: a.lat, lng: a.lng } : null,
});

function pointOf(input: SiteInput): GeoPoint | null {
  if (input.lat === undefined || input.lat === null || input.lng === undefined || input.lng === null) return null;
  return { lat: input.lat, lng: input.lng };
}

async function mySignup(trx: Transaction<DB>, activityId: number, volunteerId: number) {
  const row = await trx
    .selectFrom('volunteer_signups')
    .selectAll()
    .where('activity_id', '=', activityId)
    .where('volunteer_id', '=', volunteerId)
    .where('state', '=', 'signed')
    .executeTakeFirst();
  if (!row) throw new AppError('VOLUNTEER_NOT_SIGNED_UP', { details: { activityId } });
  return row;
}

export async function checkIn(
  deps: VolunteerDeps,
  principal: Principal,
  activityId: number,
  input: SiteInput,
): Promise<{ checkedInAt: string }> {
  const volunteer = await volunteerOfUser(deps.db, citizenOnly(principal));
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const activity = await loadActivity(trx, activityId, null);
    const signup = await mySignup(trx, activityId, volunteer.id);
    if (signup.checked_in_at) return { checkedInAt: new Date(signup.checked_in_at).toISOString() };
    const at = pointOf(input);
    decided(checkInAllowed(siteOf(activity), now, at));
    const done = await trx
      .updateTable('volunteer_signups')
      .set({ checked_in_at: now, checkin_lat: at?.lat ?? null, checkin_lng: at?.lng ?? null })
      .where('id', '=', signup.id)
      .where('checked_in_at', 'is', null)
      .returning('checked_in_at')
      .executeTakeFirst();
    if (!done) return { checkedInAt: now.toISOString() };
    await writeActivityChange(trx, deps.audit, principal, {
      activityId,
      villageId: activity.village_id,
      version: activity.version,
      type: 'check_in',
      state: activity.state as ActivityState,
      at: now,
      ref: signup.id,
      details: { volunteerId: volunteer.id, lat: at?.lat ?? null, lng: at?.lng ?? null },
    });
    return { checkedInAt: now.toISOString() };
  });
}

/** The check-out of one sign-up and its one credit, in the caller's transaction (by the volunteer, or by staff for them). */
async function checkOutSignup(
  deps: VolunteerDeps,
  trx: Transaction<DB>,
  principal: Principal,
  activity: ActivityRow,
  signupId: number,
  at: GeoPoint | null,
  now: Date,
  byStaff = false,
): Promise<CheckOutOutcome> {
  const signup = await trx
    .selectFrom('volunteer_signups')
    .selectAll()
    .where('id', '=', signupId)
    .executeTakeFirstOrThrow();
  if (signup.state !== 'signed')
    throw new AppError('VOLUNTEER_NOT_SIGNED_UP', { details: { activityId: activity.id } });
  if (!signup.checked_in_at) throw new AppError('VOLUNTEER_NOT_CHECKED_IN', { details: { activityId: activity.id } });
  const repeat = (): CheckOutOutcome => ({
    signupId,
    minutes: signup.minutes ?? 0,
    hours: hoursOf(signup.minutes ?? 0),
    credited: false,
    points: null,
  });
  if (signup.checked_out_at) return repeat();
  // staff confirm after the end, where the site is not asked
  decided(checkOutAllowed(siteOf(activity), byStaff ? new Date(now.getTime() + 1) : now, at));
  const site = siteOf(activity);
  // a check-out after the end counts to the end: the time is capped by the activity's own
  const minutes = creditedMinutes(new Date(signup.checked_in_at), now, site);
  const done = await trx
    .updateTable('volunteer_signups')
    .set({ checked_out_at: now, checkout_lat: at?.lat ?? null, checkout_lng: at?.lng ?? null, minutes })
    .where('id', '=', signupId)
    .where('checked_out_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!done) return repeat();
  const volunteer = await trx
    .updateTable('volunteers')
    .set((eb) => ({ service_minutes: eb('service_minutes', '+', minutes) }))
    .where('id', '=', signup.volunteer_id)
    .returning(['phone', 'village_id'])
    .executeTakeFirstOrThrow();
  let points: CheckOutOutcome['points'] = null;
  const villageId = volunteer.village_id ?? activity.village_id;
  if (activity.award_points && villageId !== null && minutes > 0) {
    const outcome = await creditServiceHoursWithin(trx, deps.audit, principal, {
      villageId,
      phone: volunteer.phone,
      hours: wholeHours(minutes),
      occurredOn: chinaDayOf(new Date(activity.starts_at)),
      activity: activity.title,
      at: now,
    });
    points = outcome.status === 'posted' ? { status: 'posted', points: outcome.points } : outcome;
    await trx
      .updateTable('volunteer_signups')
      .set({
        points_entry_id: outcome.status === 'posted' ? outcome.entryId : null,
        points_note: outcome.status === 'posted' ? `+${outcome.points} 分` : outcome.reason,
      })
      .where('id', '=', signupId)
      .execute();
  }
  await writeActivityChange(trx, deps.audit, principal, {
    activityId: activity.id,
    villageId: activity.village_id,
    version: activity.version,
    type: 'check_out',
    state: activity.state as ActivityState,
    at: now,
    ref: signupId,
    details: { volunteerId: signup.volunteer_id, minutes, points, byStaff },
  });
  return { signupId, minutes, hours: hoursOf(minutes), credited: true, points };
}

export async function checkOut(
  deps: VolunteerDeps,
  principal: Principal,
  activityId: number,
  input: SiteInput,
): Promise<CheckOutOutcome> {
  const volunteer = await volunteerOfUser(deps.db, citizenOnly(principal));
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const activity = await loadActivity(trx, activityId, null);
    const signup = await mySignup(trx, activityId, volunteer.id);
    return checkOutSignup(deps, trx, principal, activity, signup.id, pointOf(input), now);
  });
}

/**
 * The organiser confirms the hours of a volunteer who forgot to check out: after the activity's end, the
 * check-out is taken at the end (on site is not asked). Repeating it credits nothing more.
 */
export async function confirmHours(
  deps: VolunteerDeps,
  principal: Principal,
  activityId: number,
  signupId: number,
): Promise<CheckOutOutcome> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const activity = await loadActivity(trx, activityId, principal);
    const signup = await trx
      .selectFrom('volunteer_signups')
      .select('id')
      .where('id', '=', signupId)
      .where('activity_id', '=', activityId)
      .executeTakeFirst();
    if (!signup)
      throw new AppError('VOLUNTEER_NOT_SIGNED_UP', { message: '该志愿者未报名此活动', details: { signupId } });
    const endsAt = new Date(activity.ends_at);
    if (now.getTime() < endsAt.getTime()) {
      throw new AppError('VOLUNTEER_ACTIVITY_STATE', { message: '活动结束后才能由组织方确认时长' });
    }
    return checkOutSignup(deps, trx, principal, activity, signupId, null, endsAt, true);
  });
}
