import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHINA_2026 } from '../calendar/calendar-fixtures.js';
import { chinaTime, createWorkCalendar } from '../calendar/index.js';
import {
  adoptionPlan,
  applicationDueAt,
  byDistance,
  COUNTY_SERVICE_TEMPLATE,
  canOffer,
  decideCompletion,
  decideMode,
  decideVisit,
  distanceMeters,
  type FigureRow,
  type ServiceItemRef,
  serviceFigures,
  validateItem,
} from './index.js';

const calendar = createWorkCalendar({ specialDays: CHINA_2026 });

const item = (id: number, over: Partial<ServiceItemRef> = {}): ServiceItemRef => ({
  id,
  kind: 'single',
  category: '社会保障',
  name: `事项${id}`,
  department: '县人社局',
  materials: ['居民身份证'],
  legalLimitDays: 5,
  levels: ['town'],
  agent: false,
  chainItemIds: [],
  active: true,
  ...over,
});

/** The county template as a list with ids 1.. (a chain's steps by name). */
function templateList(): ServiceItemRef[] {
  const ids = new Map(COUNTY_SERVICE_TEMPLATE.map((t, i) => [t.name, i + 1]));
  return COUNTY_SERVICE_TEMPLATE.map((t, i) => ({
    ...t,
    id: i + 1,
    kind: t.chain ? 'chain' : 'single',
    chainItemIds: (t.chain ?? []).map((n) => ids.get(n) as number),
    active: true,
  }));
}

describe('the county template', () => {
  const list = templateList();
  const byId = new Map(list.map((t) => [t.id, t]));
  it.each(list.map((t) => [t.name, t] as const))('%s is a valid item', (_name, t) => {
    expect(validateItem(t, byId)).toEqual({ ok: true, value: undefined });
  });
  it('has the items the county asks for and one chain', () => {
    expect(list.length).toBeGreaterThanOrEqual(10);
    expect(list.filter((t) => t.kind === 'chain').map((t) => t.name)).toEqual(['新生儿出生“一件事”']);
  });
});

describe('an item is well formed', () => {
  const list = new Map([
    [1, item(1)],
    [2, item(2)],
    [3, item(3, { active: false })],
    [4, item(4, { kind: 'chain', chainItemIds: [1, 2] })],
  ]);
  it.each([
    ['a blank name', { name: ' ' }, 'name'],
    ['a limit of 0 days', { legalLimitDays: 0 }, 'legalLimitDays'],
    ['a limit of 1.5 days', { legalLimitDays: 1.5 }, 'legalLimitDays'],
    ['no level', { levels: [] }, 'levels'],
    ['an unknown level', { levels: ['province'] }, 'levels'],
    ['a repeated material', { materials: ['身份证', '身份证'] }, 'materials'],
    ['no department', { department: '' }, 'department'],
    ['a single item with steps', { chainItemIds: [1, 2] }, 'chainItemIds'],
    ['a chain of one step', { kind: 'chain', chainItemIds: [1] }, 'chainItemIds'],
    ['a chain repeating a step', { kind: 'chain', chainItemIds: [1, 1] }, 'chainItemIds'],
    ['a chain with an inactive step', { kind: 'chain', chainItemIds: [1, 3] }, 'chainItemIds'],
    ['a chain with an unknown step', { kind: 'chain', chainItemIds: [1, 99] }, 'chainItemIds'],
    ['a chain of chains', { kind: 'chain', chainItemIds: [1, 4] }, 'chainItemIds'],
  ])('refuses %s', (_name, over, field) => {
    expect(validateItem(item(9, over as Partial<ServiceItemRef>), list)).toMatchObject({
      ok: false,
      error: { code: 'SERVICE_ITEM_INVALID', details: { field } },
    });
  });
});

describe('what a station may offer and adopt', () => {
  const list = templateList();
  const named = (n: string) => list.find((t) => t.name === n) as ServiceItemRef;
  const byId = new Map(list.map((t) => [t.id, t]));
  it('a 代办点 offers what a village handles and what may be relayed; never 居住证 (not 可代办, town only)', () => {
    expect(canOffer(named('生育登记'), 'agency', byId)).toBe(true);
    expect(canOffer(named('残疾人证申领'), 'agency', byId)).toBe(true); // relayed
    expect(canOffer(named('居住证办理'), 'agency', byId)).toBe(false);
    expect(canOffer(named('居住证办理'), 'centre', byId)).toBe(true);
  });
  it('handled only at the item’s levels, relayed only when 可代办', () => {
    expect(decideMode(named('残疾人证申领'), 'agency', 'handled')).toMatchObject({
      ok: false,
      error: { code: 'SERVICE_MODE_NOT_ALLOWED' },
    });
    expect(decideMode(named('残疾人证申领'), 'agency', 'relayed')).toEqual({ ok: true, value: 'relayed' });
    expect(decideMode(named('居住证办理'), 'centre', 'relayed')).toMatchObject({ ok: false });
    expect(decideMode(named('生育登记'), 'agency', 'handled').ok).toBe(true);
  });
  it('adopting everything gives a 代办点 all but 居住证, steps before the chain; again adds nothing', () => {
    const plan = adoptionPlan(list, new Set(), 'agency');
    expect(plan.ok && plan.value.add.map((t) => t.name)).toEqual(
      [...list.filter((t) => t.name !== '居住证办理' && t.kind === 'single'), named('新生儿出生“一件事”')].map(
        (t) => t.name,
      ),
    );
    const again = adoptionPlan(list, new Set(list.map((t) => t.id)), 'agency');
    expect(again.ok && again.value.add).toEqual([]);
  });
  it('adopting a chain brings its steps; a named item the station cannot offer is refused by name', () => {
    const chain = named('新生儿出生“一件事”');
    const plan = adoptionPlan(list, new Set([named('社会保障卡申领').id]), 'centre', [chain.id]);
    expect(plan.ok && plan.value.add.map((t) => t.name)).toEqual([
      '城乡居民基本医疗保险参保登记',
      '户口登记（出生登记）',
      '新生儿出生“一件事”',
    ]);
    expect(adoptionPlan(list, new Set(), 'agency', [named('居住证办理').id])).toMatchObject({
      ok: false,
      error: { code: 'SERVICE_NOT_ADOPTABLE', details: { refused: [{ name: '居住证办理' }] } },
    });
    expect(adoptionPlan(list, new Set(), 'agency', [999])).toMatchObject({ ok: false });
  });
  it('a chain is offered only where each of its steps is', () => {
    const steps = new Map([
      [1, item(1, { levels: ['town'], agent: true })],
      [2, item(2, { levels: ['town'], agent: false })],
    ]);
    const chain = item(3, { kind: 'chain', chainItemIds: [1, 2], agent: true });
    expect(canOffer(chain, 'centre', steps)).toBe(true);
    expect(canOffer(chain, 'agency', steps)).toBe(false);
  });
});

describe('the due time on the work calendar', () => {
  it.each([
    // taken in Thursday 2026-04-30: 劳动节 05-01..05-05 off, Saturday 05-09 a 调休 working day
    ['across 劳动节', '2026-04-30T10:00', 1, '2026-05-06'],
    ['across 劳动节, 4 days ending on the 调休 Saturday', '2026-04-30T10:00', 4, '2026-05-09'],
    ['across 劳动节, 5 days', '2026-04-30T10:00', 5, '2026-05-11'],
    // taken in Friday 2026-03-06: the weekend does not count
    ['across a weekend', '2026-03-06T09:00', 3, '2026-03-11'],
    // taken in on a Sunday: counted from Monday, the start day never counts
    ['taken in on a Sunday', '2026-03-08T11:00', 1, '2026-03-09'],
    // 国庆节 10-01..10-07, Saturday 10-10 a working day
    ['across 国庆节', '2026-09-30T16:00', 2, '2026-10-09'],
    ['15 days across 国庆节 (Saturday 10-10 a working day)', '2026-09-28T09:00', 15, '2026-10-23'],
  ])('%s: %s + %i working days is due on %s at 17:30', (_n, at, days, due) => {
    const [day, time] = at.split('T') as [string, string];
    expect(applicationDueAt(calendar, chinaTime(day, time), days)).toEqual(chinaTime(due, '17:30'));
  });
});

const open = {
  state: 'in_progress' as const,
  visits: 1,
  materialsRequired: ['居民身份证', '户口簿'],
  materialsReceived: ['居民身份证'],
  dueAt: chinaTime('2026-03-11', '17:30'),
};

describe('an application', () => {
  it('another visit counts and adds the materials brought; a material not of the item is refused', () => {
    expect(decideVisit(open, ['户口簿'])).toEqual({
      ok: true,
      value: { visits: 2, materialsReceived: ['居民身份证', '户口簿'] },
    });
    expect(decideVisit(open, ['结婚证'])).toMatchObject({ ok: false, error: { code: 'SERVICE_ITEM_INVALID' } });
  });
  it('办结 needs every material; 不予受理 a reason; 转办 where to', () => {
    const at = chinaTime('2026-03-10', '10:00');
    expect(decideCompletion(open, { result: 'done', note: '' }, at)).toMatchObject({
      ok: false,
      error: { code: 'SERVICE_MATERIALS_MISSING', details: { missing: ['户口簿'] } },
    });
    expect(decideCompletion(open, { result: 'refused', note: ' ' }, at)).toMatchObject({
      ok: false,
      error: { details: { field: 'note' } },
    });
    expect(decideCompletion(open, { result: 'transferred', note: '' }, at)).toMatchObject({
      ok: false,
      error: { details: { field: 'transferredTo' } },
    });
    expect(decideCompletion(open, { result: 'refused', note: '不符合条件' }, at)).toEqual({
      ok: true,
      value: { state: 'refused', onTime: true },
    });
  });
  it('on time up to its due time, late after; an ended application takes nothing more', () => {
    const full = { ...open, materialsReceived: ['居民身份证', '户口簿'] };
    expect(decideCompletion(full, { result: 'done', note: '' }, chinaTime('2026-03-11', '17:30'))).toEqual({
      ok: true,
      value: { state: 'done', onTime: true },
    });
    expect(decideCompletion(full, { result: 'done', note: '' }, chinaTime('2026-03-11', '17:31'))).toEqual({
      ok: true,
      value: { state: 'done', onTime: false },
    });
    const ended = { ...full, state: 'done' as const };
    expect(decideCompletion(ended, { result: 'done', note: '' }, chinaTime('2026-03-10'))).toMatchObject({
      error: { code: 'SERVICE_APPLICATION_ENDED' },
    });
    expect(decideVisit(ended, [])).toMatchObject({ error: { code: 'SERVICE_APPLICATION_ENDED' } });
  });
});

describe('the nearest station', () => {
  const town = { id: 1, lat: 29.3, lng: 118.6 };
  const villageA = { id: 2, lat: 29.31, lng: 118.6 };
  const villageB = { id: 3, lat: 29.25, lng: 118.7 };
  it('measures great-circle distance (0.01° of latitude ≈ 1.11 km)', () => {
    expect(distanceMeters(town, villageA)).toBeGreaterThan(1100);
    expect(distanceMeters(town, villageA)).toBeLessThan(1125);
    expect(distanceMeters(town, town)).toBe(0);
  });
  it('sorts nearest first from the origin, keeps the order without one', () => {
    expect(byDistance([town, villageA, villageB], { lat: 29.312, lng: 118.6 }).map((s) => s.id)).toEqual([2, 1, 3]);
    expect(byDistance([town, villageA, villageB], { lat: 29.26, lng: 118.69 }).map((s) => s.id)).toEqual([3, 1, 2]);
    expect(byDistance([villageB, town], null)).toEqual([
      { ...villageB, distanceM: null },
      { ...town, distanceM: null },
    ]);
  });
  it('property: the first is never farther than any other', () => {
    const point = fc.record({
      lat: fc.double({ min: 20, max: 40, noNaN: true }),
      lng: fc.double({ min: 100, max: 125, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 12 }), point, (stations, origin) => {
        const sorted = byDistance(stations, origin);
        expect(sorted).toHaveLength(stations.length);
        for (let i = 1; i < sorted.length; i++) {
          expect(sorted[i - 1]?.distanceM as number).toBeLessThanOrEqual(sorted[i]?.distanceM as number);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('最多跑一次 figures', () => {
  const row = (groupId: number, month: string, state: FigureRow['state'], visits: number, onTime: boolean | null) => ({
    groupId,
    groupName: groupId === 1 ? '甲镇便民服务中心' : '乙村代办点',
    month,
    state,
    visits,
    onTime,
  });
  it('counts per station and month on hand-made rows', () => {
    const { lines, total } = serviceFigures([
      row(1, '2026-03', 'done', 1, true),
      row(1, '2026-03', 'done', 2, false),
      row(1, '2026-03', 'refused', 1, true),
      row(1, '2026-03', 'in_progress', 1, null),
      row(1, '2026-04', 'done', 3, true),
      row(2, '2026-03', 'in_progress', 2, null),
    ]);
    expect(lines).toEqual([
      {
        groupId: 1,
        groupName: '甲镇便民服务中心',
        month: '2026-03',
        applications: 4,
        ended: 3,
        onTime: 2,
        onTimeRate: 66.7,
        averageVisits: 1.33,
        oneVisitRate: 66.7,
      },
      {
        groupId: 1,
        groupName: '甲镇便民服务中心',
        month: '2026-04',
        applications: 1,
        ended: 1,
        onTime: 1,
        onTimeRate: 100,
        averageVisits: 3,
        oneVisitRate: 0,
      },
      {
        groupId: 2,
        groupName: '乙村代办点',
        month: '2026-03',
        applications: 1,
        ended: 0,
        onTime: 0,
        onTimeRate: null,
        averageVisits: null,
        oneVisitRate: null,
      },
    ]);
    expect(total).toMatchObject({
      applications: 6,
      ended: 4,
      onTime: 3,
      onTimeRate: 75,
      averageVisits: 1.75,
      oneVisitRate: 50,
    });
  });
});
