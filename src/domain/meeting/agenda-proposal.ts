// The agenda proposed from the data: which matters qualify for a joint meeting, why, and in which order.
// Pure: the module gathers the facts within the organising unit's scope and asks here.
//
// The rules (each candidate says which of them it meets, in words):
// - the earlier decisions of the same kind of meeting whose tasks are still open come first (督查落实);
// - open cases under listed supervision (挂牌督办), or whose supervision reached the county;
// - open cases worked by three or more units (lead, assisting, summoned): cross-department matters;
// - open cases reopened twice or more (重办);
// - major disputes (重大矛盾纠纷) once the dispute register exists: the facts already have a place for them;
// - the month's hotspots (分析研判: grids and topics whose volume is abnormal);
// - overdue tasks of units in scope (not already behind an open decision above).
// A case that meets several rules is one candidate with every reason, ranked by its first rule and then by how
// many rules it meets.
import { chinaDayOf } from '../calendar/index.js';
import { CANDIDATE_KINDS, type CandidateKind, type ItemKind } from './types.js';

export interface CaseFact {
  readonly id: number;
  readonly number: string;
  readonly title: string;
  /** Not closed, archived, rejected or merged. */
  readonly open: boolean;
  readonly listed: boolean;
  readonly supervisionLevel: string | null;
  /** Distinct units that led, assisted or were summoned to it. */
  readonly unitCount: number;
  readonly reopenCount: number;
  readonly placeName: string | null;
  readonly reportedAt: Date;
}

export interface OpenDecisionFact {
  readonly decisionId: number;
  readonly meetingTitle: string;
  readonly meetingAt: Date;
  readonly text: string;
  readonly openTasks: number;
  readonly overdueTasks: number;
}

export interface HotspotFact {
  readonly dimension: 'grid' | 'topic';
  readonly id: number;
  readonly name: string;
  /** Where (a grid's village and town) or what (a topic's parent category). */
  readonly context: string | null;
  readonly current: number;
  readonly expected: number;
  readonly ratio: number;
  readonly abnormal: boolean;
}

export interface OverdueTaskFact {
  readonly id: number;
  readonly number: string;
  readonly title: string;
  readonly ownerName: string;
  readonly dueAt: Date;
  readonly sourceKind: string;
  readonly sourceId: string | null;
}

/** A major dispute (重大矛盾纠纷) from the dispute register (not built yet: the list stays empty until it is). */
export interface DisputeFact {
  readonly id: number;
  readonly title: string;
  readonly major: boolean;
  readonly open: boolean;
  readonly reportedAt: Date;
}

export interface AgendaFacts {
  readonly cases: readonly CaseFact[];
  readonly openDecisions: readonly OpenDecisionFact[];
  readonly hotspots: readonly HotspotFact[];
  readonly overdueTasks: readonly OverdueTaskFact[];
  readonly disputes?: readonly DisputeFact[];
  /** Candidate keys already on this meeting's agenda (shown, marked, not offered again). */
  readonly onAgenda?: ReadonlySet<string>;
}

export interface AgendaRules {
  /** A case worked by at least this many units is cross-department. */
  readonly minUnits: number;
  /** A case reopened at least this many times is a repeat. */
  readonly minReopens: number;
  /** At most this many candidates per first reason. */
  readonly limitPerKind: number;
}

export const DEFAULT_AGENDA_RULES: AgendaRules = { minUnits: 3, minReopens: 2, limitPerKind: 30 };

export interface AgendaCandidate {
  /** Stable key of the matter ('case:12', 'decision:3', 'hotspot:grid:40', 'task:7', 'dispute:2'). */
  readonly key: string;
  readonly itemKind: Exclude<ItemKind, 'free'>;
  readonly reasons: readonly CandidateKind[];
  /** Why it is proposed, in words. */
  readonly reason: string;
  readonly title: string;
  readonly caseId: number | null;
  readonly onAgenda: boolean;
}

const RANK = new Map(CANDIDATE_KINDS.map((k, i) => [k, i]));

interface Ranked extends AgendaCandidate {
  /** Within the first reason: smaller first. */
  readonly order: number;
}

/** China time, the only time the users read. */
const formatDay = chinaDayOf;

function caseCandidates(cases: readonly CaseFact[], rules: AgendaRules): Ranked[] {
  const out: Ranked[] = [];
  for (const c of cases) {
    if (!c.open) continue;
    const reasons: [CandidateKind, string][] = [];
    if (c.listed) reasons.push(['listed_case', '挂牌督办案件']);
    if (c.supervisionLevel === 'county') reasons.push(['county_supervision', '已升级至县级督办']);
    if (c.unitCount >= rules.minUnits) {
      reasons.push(['multi_unit_case', `涉及 ${c.unitCount} 个单位协同办理（主办、协办、吹哨报到）`]);
    }
    if (c.reopenCount >= rules.minReopens) reasons.push(['reopened_case', `群众不满意已重办 ${c.reopenCount} 次`]);
    if (reasons.length === 0) continue;
    out.push({
      key: `case:${c.id}`,
      itemKind: 'case',
      reasons: reasons.map(([k]) => k),
      reason: reasons.map(([, text]) => text).join('；'),
      title: `${c.number} ${c.title}${c.placeName ? `（${c.placeName}）` : ''}`,
      caseId: c.id,
      onAgenda: false,
      // The oldest matter first.
      order: c.reportedAt.getTime(),
    });
  }
  return out;
}

function decisionCandidates(decisions: readonly OpenDecisionFact[]): Ranked[] {
  return decisions
    .filter((d) => d.openTasks > 0)
    .map((d) => ({
      key: `decision:${d.decisionId}`,
      itemKind: 'decision' as const,
      reasons: ['open_decision' as const],
      reason: `${d.meetingTitle}（${formatDay(d.meetingAt)}）决定事项尚未落实：${d.openTasks} 项任务未完成${
        d.overdueTasks > 0 ? `，其中 ${d.overdueTasks} 项已逾期` : ''
      }`,
      title: `督查落实：${d.text}`,
      caseId: null,
      onAgenda: false,
      order: d.meetingAt.getTime() + d.decisionId / 1e6,
    }));
}

function hotspotCandidates(hotspots: readonly HotspotFact[]): Ranked[] {
  return hotspots
    .filter((h) => h.abnormal && h.current > 0)
    .map((h) => ({
      key: `hotspot:${h.dimension}:${h.id}`,
      itemKind: 'hotspot' as const,
      reasons: ['hotspot' as const],
      reason: `分析研判：近 30 天诉求 ${h.current} 件，约为常态（${h.expected}）的 ${h.ratio} 倍`,
      title: `${h.dimension === 'grid' ? '区域热点' : '问题热点'}：${h.name}${h.context ? `（${h.context}）` : ''}`,
      caseId: null,
      onAgenda: false,
      order: -h.ratio,
    }));
}

function taskCandidates(tasks: readonly OverdueTaskFact[], decisionKeys: ReadonlySet<string>): Ranked[] {
  return tasks
    .filter((t) => !(t.sourceKind === 'meeting_decision' && t.sourceId && decisionKeys.has(`decision:${t.sourceId}`)))
    .map((t) => ({
      key: `task:${t.id}`,
      itemKind: 'task' as const,
      reasons: ['overdue_task' as const],
      reason: `任务已逾期：责任单位 ${t.ownerName}，完成期限 ${formatDay(t.dueAt)}`,
      title: `${t.number} ${t.title}`,
      caseId: null,
      onAgenda: false,
      order: t.dueAt.getTime(),
    }));
}

function disputeCandidates(disputes: readonly DisputeFact[]): Ranked[] {
  return disputes
    .filter((d) => d.major && d.open)
    .map((d) => ({
      key: `dispute:${d.id}`,
      itemKind: 'dispute' as const,
      reasons: ['major_dispute' as const],
      reason: '重大矛盾纠纷',
      title: d.title,
      caseId: null,
      onAgenda: false,
      order: d.reportedAt.getTime(),
    }));
}

function firstRank(c: AgendaCandidate): number {
  return Math.min(...c.reasons.map((r) => RANK.get(r) ?? CANDIDATE_KINDS.length));
}

/** The proposed agenda: every qualifying matter once, with its reasons, in the order the meeting takes them. */
export function proposeAgenda(facts: AgendaFacts, rules: AgendaRules = DEFAULT_AGENDA_RULES): AgendaCandidate[] {
  const decisions = decisionCandidates(facts.openDecisions);
  const decisionKeys = new Set(decisions.map((d) => d.key));
  const all = [
    ...decisions,
    ...caseCandidates(facts.cases, rules),
    ...disputeCandidates(facts.disputes ?? []),
    ...hotspotCandidates(facts.hotspots),
    ...taskCandidates(facts.overdueTasks, decisionKeys),
  ];
  // One candidate per key (facts may repeat a matter), the first seen kept.
  const unique = [...new Map(all.map((c) => [c.key, c] as const).reverse()).values()].reverse();
  unique.sort(
    (a, b) =>
      firstRank(a) - firstRank(b) ||
      b.reasons.length - a.reasons.length ||
      a.order - b.order ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const perKind = new Map<number, number>();
  const onAgenda = facts.onAgenda ?? new Set<string>();
  const out: AgendaCandidate[] = [];
  for (const { order: _order, ...c } of unique) {
    const rank = firstRank(c);
    const n = perKind.get(rank) ?? 0;
    if (n >= rules.limitPerKind) continue;
    perKind.set(rank, n + 1);
    out.push({ ...c, onAgenda: onAgenda.has(c.key) });
  }
  return out;
}

/** How many candidates each reason brought (for the summary above the list). */
export function countByReason(candidates: readonly AgendaCandidate[]): Record<CandidateKind, number> {
  const counts = Object.fromEntries(CANDIDATE_KINDS.map((k) => [k, 0])) as Record<CandidateKind, number>;
  for (const c of candidates) for (const r of c.reasons) counts[r] += 1;
  return counts;
}

export const CANDIDATE_KIND_LABELS: Record<CandidateKind, string> = {
  open_decision: '前次决定未落实',
  listed_case: '挂牌督办',
  county_supervision: '县级督办',
  multi_unit_case: '多部门协同',
  reopened_case: '多次重办',
  major_dispute: '重大矛盾纠纷',
  hotspot: '本月热点',
  overdue_task: '逾期任务',
};
