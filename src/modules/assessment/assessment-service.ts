// 督导考核: rankings of units by the assessment indicators, the monthly bulletin, indicator weights and
// periods kept by administrators, and the towns' questionnaire on county departments. Reads the monthly
// facts kept by the assessment consumer (assessment-facts.ts), never scans cases for the indicators.
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  type Answers,
  COMPOSITE_FORMULA,
  checkAnswers,
  compositeScore,
  DEFAULT_TOWN_RATING_WEIGHT,
  departmentRating,
  emptyFacts,
  FACT_KEYS,
  type Facts,
  INDICATORS,
  type IndicatorKey,
  type IndicatorValues,
  indicatorScores,
  indicatorValues,
  isPeriod,
  monthsOf,
  periodKind,
  periodLabel,
  periodOf,
  periodRange,
  previousPeriod,
  QUESTIONNAIRE_FORMULA,
  QUESTIONS,
  rankUnits,
  submissionScore,
  TOWN_RATING_WEIGHT_KEY,
  type Trend,
  type Weights,
  withTownRating,
} from '../../domain/assessment/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { subtreeIds } from '../orgs/org-service.js';
import { catchUpAssessment, FACT_COLUMNS } from './assessment-facts.js';

export const UNIT_TYPES = ['department', 'town', 'village', 'grid'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export interface RankingRow {
  unitId: number;
  name: string;
  code: string;
  parentName: string | null;
  facts: Facts;
  values: IndicatorValues;
  scores: IndicatorValues;
  /** Composite of the indicators (0–100). */
  indicatorScore: number | null;
  /** Departments: the towns' questionnaire score (0–100) and how many towns rated. */
  townRating: number | null;
  townRatingCount: number;
  /** The final score the ranking uses. */
  score: number | null;
  rank: number | null;
  previousRank: number | null;
  previousScore: number | null;
  trend: Trend;
  scoreChange: number | null;
}

export interface RankingView {
  unitType: UnitType;
  period: string;
  periodLabel: string;
  previousPeriod: string;
  indicators: {
    key: IndicatorKey;
    name: string;
    formula: string;
    kind: 'rate' | 'count';
    higherIsBetter: boolean;
    weight: number;
  }[];
  compositeFormula: string;
  questionnaireFormula: string;
  townRatingWeight: number;
  rows: RankingRow[];
}

const r4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
const r2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
const roundValues = (v: IndicatorValues, round: (x: number | null) => number | null): IndicatorValues =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)])) as IndicatorValues;

function badPeriod(field: string, value: string, months = false): AppError {
  return new AppError('VALIDATION_FAILED', {
    message: months
      ? '考核期须为月份，格式 YYYY-MM，如 2026-03'
      : '考核期格式不正确：月份 YYYY-MM 或季度 YYYY-Qn，如 2026-03、2026-Q1',
    details: { fields: { [field]: value } },
  });
}

export class AssessmentService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    /**
     * The read replica (DATABASE_READ_URL, issue 22) for the rankings and bulletins; weights, periods and the
     * towns' questionnaires, which their authors must see at once, read `db`.
     */
    private readonly reader: Kysely<DB> = db,
  ) {}

  /** Brings the facts up to date with the timeline (cheap when nothing is new). */
  async catchUp(): Promise<void> {
    await catchUpAssessment(this.db);
  }

  // ---- weights and periods ----

  async weights(): Promise<{ weights: Weights; townRatingWeight: number }> {
    const rows = await this.db.selectFrom('assessment_weights').select(['key', 'weight']).execute();
    const stored = new Map(rows.map((r) => [r.key, Number(r.weight)]));
    const weights = Object.fromEntries(INDICATORS.map((i) => [i.key, stored.get(i.key) ?? i.defaultWeight])) as Weights;
    return { weights, townRatingWeight: stored.get(TOWN_RATING_WEIGHT_KEY) ?? DEFAULT_TOWN_RATING_WEIGHT };
  }

  async weightsView() {
    const { weights, townRatingWeight } = await this.weights();
    return {
      items: INDICATORS.map((i) => ({
        key: i.key,
        name: i.name,
        formula: i.formula,
        weight: weights[i.key],
        defaultWeight: i.defaultWeight,
      })),
      townRatingWeight,
      defaultTownRatingWeight: DEFAULT_TOWN_RATING_WEIGHT,
      compositeFormula: COMPOSITE_FORMULA,
    };
  }

  async setWeights(principal: Principal, input: { weights: Record<string, number>; townRatingWeight?: number }) {
    const fields: Record<string, string> = {};
    for (const [key, w] of Object.entries(input.weights)) {
      if (!INDICATORS.some((i) => i.key === key)) fields[key] = '没有这个指标';
      else if (!(Number.isFinite(w) && w >= 0 && w <= 100)) fields[key] = '权重须在 0–100 之间';
    }
    const tw = input.townRatingWeight;
    if (tw !== undefined && !(Number.isFinite(tw) && tw >= 0 && tw <= 100)) {
      fields.townRatingWeight = '镇街评价权重须在 0–100 之间（百分比）';
    }
    const current = await this.weights();
    const next = { ...current.weights, ...input.weights } as Weights;
    if (Object.keys(fields).length === 0 && INDICATORS.every((i) => next[i.key] === 0)) {
      fields.weights = '至少一个指标的权重须大于 0';
    }
    if (Object.keys(fields).length > 0) {
      throw new AppError('VALIDATION_FAILED', { message: '权重设置不正确', details: { fields } });
    }
    const now = this.clock.now();
    const entries: [string, number][] = [...Object.entries(input.weights)];
    if (tw !== undefined) entries.push([TOWN_RATING_WEIGHT_KEY, tw]);
    await this.db.transaction().execute(async (trx) => {
      for (const [key, weight] of entries) {
        await trx
          .insertInto('assessment_weights')
          .values({ key, weight, updated_at: now, updated_by: principal.userId })
          .onConflict((oc) => oc.column('key').doUpdateSet({ weight, updated_at: now, updated_by: principal.userId }))
          .execute();
      }
      await this.audit.record(
        principal,
        { action: 'assessment.weights', targetType: 'assessment', details: Object.fromEntries(entries) },
        trx,
      );
    });
    return this.weightsView();
  }

  async periods() {
    const now = this.clock.now();
    const closed = await this.db.selectFrom('assessment_periods').select(['period', 'closed_at']).execute();
    const closedAt = new Map(closed.map((c) => [c.period, c.closed_at]));
    const current = periodOf(now, 'month');
    const months: string[] = [current];
    while (months.length < 13) months.push(previousPeriod(months[months.length - 1] as string));
    const currentQuarter = periodOf(now, 'quarter');
    const quarters: string[] = [currentQuarter];
    while (quarters.length < 5) quarters.push(previousPeriod(quarters[quarters.length - 1] as string));
    const view = (period: string) => ({
      period,
      label: periodLabel(period),
      closed: closedAt.has(period),
      closedAt: closedAt.get(period) ?? null,
    });
    return {
      currentMonth: current,
      lastMonth: previousPeriod(current),
      currentQuarter,
      months: months.map(view),
      quarters: quarters.map(view),
    };
  }

  async setPeriodClosed(principal: Principal, period: string, closed: boolean) {
    if (!isPeriod(period) || periodKind(period) !== 'month') throw badPeriod('period', period, true);
    await this.db.transaction().execute(async (trx) => {
      if (closed) {
        await trx
          .insertInto('assessment_periods')
          .values({ period, closed_at: this.clock.now(), closed_by: principal.userId })
          .onConflict((oc) => oc.column('period').doNothing())
          .execute();
      } else {
        await trx.deleteFrom('assessment_periods').where('period', '=', period).execute();
      }
      await this.audit.record(
        principal,
        {
          action: closed ? 'assessment.period.close' : 'assessment.period.reopen',
          targetType: 'assessment_period',
          targetId: period,
        },
        trx,
      );
    });
    return (await this.periods()).months.find((m) => m.period === period) ?? { period, closed };
  }

  // ---- ranking ----

  private async factsFor(unitType: UnitType, countyCode: string, months: string[]): Promise<Map<number, Facts>> {
    const cols = FACT_KEYS.map((k) => sql<number>`sum(${sql.ref(`assessment_facts.${FACT_COLUMNS[k]}`)})`.as(k));
    const rows = await this.reader
      .selectFrom('assessment_facts')
      .innerJoin('orgs', 'orgs.id', 'assessment_facts.unit_id')
      .select(['assessment_facts.unit_id', ...cols])
      .where('orgs.kind', '=', unitType)
      .where('orgs.county_code', '=', countyCode)
      .where('assessment_facts.month', 'in', months)
      .groupBy('assessment_facts.unit_id')
      .execute();
    const out = new Map<number, Facts>();
    for (const row of rows) {
      const f = emptyFacts();
      for (const k of FACT_KEYS) f[k] = Number((row as unknown as Record<string, unknown>)[k] ?? 0);
      out.set(Number(row.unit_id), f);
    }
    return out;
  }

  private async ratingsFor(months: string[]): Promise<Map<number, Answers[]>> {
    const rows = await this.reader
      .selectFrom('assessment_ratings')
      .select(['department_id', 'answers'])
      .where('period', 'in', months)
      .execute();
    const out = new Map<number, Answers[]>();
    for (const r of rows) {
      const list = out.get(r.department_id) ?? [];
      list.push((typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers) as Answers);
      out.set(r.department_id, list);
    }
    return out;
  }

  /** Scores every unit of a type in the county for one period. */
  private async scorePeriod(unitType: UnitType, countyCode: string, period: string, unitIds: number[]) {
    const months = monthsOf(period);
    const [factsByUnit, ratings, { weights, townRatingWeight }] = await Promise.all([
      this.factsFor(unitType, countyCode, months),
      unitType === 'department' ? this.ratingsFor(months) : Promise.resolve(new Map<number, Answers[]>()),
      this.weights(),
    ]);
    const values = new Map(unitIds.map((id) => [id, indicatorValues(factsByUnit.get(id) ?? emptyFacts())]));
    const peers = [...values.values()];
    const result = new Map<
      number,
      {
        facts: Facts;
        values: IndicatorValues;
        scores: IndicatorValues;
        indicatorScore: number | null;
        townRating: number | null;
        townRatingCount: number;
        score: number | null;
      }
    >();
    for (const id of unitIds) {
      const v = values.get(id) as IndicatorValues;
      const scores = indicatorScores(v, peers);
      const indicatorScore = compositeScore(scores, weights);
      const sheets = ratings.get(id) ?? [];
      const townRating = departmentRating(sheets);
      result.set(id, {
        facts: factsByUnit.get(id) ?? emptyFacts(),
        values: v,
        scores,
        indicatorScore,
        townRating,
        townRatingCount: sheets.length,
        score:
          unitType === 'department' ? withTownRating(indicatorScore, townRating, townRatingWeight) : indicatorScore,
      });
    }
    return { result, weights, townRatingWeight };
  }

  async ranking(
    principal: Principal,
    input: { unitType: UnitType; period: string; withinId?: number },
  ): Promise<RankingView> {
    if (!UNIT_TYPES.includes(input.unitType)) {
      throw new AppError('VALIDATION_FAILED', {
        message: '单位类型须为 department、town、village 或 grid',
        details: { fields: { unitType: input.unitType } },
      });
    }
    if (!isPeriod(input.period)) throw badPeriod('period', input.period);
    await this.catchUp();
    const countyCode = principal.countyCode ?? '';
    let within = principal.scopePath ?? '∅';
    if (input.withinId !== undefined) {
      const org = await this.reader
        .selectFrom('orgs')
        .select('path')
        .where('id', '=', input.withinId)
        .executeTakeFirst();
      if (!org?.path.startsWith(within)) throw new AppError('ORG_NOT_FOUND');
      within = org.path;
    }
    const units = await this.reader
      .selectFrom('orgs')
      .leftJoin('orgs as parent', 'parent.id', 'orgs.parent_id')
      .select(['orgs.id', 'orgs.name', 'orgs.code', 'orgs.path', 'orgs.sort', 'parent.name as parentName'])
      .where('orgs.kind', '=', input.unitType)
      .where('orgs.county_code', '=', countyCode)
      .where('orgs.active', '=', true)
      .orderBy('orgs.code')
      .execute();
    const ids = units.map((u) => u.id);
    const previous = previousPeriod(input.period);
    const [current, before] = await Promise.all([
      this.scorePeriod(input.unitType, countyCode, input.period, ids),
      this.scorePeriod(input.unitType, countyCode, previous, ids),
    ]);
    const visible = units.filter((u) => u.path.startsWith(within));
    const ranked = rankUnits(
      visible.map((u) => ({ unitId: u.id, score: r2(current.result.get(u.id)?.score ?? null) })),
      visible.map((u) => ({ unitId: u.id, score: r2(before.result.get(u.id)?.score ?? null) })),
    );
    const byId = new Map(visible.map((u) => [u.id, u]));
    const rows: RankingRow[] = ranked.map((r) => {
      const u = byId.get(r.unitId) as (typeof visible)[number];
      const c = current.result.get(r.unitId) as NonNullable<ReturnType<typeof current.result.get>>;
      return {
        unitId: u.id,
        name: u.name,
        code: u.code,
        parentName: u.parentName,
        facts: c.facts,
        values: roundValues(c.values, r4),
        scores: roundValues(c.scores, r2),
        indicatorScore: r2(c.indicatorScore),
        townRating: r2(c.townRating),
        townRatingCount: c.townRatingCount,
        score: r.score,
        rank: r.rank,
        previousRank: r.previousRank,
        previousScore: r2(before.result.get(u.id)?.score ?? null),
        trend: r.trend,
        scoreChange: r2(r.scoreChange),
      };
    });
    return {
      unitType: input.unitType,
      period: input.period,
      periodLabel: periodLabel(input.period),
      previousPeriod: previous,
      indicators: INDICATORS.map((i) => ({
        key: i.key,
        name: i.name,
        formula: i.formula,
        kind: i.kind,
        higherIsBetter: i.higherIsBetter,
        weight: current.weights[i.key],
      })),
      compositeFormula: COMPOSITE_FORMULA,
      questionnaireFormula: QUESTIONNAIRE_FORMULA,
      townRatingWeight: current.townRatingWeight,
      rows,
    };
  }

  // ---- bulletin ----

  async bulletin(principal: Principal, month: string) {
    if (!isPeriod(month) || periodKind(month) !== 'month') throw badPeriod('month', month, true);
    const [towns, departments] = await Promise.all([
      this.ranking(principal, { unitType: 'town', period: month }),
      this.ranking(principal, { unitType: 'department', period: month }),
    ]);
    const { start, end } = periodRange(month);
    const scope = subtreeIds(this.reader, principal.scopePath);
    const caseColumns = [
      'cases.id',
      'cases.number',
      'cases.title',
      'cases.status',
      'cases.reported_at',
      'town.name as townName',
      'lead.name as leadName',
    ] as const;
    const eventsOf = (types: string[]) =>
      this.reader
        .selectFrom('case_events')
        .innerJoin('cases', 'cases.id', 'case_events.case_id')
        .leftJoin('orgs as town', 'town.id', 'cases.town_id')
        .leftJoin('orgs as lead', 'lead.id', 'cases.lead_org_id')
        .where('case_events.type', 'in', types)
        .where('case_events.at', '>=', start)
        .where('case_events.at', '<', end)
        .where((eb) => eb.or([eb('cases.town_id', 'in', scope), eb('cases.owner_org_id', 'in', scope)]))
        .where('cases.merged_into_id', 'is', null);
    const [overdueRows, supervisedRows, ratedRows] = await Promise.all([
      eventsOf(['escalateOverdue'])
        .select([...caseColumns, 'case_events.at', sql<string>`case_events.details->>'overdueKind'`.as('kind')])
        .orderBy('case_events.at')
        .limit(500)
        .execute(),
      eventsOf(['supervise'])
        .select([
          ...caseColumns,
          'case_events.at',
          sql<string>`case_events.details->>'reason'`.as('reason'),
          'cases.listed',
        ])
        .orderBy('cases.listed', 'desc')
        .orderBy('case_events.at', 'desc')
        .limit(5)
        .execute(),
      eventsOf(['callback', 'rate'])
        .select([...caseColumns, 'case_events.at'])
        .where(sql<boolean>`case_events.details->>'rating' = 'satisfied'`)
        .orderBy(sql`case_events.at - cases.reported_at`)
        .limit(5)
        .execute(),
    ]);
    const seen = new Set<number>();
    const overdue = overdueRows
      .filter((r) => {
        if (seen.has(Number(r.id))) return false;
        seen.add(Number(r.id));
        return true;
      })
      .slice(0, 100)
      .map((r) => ({
        caseId: Number(r.id),
        number: r.number,
        title: r.title,
        townName: r.townName,
        leadName: r.leadName,
        status: r.status,
        kind: r.kind,
        at: new Date(r.at).toISOString(),
      }));
    const typical = [
      ...ratedRows.map((r) => ({
        kind: 'best_rated' as const,
        caseId: Number(r.id),
        number: r.number,
        title: r.title,
        townName: r.townName,
        leadName: r.leadName,
        note: `群众评价满意，受理至评价用时 ${Math.max(1, Math.round((new Date(r.at).getTime() - new Date(r.reported_at).getTime()) / 3_600_000))} 小时`,
      })),
      ...supervisedRows.map((r) => ({
        kind: 'supervised' as const,
        caseId: Number(r.id),
        number: r.number,
        title: r.title,
        townName: r.townName,
        leadName: r.leadName,
        note: `${r.listed ? '挂牌督办' : '督办'}：${r.reason ?? ''}`,
      })),
    ];
    const total = emptyFacts();
    for (const row of towns.rows) for (const k of FACT_KEYS) total[k] += row.facts[k];
    return {
      month,
      label: periodLabel(month),
      generatedAt: this.clock.now().toISOString(),
      summary: { facts: total, values: roundValues(indicatorValues(total), r4) },
      towns,
      departments,
      overdue,
      overdueTotal: seen.size,
      typical,
    };
  }

  // ---- the towns' questionnaire (基层考核上级部门) ----

  private requireTown(principal: Principal): number {
    if (principal.orgKind !== 'town' || principal.orgId === null) throw new AppError('ASSESSMENT_TOWN_ONLY');
    return principal.orgId;
  }

  private async periodState(period: string) {
    const { start } = periodRange(period);
    const closed = await this.db
      .selectFrom('assessment_periods')
      .select('closed_at')
      .where('period', '=', period)
      .executeTakeFirst();
    return { started: this.clock.now().getTime() >= start.getTime(), closed: !!closed };
  }

  async ratingForm(principal: Principal, period: string) {
    const townId = this.requireTown(principal);
    if (!isPeriod(period) || periodKind(period) !== 'month') throw badPeriod('period', period, true);
    await this.catchUp();
    const [state, departments, submissions] = await Promise.all([
      this.periodState(period),
      this.db
        .selectFrom('assessment_links')
        .innerJoin('orgs', 'orgs.id', 'assessment_links.org_id')
        .select(['orgs.id', 'orgs.name', 'assessment_links.cases'])
        .where('assessment_links.town_id', '=', townId)
        .where('assessment_links.month', '=', period)
        .where('assessment_links.cases', '>', 0)
        .where('orgs.kind', '=', 'department')
        .orderBy('orgs.code')
        .execute(),
      this.db
        .selectFrom('assessment_ratings')
        .selectAll()
        .where('town_id', '=', townId)
        .where('period', '=', period)
        .execute(),
    ]);
    const byDept = new Map(submissions.map((s) => [s.department_id, s]));
    return {
      period,
      label: periodLabel(period),
      townId,
      open: state.started && !state.closed,
      closed: state.closed,
      started: state.started,
      questions: QUESTIONS,
      formula: QUESTIONNAIRE_FORMULA,
      departments: departments.map((d) => {
        const s = byDept.get(d.id);
        return {
          departmentId: d.id,
          name: d.name,
          cases: Number(d.cases),
          submission: s
            ? {
                answers: (typeof s.answers === 'string' ? JSON.parse(s.answers) : s.answers) as Answers,
                comment: s.comment,
                score: r2(s.score),
                updatedAt: new Date(s.updated_at).toISOString(),
                version: s.version,
              }
            : null,
        };
      }),
    };
  }

  async submitRating(
    principal: Principal,
    input: { period: string; departmentId: number; townId?: number; answers: Answers; comment?: string | null },
  ) {
    const townId = this.requireTown(principal);
    // A town rates only for itself: another town's id is answered as if it did not exist.
    if (input.townId !== undefined && input.townId !== townId) throw new AppError('ORG_NOT_FOUND');
    if (!isPeriod(input.period) || periodKind(input.period) !== 'month') throw badPeriod('period', input.period, true);
    const dept = await this.db
      .selectFrom('orgs')
      .select(['id', 'kind', 'county_code'])
      .where('id', '=', input.departmentId)
      .executeTakeFirst();
    if (dept?.kind !== 'department' || dept.county_code !== principal.countyCode) {
      throw new AppError('ORG_NOT_FOUND', { message: '县级部门不存在' });
    }
    const problems = checkAnswers(input.answers);
    if (Object.keys(problems).length > 0) {
      throw new AppError('VALIDATION_FAILED', {
        message: Object.values(problems).join('；'),
        details: { fields: problems },
      });
    }
    const comment = input.comment?.trim() || null;
    if (comment && comment.length > 500) {
      throw new AppError('VALIDATION_FAILED', {
        message: '意见建议不能超过 500 字',
        details: { fields: { comment: 'too long' } },
      });
    }
    const state = await this.periodState(input.period);
    if (state.closed) throw new AppError('ASSESSMENT_PERIOD_CLOSED', { details: { period: input.period } });
    if (!state.started) throw new AppError('ASSESSMENT_PERIOD_NOT_STARTED', { details: { period: input.period } });
    await this.catchUp();
    const link = await this.db
      .selectFrom('assessment_links')
      .select('cases')
      .where('town_id', '=', townId)
      .where('org_id', '=', input.departmentId)
      .where('month', '=', input.period)
      .where('cases', '>', 0)
      .executeTakeFirst();
    if (!link)
      throw new AppError('ASSESSMENT_NOT_RATEABLE', {
        details: { period: input.period, departmentId: input.departmentId },
      });
    const now = this.clock.now();
    const score = submissionScore(input.answers);
    const answers = JSON.stringify(input.answers);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('assessment_ratings')
        .values({
          period: input.period,
          town_id: townId,
          department_id: input.departmentId,
          answers,
          score,
          comment,
          submitted_by: principal.userId,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['period', 'town_id', 'department_id']).doUpdateSet({
            answers,
            score,
            comment,
            submitted_by: principal.userId,
            updated_at: now,
            version: sql<number>`assessment_ratings.version + 1`,
          }),
        )
        .execute();
      await this.audit.record(
        principal,
        {
          action: 'assessment.rate',
          targetType: 'org',
          targetId: input.departmentId,
          details: { period: input.period, score: r2(score) },
        },
        trx,
      );
    });
    return { period: input.period, departmentId: input.departmentId, townId, score: r2(score) };
  }

  async ratingResults(principal: Principal, period: string) {
    if (!isPeriod(period)) throw badPeriod('period', period);
    const months = monthsOf(period);
    const rows = await this.db
      .selectFrom('assessment_ratings')
      .innerJoin('orgs as town', 'town.id', 'assessment_ratings.town_id')
      .innerJoin('orgs as dept', 'dept.id', 'assessment_ratings.department_id')
      .select([
        'assessment_ratings.department_id',
        'dept.name as departmentName',
        'town.name as townName',
        'assessment_ratings.answers',
        'assessment_ratings.score',
        'assessment_ratings.comment',
        'assessment_ratings.period',
        'assessment_ratings.updated_at',
      ])
      .where('assessment_ratings.period', 'in', months)
      .where('town.path', 'like', `${principal.scopePath ?? '∅'}%`)
      .orderBy('dept.code')
      .orderBy('town.code')
      .execute();
    const { townRatingWeight } = await this.weights();
    const byDept = new Map<number, typeof rows>();
    for (const r of rows) byDept.set(r.department_id, [...(byDept.get(r.department_id) ?? []), r]);
    return {
      period,
      label: periodLabel(period),
      questions: QUESTIONS,
      formula: QUESTIONNAIRE_FORMULA,
      townRatingWeight,
      items: [...byDept.entries()].map(([departmentId, list]) => {
        const answers = list.map((l) => (typeof l.answers === 'string' ? JSON.parse(l.answers) : l.answers) as Answers);
        return {
          departmentId,
          name: list[0]?.departmentName ?? '',
          towns: list.length,
          score: r2(departmentRating(answers)),
          perQuestion: Object.fromEntries(
            QUESTIONS.map((q) => [q.key, r2(answers.reduce((a, x) => a + (x[q.key] ?? 0), 0) / answers.length)]),
          ),
          submissions: list.map((l, i) => ({
            townName: l.townName,
            period: l.period,
            score: r2(Number(l.score)),
            answers: answers[i] as Answers,
            comment: l.comment,
            updatedAt: new Date(l.updated_at).toISOString(),
          })),
        };
      }),
    };
  }
}
