// The organisation facts a dispute needs: its place (town, village, grid), the platform that handles it at a
// level (村 / 镇 / 县), the next platform up (移交, escalation), and which units may mediate (a committee:
// a village or town platform — its 调委会 — the county platform, or a third-party committee).
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB, OrgKind } from '../../db/schema.js';
import type { HandlingLevel } from '../../domain/dispute/index.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface Place {
  townId: number | null;
  villageId: number | null;
  gridId: number | null;
}

const PLATFORM_KINDS: readonly OrgKind[] = ['county', 'town', 'village'];
export const COMMITTEE_KINDS: readonly OrgKind[] = ['county', 'town', 'village', 'third_party'];

const pathIds = (path: string): number[] => path.split('/').filter(Boolean).map(Number);

async function chain(db: Db, orgId: number) {
  const org = await db
    .selectFrom('orgs')
    .select(['id', 'kind', 'path', 'county_code', 'active'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org) return null;
  const ancestors = await db
    .selectFrom('orgs')
    .select(['id', 'kind', 'depth'])
    .where('id', 'in', pathIds(org.path))
    .orderBy('depth')
    .execute();
  return { org, ancestors };
}

/** The town, village and grid of a place org (a town, village or grid of the county). */
export async function placeOf(db: Db, orgId: number, countyCode: string): Promise<Place> {
  const c = await chain(db, orgId);
  if (!c || c.org.county_code !== countyCode || !c.org.active || !['town', 'village', 'grid'].includes(c.org.kind)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '纠纷发生地应为本县的镇街、村社区或网格，请重新选择',
      details: { field: 'placeOrgId' },
    });
  }
  const of = (kind: OrgKind) => c.ancestors.find((a) => a.kind === kind)?.id ?? null;
  return { townId: of('town'), villageId: of('village'), gridId: of('grid') };
}

const LEVEL: Record<string, HandlingLevel> = { county: 'county', town: 'town', village: 'village' };

/** The platform (village / town / county) at or above an org: who answers for what it registers. */
export async function platformOf(db: Db, orgId: number): Promise<{ id: number; level: HandlingLevel }> {
  const c = await chain(db, orgId);
  const platform = c?.ancestors.filter((a) => PLATFORM_KINDS.includes(a.kind)).at(-1);
  if (!platform) throw new AppError('VALIDATION_FAILED', { message: '找不到受理该纠纷的平台', details: { orgId } });
  return { id: platform.id, level: LEVEL[platform.kind] as HandlingLevel };
}

/** The platform one level up (移交), or null at the county. */
export async function platformAbove(db: Db, orgId: number): Promise<{ id: number; level: HandlingLevel } | null> {
  const c = await chain(db, orgId);
  const platforms = c?.ancestors.filter((a) => PLATFORM_KINDS.includes(a.kind) && a.id !== orgId) ?? [];
  const above = platforms.at(-1);
  return above ? { id: above.id, level: LEVEL[above.kind] as HandlingLevel } : null;
}

export async function countyRootOf(db: Db, countyCode: string): Promise<number> {
  const root = await db
    .selectFrom('orgs')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('kind', '=', 'county')
    .executeTakeFirst();
  if (!root) throw new AppError('ORG_NOT_FOUND', { details: { countyCode } });
  return root.id;
}

/** A unit that may mediate disputes of this county (refused with a message a person can act on). */
export async function requireCommittee(db: Db, orgId: number, countyCode: string): Promise<{ name: string }> {
  const org = await db
    .selectFrom('orgs')
    .select(['name', 'kind', 'county_code', 'active'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org?.active || org.county_code !== countyCode || !COMMITTEE_KINDS.includes(org.kind)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '所选调解组织不存在、已停用或不属于本县（可选村社区、镇街平台的调委会或第三方调解组织）',
      details: { field: 'mediatorOrgId', orgId },
    });
  }
  return { name: org.name };
}
