// 每月一题: proposes the area's most frequent and fastest-growing problems of a month. The month's cases are
// clustered by text and place (src/domain/topic); each cluster's signature counts its kind of case in the month
// and the three before (the trend), and the proposals are ranked by volume raised by growth, with their places,
// the units that handled them and the satisfaction of those who rated them. Nothing is stored: a proposal is
// adopted (adopt-topic.ts) by its key, and recomputed then.
import { addMonths } from '../../domain/assessment/periods.js';
import {
  clusterProblems,
  matchesTopic,
  monthlyVolume,
  monthsBetween,
  rankProposals,
  representative,
  signatureOf,
  type TopicSignature,
  type Trend,
  trendOf,
} from '../../domain/topic/index.js';
import type { Principal } from '../auth/principal.js';
import { monthFrom, monthRange, readAreaCases, resolveArea, type TopicArea, type TopicCaseRow } from './topic-cases.js';
import type { TopicDeps } from './topic-deps.js';

/** Months of history the trend compares the month with. */
export const TREND_MONTHS = 3;
/** Clusters considered (the largest), before the trend is read for each. */
const MAX_CLUSTERS = 30;

export interface ProposeTopicsInput {
  orgId?: number;
  month?: string;
  limit?: number;
}

export interface TopicPlace {
  villageId: number | null;
  villageName: string | null;
  townName: string | null;
  count: number;
}

export interface TopicProposal {
  key: string;
  title: string;
  month: string;
  areaOrgId: number;
  score: number;
  trend: Trend;
  /** Oldest first: the TREND_MONTHS before the month, then the month. */
  months: string[];
  series: number[];
  frequent: boolean;
  categories: { id: number; name: string }[];
  terms: string[];
  places: TopicPlace[];
  /** Points of the month's cases of the problem, for the map (at most 200). */
  points: { lat: number; lng: number }[];
  units: { orgId: number; name: string; count: number }[];
  satisfaction: { rated: number; satisfied: number; rate: number | null };
  sampleCases: { id: number; title: string; reportedAt: string }[];
  caseIds: number[];
  /** The topic it was adopted as, when it was. */
  adoptedTopicId: number | null;
  /** Internal: the rule the topic keeps. */
  signature: TopicSignature;
}

interface Found {
  key: string;
  members: TopicCaseRow[];
  ofMonth: TopicCaseRow[];
  signature: TopicSignature;
  series: number[];
  trend: Trend;
}

function countBy<K>(keys: readonly (K | null)[]): [K, number][] {
  const m = new Map<K, number>();
  for (const k of keys) if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1]);
}

export async function proposeTopics(
  deps: TopicDeps,
  principal: Principal,
  input: ProposeTopicsInput,
): Promise<{ month: string; area: { id: number; name: string; kind: string }; items: TopicProposal[] }> {
  const now = deps.clock.now();
  const month = monthFrom(input.month, now);
  const area = await resolveArea(deps.db, principal, input.orgId);
  const items = await proposalsOf(deps, area, month, now);
  return {
    month,
    area: { id: area.id, name: area.name, kind: area.kind },
    items: items.slice(0, input.limit ?? 10),
  };
}

/** Every proposal of the area and month, ranked (adopt-topic.ts finds its proposal among them). */
export async function proposalsOf(
  deps: TopicDeps,
  area: TopicArea,
  month: string,
  now: Date,
): Promise<TopicProposal[]> {
  const { start, end } = monthRange(month);
  const until = end < now ? end : now;
  const cases = await readAreaCases(deps.db, area, start, until);
  const { clusters, idf } = clusterProblems(cases);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const months = monthsBetween(addMonths(month, -TREND_MONTHS), month);
  const historyStart = monthRange(months[0] as string).start;
  const found: Found[] = [];
  for (const cluster of clusters.slice(0, MAX_CLUSTERS)) {
    const members = cluster.caseIds.map((id) => byId.get(id) as TopicCaseRow);
    const signature = signatureOf(members, idf, { townIds: area.kind === 'town' ? [area.id] : [] });
    const earlier = await readAreaCases(deps.db, area, historyStart, start, { signature });
    const memberIds = new Set(cluster.caseIds);
    const ofMonth = cases.filter((c) => memberIds.has(c.id) || matchesTopic(signature, c));
    const series = monthlyVolume(signature, [...earlier, ...ofMonth], months, memberIds);
    const first = Math.min(...cluster.caseIds);
    found.push({ key: `${month}:${area.id}:${first}`, members, ofMonth, signature, series, trend: trendOf(series) });
  }
  const ranked = rankProposals(found);
  const byVolume = [...found].sort((a, b) => b.trend.current - a.trend.current).slice(0, 3);
  return describe(deps, area, month, months, ranked, new Set(byVolume.map((p) => p.key)));
}

async function describe(
  deps: TopicDeps,
  area: TopicArea,
  month: string,
  months: string[],
  ranked: (Found & { score: number })[],
  frequent: Set<string>,
): Promise<TopicProposal[]> {
  if (ranked.length === 0) return [];
  const all = ranked.flatMap((p) => [...p.members, ...p.ofMonth]);
  const villageIds = [...new Set(all.map((c) => c.villageId ?? null).filter((v): v is number => v !== null))];
  const unitIds = [...new Set(all.map((c) => c.ownerOrgId).filter((v): v is number => v !== null))];
  const categoryIds = [...new Set(ranked.flatMap((p) => p.signature.categoryIds))];
  // a case without its own point is shown at its grid's centre
  const gridIds = [...new Set(all.filter((c) => c.lat == null && c.gridId).map((c) => c.gridId as number))];
  const [orgRows, categoryRows, adopted, gridRows] = await Promise.all([
    villageIds.length || unitIds.length
      ? deps.db
          .selectFrom('orgs as o')
          .leftJoin('orgs as p', 'p.id', 'o.parent_id')
          .select(['o.id', 'o.name', 'p.name as parent_name'])
          .where('o.id', 'in', [...villageIds, ...unitIds])
          .execute()
      : Promise.resolve([]),
    categoryIds.length
      ? deps.db.selectFrom('categories').select(['id', 'name']).where('id', 'in', categoryIds).execute()
      : Promise.resolve([]),
    deps.db
      .selectFrom('governance_topics')
      .select(['id', 'proposal_key'])
      .where('county_code', '=', area.countyCode)
      .where(
        'proposal_key',
        'in',
        ranked.map((p) => p.key),
      )
      .execute(),
    gridIds.length
      ? deps.db
          .selectFrom('orgs')
          .select(['id', 'center_lat', 'center_lng'])
          .where('id', 'in', gridIds)
          .where('center_lat', 'is not', null)
          .execute()
      : Promise.resolve([]),
  ]);
  const gridCentre = new Map(gridRows.map((g) => [g.id, { lat: g.center_lat as number, lng: g.center_lng as number }]));
  const pointOf = (c: TopicCaseRow) =>
    c.lat != null && c.lng != null ? { lat: c.lat, lng: c.lng } : c.gridId ? gridCentre.get(c.gridId) : undefined;
  const org = new Map(orgRows.map((o) => [o.id, o]));
  const category = new Map(categoryRows.map((c) => [c.id, c.name]));
  const adoptedBy = new Map(adopted.map((a) => [a.proposal_key, a.id]));
  return ranked.map((p) => {
    const cases = p.ofMonth.length ? p.ofMonth : p.members;
    const rated = cases.filter((c) => c.satisfaction !== null);
    const satisfied = rated.filter((c) => c.satisfaction === 'satisfied' || c.satisfaction === 'basically_satisfied');
    const title = representative(p.members, p.signature).title;
    return {
      key: p.key,
      title,
      month,
      areaOrgId: area.id,
      score: p.score,
      trend: p.trend,
      months,
      series: p.series,
      frequent: frequent.has(p.key),
      categories: p.signature.categoryIds.map((id) => ({ id, name: category.get(id) ?? String(id) })),
      terms: p.signature.terms
        .map(([t]) => t)
        .filter((t) => t.length > 1)
        .slice(0, 6),
      places: countBy(cases.map((c) => c.villageId ?? null))
        .slice(0, 8)
        .map(([id, count]) => ({
          villageId: id,
          villageName: org.get(id)?.name ?? null,
          townName: org.get(id)?.parent_name ?? null,
          count,
        })),
      points: cases
        .map(pointOf)
        .filter((p): p is { lat: number; lng: number } => !!p)
        .slice(0, 200),
      units: countBy(cases.map((c) => c.ownerOrgId))
        .slice(0, 6)
        .map(([id, count]) => ({ orgId: id, name: org.get(id)?.name ?? String(id), count })),
      satisfaction: {
        rated: rated.length,
        satisfied: satisfied.length,
        rate: rated.length ? Math.round((satisfied.length / rated.length) * 1000) / 1000 : null,
      },
      sampleCases: [...p.members]
        .sort((a, b) => b.reportedAt.getTime() - a.reportedAt.getTime())
        .slice(0, 5)
        .map((c) => ({ id: c.id, title: c.title, reportedAt: c.reportedAt.toISOString() })),
      caseIds: cases.map((c) => c.id),
      adoptedTopicId: adoptedBy.get(p.key) ?? null,
      signature: p.signature,
    };
  });
}
