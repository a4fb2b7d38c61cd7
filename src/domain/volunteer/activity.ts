// The life of a volunteer activity as a pure state machine: 草稿 → 报名中 → 进行中 → 已结束, or 已取消 before it
// runs. Sign-up is open only while 报名中 and before the start; check-in and check-out while it may still be
// served (报名中 or 进行中), check-out also once it has ended (the hours are capped by the activity anyway).
import { err, ok, type Result } from '../result.js';

export const ACTIVITY_STATES = ['draft', 'open', 'running', 'finished', 'cancelled'] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];

export const ACTIVITY_STATE_LABELS: Readonly<Record<ActivityState, string>> = {
  draft: '草稿',
  open: '报名中',
  running: '进行中',
  finished: '已结束',
  cancelled: '已取消',
};

export const ACTIVITY_ACTIONS = ['publish', 'start', 'finish', 'cancel'] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

export const ACTIVITY_ACTION_LABELS: Readonly<Record<ActivityAction, string>> = {
  publish: '发布报名',
  start: '开始活动',
  finish: '结束活动',
  cancel: '取消活动',
};

const TRANSITIONS: Readonly<Record<ActivityAction, { from: readonly ActivityState[]; to: ActivityState }>> = {
  publish: { from: ['draft'], to: 'open' },
  start: { from: ['open'], to: 'running' },
  finish: { from: ['open', 'running'], to: 'finished' },
  cancel: { from: ['draft', 'open'], to: 'cancelled' },
};

export interface VolunteerRuleError {
  readonly code: 'VALIDATION' | 'ACTIVITY_ACTION_NOT_ALLOWED_IN_STATE';
  readonly field?: string;
  readonly message: string;
}

const notInState = (message: string) =>
  err<VolunteerRuleError>({ code: 'ACTIVITY_ACTION_NOT_ALLOWED_IN_STATE', message });

/** The state after `action`, or why the activity cannot take it now. */
export function nextActivityState(
  state: ActivityState,
  action: ActivityAction,
  context: { now: Date; startsAt: Date; reason?: string },
): Result<ActivityState, VolunteerRuleError> {
  const t = TRANSITIONS[action];
  if (!t.from.includes(state)) {
    const needed = t.from.map((s) => `“${ACTIVITY_STATE_LABELS[s]}”`).join('或');
    return notInState(
      `活动当前状态为“${ACTIVITY_STATE_LABELS[state]}”，只有${needed}的活动可以${ACTIVITY_ACTION_LABELS[action]}`,
    );
  }
  if (action === 'cancel' && !context.reason?.trim()) {
    return err({ code: 'VALIDATION', field: 'reason', message: '请填写取消原因' });
  }
  if (action === 'start' && context.now.getTime() < context.startsAt.getTime() - CHECKIN_EARLY_MS) {
    return notInState('活动开始前 30 分钟内才能开始活动');
  }
  return ok(t.to);
}

/** The actions staff may take on an activity in this state (for the buttons). */
export function allowedActivityActions(state: ActivityState): ActivityAction[] {
  return ACTIVITY_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(state));
}

/** A volunteer may sign up (or cancel their sign-up) while the activity takes sign-ups and has not begun. */
export function signupOpen(state: ActivityState, now: Date, startsAt: Date): Result<true, VolunteerRuleError> {
  if (state !== 'open') return notInState(`活动当前状态为“${ACTIVITY_STATE_LABELS[state]}”，不在报名中`);
  if (now.getTime() >= startsAt.getTime()) return notInState('活动已开始，报名已截止');
  return ok(true);
}

/** Check-in opens 30 minutes before the start. */
export const CHECKIN_EARLY_MS = 30 * 60_000;
/** How far from the activity's point a check-in or check-out may be made. */
export const CHECKIN_RADIUS_M = 500;

export interface GeoPoint {
  readonly lat: number;
  readonly lng: number;
}

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface SiteCheck {
  readonly state: ActivityState;
  readonly startsAt: Date;
  readonly endsAt: Date;
  /** the activity's point, when it has one */
  readonly point: GeoPoint | null;
}

function onSite(site: SiteCheck, at: GeoPoint | null): Result<true, VolunteerRuleError> {
  if (!site.point) return ok(true);
  if (!at) return err({ code: 'VALIDATION', field: 'lat', message: '请开启定位后在活动现场签到' });
  const d = distanceMetres(site.point, at);
  if (d > CHECKIN_RADIUS_M) {
    return err({
      code: 'VALIDATION',
      field: 'lat',
      message: `您距活动地点约 ${Math.round(d)} 米，须在 ${CHECKIN_RADIUS_M} 米内签到签退`,
    });
  }
  return ok(true);
}

/** Check-in: from 30 minutes before the start to the end, in 报名中 or 进行中, on site when the activity has a point. */
export function checkInAllowed(site: SiteCheck, now: Date, at: GeoPoint | null): Result<true, VolunteerRuleError> {
  if (site.state !== 'open' && site.state !== 'running') {
    return notInState(`活动当前状态为“${ACTIVITY_STATE_LABELS[site.state]}”，不能签到`);
  }
  if (now.getTime() < site.startsAt.getTime() - CHECKIN_EARLY_MS) {
    return notInState('签到在活动开始前 30 分钟开放');
  }
  if (now.getTime() > site.endsAt.getTime()) return notInState('活动时间已过，不能签到');
  return onSite(site, at);
}

/**
 * Check-out: after a check-in, while the activity is not cancelled; on site when the activity has a point, unless
 * the activity has already ended (a volunteer who forgot is credited up to the end, not beyond).
 */
export function checkOutAllowed(site: SiteCheck, now: Date, at: GeoPoint | null): Result<true, VolunteerRuleError> {
  if (site.state === 'cancelled' || site.state === 'draft') {
    return notInState(`活动当前状态为“${ACTIVITY_STATE_LABELS[site.state]}”，不能签退`);
  }
  if (now.getTime() > site.endsAt.getTime()) return ok(true);
  return onSite(site, at);
}
