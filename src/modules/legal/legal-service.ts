// The legal-adviser capability's service (一村一法律顾问): the roster, assignments, the service log, the month's
// report; other modules (the seed, the dispute page through the API) use it, never the tables.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { MonthKey } from '../../domain/legal/index.js';
import type { Principal } from '../auth/principal.js';
import { toXlsx } from '../dashboards/xlsx.js';
import { type AssignmentInput, assignAdviser, endAssignment } from './assign-adviser.js';
import type { LegalDeps } from './legal-deps.js';
import { type EntryListQuery, LegalQueries } from './legal-queries.js';
import { monthlyReport, monthlySheet } from './monthly-report.js';
import { type EntryInput, recordEntry, voidEntry } from './record-entry.js';
import { type AdviserInput, createAdviser, updateAdviser } from './save-adviser.js';

export class LegalService {
  readonly queries: LegalQueries;

  constructor(private readonly deps: LegalDeps) {
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
    const id = await recordEntry(this.deps, input, principal, trx);
    return trx ? { id } : this.queries.entry(id, principal);
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
