// The public showcase's face (媒): staff write and review typical cases and news posts; the public page reads the
// county's figures (cached per county and day), the published texts and the villages' public pages. Each method
// is one use case of its own file; routes and the demo seed call it; no other module touches its tables.
import { chinaDayOf } from '../../domain/calendar/index.js';
import type { NewsAction } from '../../domain/showcase/index.js';
import type { Principal } from '../auth/principal.js';
import { type ActOnTypicalCaseInput, actOnTypicalCase, type ReviewAction } from './act-on-typical-case.js';
import { type EditTypicalCaseInput, editTypicalCase } from './edit-typical-case.js';
import { type ProposeTypicalCaseInput, proposeTypicalCase } from './propose-typical-case.js';
import { TtlCache } from './public-cache.js';
import * as publicQueries from './public-queries.js';
import { computeStatistics, type PublicStatistics } from './public-statistics.js';
import { actOnNews } from './publish-news.js';
import { createNews, type NewsFields, updateNews } from './save-news.js';
import type { ShowcaseDeps } from './showcase-deps.js';
import * as queries from './showcase-queries.js';
import { requireShowcaseStaff } from './showcase-scope.js';

/** The statistics are recomputed at most this often per county (and at the turn of the day). */
export const STATISTICS_TTL_MS = 10 * 60_000;

export interface Page {
  limit: number;
  offset: number;
}

export class ShowcaseService {
  private readonly statistics: TtlCache<PublicStatistics>;

  constructor(private readonly deps: ShowcaseDeps) {
    this.statistics = new TtlCache(STATISTICS_TTL_MS);
  }

  private get db() {
    return this.deps.db;
  }

  /** The public page reads the replica when there is one (issue 22): published texts and figures may lag a moment. */
  private get reader() {
    return this.deps.reader ?? this.deps.db;
  }

  // ── typical cases (staff) ──
  typicalCases(p: Principal, query: { state?: string }) {
    requireShowcaseStaff(p);
    return queries.listTypicalCases(this.db, p, query);
  }
  typicalCase(p: Principal, id: number) {
    requireShowcaseStaff(p);
    return queries.typicalCaseDetail(this.db, this.deps.crypto, p, id);
  }
  candidates(p: Principal, query: { q?: string }) {
    return queries.caseCandidates(this.db, p, query);
  }
  propose(p: Principal, input: ProposeTypicalCaseInput) {
    return proposeTypicalCase(this.deps, p, input);
  }
  edit(p: Principal, id: number, input: EditTypicalCaseInput) {
    return editTypicalCase(this.deps, p, id, input);
  }
  act(p: Principal, id: number, action: ReviewAction, input: ActOnTypicalCaseInput) {
    return actOnTypicalCase(this.deps, p, id, action, input);
  }

  // ── news posts (staff) ──
  news(p: Principal) {
    return queries.listNews(this.db, p);
  }
  newsItem(p: Principal, id: number) {
    return queries.newsDetail(this.db, p, id);
  }
  createNews(p: Principal, input: NewsFields) {
    return createNews(this.deps, p, input);
  }
  updateNews(p: Principal, id: number, input: Partial<NewsFields> & { version: number }) {
    return updateNews(this.deps, p, id, input);
  }
  actOnNews(p: Principal, id: number, action: NewsAction, version: number) {
    return actOnNews(this.deps, p, id, action, version);
  }

  // ── the public page (no sign-in) ──
  counties() {
    return publicQueries.publicCounties(this.reader);
  }
  async publicStatistics(countyCode?: string): Promise<PublicStatistics> {
    const county = await publicQueries.publicCounty(this.reader, countyCode);
    const today = chinaDayOf(this.deps.clock.now());
    // an empty year is what a county sees while its rollups are still being built: asked again soon, not cached
    return this.statistics.get(
      `${county.code}:${today}`,
      () => computeStatistics(this.reader, county, today),
      (s) => s.totals.received > 0,
    );
  }
  async publicCases(countyCode: string | undefined, page: Page) {
    const county = await publicQueries.publicCounty(this.reader, countyCode);
    return publicQueries.listPublishedCases(this.reader, county.code, page);
  }
  publicCase(id: number) {
    return publicQueries.publishedCase(this.reader, id);
  }
  async publicNews(countyCode: string | undefined, page: Page) {
    const county = await publicQueries.publicCounty(this.reader, countyCode);
    return publicQueries.listPublishedNews(this.reader, county.code, page);
  }
  publicNewsItem(id: number) {
    return publicQueries.publishedNewsItem(this.reader, id);
  }
  async publicCover(id: number, variant: 'file' | 'thumbnail') {
    return this.deps.attachments.publicContent(await publicQueries.publishedCoverId(this.reader, id), variant);
  }
  async publicVillages(countyCode?: string) {
    const county = await publicQueries.publicCounty(this.reader, countyCode);
    return {
      county: { code: county.code, name: county.name },
      ...(await publicQueries.publicVillages(this.reader, county.code)),
    };
  }
}
