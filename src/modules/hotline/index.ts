// The machine intake channels' services (12345 hotline, its imports, webhooks, Open311) and their background jobs.
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { JobRunner } from '../../jobs/job-runner.js';
import { OutboxDispatcher } from '../../jobs/outbox-dispatcher.js';
import type { AuditService } from '../audit/audit-service.js';
import type { AuthService } from '../auth/auth-service.js';
import type { CaseService } from '../cases/case-service.js';
import { Open311Service } from '../open311/open311-service.js';
import { WebhookService } from '../webhooks/webhook-service.js';
import { HotlineImporter } from './hotline-import.js';
import { type CategorySuggesterLike, HotlineService } from './hotline-service.js';

export { HotlineImporter } from './hotline-import.js';
export { type CategorySource, type HotlineReceipt, HotlineService } from './hotline-service.js';

export interface IntakeChannelServices {
  hotline: HotlineService;
  hotlineImport: HotlineImporter;
  webhooks: WebhookService;
  outbox: OutboxDispatcher;
  open311: Open311Service;
}

export function createIntakeChannels(deps: {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  auth: AuthService;
  cases: CaseService;
  jobs: JobRunner;
  wallNow?: () => Date;
  /** The classifier: categories for orders whose hotline category maps to none of ours. */
  categorySuggester?: CategorySuggesterLike;
}): IntakeChannelServices {
  const { db, clock, audit, cases, jobs } = deps;
  const hotline = new HotlineService(db, clock, audit, cases, deps.wallNow, deps.categorySuggester ?? null);
  const hotlineImport = new HotlineImporter(db, clock, audit, hotline);
  const outbox = new OutboxDispatcher(db);
  jobs.register({ name: 'outbox-dispatcher', everyMs: 1000, run: () => outbox.pass() });
  jobs.register({ name: 'hotline-import', everyMs: 2000, run: () => hotlineImport.runBatch() });
  return {
    hotline,
    hotlineImport,
    webhooks: new WebhookService(db, clock, audit),
    outbox,
    open311: new Open311Service(db, clock, deps.auth, cases, hotline),
  };
}
