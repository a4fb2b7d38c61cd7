// What staff read of the showcase: the typical cases of their area (any state) with their history and the actions
// open to the reader, the closed cases that may become one, and the county's news posts.
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import {
  allowedShowcaseActions,
  findPersonalData,
  NEWS_STATE_NAMES,
  type NewsState,
  SHOWCASE_ACTION_NAMES,
  SHOWCASE_STATE_NAMES,
  type ShowcaseState,
} from '../../domain/showcase/index.js';
import type { Principal } from '../auth/principal.js';
import { casesVisibleTo } from '../cases/index.js';
import { historyOf } from '../record-history/index.js';
import { loadCaseSource, SHOWCASE_CASE_STATES } from './case-source.js';
import { inShowcaseScope, requireCounty } from './showcase-scope.js';

type Db = Kysely<DB>;
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

function typicalCases(db: Db, principal: Principal) {
  return db
    .selectFrom('showcase_cases as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .leftJoin('orgs as t', 't.id', 's.town_id')
    .leftJoin('orgs as v', 'v.id', 's.village_id')
    .leftJoin('users as a', 'a.id', 's.author_id')
    .leftJoin('users as r', 'r.id', 's.reviewer_id')
    .select([
      's.id',
      's.case_id',
      'c.number as case_number',
      's.title',
      's.body',
      's.approved_title',
      's.approved_body',
      's.state',
      's.category_name',
      't.name as town_name',
      'v.name as village_name',
      's.author_id',
      's.last_editor_id',
      'a.display_name as author_name',
      'r.display_name as reviewer_name',
      's.review_note',
      's.submitted_at',
      's.reviewed_at',
      's.published_at',
      's.withdrawn_at',
      's.version',
      's.updated_at',
    ])
    .where(inShowcaseScope(principal, 's'));
}

type Row = Awaited<ReturnType<ReturnType<typeof typicalCases>['executeTakeFirstOrThrow']>>;

function summary(r: Row) {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    title: r.title,
    state: r.state,
    stateName: SHOWCASE_STATE_NAMES[r.state as ShowcaseState] ?? r.state,
    categoryName: r.category_name,
    townName: r.town_name,
    villageName: r.village_name,
    authorName: r.author_name,
    reviewerName: r.reviewer_name,
    reviewNote: r.review_note,
    submittedAt: iso(r.submitted_at),
    reviewedAt: iso(r.reviewed_at),
    publishedAt: iso(r.published_at),
    updatedAt: iso(r.updated_at),
    version: r.version,
  };
}

export async function listTypicalCases(db: Db, principal: Principal, query: { state?: string }) {
  let q = typicalCases(db, principal);
  if (query.state) q = q.where('s.state', '=', query.state);
  const rows = await q.orderBy('s.updated_at', 'desc').orderBy('s.id', 'desc').limit(500).execute();
  return { items: rows.map(summary) };
}

const HISTORY_LABELS: Record<string, string> = { create: '创建（系统脱敏建议稿）', ...SHOWCASE_ACTION_NAMES };

export async function typicalCaseDetail(db: Db, crypto: FieldCrypto, principal: Principal, id: number) {
  const r = await typicalCases(db, principal).where('s.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('SHOWCASE_CASE_NOT_FOUND', { details: { id } });
  const source = await loadCaseSource(db, crypto, null, r.case_id);
  const actor = { userId: principal.userId ?? -1, canReview: principal.permissions.has('showcase.review') };
  const allowed = allowedShowcaseActions(
    { state: r.state as ShowcaseState, authorId: r.author_id, lastEditorId: r.last_editor_id },
    actor,
  );
  return {
    ...summary(r),
    body: r.body,
    approvedTitle: r.approved_title,
    approvedBody: r.approved_body,
    /** What the text still names (the author fixes these before submitting). */
    findings: findPersonalData(`${r.title}\n${r.body}`, source.context),
    allowedActions: allowed.filter((a) =>
      principal.permissions.has(a === 'approve' || a === 'return' ? 'showcase.review' : 'showcase.write'),
    ),
    isAuthor: r.author_id === principal.userId,
    history: await historyOf(db, 'showcase_case', id, HISTORY_LABELS),
  };
}

/** Closed cases of the reader's area that are not a typical case yet, newest first (a title filter narrows). */
export async function caseCandidates(db: Db, principal: Principal, query: { q?: string }) {
  let q = db
    .selectFrom('cases')
    .leftJoin('categories as cat', 'cat.id', 'cases.category_id')
    .leftJoin('orgs as v', 'v.id', 'cases.village_id')
    .select([
      'cases.id',
      'cases.number',
      'cases.title',
      'cases.satisfaction',
      'cases.closed_at',
      'cat.name as category_name',
      'v.name as village_name',
    ])
    .where(casesVisibleTo(principal))
    .where('cases.status', 'in', [...SHOWCASE_CASE_STATES])
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('showcase_cases as s').select('s.id').whereRef('s.case_id', '=', 'cases.id'))),
    );
  const text = query.q?.trim();
  if (text) q = q.where('cases.title', 'like', `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  const rows = await q.orderBy('cases.closed_at', sql`desc nulls last`).orderBy('cases.id', 'desc').limit(50).execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      satisfaction: r.satisfaction,
      closedAt: iso(r.closed_at),
      categoryName: r.category_name,
      villageName: r.village_name,
    })),
  };
}

function news(db: Db, principal: Principal) {
  return db
    .selectFrom('showcase_news as n')
    .leftJoin('users as a', 'a.id', 'n.author_id')
    .select([
      'n.id',
      'n.title',
      'n.body',
      'n.cover_attachment_id',
      'n.state',
      'a.display_name as author_name',
      'n.published_at',
      'n.updated_at',
      'n.version',
    ])
    .where('n.county_code', '=', requireCounty(principal));
}

type NewsRow = Awaited<ReturnType<ReturnType<typeof news>['executeTakeFirstOrThrow']>>;

function newsView(r: NewsRow) {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    coverAttachmentId: r.cover_attachment_id,
    state: r.state,
    stateName: NEWS_STATE_NAMES[r.state as NewsState] ?? r.state,
    authorName: r.author_name,
    publishedAt: iso(r.published_at),
    updatedAt: iso(r.updated_at),
    version: r.version,
  };
}

export async function listNews(db: Db, principal: Principal) {
  const rows = await news(db, principal).orderBy('n.updated_at', 'desc').orderBy('n.id', 'desc').limit(500).execute();
  return { items: rows.map(newsView) };
}

export async function newsDetail(db: Db, principal: Principal, id: number) {
  const r = await news(db, principal).where('n.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('SHOWCASE_NEWS_NOT_FOUND', { details: { id } });
  return {
    ...newsView(r),
    history: await historyOf(db, 'showcase_news', id, {
      create: '创建',
      edit: '修改',
      publish: '发布',
      withdraw: '撤回',
    }),
  };
}
