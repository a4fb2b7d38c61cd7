// What each timeline event of a case adds to the rollups (see src/db/migrations/0005_rollups.sql for the
// meaning of every measure). Pure: a case's events in version order in, the facts of the chosen events out.

export const FINISHED = new Set(['rejected', 'closed', 'archived', 'merged']);

export const UNIT_MEASURES = [
  'dispatched',
  'assisted',
  'signed',
  'signed_on_time',
  'returned',
  'replied',
  'replied_on_time',
  'resolved',
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
  'completed',
  'completed_on_time',
  'overdue',
  'reopened',
  'supervised',
  'sign_count',
  'sign_seconds',
  'close_count',
  'close_seconds',
] as const;
export type UnitMeasure = (typeof UNIT_MEASURES)[number];

/** Upper bounds (seconds) of the histogram buckets; the last bucket is open-ended. */
const HOUR = 3600;
const DAY = 24 * HOUR;
export const DURATION_BUCKETS = {
  sign: [HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, DAY, 2 * DAY, 3 * DAY, 7 * DAY],
  close: [DAY, 2 * DAY, 3 * DAY, 5 * DAY, 7 * DAY, 15 * DAY, 30 * DAY],
} as const;
export type DurationMetric = keyof typeof DURATION_BUCKETS;

/** Labels of the buckets (zh-CN), in order. */
export const DURATION_BUCKET_LABELS: Record<DurationMetric, readonly string[]> = {
  sign: ['1小时内', '1–2小时', '2–4小时', '4–8小时', '8–24小时', '1–2天', '2–3天', '3–7天', '7天以上'],
  close: ['1天内', '1–2天', '2–3天', '3–5天', '5–7天', '7–15天', '15–30天', '30天以上'],
};

export function durationBucket(metric: DurationMetric, seconds: number): number {
  const bounds = DURATION_BUCKETS[metric];
  for (let i = 0; i < bounds.length; i++) if (seconds < (bounds[i] as number)) return i;
  return bounds.length;
}

const TZ_OFFSET_MS = 8 * 3600_000;

/** The local date in China (UTC+8) of an instant, 'YYYY-MM-DD'. */
export function localDay(at: Date): string {
  return new Date(at.getTime() + TZ_OFFSET_MS).toISOString().slice(0, 10);
}

export interface RollupEvent {
  id: number;
  version: number;
  at: Date;
  type: string;
  orgId: number | null;
  fromState: string | null;
  toState: string;
  details: Record<string, unknown>;
}

/** The case row's dimensions (0 = none). */
export interface CaseDims {
  ownerOrgId: number;
  gridId: number;
}

export interface PlaceFact {
  eventId: number;
  day: string;
  received: number;
  closed: number;
  openDelta: number;
}

export interface UnitFact {
  eventId: number;
  day: string;
  unitId: number;
  measure: UnitMeasure;
  value: number;
}

export interface DurationFact {
  eventId: number;
  day: string;
  metric: DurationMetric;
  bucket: number;
  seconds: number;
}

export interface CaseFacts {
  place: PlaceFact[];
  units: UnitFact[];
  durations: DurationFact[];
}

const OWNER_CLOCKS = new Set(['accept', 'verify', 'dispatch', 'handle', 'reply']);
const REOPENED_STATES = new Set(['handling', 'pending_dispatch']);
const ANSWERED_STATES = new Set(['replied', 'closed', 'appealed']);

function orgNumber(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

function isOpen(state: string | null): number {
  return state !== null && !FINISHED.has(state) ? 1 : 0;
}

/**
 * Walks a case's events (all of them up to the last wanted, in version order) and returns the facts of the
 * events whose id is in `wanted` (all when omitted). Earlier events only feed the walk's memory: the last
 * dispatch, the last replying unit, which clocks ran out.
 */
export function caseFacts(events: readonly RollupEvent[], dims: CaseDims, wanted?: (id: number) => boolean): CaseFacts {
  const out: CaseFacts = { place: [], units: [], durations: [] };
  let openedAt: Date | null = null;
  let dispatchedAt: Date | null = null;
  let lead = 0;
  let owner = 0;
  let signOverdue = new Set<number>();
  let ownerOverdue = false;
  let lastReplyUnit = 0;
  let lastReplyOnTime = true;

  for (const e of events) {
    const take = wanted ? wanted(e.id) : true;
    const day = localDay(e.at);
    const unit = (unitId: number, measure: UnitMeasure, value = 1) => {
      if (take && unitId > 0) out.units.push({ eventId: e.id, day, unitId, measure, value });
    };
    const credited = () => lastReplyUnit || lead || owner || dims.ownerOrgId;
    const responsible = () => lead || owner || dims.ownerOrgId;

    const openDelta = isOpen(e.toState) - isOpen(e.fromState);
    const received = e.type === 'opened' ? 1 : 0;
    const closed = e.toState === 'closed' && e.fromState !== 'closed' ? 1 : 0;
    if (take && (received || closed || openDelta)) {
      out.place.push({ eventId: e.id, day, received, closed, openDelta });
    }

    switch (e.type) {
      case 'opened':
        openedAt = e.at;
        owner = orgNumber(e.details.ownerOrgId) || e.orgId || 0;
        break;
      case 'dispatch': {
        lead = orgNumber(e.details.leadOrgId);
        owner = lead;
        dispatchedAt = e.at;
        signOverdue = new Set();
        ownerOverdue = false;
        unit(lead, 'dispatched');
        const assisting = Array.isArray(e.details.assistingOrgIds) ? e.details.assistingOrgIds : [];
        for (const id of assisting) unit(orgNumber(id), 'assisted');
        break;
      }
      case 'signFor': {
        const by = e.orgId ?? 0;
        unit(by, 'signed');
        if (!signOverdue.has(by)) unit(by, 'signed_on_time');
        if (dispatchedAt) {
          const seconds = Math.max(0, (e.at.getTime() - dispatchedAt.getTime()) / 1000);
          unit(by, 'sign_count');
          unit(by, 'sign_seconds', seconds);
          if (take)
            out.durations.push({
              eventId: e.id,
              day,
              metric: 'sign',
              bucket: durationBucket('sign', seconds),
              seconds,
            });
        }
        break;
      }
      case 'returnCase':
        unit(e.orgId ?? 0, 'returned');
        owner = orgNumber(e.details.returnedTo) || owner;
        lead = 0;
        ownerOverdue = false;
        break;
      case 'reportUp':
        owner = 0;
        lead = 0;
        ownerOverdue = false;
        break;
      case 'reply':
      case 'handleAtGrid': {
        const by = e.orgId ?? (e.type === 'handleAtGrid' ? dims.gridId : 0);
        lastReplyUnit = by;
        lastReplyOnTime = !ownerOverdue;
        unit(by, 'replied');
        if (lastReplyOnTime) unit(by, 'replied_on_time');
        break;
      }
      case 'closeOnTheSpot': {
        const by = e.orgId ?? owner;
        lastReplyUnit = by;
        lastReplyOnTime = true;
        unit(by, 'replied');
        unit(by, 'replied_on_time');
        break;
      }
      case 'callback':
      case 'rate': {
        const rating = String(e.details.rating ?? '');
        if (rating === 'satisfied' || rating === 'basically_satisfied' || rating === 'unsatisfied') {
          unit(credited(), rating);
        }
        break;
      }
      case 'escalateOverdue': {
        const key = String(e.details.deadlineKey ?? '');
        const kind = String(e.details.overdueKind ?? key.split(':')[0]);
        const keyed = key.includes(':') ? orgNumber(key.slice(key.indexOf(':') + 1)) : 0;
        const who = keyed || responsible();
        if (kind === 'sign_for' && keyed) signOverdue.add(keyed);
        if (OWNER_CLOCKS.has(kind)) ownerOverdue = true;
        unit(who, 'overdue');
        unit(who, 'supervised');
        break;
      }
      case 'supervise':
        unit(responsible(), 'supervised');
        break;
    }

    // Reopened (重办): an answered case sent back to work.
    if (e.fromState && ANSWERED_STATES.has(e.fromState) && REOPENED_STATES.has(e.toState)) {
      unit(credited(), 'reopened');
      lead = e.toState === 'handling' ? lead : 0;
      ownerOverdue = false;
    }

    // 办结 by the handling (a refused appeal returning to 'closed' is not a second completion).
    if (closed && (e.type === 'close' || e.type === 'closeOnTheSpot')) {
      const by = credited();
      unit(by, 'completed');
      if (lastReplyOnTime) unit(by, 'completed_on_time');
      if (e.type === 'close' && e.details.by === 'rating') unit(by, 'resolved');
      if (openedAt) {
        const seconds = Math.max(0, (e.at.getTime() - openedAt.getTime()) / 1000);
        unit(by, 'close_count');
        unit(by, 'close_seconds', seconds);
        if (take) {
          out.durations.push({
            eventId: e.id,
            day,
            metric: 'close',
            bucket: durationBucket('close', seconds),
            seconds,
          });
        }
      }
    }
  }
  return out;
}
