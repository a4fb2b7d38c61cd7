// The organisation facts a referral needs: the counselling organisations of the directory (third parties whose
// subkind is 心理服务机构), the town of the person's place, the county health department (卫生健康局) and the
// county platform, told of a 危机 referral.
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export const COUNSELLING_SUBKIND = '心理服务机构';
export const HEALTH_DEPARTMENT_NAME = '卫生健康局';

export async function counsellingOrgs(db: Db, countyCode: string): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('county_code', '=', countyCode)
    .where('kind', '=', 'third_party')
    .where('subkind', '=', COUNSELLING_SUBKIND)
    .where('active', '=', true)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

export async function requireCounsellingOrg(db: Db, orgId: number, countyCode: string): Promise<void> {
  const found = (await counsellingOrgs(db, countyCode)).some((o) => o.id === orgId);
  if (!found) throw new AppError('PSYCH_ORG_NOT_COUNSELLING', { details: { field: 'counsellingOrgId', orgId } });
}

const pathIds = (path: string): number[] => path.split('/').filter(Boolean).map(Number);

/** The town at or above an org (null for the county, its departments and third parties). */
export async function townOf(db: Db, orgId: number): Promise<number | null> {
  const org = await db.selectFrom('orgs').select(['path']).where('id', '=', orgId).executeTakeFirst();
  if (!org) return null;
  const town = await db
    .selectFrom('orgs')
    .select('id')
    .where('id', 'in', pathIds(org.path))
    .where('kind', '=', 'town')
    .executeTakeFirst();
  return town?.id ?? null;
}

/** A place of the person: a town, village or grid of the county. */
export async function requirePlace(db: Db, orgId: number, countyCode: string): Promise<void> {
  const org = await db
    .selectFrom('orgs')
    .select(['kind', 'county_code', 'active'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org || org.county_code !== countyCode || !org.active || !['town', 'village', 'grid'].includes(org.kind)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '当事人所在地应为本县的镇街、村社区或网格，请重新选择',
      details: { field: 'placeOrgId' },
    });
  }
}

/** Who is told at once of a 危机 referral: the town platform of the place (or the county platform when the place
 * is not known) and the county health department. */
export async function crisisUnits(db: Db, countyCode: string, townId: number | null): Promise<number[]> {
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'kind', 'name'])
    .where('county_code', '=', countyCode)
    .where('active', '=', true)
    .where((eb) =>
      eb.or([
        eb('kind', '=', 'county'),
        eb.and([eb('kind', '=', 'department'), eb('name', '=', HEALTH_DEPARTMENT_NAME)]),
      ]),
    )
    .execute();
  const county = rows.find((r) => r.kind === 'county')?.id ?? null;
  const health = rows.find((r) => r.kind === 'department')?.id ?? null;
  return [townId ?? county, health].filter((v): v is number => v !== null);
}
