// The dispute capability's service: registering (staff) and applying (citizens), acting, reading, the
// indicators, the sweeper; other modules (the seed, joint meetings) use it, never the tables.
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { DisputeContext } from '../../domain/dispute/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import type { CaseService } from '../cases/index.js';
import type { OrgService } from '../orgs/org-service.js';
import type { TaskService } from '../tasks/index.js';
import { actOnDispute, type DisputeActionInput } from './act-on-dispute.js';
import { applyForMediation, type MediationApplication } from './apply-for-mediation.js';
import { disputeContext } from './dispute-context.js';
import { disputeStats } from './dispute-indicators.js';
import { DisputeQueries } from './dispute-queries.js';
import { sweepDisputeDeadlines } from './dispute-sweeper.js';
import { disputeToCase } from './dispute-to-case.js';
import { type DisputeTypeInput, saveDisputeType } from './dispute-types.js';
import type { DisputeDetail, DisputeListItem, DisputeListQuery, DisputeStats } from './dispute-views.js';
import { type RegisterDisputeDeps, type RegisterDisputeInput, registerDispute } from './register-dispute.js';

type Listener = (disputeId: number) => void;

export interface DisputeServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  contexts: CaseContextProvider;
  tasks: TaskService;
  cases: CaseService;
  orgs: OrgService;
  /** the grid's base data, for parties picked from it */
  gridParties?: RegisterDisputeDeps['gridParties'];
}

export class DisputeService {
  readonly queries: DisputeQueries;
  private readonly listeners: Listener[] = [];

  constructor(private readonly deps: DisputeServiceDeps) {
    this.queries = new DisputeQueries(deps.db, deps.clock, deps.audit);
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  private changed(id: number): void {
    for (const l of this.listeners) l(id);
  }

  context(): Promise<DisputeContext> {
    return disputeContext(this.deps.contexts);
  }

  async register(input: RegisterDisputeInput, principal: Principal): Promise<DisputeDetail> {
    const { id } = await registerDispute(this.deps, input, principal);
    this.changed(id);
    return this.queries.get(id, principal);
  }

  async apply(input: MediationApplication, principal: Principal): Promise<DisputeDetail> {
    const { id } = await applyForMediation(this.deps, input, principal);
    this.changed(id);
    return this.queries.get(id, principal);
  }

  async act(id: number, input: { version: number; action: DisputeActionInput }, principal: Principal) {
    await actOnDispute(this.deps, id, input, principal);
    this.changed(id);
    if (input.action.type === 'recordFollowUp') await this.completeFollowUpTask(id, input.action.note ?? '', principal);
    return this.queries.get(id, principal);
  }

  /**
   * After the 回访 is recorded on the dispute, the committee's follow-up task is done too (signed and completed
   * by the same unit, through the task machine). Best effort after the commit: a task the unit cannot complete
   * (another unit's) stays open for its owner.
   */
  private async completeFollowUpTask(id: number, note: string, principal: Principal): Promise<void> {
    const tasks = await this.deps.tasks.ofSources('dispute_followup', [String(id)]);
    for (const task of tasks) {
      if (task.ownerOrg.id !== principal.orgId || !['pending_sign', 'in_progress', 'overdue'].includes(task.state)) {
        continue;
      }
      try {
        let version = task.version;
        if (!task.signed)
          version = (await this.deps.tasks.act(task.id, { version, action: { type: 'sign' } }, principal)).version;
        await this.deps.tasks.act(
          task.id,
          { version, action: { type: 'complete', result: note || '已回访' } },
          principal,
        );
      } catch {
        // left open: its owner completes it from the task page
      }
    }
  }

  async toCase(id: number, principal: Principal) {
    const result = await disputeToCase(this.deps, id, principal);
    this.changed(id);
    return result;
  }

  get(id: number, principal: Principal): Promise<DisputeDetail> {
    return this.queries.get(id, principal);
  }

  list(principal: Principal, query: DisputeListQuery): Promise<{ items: DisputeListItem[]; total: number }> {
    return this.queries.list(principal, query);
  }

  stats(principal: Principal, range: { from: string; to: string }): Promise<DisputeStats> {
    return disputeStats(this.deps.db, principal, range);
  }

  saveType(code: string, input: DisputeTypeInput, principal: Principal) {
    return saveDisputeType(this.deps, code, input, principal);
  }

  /** One pass of the deadline sweeper (the job runs it every second in every process). */
  sweep() {
    return sweepDisputeDeadlines(this.deps.db, this.deps.contexts, (id) => this.changed(id));
  }
}
