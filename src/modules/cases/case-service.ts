// The case module's face: create, read and act on cases. Every other module goes through this service.
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import type { CaseState, Rating } from '../../domain/case/index.js';
import type { Principal } from '../auth/principal.js';
import type { OrgService } from '../orgs/org-service.js';
import { actOnCase } from './act-on-case.js';
import { type AmendCaseInput, type AmendResult, amendCase } from './amend-case.js';
import { CaseContextProvider } from './case-context.js';
import { type CaseListFilter, CaseQueries } from './case-queries.js';
import type { CaseDetail, CaseListItem, CreateCaseInput, InboxBox, TimelineEntry } from './case-views.js';
import { createCase } from './create-case.js';
import type { IntakeClassifier } from './intake-classifier.js';
import { NewCaseWriter } from './new-case-writer.js';

/** What a citizen sees of their report: the matter, its progress in plain words, the handling unit, the reply. */
export interface CitizenCaseView {
  id: number;
  number: string;
  title: string;
  body: string;
  state: CaseState;
  categoryName: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  reportedAt: string;
  closedAt: string | null;
  /** The unit handling it (never a person). */
  handlingUnit: string | null;
  reply: string | null;
  repliedAt: string | null;
  rating: Rating | null;
  /** What the reporter wrote with their rating. */
  ratingComment: string | null;
  anonymous: boolean;
  /** Set when this report was merged into another case, whose handling answers it. */
  mergedIntoNumber: string | null;
  attachmentIds: string[];
  version: number;
  /** rate / appeal when the state allows them. */
  allowedActions: string[];
  timeline: TimelineEntry[];
}

export type CaseChangeListener = (caseId: number) => void;

export class CaseService {
  readonly contexts: CaseContextProvider;
  readonly queries: CaseQueries;
  private readonly listeners: CaseChangeListener[] = [];
  private classifier: IntakeClassifier | null = null;
  /** New cases of concurrent intakes are written together (group commit). */
  readonly writer: NewCaseWriter;

  constructor(
    private readonly db: Kysely<DB>,
    clock: Clock,
    private readonly orgs: OrgService,
    /** Reporters' names and phones are stored encrypted (reporter-fields.ts); intake paths outside read with it. */
    readonly crypto: FieldCrypto,
    options: { groupsInFlight?: number } = {},
  ) {
    this.contexts = new CaseContextProvider(db, clock);
    this.writer = new NewCaseWriter(db, options.groupsInFlight);
    this.queries = new CaseQueries(db, clock, () => this.contexts.context(), crypto);
  }

  /** 智能分类 at intake: new cases are written with their suggestion (the intelligence module provides it). */
  classifyAtIntake(classifier: IntakeClassifier | null): void {
    this.classifier = classifier;
  }

  /** Called after every committed change (the live-update hub listens). */
  onChange(listener: CaseChangeListener): void {
    this.listeners.push(listener);
  }

  private changed = (caseId: number) => {
    for (const l of this.listeners) l(caseId);
  };

  private get actDeps() {
    return { db: this.db, crypto: this.crypto, context: () => this.contexts.context(), onChanged: this.changed };
  }

  async create(
    input: CreateCaseInput,
    by: Principal | null,
  ): Promise<{ case: CaseDetail | null; id: number; created: boolean }> {
    const result = await createCase(
      {
        db: this.db,
        crypto: this.crypto,
        orgs: this.orgs,
        contexts: this.contexts,
        classifier: this.classifier,
        writer: this.writer,
      },
      input,
      by,
    );
    if (result.created) this.changed(result.id);
    // Staff get the case page in the answer; machine clients (hotline, Open311, video) and citizens do not.
    // The answer for a case made now comes from what the intake has in hand (its errors are not hidden).
    const staff = by?.kind === 'user' && by.role !== 'citizen';
    const view = !staff
      ? null
      : result.fresh
        ? await this.queries.detailOfNew(result.fresh, by)
        : await this.queries.detail(result.id, by).catch(() => null);
    return { case: view, id: result.id, created: result.created };
  }

  get(id: number, principal: Principal): Promise<CaseDetail> {
    return this.queries.detail(id, principal);
  }

  list(principal: Principal, filter: CaseListFilter): Promise<{ items: CaseListItem[]; total: number }> {
    return this.queries.list(principal, filter);
  }

  inbox(principal: Principal): Promise<Record<InboxBox, number>> {
    return this.queries.inbox(principal);
  }

  async act(
    id: number,
    input: { version: number; action: Record<string, unknown> },
    principal: Principal,
  ): Promise<CaseDetail> {
    // Staff only (the route needs case.handle); citizens act through actAsCitizen.
    await actOnCase(this.actDeps, id, input, principal);
    return this.get(id, principal);
  }

  /**
   * Changes what the case says (description, address, reporter, extra fields) — not its workflow — with a
   * timeline entry and an outbox message, guarded by `input.version`. Nothing is written when nothing changes.
   */
  amend(id: number, input: AmendCaseInput, by: Principal | null): Promise<AmendResult> {
    return amendCase(this.actDeps, id, input, by);
  }

  /** Citizen actions (rate, appeal) on their own report. */
  async actAsCitizen(id: number, input: { version: number; action: Record<string, unknown> }, principal: Principal) {
    const type = input.action.type;
    if (type !== 'rate' && type !== 'appeal') {
      throw new AppError('FORBIDDEN', { message: '群众只能对自己的反映进行评价或申诉' });
    }
    await actOnCase(this.actDeps, id, input, principal);
    return this.getForCitizen(id, principal.userId ?? -1);
  }

  /**
   * A citizen's reports (我的反映), newest first, at most 200: four queries whatever their number (the cases with
   * their names, their timelines, the main cases of merged ones) — one per report before.
   */
  async listForCitizen(userId: number): Promise<CitizenCaseView[]> {
    return this.citizenViews(userId);
  }

  async getForCitizen(id: number, userId: number): Promise<CitizenCaseView> {
    const [view] = await this.citizenViews(userId, id);
    if (!view) throw new AppError('CASE_NOT_FOUND', { details: { caseId: id } });
    return view;
  }

  /** One report of the citizen's (`id`), or their newest 200. */
  private async citizenViews(userId: number, id?: number): Promise<CitizenCaseView[]> {
    const rows = await this.db
      .selectFrom('cases')
      .leftJoin('categories as cat', 'cat.id', 'cases.category_id')
      .leftJoin('orgs as l', 'l.id', 'cases.lead_org_id')
      .leftJoin('orgs as o', 'o.id', 'cases.owner_org_id')
      .selectAll('cases')
      .select(['cat.name as category_name', 'l.name as lead_name', 'o.name as owner_name'])
      .where('cases.reporter_user_id', '=', userId)
      .$if(id !== undefined, (q) => q.where('cases.id', '=', id as number))
      .$if(id === undefined, (q) => q.orderBy('cases.reported_at', 'desc').limit(200))
      .execute();
    const ids = rows.map((r) => Number(r.id));
    const timelines = await this.queries.timelines(ids, true);
    // A merged duplicate is answered by its main case: the reporter sees the main case's reply.
    const mergedInto = [...new Set(rows.flatMap((r) => (r.merged_into_id ? [Number(r.merged_into_id)] : [])))];
    const mains = new Map(
      (mergedInto.length === 0
        ? []
        : await this.db
            .selectFrom('cases')
            .leftJoin('orgs as l', 'l.id', 'cases.lead_org_id')
            .select(['cases.id', 'cases.reply', 'cases.replied_at', 'cases.number', 'l.name as lead_name'])
            .where('cases.id', 'in', mergedInto)
            .execute()
      ).map((m) => [Number(m.id), m]),
    );
    return rows.map((row) => {
      const state = row.status as CaseState;
      const timeline = timelines.get(Number(row.id)) ?? [];
      const lastRating = [...timeline].reverse().find((e) => e.type === 'rate');
      const main = row.merged_into_id ? mains.get(Number(row.merged_into_id)) : undefined;
      const actions: string[] = [];
      if (row.machine && state === 'replied') actions.push('rate');
      if (row.machine && state === 'closed') actions.push('appeal');
      return {
        id: row.id,
        number: row.number,
        title: row.title,
        body: row.body,
        state,
        categoryName: row.category_name,
        address: row.address,
        lat: row.lat,
        lng: row.lng,
        reportedAt: new Date(row.reported_at).toISOString(),
        closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
        handlingUnit: main?.lead_name ?? row.lead_name ?? row.owner_name,
        reply: main ? main.reply : row.reply,
        repliedAt: (main ? main.replied_at : row.replied_at)
          ? new Date((main ? main.replied_at : row.replied_at) as Date).toISOString()
          : null,
        mergedIntoNumber: main?.number ?? null,
        rating: (row.satisfaction as Rating | null) ?? null,
        ratingComment: lastRating?.note ?? null,
        anonymous: row.anonymous,
        attachmentIds: row.attachment_ids ?? [],
        version: row.version,
        allowedActions: actions,
        timeline,
      };
    });
  }
}
