// The legal-adviser capability's service (一村一法律顾问): the roster, assignments, the service log, the month's
// report; other modules (the seed, the dispute page through the API) use it, never the tables.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { MonthKey } from '../../domain/legal/index.js';
import type { Principal } from '../auth/principal.js';
import { toXlsx } from '../dashboards/xlsx.js';
import { type AssignmentInput, assignAdviser, endAssignment } from './assign-adviser.js';
import type { LegalDeps } from './legal-deps.js';
import { type EntryListQuery, LegalQueries } from './legal-queries.js';
import { monthlyReport, monthlySheet } from './monthly-report.js';
import { type EntryInput, recordEntry, voidEntry } from './record-entry.js';
import {
  completeReviewTask,
  type LegalTasks,
  openReviews,
  type ReviewRequestInput,
  requestReview,
} from './request-review.js';
import { type AdviserInput, createAdviser, updateAdviser } from './save-adviser.js';

export class LegalService {
  readonly queries: LegalQueries;

  constructor(private readonly deps: LegalDeps & { tasks?: LegalTasks }) {
    this.queries = new LegalQueries(deps.db, deps.audit);
  }

  async createAdviser(input: AdviserInput, principal: Principal, trx?: Transaction<DB>) {
    const id = await createAdviser(this.deps, input, principal, trx);
    return trx ? { id } : this.queries.adviser(id, principal);
  }

  async updateAdviser(id: number, input: AdviserInput & { version: number }, principal: Principal) {
    await updateAdviser(this.deps, id, input, principal);
    return this.queries.adviser(id, principal);
  }

  async assign(input: AssignmentInput, principal: Principal, trx?: Transaction<DB>) {
    const id = await assignAdviser(this.deps, input, principal, trx);
    if (trx) return { id };
    const [view] = await this.queries.assignments(principal, { id });
    return view;
  }

  async endAssignment(
    id: number,
    input: { version: number; endedOn: string; reason?: string | null },
    principal: Principal,
  ) {
    await endAssignment(this.deps, id, input, principal);
    const [view] = await this.queries.assignments(principal, { id });
    return view;
  }

  async record(input: EntryInput, principal: Principal, trx?: Transaction<DB>) {
    const task = input.reviewTaskId ? await this.reviewTask(input, principal) : null;
    const id = await recordEntry(this.deps, input, principal, trx);
    if (task && this.deps.tasks) await completeReviewTask(this.deps.tasks, task, id, principal);
    return trx ? { id } : this.queries.entry(id, principal);
  }

  /** The open review request a legal-review entry answers: of a village the adviser serves, owned by the firm. */
  private async reviewTask(input: EntryInput, principal: Principal) {
    const villages = await this.deps.db
      .selectFrom('legal_assignments as la')
      .innerJoin('legal_advisers as ad', 'ad.id', 'la.adviser_id')
      .select('la.village_id')
      .where((eb) =>
        input.adviserId ? eb('la.adviser_id', '=', input.adviserId) : eb('ad.user_id', '=', principal.userId ?? -1),
      )
      .where('la.ended_on', 'is', null)
      .execute();
    const open = this.deps.tasks
      ? await openReviews(
          this.deps.tasks,
          villages.map((v) => v.village_id),
        )
      : [];
    const task = open.find((t) => t.id === input.reviewTaskId);
    if (input.kind !== 'legal_review' || !task || task.ownerOrg.id !== principal.orgId) {
      throw new AppError('VALIDATION_FAILED', {
        message: '所选审核请求不存在、已办结或不属于该顾问服务的村（社区）',
        details: { field: 'reviewTaskId' },
      });
    }
    return task;
  }

  /** A village asks its adviser for a legal review: a 'legal_review' task of the firm. */
  requestReview(input: ReviewRequestInput, principal: Principal) {
    if (!this.deps.tasks) throw new Error('legal review requests need the task service');
    return requestReview({ ...this.deps, tasks: this.deps.tasks }, input, principal);
  }

  /** What the signed-in adviser (or firm) records for, with the open review requests of its villages. */
  async mine(principal: Principal) {
    const mine = await this.queries.mine(principal);
    const villageIds = mine.advisers.flatMap((a) => a.assignments.map((x) => x.village.id));
    const reviews = this.deps.tasks ? await openReviews(this.deps.tasks, villageIds) : [];
    return {
      ...mine,
      openReviews: reviews.map((t) => ({
        taskId: t.id,
        number: t.number,
        title: t.title,
        villageId: Number(t.sourceId),
        dueAt: t.dueAt,
        state: t.state,
      })),
    };
  }

  async void(id: number, input: { version: number; reason: string }, principal: Principal) {
    await voidEntry(this.deps, id, input, principal);
    return this.queries.entry(id, principal);
  }

  entries(principal: Principal, query: EntryListQuery) {
    return this.queries.entries(principal, query);
  }

  monthly(principal: Principal, month: MonthKey) {
    return monthlyReport(this.deps.db, principal, month);
  }

  async monthlyXlsx(principal: Principal, month: MonthKey) {
    const report = await this.monthly(principal, month);
    return { filename: `一村一法律顾问服务情况-${month}.xlsx`, body: await toXlsx([monthlySheet(report)]) };
  }
}
