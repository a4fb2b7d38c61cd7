// The rules of an application (办件): its due time — the item's legal limit in working days from the moment it
// was taken in, on the work calendar (weekends, holidays and 调休 make-up days) —, another visit of the
// resident (最多跑一次 counts them), and its end: 办结 only with every required material received, 不予受理
// with a reason, 转办 naming where it went; on time when it ended no later than its due time.
import type { WorkCalendar } from '../calendar/index.js';
import { err, ok, type Result } from '../result.js';
import { type ApplicationResult, type ApplicationState, type ServiceRuleError, serviceError } from './types.js';

/** Due at the end of office hours of the Nth working day after the day it was taken in. */
export function applicationDueAt(calendar: WorkCalendar, acceptedAt: Date, legalLimitDays: number): Date {
  return calendar.addDuration(acceptedAt, legalLimitDays, 'working_days');
}

export function materialsMissing(required: readonly string[], received: readonly string[]): string[] {
  const have = new Set(received.map((m) => m.trim()));
  return required.filter((m) => !have.has(m));
}

interface OpenApplication {
  readonly state: ApplicationState;
  readonly visits: number;
  readonly materialsRequired: readonly string[];
  readonly materialsReceived: readonly string[];
  readonly dueAt: Date;
}

function stillOpen(app: OpenApplication): Result<void, ServiceRuleError> {
  if (app.state !== 'in_progress') {
    return err(
      serviceError('SERVICE_APPLICATION_ENDED', '该办件已办结、不予受理或已转办，不能再办理', { state: app.state }),
    );
  }
  return ok(undefined);
}

/** The resident came again (e.g. to bring a missing material): one more visit, materials received so far. */
export function decideVisit(
  app: OpenApplication,
  received: readonly string[],
): Result<{ visits: number; materialsReceived: string[] }, ServiceRuleError> {
  const open = stillOpen(app);
  if (!open.ok) return open;
  const unknown = received.filter((m) => !app.materialsRequired.includes(m));
  if (unknown.length > 0) {
    return err(
      serviceError('SERVICE_ITEM_INVALID', `“${unknown[0]}”不是该事项的申请材料`, { field: 'materialsReceived' }),
    );
  }
  const merged = app.materialsRequired.filter((m) => app.materialsReceived.includes(m) || received.includes(m));
  return ok({ visits: app.visits + 1, materialsReceived: merged });
}

export interface CompletionInput {
  readonly result: ApplicationResult;
  readonly note: string;
  readonly transferredTo?: string;
}

export interface Completion {
  readonly state: Exclude<ApplicationState, 'in_progress'>;
  readonly onTime: boolean;
}

export function decideCompletion(
  app: OpenApplication,
  input: CompletionInput,
  now: Date,
): Result<Completion, ServiceRuleError> {
  const open = stillOpen(app);
  if (!open.ok) return open;
  if (input.result === 'done') {
    const missing = materialsMissing(app.materialsRequired, app.materialsReceived);
    if (missing.length > 0) {
      return err(
        serviceError('SERVICE_MATERIALS_MISSING', `材料不齐，不能办结：缺少${missing.join('、')}`, { missing }),
      );
    }
  }
  if (input.result === 'refused' && !input.note.trim()) {
    return err(serviceError('SERVICE_ITEM_INVALID', '不予受理须写明理由', { field: 'note' }));
  }
  if (input.result === 'transferred' && !input.transferredTo?.trim()) {
    return err(serviceError('SERVICE_ITEM_INVALID', '转办须写明转往的部门或单位', { field: 'transferredTo' }));
  }
  return ok({ state: input.result, onTime: now.getTime() <= app.dueAt.getTime() });
}
