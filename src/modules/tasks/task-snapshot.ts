// The domain Task kept in tasks.machine (jsonb): dates as ISO strings there, Date objects in the domain.
import type { Task, TaskClock } from '../../domain/task/index.js';

type Stored = Omit<Task, 'dueAt' | 'updatedAt' | 'completedAt' | 'clock'> & {
  dueAt: string;
  updatedAt: string;
  completedAt: string | null;
  clock:
    | (Omit<TaskClock, 'startedAt' | 'dueAt' | 'warnAt'> & { startedAt: string; dueAt: string; warnAt: string })
    | null;
};

export function serializeTask(task: Task): string {
  return JSON.stringify(task);
}

export function deserializeTask(value: unknown): Task {
  const s = (typeof value === 'string' ? JSON.parse(value) : value) as Stored;
  return {
    ...s,
    dueAt: new Date(s.dueAt),
    updatedAt: new Date(s.updatedAt),
    completedAt: s.completedAt ? new Date(s.completedAt) : null,
    clock: s.clock
      ? {
          ...s.clock,
          startedAt: new Date(s.clock.startedAt),
          dueAt: new Date(s.clock.dueAt),
          warnAt: new Date(s.clock.warnAt),
        }
      : null,
  };
}
