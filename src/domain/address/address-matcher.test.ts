import { describe, expect, it } from 'vitest';
import { buildingAfter, chineseNumber, type KnownPlace, matchAddress, normaliseAddress } from './address-matcher.js';

// A small county by hand: two towns, their villages/communities and grids, roads with numbered segments,
// compounds with buildings, a school.
const org = (
  key: string,
  kind: KnownPlace['kind'],
  name: string,
  ids: { town: number; village?: number; grid?: number },
  aliases: string[] = [],
): KnownPlace => ({
  key,
  kind,
  name,
  aliases,
  townId: ids.town,
  villageId: ids.village ?? null,
  gridId: ids.grid ?? null,
  lat: 30 + (ids.grid ?? ids.village ?? ids.town) / 1000,
  lng: 120,
});

const PLACES: KnownPlace[] = [
  org('org:1', 'town', '青溪街道', { town: 1 }, ['青溪']),
  org('org:2', 'town', '白沙镇', { town: 2 }, ['白沙']),
  org('org:11', 'village', '文昌社区', { town: 1, village: 11 }),
  org('org:12', 'village', '龙泉社区', { town: 1, village: 12 }),
  org('org:21', 'village', '桃源村', { town: 2, village: 21 }),
  org('org:22', 'village', '文昌村', { town: 2, village: 22 }), // same name stem as 文昌社区, other town
  org('org:111', 'grid', '文昌社区第1网格', { town: 1, village: 11, grid: 111 }),
  org('org:112', 'grid', '文昌社区第2网格', { town: 1, village: 11, grid: 112 }),
  org('org:121', 'grid', '龙泉社区第1网格', { town: 1, village: 12, grid: 121 }),
  org('org:211', 'grid', '桃源村第1网格', { town: 2, village: 21, grid: 211 }),
  org('org:221', 'grid', '文昌村第1网格', { town: 2, village: 22, grid: 221 }),
  { ...org('road:a', 'road', '人民路', { town: 1, village: 11, grid: 111 }), numbers: { from: 1, to: 99 } },
  { ...org('road:b', 'road', '人民路', { town: 1, village: 12, grid: 121 }), numbers: { from: 100, to: 300 } },
  { ...org('road:c', 'road', '桃源大道', { town: 2, village: 21, grid: 211 }) },
  org('rec:1', 'compound', '阳光花园', { town: 1, village: 11, grid: 112 }, ['阳光花园小区']),
  {
    ...org('rec:2', 'building', '阳光花园3栋', { town: 1, village: 11, grid: 112 }),
    compound: '阳光花园',
    building: 3,
  },
  {
    ...org('rec:3', 'building', '阳光花园12栋', { town: 1, village: 11, grid: 111 }),
    compound: '阳光花园',
    building: 12,
  },
  org('rec:4', 'compound', '龙泉苑', { town: 1, village: 12, grid: 121 }),
  org('rec:5', 'poi', '青溪第二小学', { town: 1, village: 12, grid: 121 }, ['青溪二小']),
];

describe('normalising an address', () => {
  it('reads Chinese numerals before 号/栋/单元, full-width digits and 3#楼', () => {
    expect(chineseNumber('二十三')).toBe(23);
    expect(chineseNumber('一百零五')).toBe(105);
    expect(chineseNumber('十二')).toBe(12);
    expect(chineseNumber('三')).toBe(3);
    expect(normaliseAddress('人民路二十三号 阳光花园三栋二单元')).toBe('人民路23号阳光花园3栋2单元');
    expect(normaliseAddress('阳光花园３＃楼')).toBe('阳光花园3栋');
    expect(buildingAfter('3号楼2单元')).toBe(3);
    expect(buildingAfter('12幢')).toBe(12);
    expect(buildingAfter('大门口')).toBeNull();
  });
});

describe('matchAddress on hand-written addresses', () => {
  const m = (address: string) => matchAddress(address, PLACES);

  it('a compound’s building, however the building is written', () => {
    for (const a of [
      '青溪街道阳光花园3栋2单元501',
      '阳光花园三幢',
      '青溪县阳光花园小区3号楼',
      '阳光花园 3#楼 楼下垃圾堆了一周',
    ]) {
      const r = m(a);
      expect(r?.kind, a).toBe('building');
      expect(r?.place.key, a).toBe('rec:2');
      expect(r?.gridId, a).toBe(112);
      expect(r?.confidence, a).toBeGreaterThanOrEqual(0.9);
    }
    // Another building of the same compound lies in another grid.
    expect(m('阳光花园12栋')?.gridId).toBe(111);
  });

  it('the compound when the building is not known', () => {
    const r = m('阳光花园7栋');
    expect(r?.kind).toBe('compound');
    expect(r?.gridId).toBe(112);
    expect(r?.confidence).toBeCloseTo(0.85, 2);
  });

  it('a road and house number to the segment that holds it', () => {
    expect(m('人民路18号')?.gridId).toBe(111);
    expect(m('青溪街道人民路一百五十号门口')?.gridId).toBe(121);
    expect(m('人民路150号')?.kind).toBe('road');
    expect(m('人民路150号')?.matched[0]).toBe('人民路150号');
  });

  it('a road without a number (or out of range) is the road, less sure when it spans grids', () => {
    const r = m('人民路上路灯不亮');
    expect(r?.kind).toBe('road');
    expect(r?.confidence).toBeLessThan(0.5);
    const off = m('人民路999号');
    expect(off?.kind).toBe('road');
    const one = m('桃源大道边上');
    expect(one?.gridId).toBe(211);
    expect(one?.confidence).toBeCloseTo(0.5, 2);
  });

  it('a named place by its name or its short form', () => {
    expect(m('青溪二小门口早上堵车')?.place.key).toBe('rec:5');
    expect(m('青溪第二小学')?.gridId).toBe(121);
  });

  it('a grid, a village, a town: the most specific named', () => {
    expect(m('文昌社区第2网格有人乱搭建')).toMatchObject({ kind: 'grid', gridId: 112 });
    expect(m('龙泉社区')).toMatchObject({ kind: 'village', villageId: 12, gridId: null });
    expect(m('白沙镇')).toMatchObject({ kind: 'town', townId: 2 });
    expect(m('白沙镇')?.confidence).toBeLessThan(0.5);
  });

  it('the village the address names decides between places of the same name', () => {
    // 文昌 is a community of 青溪 and a village of 白沙: the town named decides.
    expect(m('白沙镇文昌村')?.villageId).toBe(22);
    expect(m('青溪街道文昌社区')?.villageId).toBe(11);
    // A compound that contradicts the named town loses its certainty.
    const clash = m('白沙镇阳光花园');
    expect(clash?.kind).toBe('compound');
    expect(clash?.confidence).toBeLessThan(0.6);
  });

  it('nothing known: null', () => {
    expect(m('不知道在哪里')).toBeNull();
    expect(m('')).toBeNull();
  });
});
