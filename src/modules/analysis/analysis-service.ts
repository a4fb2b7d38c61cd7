// 分析研判: full-text search over case text, similar cases, hotspots and spikes, repeat reporters and group
// risks — every query limited to the cases the principal may see (casesVisibleTo), the rules in
// src/domain/analysis.
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import {
  buildTsQuery,
  combineSimilarity,
  cosine,
  detectSpikes,
  documentVector,
  findGroupRisks,
  type HighlightSegment,
  HOTSPOT_PERIODS,
  type HotspotPeriod,
  type HotspotWindow,
  highlightSegments,
  highlightSnippet,
  hotspotWindows,
  indexTerms,
  placeSimilarity,
  queryTerms,
  type SpikeOptions,
  scoreSeries,
  searchDocument,
  type TermVector,
  tsvectorCounts,
} from '../../domain/analysis/index.js';
import { jiebaSegmenter } from '../../domain/text/index.js';
import { maskPhone } from '../auth/auth-service.js';
import type { Principal } from '../auth/principal.js';
import { casesInSubtree, casesVisibleTo, type Subtree, subtreeOf, subtreeParts } from '../cases/case-scope.js';
import { openReporterField } from '../cases/reporter-fields.js';
import { chooseTextPlan, newestByWindows, textMatch, withTextBitmaps } from '../cases/text-plan.js';
import { maskName } from '../home/home-service.js';
import { subtreeIds } from '../orgs/org-service.js';

const DAY_MS = 86_400_000;
const TSV = sql`cases.search_vector`;
/** States in which a case is still open (not closed, archived, rejected or merged into another). */
const FINISHED_STATES = ['closed', 'archived', 'rejected', 'merged'];
/** Search ranks relevance among this many most recent matches … */
const RANK_WINDOW = 2000;
/** … and counts matches up to this many ("10000+"). */
const COUNT_CAP = 10_000;

export interface SearchFilter {
  q?: string;
  townId?: number;
  categoryId?: number;
  state?: string;
  channel?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface CaseBrief {
  id: number;
  number: string;
  title: string;
  state: string;
  channel: string;
  categoryName: string | null;
  townName: string | null;
  villageName: string | null;
  gridName: string | null;
  reportedAt: string;
}

export interface SearchHit extends CaseBrief {
  rank: number;
  highlights: { title: HighlightSegment[]; body: HighlightSegment[] };
}

export interface SimilarCase extends CaseBrief {
  score: number;
  textSimilarity: number;
  distanceMeters: number | null;
  reasons: string[];
}

export type { HotspotPeriod };

type CaseQuery = SelectQueryBuilder<DB, 'cases', object>;

function toIso(value: Date | string): string {
  return new Date(value).toISOString();
}

export class AnalysisService {
  private readonly seg = jiebaSegmenter();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    /** Reporters' names and phones are stored encrypted; "the same reporter" is the same phone hash. */
    private readonly crypto: FieldCrypto,
  ) {}

  private visible(principal: Principal): CaseQuery {
    return this.db.selectFrom('cases').where(casesVisibleTo(principal)) as unknown as CaseQuery;
  }

  /** Case rows with the names a list shows. */
  private async briefs(ids: number[]): Promise<Map<number, CaseBrief & { body: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('cases')
      .leftJoin('categories as c', 'c.id', 'cases.category_id')
      .leftJoin('orgs as t', 't.id', 'cases.town_id')
      .leftJoin('orgs as v', 'v.id', 'cases.village_id')
      .leftJoin('orgs as g', 'g.id', 'cases.grid_id')
      .select([
        'cases.id',
        'cases.number',
        'cases.title',
        'cases.body',
        'cases.status',
        'cases.channel',
        'cases.reported_at',
        'c.name as category_name',
        't.name as town_name',
        'v.name as village_name',
        'g.name as grid_name',
      ])
      .where('cases.id', 'in', ids)
      .execute();
    return new Map(
      rows.map((r) => [
        Number(r.id),
        {
          id: Number(r.id),
          number: r.number,
          title: r.title,
          body: r.body,
          state: r.status,
          channel: r.channel,
          categoryName: r.category_name,
          townName: r.town_name,
          villageName: r.village_name,
          gridName: r.grid_name,
          reportedAt: toIso(r.reported_at),
        },
      ]),
    );
  }

  private stripBody<T extends { body: string }>(b: T): Omit<T, 'body'> {
    const { body: _body, ...rest } = b;
    return rest;
  }

  /** Full-text search combined with the filters; ranked by relevance when there is a query, else newest first. */
  async search(
    principal: Principal,
    filter: SearchFilter,
  ): Promise<{ items: SearchHit[]; total: number; totalCapped: boolean; terms: string[] }> {
    const page = Math.max(1, filter.page ?? 1);
    const pageSize = Math.min(100, Math.max(1, filter.pageSize ?? 20));
    const terms = filter.q?.trim() ? queryTerms(filter.q, this.seg) : [];
    const tsq = buildTsQuery(terms);
    if (filter.q?.trim() && !tsq) return { items: [], total: 0, totalCapped: false, terms };
    let query = this.visible(principal);
    if (filter.townId) query = query.where('cases.town_id', '=', filter.townId);
    if (filter.categoryId) {
      const id = filter.categoryId;
      query = query.where('cases.category_id', 'in', (eb) =>
        eb
          .selectFrom('categories as c1')
          .leftJoin('categories as c2', 'c2.id', 'c1.parent_id')
          .select('c1.id')
          .where((w) => w.or([w('c1.id', '=', id), w('c1.parent_id', '=', id), w('c2.parent_id', '=', id)])),
      );
    }
    if (filter.state) query = query.where('cases.status', '=', filter.state);
    if (filter.channel) query = query.where('cases.channel', '=', filter.channel);
    if (filter.from) query = query.where('cases.reported_at', '>=', new Date(filter.from));
    if (filter.to) query = query.where('cases.reported_at', '<', new Date(filter.to));
    const offset = (page - 1) * pageSize;
    // A common word's newest matches are found by walking the time order, a rarer one's through the text index
    // (text-plan.ts); the total is counted through the text index either way (no text is read for it).
    const plan =
      tsq && offset < RANK_WINDOW ? await chooseTextPlan(this.db, query, tsq, RANK_WINDOW, true) : 'text-index';
    const counted = tsq ? query.where(textMatch(tsq, 'text-index')) : query;
    if (tsq) query = query.where(textMatch(tsq, plan));
    // Relevance is ranked among the RANK_WINDOW most recent matches, and the total counted up to COUNT_CAP,
    // so a common word over tens of millions of cases costs a bounded amount of work.
    const fetchRows = async (): Promise<{ id: number; rank: number }[]> => {
      if (!tsq) {
        return query
          .select(['cases.id', sql<number>`0`.as('rank')])
          .orderBy('cases.reported_at', 'desc')
          .orderBy('cases.id', 'desc')
          .limit(pageSize)
          .offset(offset)
          .execute();
      }
      if (offset >= RANK_WINDOW) return [];
      if (plan === 'time-window') return this.rankedByWindows(query, tsq, pageSize, offset);
      const matches = query.select(['cases.id', 'cases.reported_at', 'cases.search_vector']);
      // The text index's plan collects the matches behind an OFFSET 0 fence, so that the planner cannot walk the
      // time order instead (it would, pricing the walk without the out-of-line text each row's test reads); the
      // walk's subquery is flattened into the ordered, limited query.
      const newest = this.db
        .selectFrom((plan === 'time-order' ? matches : matches.offset(0)).as('f'))
        .selectAll('f')
        .orderBy('f.reported_at', 'desc')
        .orderBy('f.id', 'desc')
        .limit(RANK_WINDOW);
      return this.rankedPage(newest, tsq, pageSize, offset);
    };
    const countMatches = (db: Kysely<DB>) =>
      db
        .selectFrom(
          counted
            .select('cases.id')
            .limit(COUNT_CAP + 1)
            .as('c'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
    const [rows, count] = await Promise.all([
      fetchRows(),
      tsq ? withTextBitmaps(this.db, countMatches) : countMatches(this.db),
    ]);
    const briefs = await this.briefs(rows.map((r) => Number(r.id)));
    const items: SearchHit[] = [];
    for (const r of rows) {
      const b = briefs.get(Number(r.id));
      if (!b) continue;
      items.push({
        ...this.stripBody(b),
        rank: Number(r.rank),
        highlights: { title: highlightSegments(b.title, terms), body: highlightSnippet(b.body, terms, 120) },
      });
    }
    const n = Number(count.n);
    return { items, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, terms };
  }

  /**
   * The page of the RANK_WINDOW newest matches ranked by relevance, the matches found window by window back in time
   * (text-plan.ts): in each window behind an OFFSET 0 fence (so that the planner combines the text index with the
   * scope's time-ordered index instead of walking it), reading no text; the text is read for the chosen ones only.
   */
  private async rankedByWindows(
    matching: CaseQuery,
    tsq: string,
    pageSize: number,
    offset: number,
  ): Promise<{ id: number; rank: number }[]> {
    const newest = await withTextBitmaps(this.db, async (trx) => {
      return newestByWindows(
        async (from, before, limit) => {
          let window = matching.select(['cases.id', 'cases.reported_at']);
          if (from) window = window.where('cases.reported_at', '>=', from);
          if (before) window = window.where('cases.reported_at', '<', before);
          return trx
            .selectFrom(window.offset(0).as('w'))
            .select('w.id')
            .orderBy('w.reported_at', 'desc')
            .orderBy('w.id', 'desc')
            .limit(limit)
            .execute();
        },
        RANK_WINDOW,
        this.clock.now(),
      );
    });
    if (newest.length === 0) return [];
    const kept = this.db
      .selectFrom('cases')
      .select(['cases.id', 'cases.reported_at', 'cases.search_vector'])
      .where(
        'cases.id',
        'in',
        newest.map((r) => Number(r.id)),
      );
    return this.rankedPage(kept, tsq, pageSize, offset);
  }

  /** A page of the newest matches (`newest`: their id, time and text) ranked by relevance, then newest first. */
  private rankedPage(
    // biome-ignore lint/suspicious/noExplicitAny: any query whose rows are a case's id, time and text
    newest: SelectQueryBuilder<any, any, { id: number; reported_at: Date; search_vector: string | null }>,
    tsq: string,
    pageSize: number,
    offset: number,
  ): Promise<{ id: number; rank: number }[]> {
    return this.db
      .selectFrom(newest.as('m'))
      .select(['m.id', sql<number>`ts_rank(m.search_vector::tsvector, to_tsquery('simple', ${tsq}))`.as('rank')])
      .orderBy('rank', 'desc')
      .orderBy('m.reported_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute();
  }

  /**
   * Term vector of a case: read from its stored search vector when it has one (cheap), else from its text
   * segmented the same way (words and Han bigrams), so both compare alike.
   */
  private vectorOf(title: string, body: string, stored?: string | null): TermVector {
    if (stored) return tsvectorCounts(stored);
    return documentVector(searchDocument([title, body.slice(0, 2000)], this.seg));
  }

  /** The most telling words of a text for finding candidates: title words, then the body's most frequent words. */
  private keyTerms(title: string, body: string, max = 12): string[] {
    const counts = new Map<string, number>();
    for (const w of indexTerms(title, this.seg)) if (w.length > 1) counts.set(w, (counts.get(w) ?? 0) + 3);
    for (const w of indexTerms(body.slice(0, 1000), this.seg))
      if (w.length > 1) counts.set(w, (counts.get(w) ?? 0) + 1);
    return [...counts]
      .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)
      .slice(0, max)
      .map(([w]) => w);
  }

  private async rankSimilar(
    candidates: {
      id: number;
      title: string;
      body: string;
      grid_id: number | null;
      village_id: number | null;
      lat: number | null;
      lng: number | null;
      search_vector: string | null;
    }[],
    target: {
      title: string;
      body: string;
      gridId: number | null;
      villageId: number | null;
      lat: number | null;
      lng: number | null;
      searchVector?: string | null;
    },
    limit: number,
    minScore: number,
  ): Promise<SimilarCase[]> {
    const v = this.vectorOf(target.title, target.body, target.searchVector);
    const scored = candidates
      .map((c) => {
        const text = cosine(v, this.vectorOf(c.title, c.body, c.search_vector));
        const place = placeSimilarity(
          { gridId: target.gridId, villageId: target.villageId, lat: target.lat, lng: target.lng },
          { gridId: c.grid_id, villageId: c.village_id, lat: c.lat, lng: c.lng },
        );
        return { id: Number(c.id), ...combineSimilarity(text, place) };
      })
      .filter((s) => s.score >= minScore && s.text >= 0.15)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
    const briefs = await this.briefs(scored.map((s) => s.id));
    return scored.flatMap((s) => {
      const b = briefs.get(s.id);
      return b
        ? [
            {
              ...this.stripBody(b),
              score: Math.round(s.score * 1000) / 1000,
              textSimilarity: Math.round(s.text * 1000) / 1000,
              distanceMeters: s.place.distanceMeters === null ? null : Math.round(s.place.distanceMeters),
              reasons: s.reasons,
            },
          ]
        : [];
    });
  }

  private candidateColumns = [
    'cases.id',
    'cases.title',
    'cases.body',
    'cases.grid_id',
    'cases.village_id',
    'cases.lat',
    'cases.lng',
    'cases.search_vector',
  ] as const;

  /** Cases most like one case, by text and place (any state, the whole history in scope). */
  async similarToCase(principal: Principal, caseId: number, limit = 10): Promise<{ items: SimilarCase[] }> {
    const target = await this.visible(principal)
      .select([
        'cases.id',
        'cases.title',
        'cases.body',
        'cases.grid_id',
        'cases.village_id',
        'cases.lat',
        'cases.lng',
        'cases.reported_at',
        'cases.search_vector',
      ])
      .where('cases.id', '=', caseId)
      .executeTakeFirst();
    if (!target) throw new AppError('CASE_NOT_FOUND');
    const tsq = buildTsQuery(this.keyTerms(target.title, target.body, 8), 'any');
    const since = new Date(new Date(target.reported_at).getTime() - 90 * DAY_MS);
    // Candidates: the best text matches among the most recent ones, and the same grid's recent cases.
    const [byText, byGrid] = await Promise.all([
      tsq
        ? this.db
            .selectFrom(
              this.visible(principal)
                .select(['cases.id', 'cases.search_vector'])
                .where('cases.id', '!=', caseId)
                .where(sql<boolean>`${TSV} @@ to_tsquery('simple', ${tsq})`)
                .orderBy('cases.reported_at', 'desc')
                .limit(RANK_WINDOW)
                .as('m'),
            )
            .select('m.id')
            .orderBy(sql`ts_rank(m.search_vector::tsvector, to_tsquery('simple', ${tsq}))`, 'desc')
            .limit(150)
            .execute()
        : Promise.resolve([]),
      target.grid_id
        ? this.visible(principal)
            .select('cases.id')
            .where('cases.id', '!=', caseId)
            .where('cases.grid_id', '=', target.grid_id)
            .where('cases.reported_at', '>=', since)
            .orderBy('cases.reported_at', 'desc')
            .limit(50)
            .execute()
        : Promise.resolve([]),
    ]);
    const ids = [...new Set([...byText, ...byGrid].map((r) => Number(r.id)))];
    const candidates = ids.length
      ? await this.db
          .selectFrom('cases')
          .select([...this.candidateColumns])
          .where('cases.id', 'in', ids)
          .execute()
      : [];
    const items = await this.rankSimilar(
      candidates.map((c) => ({ ...c, id: Number(c.id) })),
      {
        title: target.title,
        body: target.body,
        gridId: target.grid_id,
        villageId: target.village_id,
        lat: target.lat,
        lng: target.lng,
        searchVector: target.search_vector,
      },
      limit,
      0.2,
    );
    return { items };
  }

  /** For intake: open cases of the last `days` days like this text, near this point (the dispatcher may merge). */
  async similarOpen(
    principal: Principal,
    input: { text: string; lat?: number; lng?: number; gridId?: number; days?: number; limit?: number },
  ): Promise<{ items: SimilarCase[] }> {
    const text = input.text.trim();
    if (!text) {
      throw new AppError('VALIDATION_FAILED', {
        message: '请输入诉求内容后再查找相似案件',
        details: { fields: [{ field: 'text', problem: 'empty' }] },
      });
    }
    const days = input.days ?? 30;
    const since = new Date(this.clock.now().getTime() - days * DAY_MS);
    const tsq = buildTsQuery(this.keyTerms('', text), 'any');
    const hasPoint = input.lat !== undefined && input.lng !== undefined;
    const dLat = 3000 / 111_000;
    const dLng = hasPoint ? 3000 / (111_000 * Math.cos(((input.lat as number) * Math.PI) / 180)) : 0;
    const candidates = await this.visible(principal)
      .select([...this.candidateColumns])
      .where('cases.reported_at', '>=', since)
      .where('cases.closed_at', 'is', null)
      .where('cases.status', 'not in', FINISHED_STATES)
      .where((eb) =>
        eb.or([
          ...(tsq ? [sql<boolean>`${TSV} @@ to_tsquery('simple', ${tsq})`] : []),
          ...(hasPoint
            ? [
                eb.and([
                  eb('cases.lat', '>=', (input.lat as number) - dLat),
                  eb('cases.lat', '<=', (input.lat as number) + dLat),
                  eb('cases.lng', '>=', (input.lng as number) - dLng),
                  eb('cases.lng', '<=', (input.lng as number) + dLng),
                ]),
              ]
            : []),
          ...(input.gridId ? [eb('cases.grid_id', '=', input.gridId)] : []),
        ]),
      )
      .orderBy('cases.reported_at', 'desc')
      .limit(200)
      .execute();
    const items = await this.rankSimilar(
      candidates.map((c) => ({ ...c, id: Number(c.id) })),
      {
        title: '',
        body: text,
        gridId: input.gridId ?? null,
        villageId: null,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
      },
      input.limit ?? 10,
      0.2,
    );
    return { items };
  }

  /** The principal's subtree, or an organisation's within it when `orgId` is given (404 outside). */
  private async subtree(principal: Principal, orgId?: number): Promise<Subtree | null> {
    if (!orgId) return subtreeOf(principal);
    const org = await this.db
      .selectFrom('orgs')
      .select(['id', 'kind', 'path', 'county_code'])
      .where('id', '=', orgId)
      .executeTakeFirst();
    if (!org || !principal.scopePath || !org.path.startsWith(principal.scopePath)) throw new AppError('ORG_NOT_FOUND');
    const ids = (await subtreeIds(this.db, org.path).execute()).map((o) => o.id);
    return { rootId: org.id, kind: org.kind, path: org.path, countyCode: org.county_code, ids };
  }

  /**
   * Cases of the principal's scope, narrowed to an organisation of it when `orgId` is given (404 outside). An
   * organisation's cases inside the scope are all visible to the principal, so its subtree alone is the test.
   */
  private async scoped(principal: Principal, orgId?: number): Promise<CaseQuery> {
    return this.casesOf(principal, await this.subtree(principal, orgId));
  }

  private casesOf(principal: Principal, subtree: Subtree | null): CaseQuery {
    return subtree
      ? (this.db.selectFrom('cases').where(casesInSubtree(subtree)) as unknown as CaseQuery)
      : this.visible(principal);
  }

  /** Grids and topics (second-level categories) whose volume in the current window is abnormal. */
  async hotspots(principal: Principal, input: { period: HotspotPeriod; orgId?: number } & Partial<SpikeOptions>) {
    const spec = HOTSPOT_PERIODS[input.period];
    const now = this.clock.now();
    const subtree = await this.subtree(principal, input.orgId);
    const parts = subtree ? subtreeParts(subtree) : [];
    const topicKey = sql<number | null>`case when tc.level = 3 then tc.parent_id else tc.id end`;
    // Only the windows compared are read (for 'day': today and the same weekday of 8 weeks, 9 days of 57), in
    // one query: each disjoint part of the scope is read once for all windows (a department's list of cases in
    // its units' index is looked up once, not once per window), and grids and topics are counted in the same pass
    // (grouping sets). The place parts are ranges of their (place, reported_at) indexes, read without the table.
    const windows = hotspotWindows(input.period, now);
    const oldest = windows[windows.length - 1]?.from ?? now;
    const inWindow = (w: HotspotWindow) =>
      sql<boolean>`(cases.reported_at > ${w.from} and cases.reported_at <= ${w.to})`;
    const ageOf = sql<number>`case ${sql.join(
      windows.map((w) => sql`when ${inWindow(w)} then ${sql.lit(w.age)}`),
      sql` `,
    )} end`;
    const counted = parts.length
      ? await this.db
          .selectFrom(
            parts
              .map((part) =>
                this.db
                  .selectFrom('cases')
                  .select([ageOf.as('age'), 'cases.grid_id', 'cases.category_id'])
                  .where(part)
                  .where('cases.reported_at', '>', oldest)
                  .where('cases.reported_at', '<=', now)
                  .where(sql<boolean>`(${sql.join(windows.map(inWindow), sql` or `)})`),
              )
              .reduce((all, part) => all.unionAll(part))
              .as('u'),
          )
          .leftJoin('categories as tc', 'tc.id', 'u.category_id')
          .select([
            'u.age',
            'u.grid_id',
            topicKey.as('topic'),
            sql<number>`grouping(u.grid_id)`.as('by_topic'),
            (eb) => eb.fn.countAll<number>().as('n'),
          ])
          .groupBy(sql`grouping sets ((u.age, u.grid_id), (u.age, ${topicKey}))`)
          .execute()
      : [];
    const gridRows = counted
      .filter((r) => Number(r.by_topic) === 0)
      .map((r) => ({ key: r.grid_id, age: Number(r.age), n: Number(r.n) }));
    const topicRows = counted
      .filter((r) => Number(r.by_topic) === 1)
      .map((r) => ({ key: r.topic, age: Number(r.age), n: Number(r.n) }));
    const options: Partial<SpikeOptions> = {
      ...(input.pThreshold !== undefined && { pThreshold: input.pThreshold }),
      ...(input.minCount !== undefined && { minCount: input.minCount }),
      ...(input.minRatio !== undefined && { minRatio: input.minRatio }),
    };
    const analyse = (rows: { key: number | null; age: number; n: number }[]) => {
      const byKey = new Map<number, Map<number, number>>();
      for (const r of rows) {
        if (r.key === null) continue;
        const m = byKey.get(Number(r.key)) ?? new Map<number, number>();
        m.set(Number(r.age), Number(r.n));
        byKey.set(Number(r.key), m);
      }
      const series = [...byKey].map(([key, m]) => ({
        key,
        current: m.get(0) ?? 0,
        // oldest first, for charts
        history: Array.from({ length: spec.history }, (_, i) => m.get(spec.stride * (spec.history - i)) ?? 0),
      }));
      const abnormal = new Set(detectSpikes(series, options).map((s) => s.key));
      const scored = series
        .filter((s) => s.current > 0)
        .map((s) => ({ ...scoreSeries(s, options), history: s.history, abnormal: abnormal.has(s.key) }))
        .sort((a, b) => Number(b.abnormal) - Number(a.abnormal) || a.pValue - b.pValue || b.current - a.current)
        .slice(0, 15);
      return scored;
    };
    const grids = analyse(gridRows);
    const topics = analyse(topicRows);
    const windowStart = new Date(now.getTime() - spec.windowMs);
    const casesBehind = async (column: 'grid' | 'topic', keys: number[]) => {
      if (keys.length === 0 || parts.length === 0) return new Map<number, CaseBrief[]>();
      // The latest 500 of each part of the scope, then the latest 500 of those: each part on its own index.
      const latest = parts
        .map((part, i) =>
          this.db
            .selectFrom(
              this.db
                .selectFrom('cases')
                .where(part)
                .leftJoin('categories as tc', 'tc.id', 'cases.category_id')
                .select(['cases.id', 'cases.grid_id', 'cases.reported_at', topicKey.as('topic')])
                .where('cases.reported_at', '>', windowStart)
                .where('cases.reported_at', '<=', now)
                .where(
                  column === 'grid'
                    ? sql<boolean>`cases.grid_id = any(${keys}::int[])`
                    : sql<boolean>`(case when tc.level = 3 then tc.parent_id else tc.id end) = any(${keys}::int[])`,
                )
                .orderBy('cases.reported_at', 'desc')
                .limit(500)
                .as(`p${i}`),
            )
            .selectAll(),
        )
        .reduce((all, part) => all.unionAll(part));
      const rows = await this.db
        .selectFrom(latest.as('b'))
        .selectAll()
        .orderBy('b.reported_at', 'desc')
        .limit(500)
        .execute();
      const briefs = await this.briefs(rows.map((r) => Number(r.id)));
      const out = new Map<number, CaseBrief[]>();
      for (const r of rows) {
        const k = Number(column === 'grid' ? r.grid_id : r.topic);
        const list = out.get(k) ?? [];
        const b = briefs.get(Number(r.id));
        if (b && list.length < 20) list.push(this.stripBody(b));
        out.set(k, list);
      }
      return out;
    };
    const [gridCases, topicCases, gridNames, topicNames] = await Promise.all([
      casesBehind(
        'grid',
        grids.filter((g) => g.abnormal).map((g) => g.key),
      ),
      casesBehind(
        'topic',
        topics.filter((g) => g.abnormal).map((g) => g.key),
      ),
      grids.length
        ? this.db
            .selectFrom('orgs as g')
            .leftJoin('orgs as v', 'v.id', 'g.parent_id')
            .leftJoin('orgs as t', 't.id', 'v.parent_id')
            .select(['g.id', 'g.name', 'v.name as village_name', 't.name as town_name'])
            .where(
              'g.id',
              'in',
              grids.map((g) => g.key),
            )
            .execute()
        : Promise.resolve([]),
      topics.length
        ? this.db
            .selectFrom('categories as c')
            .leftJoin('categories as p', 'p.id', 'c.parent_id')
            .select(['c.id', 'c.name', 'p.name as parent_name'])
            .where(
              'c.id',
              'in',
              topics.map((t) => t.key),
            )
            .execute()
        : Promise.resolve([]),
    ]);
    const gName = new Map(gridNames.map((g) => [g.id, g]));
    const tName = new Map(topicNames.map((t) => [t.id, t]));
    const shape = (s: (typeof grids)[number]) => ({
      current: s.current,
      expected: Math.round(s.expected * 100) / 100,
      ratio: Math.round(s.ratio * 100) / 100,
      pValue: s.pValue,
      z: Math.round(s.z * 100) / 100,
      abnormal: s.abnormal,
      history: s.history,
    });
    return {
      period: input.period,
      description: spec.label,
      windowStart: windowStart.toISOString(),
      windowEnd: now.toISOString(),
      grids: grids.map((s) => {
        const n = gName.get(s.key);
        return {
          id: s.key,
          name: n?.name ?? String(s.key),
          villageName: n?.village_name ?? null,
          townName: n?.town_name ?? null,
          ...shape(s),
          cases: gridCases.get(s.key) ?? [],
        };
      }),
      topics: topics.map((s) => {
        const n = tName.get(s.key);
        return {
          id: s.key,
          name: n?.name ?? String(s.key),
          parentName: n?.parent_name ?? null,
          ...shape(s),
          cases: topicCases.get(s.key) ?? [],
        };
      }),
    };
  }

  /** Phones that reported at least `min` cases in the last `days` days (masked), with their cases. */
  async repeatReporters(principal: Principal, input: { days?: number; min?: number; orgId?: number }) {
    const days = input.days ?? 90;
    const min = input.min ?? 3;
    const since = new Date(this.clock.now().getTime() - days * DAY_MS);
    const rows = await (await this.scoped(principal, input.orgId))
      .select([
        'cases.reporter_phone_hash',
        sql<string>`(array_agg(cases.reporter_phone order by cases.reported_at desc))[1]`.as('phone'),
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<Date>`max(cases.reported_at)`.as('last_at'),
        sql<number[]>`(array_agg(cases.id order by cases.reported_at desc))[1:10]`.as('ids'),
        sql<string | null>`(array_agg(cases.reporter_name order by cases.reported_at desc))[1]`.as('name'),
        sql<number>`count(distinct cases.category_id)`.as('categories'),
      ])
      .where('cases.reporter_phone_hash', 'is not', null)
      .where('cases.anonymous', '=', false)
      .where('cases.reported_at', '>=', since)
      .groupBy('cases.reporter_phone_hash')
      .having((eb) => eb.fn.countAll(), '>=', min)
      .orderBy('n', 'desc')
      .orderBy('last_at', 'desc')
      .limit(50)
      .execute();
    const briefs = await this.briefs(rows.flatMap((r) => (r.ids ?? []).map(Number)));
    return {
      days,
      min,
      items: rows.map((r) => ({
        phone: maskPhone(openReporterField(this.crypto, r.phone)),
        name: maskName(openReporterField(this.crypto, r.name)),
        count: Number(r.n),
        categories: Number(r.categories),
        lastReportedAt: toIso(r.last_at),
        cases: (r.ids ?? []).flatMap((id) => {
          const b = briefs.get(Number(id));
          return b ? [this.stripBody(b)] : [];
        }),
      })),
    };
  }

  /** One matter raised by several distinct reporters in the last `days` days, clustered by text and place. */
  async groupRisks(principal: Principal, input: { days?: number; minReporters?: number; orgId?: number }) {
    const days = input.days ?? 7;
    const minReporters = input.minReporters ?? 3;
    const since = new Date(this.clock.now().getTime() - days * DAY_MS);
    const rows = await (await this.scoped(principal, input.orgId))
      .select([
        'cases.id',
        'cases.title',
        'cases.body',
        'cases.grid_id',
        'cases.village_id',
        'cases.lat',
        'cases.lng',
        'cases.reporter_phone_hash',
        'cases.reporter_user_id',
        'cases.anonymous',
        'cases.reported_at',
        'cases.search_vector',
      ])
      .where('cases.reported_at', '>=', since)
      .where('cases.reported_at', '<=', this.clock.now())
      .orderBy('cases.reported_at', 'desc')
      .limit(3000)
      .execute();
    const clusters = findGroupRisks(
      rows.map((r) => ({
        id: Number(r.id),
        // one reporter: one phone (its blind index; the phone itself is stored encrypted), else one account
        reporter: r.anonymous
          ? null
          : (r.reporter_phone_hash ?? (r.reporter_user_id ? `u${r.reporter_user_id}` : null)),
        gridId: r.grid_id,
        villageId: r.village_id,
        lat: r.lat,
        lng: r.lng,
        vector: this.vectorOf(r.title, r.body, r.search_vector),
      })),
      { minReporters },
    );
    const briefs = await this.briefs(clusters.flatMap((c) => c.caseIds));
    const reportedAt = new Map(rows.map((r) => [Number(r.id), new Date(r.reported_at).getTime()]));
    return {
      days,
      minReporters,
      items: clusters.slice(0, 50).map((c) => {
        const cases = c.caseIds.flatMap((id) => {
          const b = briefs.get(id);
          return b ? [this.stripBody(b)] : [];
        });
        cases.sort((a, b) => a.reportedAt.localeCompare(b.reportedAt));
        const times = c.caseIds.map((id) => reportedAt.get(id) ?? 0);
        const topic = mostCommon(cases.map((x) => x.categoryName).filter((x): x is string => !!x));
        return {
          title: cases[0]?.title ?? '',
          place: [cases[0]?.townName, cases[0]?.villageName].filter(Boolean).join(' '),
          topic,
          reporters: c.reporters,
          caseCount: c.caseIds.length,
          cohesion: Math.round(c.cohesion * 100) / 100,
          firstAt: new Date(Math.min(...times)).toISOString(),
          lastAt: new Date(Math.max(...times)).toISOString(),
          cases,
        };
      }),
    };
  }
}

function mostCommon(xs: string[]): string | null {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return best;
}
