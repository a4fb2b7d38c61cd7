// The cases a topic is made of: the area (the county or a town of the principal's scope), its cases of a period
// with their term vectors (read from the stored search vector, or segmented the way the indexer does when it has
// not seen the row yet) and the month arithmetic shared by proposals and the topic page.
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  buildTsQuery,
  documentVector,
  searchDocument,
  type TermVector,
  tsvectorCounts,
} from '../../domain/analysis/index.js';
import { isPeriod, monthOf, periodRange } from '../../domain/assessment/periods.js';
import { jiebaSegmenter } from '../../domain/text/index.js';
import type { ProblemCase, TopicSignature } from '../../domain/topic/index.js';
import type { Principal } from '../auth/principal.js';
import { casesInSubtree, type Subtree } from '../cases/case-scope.js';
import { subtreeIds } from '../orgs/org-service.js';

/** The most cases read for one month of one area (newest first). */
export const MAX_MONTH_CASES = 20_000;

export interface TopicArea {
  id: number;
  name: string;
  kind: 'county' | 'town';
  countyCode: string;
  subtree: Subtree;
}

export interface TopicCaseRow extends ProblemCase {
  reportedAt: Date;
  title: string;
  ownerOrgId: number | null;
  satisfaction: string | null;
}

/**
 * The area of proposals: the given organisation, or the principal's own; it must be the county or a town, and
 * inside the principal's scope (404 otherwise — never reveal what lies outside).
 */
export async function resolveArea(db: Kysely<DB>, principal: Principal, orgId?: number): Promise<TopicArea> {
  const id = orgId ?? principal.orgId;
  const org = id
    ? await db.selectFrom('orgs').select(['id', 'kind', 'path']).where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!org || !principal.scopePath || !org.path.startsWith(principal.scopePath)) throw new AppError('ORG_NOT_FOUND');
  if (org.kind !== 'county' && org.kind !== 'town') {
    throw new AppError('VALIDATION_FAILED', {
      message: '每月一题按全县或镇街分析，请选择县或镇街',
      details: { field: 'orgId' },
    });
  }
  return areaById(db, org.id);
}

/** An area by its organisation (the caller has decided the principal may read it). */
export async function areaById(db: Kysely<DB>, id: number): Promise<TopicArea> {
  const org = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'path', 'county_code'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const ids = (await subtreeIds(db, org.path).execute()).map((o) => o.id);
  return {
    id: org.id,
    name: org.name,
    kind: org.kind === 'town' ? 'town' : 'county',
    countyCode: org.county_code,
    subtree: { rootId: org.id, kind: org.kind, path: org.path, countyCode: org.county_code, ids },
  };
}

/** A month 'YYYY-MM' from the request, or the current one; 400 in Chinese when malformed. */
export function monthFrom(value: string | undefined, now: Date): string {
  if (value === undefined) return monthOf(now);
  if (!/^\d{4}-\d{2}$/.test(value) || !isPeriod(value)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '月份格式不正确，请使用 2026-05 这样的格式',
      details: { field: 'month' },
    });
  }
  return value;
}

export function monthRange(month: string): { start: Date; end: Date } {
  return periodRange(month);
}

const seg = jiebaSegmenter();

function vectorOf(title: string, body: string | null, stored: string | null): TermVector {
  if (stored) return tsvectorCounts(stored);
  return documentVector(searchDocument([title, body ?? ''], seg));
}

/** The topic's search terms for candidate cases: its heaviest terms, any of them. */
export function candidateQuery(signature: TopicSignature, n = 8): string | null {
  return buildTsQuery(
    signature.terms.slice(0, n).map(([t]) => t),
    'any',
  );
}

/**
 * The area's cases reported in [from, to): all of them, or only the candidates of a topic (any of its heaviest
 * terms, not yet indexed, or one of its own cases) — the signature then decides which are of it.
 */
export async function readAreaCases(
  db: Kysely<DB>,
  area: TopicArea,
  from: Date,
  to: Date,
  candidatesOf?: { signature: TopicSignature; members?: readonly number[] },
): Promise<TopicCaseRow[]> {
  const topicKey = sql<number | null>`case when tc.level = 3 then tc.parent_id else tc.id end`;
  let query = db
    .selectFrom('cases')
    .leftJoin('categories as tc', 'tc.id', 'cases.category_id')
    .where(casesInSubtree(area.subtree))
    .where('cases.reported_at', '>=', from)
    .where('cases.reported_at', '<', to)
    .where('cases.status', '!=', 'merged');
  if (candidatesOf) {
    const tsq = candidateQuery(candidatesOf.signature);
    const members = candidatesOf.members ?? [];
    query = query.where((eb) =>
      eb.or([
        ...(tsq ? [sql<boolean>`cases.search_vector @@ to_tsquery('simple', ${tsq})`] : []),
        eb('cases.search_vector', 'is', null),
        ...(members.length ? [eb('cases.id', 'in', [...members])] : []),
      ]),
    );
  }
  const rows = await query
    .select([
      'cases.id',
      'cases.title',
      sql<string | null>`case when cases.search_vector is null then left(cases.body, 2000) end`.as('body'),
      sql<string | null>`cases.search_vector::text`.as('search_vector'),
      topicKey.as('topic_id'),
      'cases.town_id',
      'cases.village_id',
      'cases.grid_id',
      'cases.lat',
      'cases.lng',
      'cases.reported_at',
      'cases.owner_org_id',
      'cases.satisfaction',
    ])
    .orderBy('cases.reported_at', 'desc')
    .limit(MAX_MONTH_CASES)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    vector: vectorOf(r.title, r.body, r.search_vector),
    categoryId: r.topic_id === null ? null : Number(r.topic_id),
    townId: r.town_id,
    villageId: r.village_id,
    gridId: r.grid_id,
    lat: r.lat,
    lng: r.lng,
    reportedAt: new Date(r.reported_at),
    ownerOrgId: r.owner_org_id,
    satisfaction: r.satisfaction,
  }));
}
