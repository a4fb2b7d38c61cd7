// What a task's history contributes to assessment (任务按期完成率), per owner unit and China-time month. A task
// is settled once: when it is completed before its clock ever ran out (due; on time unless completed after
// the due time), or when its due clock first runs out (due, not on time). What happens after (supervision,
// a later completion, an extension) counts no more, so the figure cannot be improved by extending late tasks.
import { chinaDayOf } from '../calendar/index.js';

export interface TaskFactEvent {
  readonly type: string;
  readonly at: Date;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface TaskFact {
  readonly month: string;
  readonly taskDue: number;
  readonly taskOnTime: number;
}

const monthOf = (at: Date): string => chinaDayOf(at).slice(0, 7);

/** The fact of one event, given whether the task's clock had run out before it. */
export function taskFactOf(event: TaskFactEvent, ranOutBefore: boolean): TaskFact | null {
  if (ranOutBefore) return null;
  if (event.type === 'escalateOverdue') return { month: monthOf(event.at), taskDue: 1, taskOnTime: 0 };
  if (event.type === 'complete') {
    return { month: monthOf(event.at), taskDue: 1, taskOnTime: event.details.late === true ? 0 : 1 };
  }
  return null;
}

/** The facts of a whole history, oldest event first (for a rebuild). */
export function taskFacts(events: readonly TaskFactEvent[]): TaskFact[] {
  const facts: TaskFact[] = [];
  let ranOut = false;
  for (const e of events) {
    const fact = taskFactOf(e, ranOut);
    if (fact) facts.push(fact);
    if (e.type === 'escalateOverdue') ranOut = true;
  }
  return facts;
}
