// A screening service on a clock its caller sets (`state.at`), beside a system's own services: for the tests and
// the benchmark that generate and catch up at chosen times (the system's clock only moves forward).
import type { Kysely } from 'kysely';
import { SetClock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { AuditService } from '../audit/audit-service.js';
import { CaseContextProvider } from '../cases/case-context.js';
import { TaskService } from '../tasks/task-service.js';
import type { ScreeningDeps } from './screening-deps.js';
import { ScreeningService } from './screening-service.js';

export function screeningServiceAt(
  db: Kysely<DB>,
  services: Pick<ScreeningDeps, 'cases' | 'disputes'>,
): { state: SetClock; service: ScreeningService } {
  const clock = new SetClock();
  const audit = new AuditService(db, clock);
  const contexts = new CaseContextProvider(db, clock);
  const tasks = new TaskService(db, clock, audit, contexts);
  const service = new ScreeningService({ db, clock, audit, contexts, tasks, ...services });
  return { state: clock, service };
}
