// Composition of the services: one place that wires the database, the clock and every module together.
import type { Kysely } from 'kysely';
import type { Clock } from './core/clock.js';
import type { Config } from './core/config.js';
import { FieldCrypto } from './core/field-crypto.js';
import type { DatabaseKind } from './db/database.js';
import { registerPlannerStatisticsJob } from './db/planner-statistics.js';
import type { DB } from './db/schema.js';
import { type JobLogger, JobRunner } from './jobs/job-runner.js';
import { registerRollupJob } from './jobs/rollup-job.js';
import { AnalysisService, CategorySuggester, registerAnalysisJobs } from './modules/analysis/index.js';
import { ApiKeyService } from './modules/api-keys/api-key-service.js';
import { AssessmentService, consumeAssessmentEvents } from './modules/assessment/index.js';
import { AttachmentService } from './modules/attachments/attachment-service.js';
import { objectStoresFor } from './modules/attachments/attachment-store.js';
import { AuditService } from './modules/audit/audit-service.js';
import { AuthService } from './modules/auth/auth-service.js';
import type { SmsGateway } from './modules/auth/sms-gateway.js';
import { CalendarService } from './modules/calendar/calendar-service.js';
import {
  archiveClosedCases,
  CaseRulesService,
  CaseService,
  LiveHub,
  NotificationService,
  sweepDeadlines,
} from './modules/cases/index.js';
import { CategoryService } from './modules/categories/category-service.js';
import { DashboardService } from './modules/dashboards/dashboard-service.js';
import { DeliberationService, deliberationAttachmentReferrer } from './modules/deliberations/index.js';
import { DisputeService } from './modules/disputes/index.js';
import { GridDataService } from './modules/grid-data/index.js'; // grid base data (issue 14 §1)
import { HomeService } from './modules/home/home-service.js';
import { createIntakeChannels, type IntakeChannelServices } from './modules/hotline/index.js';
import { IntelligenceService } from './modules/intelligence/index.js'; // 智能分类 · 智能派单 (issue 19)
import { LegalService } from './modules/legal/index.js';
import { MeetingService } from './modules/meetings/index.js';
import { OrgImporter } from './modules/orgs/org-import.js';
import { OrgService } from './modules/orgs/org-service.js';
import { PartyService } from './modules/party/index.js';
import { DoubleReportService, PropertyRatingService } from './modules/party-service/index.js'; // issue 21 §2–3
import { PointsService, pointsAttachmentReferrer } from './modules/points/index.js';
import { PowerService, powerAttachmentReferrer } from './modules/powers/index.js';
import { registerPrivacyJobs } from './modules/privacy/index.js'; // personal data: erasure, retention (issue 18)
import { ProjectService, projectAttachmentReferrer } from './modules/projects/index.js';
import { PsychService } from './modules/psych/index.js';
import { ShowcaseService } from './modules/public/index.js'; // public showcase (issue 17 §3)
import { ScreeningService, screeningAttachmentReferrer } from './modules/screenings/index.js';
import { ServiceItemService } from './modules/service-items/index.js'; // convenience services (issue 17 §2)
import { SocialOrgService } from './modules/social-orgs/index.js'; // social organisations (issue 17 §1)
import { SurveyService } from './modules/surveys/index.js'; // public-opinion surveys (issue 21 §4)
import { TaskService, taskAttachmentReferrer } from './modules/tasks/index.js';
import { TopicService } from './modules/topics/index.js'; // 每月一题 · 未诉先办 (issue 19)
import { UserService } from './modules/users/user-service.js';
import { VideoEventService, videoAttachmentReferrer } from './modules/video-events/index.js';
import { VolunteerService } from './modules/volunteers/index.js'; // volunteers (issue 17 §1)
import { WorkTeamService } from './modules/work-teams/index.js';

export interface AppServices extends IntakeChannelServices {
  config: Config;
  db: Kysely<DB>;
  /**
   * The read replica of DATABASE_READ_URL (issue 22), or `db` itself: the read-only traffic that may lag the
   * primary by a moment (dashboards, the command centre, analysis, assessment rankings, the public page) reads it.
   */
  reader: Kysely<DB>;
  dbKind: DatabaseKind;
  clock: Clock;
  audit: AuditService;
  /** Personal fields at rest (grid base data, reporters' names and phones): DATA_ENCRYPTION_KEY (+ _PREVIOUS). */
  fieldCrypto: FieldCrypto;
  auth: AuthService;
  orgs: OrgService;
  orgImport: OrgImporter;
  users: UserService;
  apiKeys: ApiKeyService;
  categories: CategoryService;
  calendar: CalendarService;
  home: HomeService;
  attachments: AttachmentService;
  /** Background jobs of this process (registered by modules, started by the server). */
  jobs: JobRunner;
  cases: CaseService;
  caseRules: CaseRulesService;
  notifications: NotificationService;
  live: LiveHub;
  dashboards: DashboardService;
  /** 分析研判: search, similar cases, hotspots, repeat reporters, group risks. */
  analysis: AnalysisService;
  /** 智能分类: category and responsible-unit suggestion from text. */
  categorySuggester: CategorySuggester;
  assessment: AssessmentService;
  /** Tasks (任务): work with an owner unit and a due time, from meetings, teams, projects … (issue 13). */
  tasks: TaskService;
  /** 联席会议: joint meetings — agenda from the data, the record, decisions that become tasks, minutes (issue 13). */
  meetings: MeetingService;
  /** 工作专班: special work teams, their tasks and weekly reports (issue 13). */
  workTeams: WorkTeamService;
  /** 突破项目: annual breakthrough projects, milestones, monthly progress, year-end evaluation (issue 13). */
  projects: ProjectService;
  /** 矛盾纠纷 · 人民调解: dispute records, mediation, agreements and follow-ups (issue 15). */
  disputes: DisputeService;
  /** 视频智能分析: machine-detected events as cases at 核实, the camera registry, false-alarm rates (issue 14 §3). */
  video: VideoEventService;
  /** 文明积分 · 诚信户: civility points, the village's shop and credit households (issue 16). */
  points: PointsService;
  /** 志愿服务: volunteers, teams, activities with sign-up and on-site check-in/out, service hours (issue 17 §1). */
  volunteers: VolunteerService;
  /** 社会组织: the registry, incubation stages, purchased services and their deliverables, assigned cases (issue 17 §1). */
  socialOrgs: SocialOrgService;
  /** 网格底数: the grid's people, households, places, things and organisations, encrypted at rest (issue 14 §1). */
  gridData: GridDataService;
  /** 心理服务转介: psychological-service referrals, the strictest access in the system (issue 15 §3). */
  psych: PsychService;
  /** 议事: deliberation stations, topics, residents' comments and secret ballots, decisions as tasks (issue 16 §2). */
  deliberations: DeliberationService;
  /** 小微权力清单: the villages' small-power lists, their procedures and exercises (issue 16 §3). */
  powers: PowerService;
  /** 公开展示（媒）: typical cases reviewed before publishing, news posts, the county's public figures (issue 17 §3). */
  showcase: ShowcaseService;
  /** 双报到: units and in-service members registered with communities, the communities' needs, yearly reports (issue 21 §2). */
  partyService: DoubleReportService;
  /** 物业亮星 and 执法亮剑: compounds' monthly stars, residents' ratings, the public enforcement list (issue 21 §3). */
  partyRatings: PropertyRatingService;
  /** 党组织: the party organisation along the grid, members, 大党委, first secretaries (issue 21 §1–§3). */
  party: PartyService;
  /** 便民服务: stations, the county's list of service items and adoption, applications on the work calendar (issue 17 §2). */
  serviceItems: ServiceItemService;
  /** 矛盾纠纷排查: the screening cadence per level, its tasks, records and coverage (issue 14 §2). */
  screenings: ScreeningService;
  /** 一村一法律顾问: advisers, assignments to villages, the service log and the month's report (issue 15 §2). */
  legal: LegalService;
  /** 智慧民调: survey rounds, seeded samples with quotas, link / SMS / call channels, results with 95 % intervals (issue 21 §4). */
  surveys: SurveyService;
  /** 智能分类 · 智能派单: the classifier's suggestion at every intake, automatic dispatch, corrections (issue 19). */
  intelligence: IntelligenceService;
  /** 每月一题 · 未诉先办: the month's problems proposed, adopted as topics with tasks, tracked before and after (issue 19). */
  topics: TopicService;
}

export function createServices(deps: {
  config: Config;
  db: Kysely<DB>;
  /** A streaming replica for the read-only traffic; default: `db`. */
  reader?: Kysely<DB>;
  dbKind: DatabaseKind;
  clock: Clock;
  sms: SmsGateway;
  wallNow?: () => Date;
  log?: JobLogger;
}): AppServices {
  const { config, db, clock } = deps;
  const reader = deps.reader ?? db; // read replica (issue 22): only reads that need not see the last write
  const audit = new AuditService(db, clock);
  const auth = new AuthService({ db, config, audit, sms: deps.sms, wallNow: deps.wallNow });
  const orgs = new OrgService(db, clock, audit);
  const jobs = new JobRunner(deps.log ?? { error: (obj, msg) => console.error(msg, obj) });
  const fieldCrypto = new FieldCrypto(config.dataEncryptionKey, config.dataEncryptionKeyPrevious); // issue 18
  // One connection to the embedded database: one group statement at a time, the next group forms meanwhile.
  const cases = new CaseService(db, clock, orgs, fieldCrypto, { groupsInFlight: deps.dbKind === 'pglite' ? 1 : 2 });
  const live = new LiveHub(db);
  registerRollupJob(jobs, db);
  registerPlannerStatisticsJob(jobs, db, deps.dbKind); // ANALYZE where no autovacuum does (PGlite; issue 18's soak)
  const categorySuggester = new CategorySuggester(db);
  const stores = objectStoresFor(config);
  registerAnalysisJobs(jobs, db, categorySuggester, { trainAtStart: config.mode !== 'test' });
  jobs.register({ name: 'assessment-facts', everyMs: 5000, run: () => consumeAssessmentEvents(db) });
  cases.onChange(() => live.nudge());
  jobs.register({
    name: 'deadline-sweeper',
    // Every half second when idle (a pass with a full batch runs the next at once): at 1,000 due clocks a second
    // the 1 s tick let a second's clocks wait a whole tick plus a pass, p99 ≈ 2.2 s (bench/README, sweeper).
    everyMs: 500,
    run: async () =>
      (
        await sweepDeadlines(
          db,
          clock,
          () => cases.contexts.context(),
          () => live.nudge(),
        )
      ).more,
  });
  jobs.register({
    name: 'case-archiver',
    everyMs: 60_000,
    run: async () => (await archiveClosedCases(db, clock, () => cases.contexts.context())) === 100,
  });
  registerPrivacyJobs(jobs, { db, clock, audit, crypto: fieldCrypto }, config.personalDataRetentionYears); // PIPL (issue 18)
  const tasks = new TaskService(db, clock, audit, cases.contexts);
  tasks.onChange(() => live.nudge());
  jobs.register({ name: 'task-deadline-sweeper', everyMs: 1000, run: async () => (await tasks.sweep()).more });
  const attachments = new AttachmentService(db, clock, stores.primary, stores.byKind);
  attachments.registerReferrer(taskAttachmentReferrer(db));
  attachments.registerReferrer(projectAttachmentReferrer(db));
  attachments.registerReferrer(pointsAttachmentReferrer(db)); // civility points (issue 16)
  attachments.registerReferrer(videoAttachmentReferrer(db)); // video events (issue 14 §3)
  const video = new VideoEventService({ db, clock, audit, cases, orgs, attachments, wallNow: deps.wallNow });
  attachments.registerReferrer(deliberationAttachmentReferrer(db)); // deliberation (issue 16 §2)
  const deliberations = new DeliberationService({ db, clock, audit, tasks, attachments });
  deliberations.onChange(() => live.nudge());
  attachments.registerReferrer(powerAttachmentReferrer(db)); // small-power list (issue 16 §3)
  const legal = new LegalService({ db, clock, audit, attachments, tasks }); // legal advisers (issue 15 §2)
  attachments.registerReferrer(legal.queries.referrer());
  const workTeams = new WorkTeamService({ db, clock, audit, tasks, contexts: cases.contexts });
  jobs.register({ name: 'work-team-weekly-reports', everyMs: 60_000, run: () => workTeams.openWeeklyReports() });
  // disputes (issue 15)
  const gridData = new GridDataService({ db, clock, audit, crypto: fieldCrypto }); // issue 14 §1
  const disputes = new DisputeService({
    db,
    clock,
    audit,
    contexts: cases.contexts,
    tasks,
    cases,
    orgs,
    gridParties: (principal, recordId, use) => gridData.partyOf(principal, recordId, use),
  });
  const analysis = new AnalysisService(db, clock, fieldCrypto); // the primary: meetings' agendas, early warnings
  disputes.onChange(() => live.nudge());
  jobs.register({ name: 'dispute-deadline-sweeper', everyMs: 1000, run: async () => (await disputes.sweep()).more });
  // screenings (issue 14 §2): every unit's task of the running period, once whatever the number of processes
  const screenings = new ScreeningService({
    db,
    clock,
    audit,
    contexts: cases.contexts,
    tasks,
    cases,
    disputes,
    catchUpDays: config.screeningCatchUpDays,
  });
  screenings.onChange(() => live.nudge());
  attachments.registerReferrer(screeningAttachmentReferrer(db));
  jobs.register({ name: 'screening-generator', everyMs: 60_000, run: () => screenings.tick() });
  const dashboards = new DashboardService(reader, clock); // read replica (issue 22)
  // psychological referrals (issue 15 §3)
  const psych = new PsychService({ db, audit, contexts: cases.contexts, tasks });
  psych.onChange(() => live.nudge());
  // 双报到 and 物业亮星 (issue 21 §2–3): the stars of the month just ended, once per compound whatever the processes
  const partyService = new DoubleReportService({ db, clock, audit, tasks });
  const partyRatings = new PropertyRatingService({ db, clock, audit, tasks }, fieldCrypto);
  jobs.register({ name: 'property-star-ratings', everyMs: 60_000, run: () => partyRatings.recomputeEndedMonth() });
  // 智能分类 · 智能派单 (issue 19): classifies new cases off the intake transaction (tests run it on demand)
  const intelligence = new IntelligenceService({
    db,
    audit,
    suggester: categorySuggester,
    context: () => cases.contexts.context(),
    analysis,
    clock,
  });
  intelligence.onChange(() => live.nudge());
  if (config.intakeClassify) cases.classifyAtIntake(intelligence.atIntake);
  jobs.register({
    name: 'early-warnings',
    everyMs: config.mode === 'test' ? 3_600_000 : 5 * 60_000,
    run: () => (config.mode === 'test' ? Promise.resolve(0) : intelligence.warn()),
  });
  jobs.register({
    name: 'intelligence',
    everyMs: config.mode === 'test' ? 3_600_000 : 2000,
    run: () => (config.mode === 'test' ? Promise.resolve(false) : intelligence.pass()),
  });
  return {
    config,
    db,
    reader,
    dbKind: deps.dbKind,
    clock,
    audit,
    fieldCrypto,
    intelligence, // 智能分类 · 智能派单 (issue 19)
    topics: new TopicService({ db, clock, audit, tasks }), // 每月一题 (issue 19)
    auth,
    orgs,
    orgImport: new OrgImporter(db, clock, audit, orgs),
    users: new UserService(db, clock, audit, auth, orgs),
    apiKeys: new ApiKeyService(db, clock, audit, auth, orgs),
    categories: new CategoryService(db, audit),
    calendar: new CalendarService(db, audit),
    attachments,
    ...createIntakeChannels({ db, clock, audit, auth, cases, jobs, wallNow: deps.wallNow, categorySuggester }),
    jobs,
    cases,
    caseRules: new CaseRulesService(db, audit, cases.contexts),
    notifications: new NotificationService(db, clock),
    live,
    dashboards,
    home: new HomeService(reader, clock, dashboards, fieldCrypto), // read replica (issue 22)
    video, // video events (issue 14 §3)
    analysis: analysisOnReplica(analysis, reader === db ? analysis : new AnalysisService(reader, clock, fieldCrypto)),
    categorySuggester,
    assessment: new AssessmentService(db, clock, audit, reader), // rankings and bulletins on the replica (issue 22)
    tasks,
    meetings: new MeetingService({ db, clock, audit, tasks, cases, analysis, disputes: disputes.queries }),
    workTeams,
    projects: new ProjectService({ db, clock, audit, tasks, contexts: cases.contexts, attachments }),
    powers: new PowerService({ db, clock, audit, attachments, contexts: cases.contexts, tasks }), // issue 16 §3
    showcase: new ShowcaseService({ db, reader, clock, audit, attachments, crypto: fieldCrypto }), // public showcase (issue 17 §3)
    partyService, // 双报到 (issue 21 §2)
    partyRatings, // 物业亮星, 执法亮剑 (issue 21 §3)
    party: new PartyService({ db, clock, audit, tasks, contexts: cases.contexts }), // issue 21 §1–§3
    deliberations,
    gridData, // grid base data (issue 14 §1)
    points: new PointsService({ db, clock, audit, attachments }),
    volunteers: new VolunteerService({ db, clock, audit }), // volunteers (issue 17 §1)
    socialOrgs: new SocialOrgService({ db, clock, audit, tasks, contexts: cases.contexts }), // issue 17 §1
    disputes,
    psych, // psychological referrals (issue 15 §3)
    screenings,
    legal,
    serviceItems: new ServiceItemService({ db, clock, audit, tasks, contexts: cases.contexts }), // issue 17 §2
    // public-opinion surveys (issue 21 §4)
    surveys: new SurveyService({
      db,
      clock,
      audit,
      sms: deps.sms,
      gridPerson: (principal, recordId, use) => gridData.partyOf(principal, recordId, use),
    }),
  };
}

/**
 * 分析研判 as the routes see it with a read replica (issue 22): search, hotspots, repeat reporters and group risks
 * read the replica; the similar cases of a case page and of an intake form read the primary, since the case just
 * created or acted on must be found there. Without a replica both are the same service.
 */
function analysisOnReplica(onPrimary: AnalysisService, onReplica: AnalysisService): AnalysisService {
  if (onReplica === onPrimary) return onPrimary;
  return Object.assign(Object.create(onReplica) as AnalysisService, {
    similarToCase: onPrimary.similarToCase.bind(onPrimary),
    similarOpen: onPrimary.similarOpen.bind(onPrimary),
  });
}
