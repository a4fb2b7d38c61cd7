// 智能分类 · 智能派单 (issue 19): the module's face — the consumer's pass (queue new cases, classify them, maybe
// dispatch them), the suggestion of a case and the dispatcher's decision on it, the county's 智能派单 setting
// with the threshold table it is chosen with, and the counts per category (corrections, automatic dispatches,
// their returns).
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { CaseContext } from '../../domain/case/index.js';
import { accuracy, type ScoredPrediction, thresholdTable } from '../../domain/classification/index.js';
import type { AnalysisService } from '../analysis/analysis-service.js';
import type { CategorySuggestion } from '../analysis/category-suggester.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { casesVisibleTo } from '../cases/case-scope.js';
import { IntakeClassification } from './classify-at-intake.js';
import { type DecideInput, type DecideResult, decideSuggestion } from './decide-suggestion.js';
import { sendGroupRiskWarnings, sendSpikeWarnings } from './early-warning.js';
import { Gazetteer } from './gazetteer.js';
import { labelledPredictions } from './labelled-evaluation.js';
import { type ListWarningsOptions, listWarnings, type WarningView } from './list-warnings.js';
import { locatePending } from './locate-case.js';
import { type IntelligenceSettings, readSettings } from './settings.js';
import { suggestPending } from './suggest-category.js';
import { queueFromEvents, startQueueCursor } from './suggestion-queue.js';

export interface SuggestionView {
  caseId: number;
  status: string;
  channel: string;
  categoryId: number | null;
  categoryName: string | null;
  level1Name: string | null;
  confidence: number | null;
  scores: { level1: { id: number | null; name: string; score: number }[]; level2: unknown[] };
  proposedOrgId: number | null;
  proposedOrgName: string | null;
  autoDispatched: boolean;
  autoReason: string | null;
  returnCount: number;
  finalCategoryId: number | null;
  decidedAt: string | null;
}

export interface LocationView {
  status: string;
  address: string;
  placeKind: string | null;
  placeName: string | null;
  gridId: number | null;
  gridName: string | null;
  lat: number | null;
  lng: number | null;
  confidence: number | null;
  matched: string[];
}

export interface ThresholdReport {
  settings: IntelligenceSettings;
  labelled: { n: number; accuracy: number | null; rows: ReturnType<typeof thresholdTable> };
  county: { n: number; accuracy: number | null; rows: ReturnType<typeof thresholdTable> };
}

export interface CategoryStats {
  categoryName: string;
  suggested: number;
  accepted: number;
  corrected: number;
  autoDispatched: number;
  returned: number;
}

export class IntelligenceService {
  private readonly onChangedListeners: ((caseId: number) => void)[] = [];
  readonly gazetteer: Gazetteer;

  constructor(
    private readonly deps: {
      db: Kysely<DB>;
      audit: AuditService;
      suggester: {
        classify(text: string, townId?: number | null, title?: string): Promise<CategorySuggestion>;
        ready(): boolean;
      };
      context: () => Promise<CaseContext>;
      /** For the early warnings (group risks, spikes); without it no warning is sent. */
      analysis?: AnalysisService;
      clock?: Clock;
    },
  ) {
    this.gazetteer = new Gazetteer(deps.db);
    this.atIntake = new IntakeClassification(deps.db, deps.suggester);
  }

  /** 智能分类 at intake, for the case module (its 智能派单 switch is read again when changed here). */
  readonly atIntake: IntakeClassification;

  onChange(listener: (caseId: number) => void): void {
    this.onChangedListeners.push(listener);
  }

  private changed = (caseId: number) => {
    for (const l of this.onChangedListeners) l(caseId);
  };

  /** Before the process serves requests: the queue's cursor, at the newest timeline entry when it is new. */
  prepare(): Promise<void> {
    return startQueueCursor(this.deps.db);
  }

  /** One pass of the consumer: queue what the timeline brought, classify a batch. True when more is waiting. */
  async pass(): Promise<boolean> {
    const queued = await queueFromEvents(this.deps.db);
    const done = await suggestPending({ ...this.deps, onChanged: this.changed });
    const located = await locatePending({ ...this.deps, gazetteer: this.gazetteer, onChanged: this.changed });
    return queued >= 1000 || done >= 20 || located >= 50;
  }

  /** 预警: the group risks and spikes that crossed their threshold, notified once each. Returns how many were sent. */
  async warn(): Promise<number> {
    const { analysis, clock } = this.deps;
    if (!analysis || !clock) return 0;
    const deps = { db: this.deps.db, analysis, clock };
    return (await sendGroupRiskWarnings(deps)) + (await sendSpikeWarnings(deps));
  }

  /** 预警 on the command centre: the recent warnings with cases in the reader's subtree (or an area of it). */
  warnings(principal: Principal, options: ListWarningsOptions = {}): Promise<{ items: WarningView[] }> {
    return listWarnings({ db: this.deps.db, now: this.deps.clock?.now() ?? new Date() }, principal, options);
  }

  /** Runs passes until nothing is left (tests, the bench). */
  async drain(): Promise<void> {
    while (await this.pass()) {
      /* more */
    }
  }

  async suggestion(caseId: number, principal: Principal): Promise<SuggestionView | null> {
    const visible = await this.deps.db
      .selectFrom('cases')
      .select('id')
      .where('id', '=', caseId)
      .where(casesVisibleTo(principal))
      .executeTakeFirst();
    if (!visible) throw new AppError('CASE_NOT_FOUND', { details: { caseId } });
    const r = await this.deps.db
      .selectFrom('case_suggestions as s')
      .leftJoin('orgs as o', 'o.id', 's.proposed_org_id')
      .selectAll('s')
      .select('o.name as org_name')
      .where('s.case_id', '=', caseId)
      .executeTakeFirst();
    if (!r) return null;
    const scores = (typeof r.scores === 'string' ? JSON.parse(r.scores) : r.scores) as SuggestionView['scores'];
    return {
      caseId,
      status: r.status,
      channel: r.channel,
      categoryId: r.category_id,
      categoryName: r.category_name,
      level1Name: r.level1_name,
      confidence: r.confidence,
      scores: { level1: scores?.level1 ?? [], level2: scores?.level2 ?? [] },
      proposedOrgId: r.proposed_org_id,
      proposedOrgName: r.org_name,
      autoDispatched: r.auto_dispatched,
      autoReason: r.auto_reason,
      returnCount: r.return_count,
      finalCategoryId: r.final_category_id,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    };
  }

  /** The address match of a case that came without a point (null when none was needed). */
  async location(caseId: number): Promise<LocationView | null> {
    const r = await this.deps.db
      .selectFrom('case_locations as l')
      .leftJoin('orgs as g', 'g.id', 'l.grid_id')
      .selectAll('l')
      .select('g.name as grid_name')
      .where('l.case_id', '=', caseId)
      .executeTakeFirst();
    if (!r) return null;
    return {
      status: r.status,
      address: r.address,
      placeKind: r.place_kind,
      placeName: r.place_name,
      gridId: r.grid_id,
      gridName: r.grid_name,
      lat: r.lat,
      lng: r.lng,
      confidence: r.confidence,
      matched: (typeof r.matched === 'string' ? JSON.parse(r.matched) : r.matched) as string[],
    };
  }

  decide(caseId: number, input: DecideInput, principal: Principal): Promise<DecideResult> {
    return decideSuggestion({ ...this.deps, onChanged: this.changed }, caseId, input, principal);
  }

  private countyOf(principal: Principal): string {
    if (!principal.countyCode)
      throw new AppError('FORBIDDEN', { message: '只有县内单位的工作人员可以查看智能派单设置' });
    return principal.countyCode;
  }

  settings(principal: Principal): Promise<IntelligenceSettings> {
    return readSettings(this.deps.db, this.countyOf(principal));
  }

  async updateSettings(
    principal: Principal,
    input: { autoDispatch: boolean; threshold: number },
  ): Promise<IntelligenceSettings> {
    const county = this.countyOf(principal);
    if (principal.orgKind !== 'county') {
      throw new AppError('FORBIDDEN', { message: '智能派单是县级设置，只有县级管理员可以修改' });
    }
    if (!(input.threshold >= 0.5 && input.threshold <= 1)) {
      throw new AppError('VALIDATION_FAILED', {
        message: '阈值须在 0.5 到 1 之间',
        details: { field: 'threshold' },
      });
    }
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('intelligence_settings')
        .values({
          county_code: county,
          auto_dispatch: input.autoDispatch,
          threshold: input.threshold,
          updated_by: principal.userId,
          updated_at: new Date(),
        })
        .onConflict((oc) =>
          oc.column('county_code').doUpdateSet({
            auto_dispatch: input.autoDispatch,
            threshold: input.threshold,
            updated_by: principal.userId,
            updated_at: new Date(),
          }),
        )
        .execute();
      await this.deps.audit.record(
        principal,
        { action: 'intelligence.settings', targetType: 'county', targetId: county, details: { ...input } },
        trx,
      );
    });
    this.atIntake.forget(county);
    return readSettings(this.deps.db, county);
  }

  /** The county's decided suggestions as predictions: right when the final category is in the suggested first level. */
  async countyPredictions(countyCode: string): Promise<ScoredPrediction[]> {
    const rows = await this.deps.db
      .selectFrom('case_suggestions as s')
      .innerJoin('categories as c', 'c.id', 's.final_category_id')
      .leftJoin('categories as p', 'p.id', 'c.parent_id')
      .leftJoin('categories as g', 'g.id', 'p.parent_id')
      .select(['s.confidence', 's.level1_name', 'c.name as c_name', 'p.name as p_name', 'g.name as g_name'])
      .where('s.county_code', '=', countyCode)
      .where('s.status', 'in', ['accepted', 'corrected'])
      .where('s.confidence', 'is not', null)
      .execute();
    return rows.map((r) => ({
      confidence: r.confidence ?? 0,
      correct: (r.g_name ?? r.p_name ?? r.c_name) === r.level1_name,
    }));
  }

  async thresholds(principal: Principal): Promise<ThresholdReport> {
    const county = this.countyOf(principal);
    const [settings, labelled, own] = await Promise.all([
      readSettings(this.deps.db, county),
      labelledPredictions(),
      this.countyPredictions(county),
    ]);
    return {
      settings,
      labelled: { n: labelled.length, accuracy: accuracy(labelled), rows: thresholdTable(labelled) },
      county: { n: own.length, accuracy: accuracy(own), rows: thresholdTable(own) },
    };
  }

  /** Per suggested category: suggestions, accepted, corrected, dispatched automatically, returned (退单). */
  async stats(principal: Principal): Promise<CategoryStats[]> {
    const county = this.countyOf(principal);
    const rows = await this.deps.db
      .selectFrom('case_suggestions')
      .select(['category_name', 'status', 'auto_dispatched', 'return_count'])
      .where('county_code', '=', county)
      .where('status', 'not in', ['pending', 'failed'])
      .execute();
    const by = new Map<string, CategoryStats>();
    for (const r of rows) {
      const name = r.category_name ?? '（无）';
      const s = by.get(name) ?? {
        categoryName: name,
        suggested: 0,
        accepted: 0,
        corrected: 0,
        autoDispatched: 0,
        returned: 0,
      };
      s.suggested++;
      if (r.status === 'accepted') s.accepted++;
      if (r.status === 'corrected') s.corrected++;
      if (r.auto_dispatched) s.autoDispatched++;
      if (r.auto_dispatched && r.return_count > 0) s.returned++;
      by.set(name, s);
    }
    return [...by.values()].sort((a, b) => b.suggested - a.suggested || a.categoryName.localeCompare(b.categoryName));
  }
}
