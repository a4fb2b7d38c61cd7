// 地址匹配 bench (issue 19 §4): a generated county — towns, villages and communities, grids, roads whose house
// numbers are split between grids, residential compounds with numbered buildings (some compound names repeat in
// another town), schools and clinics — and addresses written the ways people write them (full, short, Chinese
// numerals, 幢/栋/号楼/#, full-width digits, a landmark, only the village); each is matched and the share located
// to the right grid printed, per style, beside the organisation-name matcher the hotline used alone.

import { type KnownPlace, matchAddress } from '../src/domain/address/index.js';
import { matchAddress as matchOrgName, type PlaceName } from '../src/domain/intake/address-match.js';
import { rng } from './classifier-data.js';

const TOWNS = ['青溪街道', '白沙镇', '桃源镇', '龙门乡', '金塘街道', '石桥镇'];
const VILLAGE_STEMS = ['文昌', '龙泉', '枫林', '柳塘', '双溪', '杏花', '新塘', '石门', '前进', '红旗', '光明', '东山'];
const ROAD_STEMS = ['人民', '解放', '建设', '中山', '滨江', '青年', '胜利', '和平', '文化', '迎宾'];
const COMPOUND_STEMS = ['阳光', '锦绣', '翠苑', '金色', '幸福', '御景', '紫荆', '香樟', '碧桂', '东方', '丽景', '怡和'];
const COMPOUND_SUFFIX = ['花园', '小区', '家园', '苑', '新村', '公寓'];
const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n: number): string =>
  n <= 10
    ? (CN[n] as string)
    : n < 20
      ? `十${n % 10 ? CN[n % 10] : ''}`
      : `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`;
const wide = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

interface Truth {
  address: string;
  style: string;
  gridId: number | null;
  villageId: number;
}

export function generateCounty(seed = 20261206) {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const places: KnownPlace[] = [];
  const orgNames: PlaceName[] = [];
  const firstGrid = new Map<number, number>();
  let id = 1;
  const grids: { id: number; villageId: number; townId: number; village: string; town: string }[] = [];
  for (const town of TOWNS) {
    const townId = id++;
    places.push({
      key: `org:${townId}`,
      kind: 'town',
      name: town,
      townId,
      villageId: null,
      gridId: null,
      lat: 0,
      lng: 0,
    });
    orgNames.push({ id: townId, name: town, kind: 'town', parentId: null });
    const stems = [...VILLAGE_STEMS].sort(() => rand() - 0.5).slice(0, 6);
    for (const stem of stems) {
      const village = `${stem}${rand() < 0.5 ? '社区' : '村'}`;
      const villageId = id++;
      places.push({
        key: `org:${villageId}`,
        kind: 'village',
        name: village,
        townId,
        villageId,
        gridId: null,
        lat: 0,
        lng: 0,
      });
      orgNames.push({ id: villageId, name: village, kind: 'village', parentId: townId });
      const n = 2 + Math.floor(rand() * 3);
      for (let g = 1; g <= n; g++) {
        const gridId = id++;
        const name = `${village}第${g}网格`;
        places.push({ key: `org:${gridId}`, kind: 'grid', name, townId, villageId, gridId, lat: gridId, lng: 0 });
        orgNames.push({ id: gridId, name, kind: 'grid', parentId: villageId });
        if (!firstGrid.has(villageId)) firstGrid.set(villageId, gridId);
        if (!firstGrid.has(townId)) firstGrid.set(townId, gridId);
        firstGrid.set(gridId, gridId);
        grids.push({ id: gridId, villageId, townId, village, town });
      }
    }
  }
  // Roads: each town has four, their numbers split in segments of 50 between its grids.
  const roads: {
    name: string;
    townId: number;
    segments: { from: number; to: number; grid: (typeof grids)[number] }[];
  }[] = [];
  for (const town of TOWNS) {
    const townGrids = grids.filter((g) => g.town === town);
    const stems = [...ROAD_STEMS].sort(() => rand() - 0.5).slice(0, 4);
    for (const stem of stems) {
      const name = `${stem}${pick(['路', '街', '大道'])}`;
      const segments = [];
      for (let from = 1; from < 200; from += 50) {
        const grid = pick(townGrids);
        segments.push({ from, to: from + 49, grid });
        places.push({
          key: `road:${town}:${name}:${from}`,
          kind: 'road',
          name,
          numbers: { from, to: from + 49 },
          townId: grid.townId,
          villageId: grid.villageId,
          gridId: grid.id,
          lat: grid.id,
          lng: 0,
        });
      }
      roads.push({ name, townId: segments[0]?.grid.townId as number, segments });
    }
  }
  // Compounds: two per village, buildings 1–12 (a compound's later buildings sometimes in a neighbouring grid).
  const compounds: { name: string; buildings: Map<number, (typeof grids)[number]> }[] = [];
  const villages = [...new Set(grids.map((g) => g.villageId))];
  for (const v of villages) {
    const vg = grids.filter((g) => g.villageId === v);
    for (let k = 0; k < 2; k++) {
      const name = `${pick(COMPOUND_STEMS)}${pick(COMPOUND_SUFFIX)}`;
      const home = pick(vg);
      const other = pick(vg);
      const buildings = new Map<number, (typeof grids)[number]>();
      for (let b = 1; b <= 12; b++) {
        const grid = b > 8 ? other : home;
        buildings.set(b, grid);
        places.push({
          key: `b:${v}:${name}:${b}`,
          kind: 'building',
          name: `${name}${b}栋`,
          compound: name,
          building: b,
          townId: grid.townId,
          villageId: grid.villageId,
          gridId: grid.id,
          lat: grid.id,
          lng: 0,
        });
      }
      places.push({
        key: `c:${v}:${name}`,
        kind: 'compound',
        name,
        townId: home.townId,
        villageId: home.villageId,
        gridId: home.id,
        lat: home.id,
        lng: 0,
      });
      compounds.push({ name, buildings });
    }
    // A school or a clinic.
    const poiGrid = pick(vg);
    const poi = `${poiGrid.village.slice(0, 2)}${pick(['小学', '卫生室', '幼儿园', '农贸市场'])}`;
    places.push({
      key: `poi:${v}`,
      kind: 'poi',
      name: poi,
      townId: poiGrid.townId,
      villageId: poiGrid.villageId,
      gridId: poiGrid.id,
      lat: poiGrid.id,
      lng: 0,
    });
  }
  // Addresses.
  const truths: Truth[] = [];
  const gridOf = (g: (typeof grids)[number]) => ({ gridId: g.id, villageId: g.villageId });
  const prefix = () => (rand() < 0.4 ? '清溪县' : '');
  for (let i = 0; i < 400; i++) {
    const c = pick(compounds);
    const b = 1 + Math.floor(rand() * 12);
    const g = c.buildings.get(b) as (typeof grids)[number];
    const unit = 1 + Math.floor(rand() * 3);
    const style = pick(['full', 'short-cn', 'number-building', 'hash', 'wide']);
    const address =
      style === 'full'
        ? `${prefix()}${g.town}${g.village}${c.name}${b}栋${unit}单元${unit}0${b % 4}室`
        : style === 'short-cn'
          ? `${c.name}${cn(b)}幢`
          : style === 'number-building'
            ? `${g.town}${c.name}${b}号楼${cn(unit)}单元`
            : style === 'hash'
              ? `${c.name}${b}#楼下`
              : wide(`${g.village} ${c.name} ${b}栋`);
    truths.push({ address, style: `building/${style}`, ...gridOf(g) });
  }
  for (let i = 0; i < 200; i++) {
    const r = pick(roads);
    const seg = pick(r.segments);
    const n = seg.from + Math.floor(rand() * 50);
    const town = seg.grid.town;
    const style = pick(['town', 'bare', 'cn', 'landmark']);
    const address =
      style === 'town'
        ? `${prefix()}${town}${r.name}${n}号`
        : style === 'bare'
          ? `${r.name}${n}号`
          : style === 'cn'
            ? `${town}${r.name}${cn(Math.min(n, 99))}号`
            : `${town}${r.name}${n}号对面的路口`;
    const truthGrid = style === 'cn' && n > 99 ? null : seg.grid;
    if (!truthGrid) continue;
    truths.push({ address, style: `road/${style}`, ...gridOf(truthGrid) });
  }
  for (const p of places.filter((x) => x.kind === 'poi')) {
    const v = places.find((x) => x.kind === 'village' && x.villageId === p.villageId) as KnownPlace;
    const t = places.find((x) => x.kind === 'town' && x.townId === p.townId) as KnownPlace;
    truths.push({
      address: `${t.name}${v.name}${p.name}旁边`,
      style: 'place',
      gridId: p.gridId,
      villageId: p.villageId as number,
    });
  }
  for (let i = 0; i < 100; i++) {
    const g = pick(grids);
    truths.push({
      address: `${g.town}${g.village}第${g.id - (firstGrid.get(g.villageId) as number) + 1}网格`,
      style: 'grid',
      gridId: g.id,
      villageId: g.villageId,
    });
  }
  return { places, orgNames, firstGrid, truths };
}

export function runAddressBench(): void {
  const { places, orgNames, firstGrid, truths } = generateCounty();
  console.log('\n== 地址匹配: generated addresses to the right grid (issue 19 §4) ==');
  console.log(
    `${places.length} known places (${TOWNS.length} towns, ${places.filter((p) => p.kind === 'village').length} villages, ${places.filter((p) => p.kind === 'grid').length} grids, ${places.filter((p) => p.kind === 'road').length} road segments, ${places.filter((p) => p.kind === 'compound').length} compounds, ${places.filter((p) => p.kind === 'building').length} buildings); ${truths.length} addresses`,
  );
  const styles = [...new Set(truths.map((t) => t.style))];
  const row = (label: string, ts: Truth[]) => {
    let right = 0;
    let wrong = 0;
    let none = 0;
    let baseline = 0;
    let confRight = 0;
    let confWrong = 0;
    for (const t of ts) {
      const m = matchAddress(t.address, places);
      if (!m?.gridId) none++;
      else if (m.gridId === t.gridId) {
        right++;
        confRight += m.confidence;
      } else {
        wrong++;
        confWrong += m.confidence;
      }
      const old = matchOrgName(t.address.normalize('NFKC'), orgNames);
      if (old && firstGrid.get(old.id) === t.gridId) baseline++;
    }
    const p = (x: number) => `${((100 * x) / ts.length).toFixed(1)}%`;
    console.log(
      `  ${label.padEnd(24)} ${String(ts.length).padStart(4)}  right grid ${p(right).padStart(6)}  wrong ${p(wrong).padStart(6)}  no grid ${p(none).padStart(6)}  ` +
        `mean confidence right ${(right ? confRight / right : 0).toFixed(2)} / wrong ${(wrong ? confWrong / wrong : 0).toFixed(2)}  ` +
        `(org names only: ${p(baseline)})`,
    );
  };
  for (const s of styles)
    row(
      s,
      truths.filter((t) => t.style === s),
    );
  row('all', truths);
  // What the confidence is worth: the matches a dispatcher could take as they are.
  for (const cut of [0.8, 0.9]) {
    const sure = truths
      .map((t) => ({ t, m: matchAddress(t.address, places) }))
      .filter(({ m }) => (m?.confidence ?? 0) >= cut);
    const right = sure.filter(({ t, m }) => m?.gridId === t.gridId).length;
    console.log(
      `  confidence ≥ ${cut}: ${((100 * sure.length) / truths.length).toFixed(1)}% of addresses, ${((100 * right) / Math.max(1, sure.length)).toFixed(1)}% of them in the right grid`,
    );
  }
}
