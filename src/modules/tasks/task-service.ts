// The task capability's public face: assign, act, read. Meetings, work teams, projects (and later screenings
// and dispute follow-ups) create their tasks through it, inside their own transactions when they need to.
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { TaskSourceKind } from '../../domain/task/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import { actOnTask, type TaskActionInput } from './act-on-task.js';
import { type CreateTaskInput, createTask } from './create-task.js';
import { TaskQueries } from './task-queries.js';
import { sweepTaskDeadlines } from './task-sweeper.js';
import type { TaskBox, TaskCounts, TaskDetail, TaskListItem, TaskListQuery } from './task-views.js';

type TaskChangeListener = (taskId: number) => void;

export class TaskService {
  readonly queries: TaskQueries;
  private readonly listeners: TaskChangeListener[] = [];

  constructor(
    private readonly db: Kysely<DB>,
    clock: Clock,
    private readonly audit: AuditService,
    private readonly contexts: CaseContextProvider,
  ) {
    this.queries = new TaskQueries(db, clock);
  }

  onChange(listener: TaskChangeListener): void {
    this.listeners.push(listener);
  }

  private changed(id: number): void {
    for (const l of this.listeners) l(id);
  }

  private get deps() {
    return { db: this.db, contexts: this.contexts, audit: this.audit };
  }

  /** Assigns a task; with `trx`, inside the caller's transaction (its side effects then wait for the caller). */
  async create(
    input: CreateTaskInput,
    principal: Principal | null,
    trx?: Transaction<DB>,
  ): Promise<{ id: number; number: string; created: boolean }> {
    const result = await createTask(this.deps, input, principal, trx);
    if (!trx && result.created) this.changed(result.id);
    return result;
  }

  async act(
    id: number,
    input: { version: number; action: TaskActionInput },
    principal: Principal,
  ): Promise<TaskDetail> {
    await actOnTask(this.deps, id, input, principal);
    this.changed(id);
    return this.queries.get(id, principal);
  }

  /** One action inside the caller's transaction (its side effects wait for the caller's commit). */
  async actWithin(
    trx: Transaction<DB>,
    id: number,
    input: { version: number; action: TaskActionInput },
    principal: Principal,
  ): Promise<void> {
    await actOnTask(this.deps, id, input, principal, trx);
  }

  get(id: number, principal: Principal): Promise<TaskDetail> {
    return this.queries.get(id, principal);
  }

  list(principal: Principal, query: TaskListQuery): Promise<{ items: TaskListItem[]; total: number }> {
    return this.queries.list(principal, query);
  }

  inbox(principal: Principal): Promise<Record<Exclude<TaskBox, 'done' | 'all'>, number>> {
    return this.queries.inbox(principal);
  }

  ofSources(kind: TaskSourceKind, sourceIds: string[]): Promise<TaskListItem[]> {
    return this.queries.ofSources(kind, sourceIds);
  }

  countsBySource(kind: TaskSourceKind, sourceIds: string[]): Promise<Map<string, TaskCounts>> {
    return this.queries.countsBySource(kind, sourceIds);
  }

  /** One pass of the deadline sweeper (the job runs it every second in every process). */
  async sweep() {
    const result = await sweepTaskDeadlines(this.db, this.contexts, (id) => this.changed(id));
    return result;
  }
}
