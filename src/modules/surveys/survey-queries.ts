// The survey reads: rounds and their progress, the sampled people (masked), results per town and village in
// the reader's scope, trends across rounds, the assessment indicator, a citizen's own surveys and the public
// questionnaire behind a link.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  type Answers,
  allowedRoundActions,
  type QuotaOutcome,
  ROUND_KIND_LABELS,
  ROUND_STATE_LABELS,
  type RoundKind,
  type RoundState,
  roundResults,
  SAMPLE_STATE_LABELS,
  type SampleState,
  type UnitResult,
} from '../../domain/survey/index.js';
import type { Principal } from '../auth/principal.js';
import { can } from '../auth/principal.js';
import { isCountyRoot } from '../cases/case-scope.js';
import { historyOf } from '../record-history/index.js';
import type { SampleRow } from './answer-store.js';
import type { SurveyDeps } from './survey-deps.js';
import { inSurveyVillages, surveyCounty } from './survey-scope.js';
import { loadRound, questionnaireOf, quotasOf, type RoundRow, stateOf } from './survey-store.js';
import type {
  IndicatorView,
  MySurveyItem,
  PublicSurveyView,
  RoundDetail,
  RoundListItem,
  RoundResultsView,
  SampleView,
  TrendPoint,
  UnitResultView,
} from './survey-views.js';

type Db = SurveyDeps['db'];
const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);

export const HISTORY_LABELS: Record<string, string> = {
  create: '新建民调',
  edit: '修改问卷或配额',
  draw: '抽取样本',
  start: '开始发放',
  close: '结束调查',
  sms: '发送短信链接',
};

export const RESULT_METHOD =
  '比例的 95% 置信区间用 Wilson 法（样本小、满意率接近 100% 时仍落在 0–100% 内）；1–5 分量表均值的 95% 置信区间用 t 分布（自由度 n−1）。满意度得分 = 得分题答 4 分或 5 分的人数 ÷ 该题作答人数。';

function listItem(r: RoundRow, sampled: number, answered: number): RoundListItem {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind as RoundKind,
    kindLabel: ROUND_KIND_LABELS[r.kind as RoundKind],
    state: stateOf(r),
    stateLabel: ROUND_STATE_LABELS[stateOf(r)],
    sampled,
    answered,
    openedAt: iso(r.opened_at),
    closedAt: iso(r.closed_at),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

async function orgNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function listRounds(db: Db, principal: Principal, f: { kind?: RoundKind; state?: RoundState }) {
  let q = db
    .selectFrom('survey_rounds as r')
    .selectAll('r')
    .select((eb) => [
      eb
        .selectFrom('survey_samples as s')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('s.round_id', '=', 'r.id')
        .where(inSurveyVillages(principal, 's'))
        .as('sampled'),
      eb
        .selectFrom('survey_answers as a')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('a.round_id', '=', 'r.id')
        .where(inSurveyVillages(principal, 'a'))
        .as('answered'),
    ])
    .where('r.county_code', '=', surveyCounty(principal))
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc');
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.state) q = q.where('r.state', '=', f.state);
  const rows = await q.execute();
  return { items: rows.map((r) => listItem(r, Number(r.sampled ?? 0), Number(r.answered ?? 0))) };
}

export async function roundDetail(db: Kysely<DB>, principal: Principal, id: number): Promise<RoundDetail> {
  const round = await loadRound(db, principal, id);
  const counts = await db
    .selectFrom('survey_samples as s')
    .leftJoin('survey_answers as a', 'a.sample_id', 's.id')
    .select([
      sql<string>`count(*)`.as('sampled'),
      sql<string>`count(*) FILTER (WHERE s.state = 'pending')`.as('pending'),
      sql<string>`count(*) FILTER (WHERE s.state = 'answered')`.as('answered'),
      sql<string>`count(*) FILTER (WHERE s.state = 'refused')`.as('refused'),
      sql<string>`count(*) FILTER (WHERE s.state = 'unreachable')`.as('unreachable'),
      sql<string>`count(*) FILTER (WHERE s.sms_sent_at IS NOT NULL)`.as('sms'),
      sql<string>`count(*) FILTER (WHERE a.channel = 'link')`.as('link'),
      sql<string>`count(*) FILTER (WHERE a.channel = 'sms')`.as('via_sms'),
      sql<string>`count(*) FILTER (WHERE a.channel = 'call')`.as('call'),
    ])
    .where('s.round_id', '=', id)
    .where(inSurveyVillages(principal, 's'))
    .executeTakeFirstOrThrow();
  const quotas = quotasOf(round);
  const outcome = (round.draw_outcome ?? null) as QuotaOutcome[] | null;
  const names = await orgNames(db, [...quotas.map((q) => q.orgId), ...(outcome ?? []).map((q) => q.orgId)]);
  const n = (k: keyof typeof counts) => Number(counts[k]);
  return {
    ...listItem(round, n('sampled'), n('answered')),
    version: round.version,
    questionnaire: questionnaireOf(round),
    quotas: quotas.map((q) => ({ ...q, orgName: names.get(q.orgId) ?? '' })),
    seed: round.seed,
    drawOutcome: outcome ? outcome.map((q) => ({ ...q, orgName: names.get(q.orgId) ?? '' })) : null,
    counts: {
      sampled: n('sampled'),
      pending: n('pending'),
      answered: n('answered'),
      refused: n('refused'),
      unreachable: n('unreachable'),
      smsSent: n('sms'),
      byChannel: { link: n('link'), sms: n('via_sms'), call: n('call') },
    },
    allowedActions: allowedRoundActions(stateOf(round)),
    canManage: can(principal, 'survey.manage') && isCountyRoot(principal),
    history: await historyOf(db, 'survey_round', id, HISTORY_LABELS),
  };
}

export function sampleView(s: SampleRow, names: Map<number, string>): SampleView {
  return {
    id: s.id,
    roundId: s.round_id,
    townName: names.get(s.town_id) ?? '',
    villageName: names.get(s.village_id) ?? '',
    source: s.source,
    sourceLabel: s.source === 'citizen' ? '群众账号' : '网格底数',
    name: s.name_masked,
    phone: s.phone_masked,
    state: s.state as SampleState,
    stateLabel: SAMPLE_STATE_LABELS[s.state as SampleState],
    callAttempts: s.call_attempts,
    lastCallAt: iso(s.last_call_at),
    smsSentAt: iso(s.sms_sent_at),
    link: `/s/${s.token}`,
    version: s.version,
  };
}

export async function listSamples(
  db: Db,
  principal: Principal,
  roundId: number,
  f: { state?: SampleState; villageId?: number; page?: number; pageSize?: number },
) {
  await loadRound(db, principal, roundId);
  let q = db
    .selectFrom('survey_samples')
    .where('round_id', '=', roundId)
    .where(inSurveyVillages(principal, 'survey_samples'));
  if (f.state) q = q.where('state', '=', f.state);
  if (f.villageId) q = q.where('village_id', '=', f.villageId);
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('town_id')
      .orderBy('village_id')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = await orgNames(
    db,
    rows.flatMap((r) => [r.town_id, r.village_id]),
  );
  return { items: rows.map((r) => sampleView(r, names)), total: Number(total.n), page, pageSize };
}

/** Sampled and answered people per unit in scope, with the answers themselves. */
async function answeredInScope(db: Db, principal: Principal, roundId: number) {
  const [answers, sampled] = await Promise.all([
    db
      .selectFrom('survey_answers')
      .select(['town_id', 'village_id', 'answers'])
      .where('round_id', '=', roundId)
      .where(inSurveyVillages(principal, 'survey_answers'))
      .execute(),
    db
      .selectFrom('survey_samples')
      .select(['town_id', 'village_id', sql<string>`count(*)`.as('n')])
      .where('round_id', '=', roundId)
      .where(inSurveyVillages(principal, 'survey_samples'))
      .groupBy(['town_id', 'village_id'])
      .execute(),
  ]);
  return {
    answers: answers.map((a) => ({ townId: a.town_id, villageId: a.village_id, answers: a.answers as Answers })),
    sampled: sampled.map((s) => ({ townId: s.town_id, villageId: s.village_id, n: Number(s.n) })),
  };
}

export async function results(db: Db, principal: Principal, roundId: number): Promise<RoundResultsView> {
  const round = await loadRound(db, principal, roundId);
  const { answers, sampled } = await answeredInScope(db, principal, roundId);
  const r = roundResults(questionnaireOf(round), answers);
  const names = await orgNames(
    db,
    sampled.flatMap((s) => [s.townId, s.villageId]),
  );
  const sampledOf = (pick: (s: (typeof sampled)[number]) => boolean) =>
    sampled.filter(pick).reduce((t, s) => t + s.n, 0);
  const view = (orgId: number | null, orgName: string, u: UnitResult, inUnit: number): UnitResultView => ({
    orgId,
    orgName,
    n: u.n,
    sampled: inUnit,
    responseRate: inUnit > 0 ? u.n / inUnit : null,
    score: u.score,
    questions: u.questions,
  });
  return {
    round: {
      id: round.id,
      title: round.title,
      state: stateOf(round),
      stateLabel: ROUND_STATE_LABELS[stateOf(round)],
      closedAt: iso(round.closed_at),
    },
    method: RESULT_METHOD,
    county: view(
      null,
      isCountyRoot(principal) ? '全县' : '本级合计',
      r.county,
      sampledOf(() => true),
    ),
    towns: r.towns.map((t) =>
      view(
        t.orgId,
        names.get(t.orgId) ?? '',
        t,
        sampledOf((s) => s.townId === t.orgId),
      ),
    ),
    villages: r.villages.map((v) => ({
      ...view(
        v.orgId,
        names.get(v.orgId) ?? '',
        v,
        sampledOf((s) => s.villageId === v.orgId),
      ),
      townId: v.townId,
    })),
  };
}

/** The satisfaction score of each round of a kind that has answers, oldest first: the county and each town. */
export async function trends(db: Db, principal: Principal, kind: RoundKind): Promise<{ points: TrendPoint[] }> {
  const rounds = await db
    .selectFrom('survey_rounds')
    .select('id')
    .where('county_code', '=', surveyCounty(principal))
    .where('kind', '=', kind)
    .where('state', 'in', ['distributing', 'closed'])
    .orderBy(sql`coalesce(closed_at, opened_at)`)
    .orderBy('id')
    .limit(24)
    .execute();
  const points: TrendPoint[] = [];
  for (const { id } of rounds) {
    const r = await results(db, principal, id);
    points.push({
      roundId: id,
      title: r.round.title,
      closedAt: r.round.closedAt,
      state: r.round.state,
      county: { n: r.county.n, score: r.county.score?.share ?? null, ci: r.county.score?.ci ?? null },
      towns: r.towns.map((t) => ({
        orgId: t.orgId as number,
        orgName: t.orgName,
        n: t.n,
        score: t.score?.share ?? null,
        ci: t.score?.ci ?? null,
      })),
    });
  }
  return { points };
}

/** A closed round's satisfaction score per town in the shape of an assessment indicator. */
export async function indicator(db: Db, principal: Principal, roundId: number): Promise<IndicatorView | null> {
  const round = await loadRound(db, principal, roundId);
  if (round.state !== 'closed' || !round.closed_at) return null;
  const r = await results(db, principal, roundId);
  const closedAt = new Date(round.closed_at);
  const local = new Date(closedAt.getTime() + 8 * 3600_000).toISOString();
  return {
    indicator: {
      key: 'surveySatisfaction',
      name: '群众满意度（民调）',
      formula: '民调得分题答 4 分或 5 分的人数 ÷ 该题作答人数（Wilson 95% 置信区间）',
      kind: 'rate',
      higherIsBetter: true,
    },
    round: { id: round.id, title: round.title, closedAt: closedAt.toISOString() },
    period: local.slice(0, 7),
    units: r.towns.map((t) => ({
      orgId: t.orgId as number,
      orgName: t.orgName,
      value: t.score?.share ?? null,
      n: t.score?.count === undefined ? 0 : t.n,
      ci: t.score?.ci ?? null,
    })),
  };
}

/** The signed-in citizen's surveys of rounds under way or ended: pending ones first, each with its link. */
export async function mySurveys(db: Db, principal: Principal): Promise<{ items: MySurveyItem[] }> {
  if (principal.role !== 'citizen' || principal.userId === null) return { items: [] };
  const rows = await db
    .selectFrom('survey_samples as s')
    .innerJoin('survey_rounds as r', 'r.id', 's.round_id')
    .select(['r.id', 'r.title', 's.state', 's.token'])
    .where('s.user_id', '=', principal.userId)
    .where('r.state', '=', 'distributing')
    .orderBy(sql`CASE WHEN s.state = 'pending' THEN 0 ELSE 1 END`)
    .orderBy('r.id', 'desc')
    .execute();
  return {
    items: rows.map((r) => ({
      roundId: r.id,
      title: r.title,
      state: r.state as SampleState,
      stateLabel: SAMPLE_STATE_LABELS[r.state as SampleState],
      link: `/s/${r.token}`,
    })),
  };
}

/** The questionnaire behind a link (no sign-in): nothing of the person, and whether it may still be answered. */
export async function publicSurvey(db: Db, token: string): Promise<PublicSurveyView | null> {
  const row = await db
    .selectFrom('survey_samples as s')
    .innerJoin('survey_rounds as r', 'r.id', 's.round_id')
    .select(['r.title', 'r.questionnaire', 'r.state as round_state', 's.state'])
    .where('s.token', '=', token)
    .executeTakeFirst();
  if (!row) return null;
  const q = questionnaireOf(row);
  const open = row.round_state === 'distributing' && (row.state === 'pending' || row.state === 'unreachable');
  const message =
    row.state === 'answered'
      ? '您已完成本次问卷，感谢您的参与！'
      : row.round_state === 'closed'
        ? '本次调查已结束，感谢您的关注。'
        : row.round_state !== 'distributing'
          ? '本次调查尚未开始。'
          : row.state === 'refused'
            ? '本次访问已结束，感谢您的关注。'
            : null;
  return {
    title: row.title,
    intro: q.intro,
    questionnaire: { questions: q.questions },
    open,
    answered: row.state === 'answered',
    message,
  };
}
