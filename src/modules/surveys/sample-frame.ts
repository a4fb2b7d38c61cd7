// The sample frame of a round: the citizen accounts of the quotas' villages (a citizen signs in with a code
// sent to their phone; their village is the one whose household list has that phone as the head's) and the
// people of the grid base data there who have a phone on record. Only masked name and phone are read here; a
// full phone is decrypted only when it is dialled or texted (grid-data's own path, audited as a use).
import { sql } from 'kysely';
import type { FramePerson, Quota } from '../../domain/survey/index.js';
import { maskPhone } from '../auth/auth-service.js';
import { maskName } from '../home/home-service.js';
import type { SurveyDeps } from './survey-deps.js';

export interface FrameRow extends FramePerson {
  source: 'citizen' | 'grid';
  userId: number | null;
  gridRecordId: number | null;
  nameMasked: string;
  phoneMasked: string;
}

export async function readFrame(
  db: SurveyDeps['db'],
  countyCode: string,
  quotas: readonly Quota[],
): Promise<FrameRow[]> {
  const towns = quotas.filter((q) => q.level === 'town').map((q) => q.orgId);
  const villages = quotas.filter((q) => q.level === 'village').map((q) => q.orgId);
  const inQuotas = (alias: string) =>
    sql<boolean>`(${sql.ref(`${alias}.id`)} = ANY(${sql.val(villages)}::int[]) OR ${sql.ref(`${alias}.parent_id`)} = ANY(${sql.val(towns)}::int[]))`;
  const [citizens, people] = await Promise.all([
    db
      .selectFrom('users as u')
      .innerJoin('points_households as h', 'h.head_phone', 'u.phone')
      .innerJoin('orgs as v', 'v.id', 'h.village_id')
      .select(['u.id', 'u.display_name', 'u.phone', 'v.id as village_id', 'v.parent_id as town_id'])
      .where('u.role', '=', 'citizen')
      .where('u.active', '=', true)
      .where('h.active', '=', true)
      .where('v.county_code', '=', countyCode)
      .where(inQuotas('v'))
      .orderBy('u.id')
      .orderBy('v.id')
      .execute(),
    db
      .selectFrom('grid_records as g')
      .innerJoin('orgs as v', 'v.id', 'g.village_id')
      .select(['g.id', 'g.name', 'g.phone_masked', 'v.id as village_id', 'v.parent_id as town_id'])
      .where('g.kind', '=', 'person')
      .where('g.archived', '=', false)
      .where('g.phone_cipher', 'is not', null)
      .where('g.county_code', '=', countyCode)
      .where(inQuotas('v'))
      .execute(),
  ]);
  const frame: FrameRow[] = [];
  const seenUsers = new Set<number>();
  for (const c of citizens) {
    if (seenUsers.has(c.id) || c.town_id === null) continue; // a head of two households counts once
    seenUsers.add(c.id);
    frame.push({
      key: `u:${c.id}`,
      townId: c.town_id,
      villageId: c.village_id,
      source: 'citizen',
      userId: c.id,
      gridRecordId: null,
      nameMasked: maskName(c.display_name) ?? '群众',
      phoneMasked: maskPhone(c.phone) ?? '',
    });
  }
  for (const p of people) {
    if (p.town_id === null) continue;
    frame.push({
      key: `g:${p.id}`,
      townId: p.town_id,
      villageId: p.village_id,
      source: 'grid',
      userId: null,
      gridRecordId: p.id,
      nameMasked: maskName(p.name) ?? '',
      phoneMasked: p.phone_masked ?? '',
    });
  }
  return frame;
}
