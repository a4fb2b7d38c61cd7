// 地址匹配: a free-text Chinese address (a hotline order's, an import's, a citizen's) matched to the most
// specific known place — a building of a residential compound, a road and house number, a compound or a named
// place, a grid, a village or community, a town — and so to its grid and a point, with a confidence. Pure: the
// caller hands the gazetteer (the organisation tree and the grid base data's places, src/modules/intelligence).

export type PlaceKind = 'town' | 'village' | 'grid' | 'road' | 'compound' | 'building' | 'poi';

export interface KnownPlace {
  /** Stable key of the place ('org:12', 'record:55', 'road:人民路:1-99'). */
  key: string;
  kind: PlaceKind;
  /** 青溪街道 / 文昌社区 / 人民路 / 阳光小区 / 阳光小区3栋 / 青溪二小 */
  name: string;
  /** Other names it goes by (a short form: 文昌 for 文昌社区). */
  aliases?: readonly string[];
  townId: number | null;
  villageId: number | null;
  gridId: number | null;
  lat: number | null;
  lng: number | null;
  /** A road segment: the house numbers on it (both ends included). */
  numbers?: { from: number; to: number };
  /** A building: its compound's name and its number (3 for 3栋, 3幢, 3号楼, 三栋). */
  compound?: string;
  building?: number;
}

export interface AddressMatch {
  place: KnownPlace;
  kind: PlaceKind;
  gridId: number | null;
  villageId: number | null;
  townId: number | null;
  lat: number | null;
  lng: number | null;
  /** 0–1: how sure the match is (specificity, agreement with the town or village named, ambiguity). */
  confidence: number;
  /** The parts of the address that matched, most specific first (for the dispatcher). */
  matched: string[];
}

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 二十三 → 23, 一百零五 → 105, 三 → 3; digit strings like 一二三 → 123. NaN when not a numeral. */
export function chineseNumber(text: string): number {
  if (!text) return Number.NaN;
  if (![...text].some((c) => c in UNITS)) {
    const digits = [...text].map((c) => DIGITS[c]);
    return digits.some((d) => d === undefined) ? Number.NaN : Number(digits.join(''));
  }
  let total = 0;
  let current = 0;
  for (const c of text) {
    if (c in DIGITS) current = DIGITS[c] as number;
    else if (c in UNITS) {
      total += (current || 1) * (UNITS[c] as number);
      current = 0;
    } else return Number.NaN;
  }
  return total + current;
}

const NUMBER_BEFORE = '(?=号楼|号|栋|幢|座|单元|层|楼|室|组|弄|巷)';

/** Full-width to half-width, no spaces or punctuation, Chinese numerals before 号/栋/单元… as digits, 3#楼 as 3栋. */
export function normaliseAddress(address: string): string {
  let s = address.normalize('NFKC');
  s = s.replace(/[\s,，。.、;；:：()（）[\]【】"“”'‘’\-—_/\\]+/g, '');
  s = s.replace(new RegExp(`[零〇一二两三四五六七八九十百千]+${NUMBER_BEFORE}`, 'g'), (m) => {
    const n = chineseNumber(m);
    return Number.isNaN(n) ? m : String(n);
  });
  s = s.replace(/(\d+)#楼?/g, '$1栋');
  return s;
}

/** The building number written right after a compound's name (3栋, 3幢, 3号楼, 3座, 3楼 when a unit follows). */
export function buildingAfter(text: string): number | null {
  const m = /^(?:小区)?(?:[A-Za-z]?区)?(\d+)(?:号楼|栋|幢|座|号(?=\d+单元)|楼(?=\d+单元))/.exec(text);
  return m ? Number(m[1]) : null;
}

/** The house number written right after a road's name (18号). */
export function houseNumberAfter(text: string): number | null {
  const m = /^(\d+)号(?!楼)/.exec(text);
  return m ? Number(m[1]) : null;
}

const BASE: Record<PlaceKind, { rank: number; confidence: number }> = {
  building: { rank: 60, confidence: 0.95 },
  road: { rank: 15, confidence: 0.5 }, // a road named without a number in range
  compound: { rank: 45, confidence: 0.85 },
  poi: { rank: 45, confidence: 0.8 },
  grid: { rank: 30, confidence: 0.8 },
  village: { rank: 20, confidence: 0.6 },
  town: { rank: 10, confidence: 0.3 },
};
const ROAD_NUMBER = { rank: 50, confidence: 0.9 };

interface Candidate {
  place: KnownPlace;
  rank: number;
  confidence: number;
  matched: string[];
  at: number;
}

/** Where the longest of a place's names (or aliases of two characters or more) occurs in the text, or -1. */
function find(text: string, place: KnownPlace): { at: number; name: string } {
  let best = { at: -1, name: '' };
  for (const name of [place.name, ...(place.aliases ?? [])]) {
    if ([...name].length < 2 || name.length <= best.name.length) continue;
    const at = text.indexOf(name);
    if (at >= 0) best = { at, name };
  }
  return best;
}

/**
 * The most specific known place of `address`, or null when nothing in it is known. A place whose town or
 * village contradicts the one the address names loses to one that agrees; two equally specific places in
 * different grids make the match less sure.
 */
export function matchAddress(address: string, places: readonly KnownPlace[]): AddressMatch | null {
  const text = normaliseAddress(address);
  if (!text) return null;
  const named = { towns: new Set<number>(), villages: new Set<number>() };
  const hits: { place: KnownPlace; at: number; name: string }[] = [];
  for (const place of places) {
    if (place.kind === 'building') continue; // found through their compound
    const { at, name } = find(text, place);
    if (at < 0) continue;
    hits.push({ place, at, name });
    if (place.kind === 'town' && place.townId !== null) named.towns.add(place.townId);
    if (place.kind === 'village' && place.villageId !== null) named.villages.add(place.villageId);
  }
  const candidates: Candidate[] = [];
  const buildings = places.filter((p) => p.kind === 'building');
  for (const { place, at, name } of hits) {
    const after = text.slice(at + name.length);
    if (place.kind === 'road') {
      const n = houseNumberAfter(after);
      const inRange = n !== null && place.numbers && n >= place.numbers.from && n <= place.numbers.to;
      if (inRange) {
        candidates.push({ place, ...ROAD_NUMBER, matched: [`${place.name}${n}号`], at });
      } else if (!place.numbers) {
        candidates.push({ place, ...BASE.road, matched: [place.name], at });
      }
      continue;
    }
    if (place.kind === 'compound') {
      const b = buildingAfter(after);
      // The building of this compound (a compound of the same name elsewhere has its own): same village first.
      const same = b === null ? [] : buildings.filter((x) => x.compound === place.name && x.building === b);
      const building =
        same.find((x) => x.villageId === place.villageId) ??
        same.find((x) => x.townId === place.townId && place.townId !== null) ??
        (same.length === 1 ? same[0] : undefined);
      if (building) {
        candidates.push({ place: building, ...BASE.building, matched: [`${place.name}${b}栋`], at });
        continue;
      }
    }
    candidates.push({ place, ...BASE[place.kind], matched: [name], at });
  }
  // A road named with no number, or a number on none of its segments: the road itself (its first segment).
  for (const { place, at } of hits) {
    if (place.kind !== 'road' || !place.numbers) continue;
    if (candidates.some((c) => c.place.kind === 'road' && c.place.name === place.name)) continue;
    candidates.push({ place, ...BASE.road, matched: [place.name], at });
  }
  if (candidates.length === 0) return null;
  for (const c of candidates) {
    // Agreement with the town and village the address names.
    const { townId, villageId } = c.place;
    const townClash = named.towns.size > 0 && townId !== null && !named.towns.has(townId);
    const villageClash =
      c.place.kind !== 'village' && named.villages.size > 0 && villageId !== null && !named.villages.has(villageId);
    if (townClash || villageClash) {
      c.rank -= 25;
      c.confidence *= 0.6;
    } else if (
      (villageId !== null && named.villages.has(villageId) && c.place.kind !== 'village') ||
      (townId !== null && named.towns.has(townId) && c.place.kind !== 'town')
    ) {
      c.rank += 5;
      c.confidence = Math.min(0.99, c.confidence + 0.04);
    }
    c.rank += Math.min(9, [...c.place.name].length) / 10;
  }
  candidates.sort((a, b) => b.rank - a.rank || a.at - b.at);
  const best = candidates[0] as Candidate;
  // Just as specific elsewhere (another grid): less sure.
  const rival = candidates.find(
    (c) => c !== best && Math.floor(c.rank) === Math.floor(best.rank) && c.place.gridId !== best.place.gridId,
  );
  let confidence = best.confidence * (rival ? 0.6 : 1);
  // A road without a number spans grids: sure of the grid only when all its segments lie in one.
  if (best.place.kind === 'road' && !best.matched[0]?.endsWith('号')) {
    const grids = new Set(places.filter((p) => p.kind === 'road' && p.name === best.place.name).map((p) => p.gridId));
    if (grids.size > 1) confidence *= 0.6;
  }
  const matched = [...new Set([...best.matched, ...candidates.filter((c) => c !== best).flatMap((c) => c.matched)])];
  return {
    place: best.place,
    kind: best.place.kind,
    gridId: best.place.gridId,
    villageId: best.place.villageId,
    townId: best.place.townId,
    lat: best.place.lat,
    lng: best.place.lng,
    confidence: Math.round(confidence * 100) / 100,
    matched: matched.slice(0, 5),
  };
}
