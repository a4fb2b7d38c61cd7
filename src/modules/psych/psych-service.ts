// The psychological-referral capability's service: referring, acting, reading; other modules (the seed) use it,
// never the tables.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import type { TaskService } from '../tasks/index.js';
import { actOnReferral, type PsychActionInput } from './act-on-referral.js';
import { PsychQueries } from './psych-queries.js';
import type { PsychDetail, PsychListQuery } from './psych-views.js';
import { type ReferPersonInput, referPerson } from './refer-person.js';

type Listener = (referralId: number) => void;

export interface PsychServiceDeps {
  db: Kysely<DB>;
  audit: AuditService;
  contexts: CaseContextProvider;
  tasks: TaskService;
}

export class PsychService {
  readonly queries: PsychQueries;
  private readonly listeners: Listener[] = [];

  constructor(private readonly deps: PsychServiceDeps) {
    this.queries = new PsychQueries(deps.db, deps.audit);
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  private changed(id: number): void {
    for (const l of this.listeners) l(id);
  }

  async refer(input: ReferPersonInput, principal: Principal, ip?: string): Promise<PsychDetail> {
    const { id } = await referPerson(this.deps, input, principal);
    this.changed(id);
    return this.queries.get(id, principal, ip);
  }

  async act(
    id: number,
    input: { version: number; action: PsychActionInput },
    principal: Principal,
    ip?: string,
  ): Promise<PsychDetail> {
    await actOnReferral(this.deps, id, input, principal);
    this.changed(id);
    return this.queries.get(id, principal, ip);
  }

  get(id: number, principal: Principal, ip?: string): Promise<PsychDetail> {
    return this.queries.get(id, principal, ip);
  }

  list(principal: Principal, query: PsychListQuery, ip?: string) {
    return this.queries.list(principal, query, ip);
  }
}
