// The server's API shapes as the browser receives them, taken from the server's own modules by type-only imports
// (`@server/*` is ../src/*): they are erased at build, and the build refuses any server module that would reach
// the bundle (vite.config.ts). A service method's result is typed as JSON carries it (dates as strings).
import type { CaseActionType } from '@server/domain/case/index';
import type { AnalysisService } from '@server/modules/analysis/analysis-service';
import type { CategorySuggestion } from '@server/modules/analysis/category-suggester';
import type { AssessmentService } from '@server/modules/assessment/assessment-service';
import type { InboxBox } from '@server/modules/cases/case-views';
import type { NotificationService } from '@server/modules/cases/notification-service';
import type { CaseRulesService, TimeLimitInput } from '@server/modules/cases/rules-service';
import type { HomeService } from '@server/modules/home/home-service';

export type { HighlightSegment } from '@server/domain/analysis/index';
export type { Question, Trend } from '@server/domain/assessment/index';
export type { DurationUnit } from '@server/domain/calendar/index';
export type { OfficePeriod } from '@server/domain/calendar/office-hours';
export type {
  CaseLevel,
  CaseState,
  DeadlineKind,
  Rating,
  Urgency,
} from '@server/domain/case/index';
export type { TaskActionType, TaskSourceKind, TaskState } from '@server/domain/task/index';
export type { CaseBrief, HotspotPeriod, SearchHit } from '@server/modules/analysis/analysis-service';
export type { RankingRow, RankingView, UnitType } from '@server/modules/assessment/assessment-service';
export type {
  CaseDeadlineView,
  CaseDetail,
  CaseListItem,
  ClockColour,
  TimelineEntry,
} from '@server/modules/cases/case-views';
export type {
  TaskBox,
  TaskCounts,
  TaskDetail,
  TaskHistoryEntry,
  TaskListItem,
} from '@server/modules/tasks/task-views';
export type { CaseActionType, CategorySuggestion, InboxBox };

/** A value as JSON.stringify turns it into: dates become ISO strings. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

/** What an API route answering with `method`'s result sends to the browser. */
// biome-ignore lint/suspicious/noExplicitAny: any argument list; only the result matters
export type Answer<F extends (...args: any[]) => Promise<unknown>> = Json<Awaited<ReturnType<F>>>;

/** An action as the API takes it: the type plus its fields (organisation ids as numbers). */
export type CaseActionBody = { type: CaseActionType } & Record<string, unknown>;

export interface InboxCounts {
  boxes: Record<InboxBox, number>;
}

export type NotificationList = Answer<NotificationService['list']>;
export type NotificationItem = NotificationList['items'][number];

export type TimeLimitRule = Answer<CaseRulesService['timeLimits']>['items'][number];
export type RoutingRule = Answer<CaseRulesService['routingRules']>['items'][number];
export type TimeLimitStage = TimeLimitInput['stage'];
export type OfficeHours = Answer<CaseRulesService['officeHours']>;

/** The first page of every level (概览). */
export type HomeData = Answer<HomeService['summary']>;

export type SearchResult = Answer<AnalysisService['search']>;
export type HotspotResult = Answer<AnalysisService['hotspots']>;
export type HotspotItem = HotspotResult['grids'][number] | HotspotResult['topics'][number];
export type RepeatReporter = Answer<AnalysisService['repeatReporters']>['items'][number];
export type GroupRisk = Answer<AnalysisService['groupRisks']>['items'][number];

export type PeriodsView = Answer<AssessmentService['periods']>;
export type Bulletin = Answer<AssessmentService['bulletin']>;
