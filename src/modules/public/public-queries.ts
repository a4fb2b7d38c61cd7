// What the public page reads (no sign-in): the county, its published typical cases (the approved text only, the
// place no finer than the town), its published news posts, and its villages for the picker that links to each
// village's own public pages (points board, deliberation, small-power list). Nothing here carries a person.
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

export interface PublicCounty {
  id: number;
  code: string;
  name: string;
}

/** The county asked for, or the first one (a deployment serves one county, sometimes a few). */
export async function publicCounty(db: Db, code?: string): Promise<PublicCounty> {
  let query = db
    .selectFrom('orgs')
    .select(['id', 'code', 'name'])
    .where('kind', '=', 'county')
    .where('active', '=', true);
  if (code) query = query.where('code', '=', code);
  const row = await query.orderBy('id').limit(1).executeTakeFirst();
  if (!row) throw new AppError('ORG_NOT_FOUND', { message: '没有找到该县' });
  return row;
}

export async function publicCounties(db: Db) {
  return db
    .selectFrom('orgs')
    .select(['code', 'name'])
    .where('kind', '=', 'county')
    .where('active', '=', true)
    .orderBy('id')
    .execute();
}

const EXCERPT = 90;

function excerptOf(body: string): string {
  const flat = body
    .replace(/【[^】]*】/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
}

function publishedCases(db: Db) {
  return db
    .selectFrom('showcase_cases as s')
    .leftJoin('orgs as t', 't.id', 's.town_id')
    .select([
      's.id',
      's.approved_title as title',
      's.approved_body as body',
      's.category_name',
      't.name as town_name',
      's.published_at',
    ])
    .where('s.state', '=', 'published');
}

export async function listPublishedCases(db: Db, countyCode: string, page: { limit: number; offset: number }) {
  const rows = await publishedCases(db)
    .where('s.county_code', '=', countyCode)
    .orderBy('s.published_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total = await db
    .selectFrom('showcase_cases')
    .select(sql<number>`count(*)`.as('n'))
    .where('county_code', '=', countyCode)
    .where('state', '=', 'published')
    .executeTakeFirstOrThrow();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      title: r.title ?? '',
      excerpt: excerptOf(r.body ?? ''),
      categoryName: r.category_name,
      townName: r.town_name,
      publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    })),
  };
}

export async function publishedCase(db: Db, id: number) {
  const r = await publishedCases(db).where('s.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('SHOWCASE_CASE_NOT_FOUND');
  return {
    id: r.id,
    title: r.title ?? '',
    body: r.body ?? '',
    categoryName: r.category_name,
    townName: r.town_name,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
  };
}

function publishedNews(db: Db) {
  return db
    .selectFrom('showcase_news')
    .select(['id', 'title', 'body', 'cover_attachment_id', 'published_at'])
    .where('state', '=', 'published');
}

function newsView(r: {
  id: number;
  title: string;
  body: string;
  cover_attachment_id: string | null;
  published_at: unknown;
}) {
  return {
    id: r.id,
    title: r.title,
    coverUrl: r.cover_attachment_id ? `/api/public/news/${r.id}/cover` : null,
    publishedAt: r.published_at ? new Date(r.published_at as string).toISOString() : null,
  };
}

export async function listPublishedNews(db: Db, countyCode: string, page: { limit: number; offset: number }) {
  const rows = await publishedNews(db)
    .where('county_code', '=', countyCode)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { items: rows.map((r) => ({ ...newsView(r), excerpt: excerptOf(r.body) })) };
}

export async function publishedNewsItem(db: Db, id: number) {
  const r = await publishedNews(db).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('SHOWCASE_NEWS_NOT_FOUND');
  return { ...newsView(r), body: r.body };
}

/** The cover of a published news post (its attachment id; 404 for a draft's or a withdrawn post's). */
export async function publishedCoverId(db: Db, id: number): Promise<string> {
  const r = await publishedNews(db).where('id', '=', id).executeTakeFirst();
  if (!r?.cover_attachment_id) throw new AppError('ATTACHMENT_NOT_FOUND');
  return r.cover_attachment_id;
}

/** The county's towns and their villages, for the picker that links to the villages' public pages. */
export async function publicVillages(db: Db, countyCode: string) {
  const rows = await db
    .selectFrom('orgs as v')
    .innerJoin('orgs as t', 't.id', 'v.parent_id')
    .select(['v.id', 'v.name', 't.id as town_id', 't.name as town_name'])
    .where('v.county_code', '=', countyCode)
    .where('v.kind', '=', 'village')
    .where('v.active', '=', true)
    .orderBy('t.code')
    .orderBy('v.code')
    .execute();
  const towns = new Map<number, { id: number; name: string; villages: { id: number; name: string }[] }>();
  for (const r of rows) {
    const town = towns.get(r.town_id) ?? { id: r.town_id, name: r.town_name, villages: [] };
    town.villages.push({ id: r.id, name: r.name });
    towns.set(r.town_id, town);
  }
  return { towns: [...towns.values()] };
}
