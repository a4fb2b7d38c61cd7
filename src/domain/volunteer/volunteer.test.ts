import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedActivityActions,
  checkActivity,
  checkInAllowed,
  checkOutAllowed,
  creditedMinutes,
  distanceMetres,
  nextActivityState,
  signupOpen,
  wholeHours,
} from './index.js';

const T = (hhmm: string) => new Date(`2026-05-01T${hhmm}:00+08:00`);
const activity = { startsAt: T('09:00'), endsAt: T('11:00') };
const site = { state: 'open' as const, ...activity, point: { lat: 29.3, lng: 120.1 } };

describe('activity state machine', () => {
  it.each([
    ['draft', 'publish', 'open'],
    ['open', 'start', 'running'],
    ['open', 'finish', 'finished'],
    ['running', 'finish', 'finished'],
    ['draft', 'cancel', 'cancelled'],
    ['open', 'cancel', 'cancelled'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    const r = nextActivityState(from, action, { now: T('09:00'), startsAt: T('09:00'), reason: '下雨' });
    expect(r).toEqual({ ok: true, value: to });
  });

  it.each([
    ['open', 'publish'],
    ['running', 'cancel'],
    ['finished', 'start'],
    ['cancelled', 'publish'],
    ['draft', 'start'],
    ['finished', 'finish'],
  ] as const)('%s refuses %s, naming the state', (from, action) => {
    const r = nextActivityState(from, action, { now: T('09:00'), startsAt: T('09:00'), reason: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('ACTIVITY_ACTION_NOT_ALLOWED_IN_STATE');
  });

  it('a cancellation needs a reason; a start waits for 30 minutes before the time', () => {
    expect(nextActivityState('open', 'cancel', { now: T('08:00'), startsAt: T('09:00') }).ok).toBe(false);
    expect(nextActivityState('open', 'start', { now: T('08:00'), startsAt: T('09:00') }).ok).toBe(false);
    expect(nextActivityState('open', 'start', { now: T('08:31'), startsAt: T('09:00') }).ok).toBe(true);
  });

  it('the buttons of each state', () => {
    expect(allowedActivityActions('draft')).toEqual(['publish', 'cancel']);
    expect(allowedActivityActions('running')).toEqual(['finish']);
    expect(allowedActivityActions('finished')).toEqual([]);
  });

  it('sign-up only while 报名中 and before the start', () => {
    expect(signupOpen('open', T('08:59'), T('09:00')).ok).toBe(true);
    expect(signupOpen('open', T('09:00'), T('09:00')).ok).toBe(false);
    expect(signupOpen('draft', T('08:00'), T('09:00')).ok).toBe(false);
    expect(signupOpen('running', T('08:00'), T('09:00')).ok).toBe(false);
  });
});

describe('check-in and check-out on site', () => {
  const near = { lat: 29.3015, lng: 120.1 }; // ~167 m north
  const far = { lat: 29.31, lng: 120.1 }; // ~1.1 km

  it('measures distance', () => {
    expect(Math.round(distanceMetres(site.point, near))).toBeGreaterThan(150);
    expect(Math.round(distanceMetres(site.point, near))).toBeLessThan(180);
    expect(distanceMetres(site.point, site.point)).toBe(0);
  });

  it.each([
    ['30 minutes early, on site', T('08:30'), near, true],
    ['31 minutes early', T('08:29'), near, false],
    ['during, on site', T('10:00'), near, true],
    ['after the end', T('11:01'), near, false],
    ['too far', T('09:10'), far, false],
    ['no location', T('09:10'), null, false],
  ] as const)('check-in %s', (_label, now, at, allowed) => {
    expect(checkInAllowed(site, now, at).ok).toBe(allowed);
  });

  it('no point on the activity: no location needed; cancelled or finished activities take no check-in', () => {
    expect(checkInAllowed({ ...site, point: null }, T('09:10'), null).ok).toBe(true);
    expect(checkInAllowed({ ...site, state: 'cancelled' }, T('09:10'), near).ok).toBe(false);
    expect(checkInAllowed({ ...site, state: 'finished' }, T('09:10'), near).ok).toBe(false);
  });

  it('check-out on site during the activity, anywhere after its end', () => {
    expect(checkOutAllowed(site, T('10:00'), far).ok).toBe(false);
    expect(checkOutAllowed(site, T('10:00'), near).ok).toBe(true);
    expect(checkOutAllowed({ ...site, state: 'finished' }, T('12:00'), null).ok).toBe(true);
    expect(checkOutAllowed({ ...site, state: 'cancelled' }, T('10:00'), near).ok).toBe(false);
  });
});

describe('credited service time', () => {
  it.each([
    ['the whole activity', T('08:45'), T('11:30'), 120],
    ['1 h 20 min rounds down to 1 h', T('09:10'), T('10:30'), 60],
    ['1 h 30 min', T('09:00'), T('10:30'), 90],
    ['29 minutes is nothing', T('09:00'), T('09:29'), 0],
    ['left before it began', T('08:30'), T('08:50'), 0],
    ['came after the end', T('11:10'), T('11:30'), 0],
  ] as const)('%s', (_label, inAt, outAt, minutes) => {
    expect(creditedMinutes(inAt, outAt, activity)).toBe(minutes);
  });

  it('never more than the activity lasts, never negative, always whole half-hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: -600, max: 600 }), fc.integer({ min: -600, max: 600 }), (a, b) => {
        const base = T('09:00').getTime();
        const m = creditedMinutes(new Date(base + a * 60_000), new Date(base + b * 60_000), activity);
        return m >= 0 && m <= 120 && m % 30 === 0;
      }),
    );
  });

  it('points count whole hours', () => {
    expect(wholeHours(90)).toBe(1);
    expect(wholeHours(120)).toBe(2);
    expect(wholeHours(30)).toBe(0);
  });
});

describe('a valid activity', () => {
  const good = {
    title: '清洁家园',
    place: '村文化礼堂',
    startsAt: '2026-05-01T09:00:00+08:00',
    endsAt: '2026-05-01T11:00:00+08:00',
    capacity: 10,
  };
  it('accepts a good one and trims it', () => {
    const r = checkActivity({ ...good, title: ' 清洁家园 ', skills: ['急救', '急救', ' '] });
    expect(r.ok && r.value.title).toBe('清洁家园');
    expect(r.ok && r.value.skills).toEqual(['急救']);
  });
  it.each([
    ['title', { title: '  ' }],
    ['place', { place: '' }],
    ['endsAt', { endsAt: '2026-05-01T08:00:00+08:00' }],
    ['endsAt', { endsAt: '2026-05-03T08:00:00+08:00' }],
    ['startsAt', { startsAt: 'tomorrow' }],
    ['capacity', { capacity: 0 }],
    ['capacity', { capacity: 1.5 }],
    ['lat', { lat: 29.3 }],
    ['lat', { lat: 99, lng: 120 }],
  ])('refuses a bad %s', (field, change) => {
    const r = checkActivity({ ...good, ...change });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe(field);
  });
});
