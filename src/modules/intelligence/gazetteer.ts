// The known places of a county for 地址匹配 (issue 19 §4): the organisation tree (towns, villages and
// communities, grids, with their centre points) and the grid base data's places (场所): each by its name; a
// building (楼栋) whose name or address reads "<compound><n>栋/幢/号楼" also as that compound's building (and
// the compound itself), and one whose address reads "<road><n>号" as that road's house number. Cached a minute.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { KnownPlace } from '../../domain/address/index.js';
import { normaliseAddress } from '../../domain/address/index.js';

const BUILDING = /^(.{2,}?)(\d+)(?:栋|幢|号楼|座)$/;
const ROAD_NUMBER = /(?:^|[县区镇乡道村])([\u4e00-\u9fa5]{1,8}(?:路|大道|大街|街|巷|弄))(\d+)号/;

/** Places derived from one grid record (pure, tested through the module). */
export function placesOfRecord(r: {
  id: number;
  name: string;
  category: string | null;
  address: string | null;
  town_id: number | null;
  village_id: number;
  grid_id: number;
  lat: number | null;
  lng: number | null;
}): KnownPlace[] {
  const base = {
    townId: r.town_id,
    villageId: r.village_id,
    gridId: r.grid_id,
    lat: r.lat,
    lng: r.lng,
  };
  const out: KnownPlace[] = [{ key: `record:${r.id}`, kind: 'poi', name: r.name, ...base }];
  for (const text of [r.name, r.address ?? '']) {
    const b = BUILDING.exec(normaliseAddress(text));
    if (b && r.category === '楼栋') {
      const compound = b[1] as string;
      out.push({
        key: `record:${r.id}:building`,
        kind: 'building',
        name: `${compound}${b[2]}栋`,
        compound,
        building: Number(b[2]),
        ...base,
      });
      out.push({ key: `compound:${compound}`, kind: 'compound', name: compound, ...base });
      break;
    }
  }
  const road = r.address ? ROAD_NUMBER.exec(normaliseAddress(r.address)) : null;
  if (road) {
    const n = Number(road[2]);
    out.push({
      key: `road:${road[1]}:${n}`,
      kind: 'road',
      name: road[1] as string,
      numbers: { from: n, to: n },
      ...base,
    });
  }
  return out;
}

export class Gazetteer {
  private cache = new Map<string, { at: number; places: KnownPlace[] }>();

  constructor(private readonly db: Kysely<DB>) {}

  async places(countyCode: string): Promise<KnownPlace[]> {
    const hit = this.cache.get(countyCode);
    if (hit && Date.now() - hit.at < 60_000) return hit.places;
    const orgs = await this.db
      .selectFrom('orgs')
      .select(['id', 'name', 'kind', 'parent_id', 'center_lat', 'center_lng'])
      .where('county_code', '=', countyCode)
      .where('active', '=', true)
      .where('kind', 'in', ['town', 'village', 'grid'])
      .execute();
    const parent = new Map(orgs.map((o) => [o.id, o.parent_id]));
    const places: KnownPlace[] = orgs.map((o) => {
      const villageId = o.kind === 'village' ? o.id : o.kind === 'grid' ? (o.parent_id ?? null) : null;
      const townId =
        o.kind === 'town'
          ? o.id
          : o.kind === 'village'
            ? o.parent_id
            : villageId
              ? (parent.get(villageId) ?? null)
              : null;
      return {
        key: `org:${o.id}`,
        kind: o.kind as 'town' | 'village' | 'grid',
        name: o.name,
        townId,
        villageId,
        gridId: o.kind === 'grid' ? o.id : null,
        lat: o.center_lat,
        lng: o.center_lng,
      };
    });
    const records = await this.db
      .selectFrom('grid_records')
      .select(['id', 'name', 'category', 'attrs', 'town_id', 'village_id', 'grid_id', 'lat', 'lng'])
      .where('county_code', '=', countyCode)
      .where('kind', '=', 'place')
      .where('archived', '=', false)
      .execute();
    const seen = new Set(places.map((p) => p.key));
    for (const r of records) {
      const attrs = (typeof r.attrs === 'string' ? JSON.parse(r.attrs) : (r.attrs ?? {})) as { address?: unknown };
      for (const p of placesOfRecord({ ...r, address: typeof attrs.address === 'string' ? attrs.address : null })) {
        if (seen.has(p.key)) continue;
        seen.add(p.key);
        places.push(p);
      }
    }
    this.cache.set(countyCode, { at: Date.now(), places });
    return places;
  }
}
