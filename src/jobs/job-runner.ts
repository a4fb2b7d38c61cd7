// Background jobs of one server process (deadline sweeper, outbox dispatcher, event consumers): each runs
// every `everyMs`, never overlapping itself; errors are logged, not fatal. Stopped with the server.
// While the database is down or its disk full, a job waits longer between tries (up to FAULT_BACKOFF_MAX_MS)
// and says so once a fault, not every second; each pass is one transaction, so a pass cut short is redone
// whole by the next one after the database is back. A pass that lost a race for locks (PostgreSQL chose it as a
// deadlock's victim) is redone at once — up to LOCK_RACE_REDOS times in a row; after that it waits its period, so a
// job that keeps losing does not hold a core.
import { databaseFault, describeFault, lostLockRace } from '../db/database-faults.js';

export interface Job {
  name: string;
  everyMs: number;
  /** One pass. Returning true means "more work waiting": the next pass starts at once. */
  run: () => Promise<unknown>;
}

export interface JobLogger {
  error: (obj: unknown, msg: string) => void;
  warn?: (obj: unknown, msg: string) => void;
}

const FAULT_BACKOFF_MS = 1000;
const FAULT_BACKOFF_MAX_MS = 30_000;
/** Passes in a row lost to lock races that are redone at once; the next one waits the job's period. */
export const LOCK_RACE_REDOS = 3;

/** How long a job waits after `failures` passes in a row failed on a database fault (doubling, capped). */
export function faultBackoffMs(everyMs: number, failures: number): number {
  if (failures <= 0) return everyMs;
  return Math.max(everyMs, Math.min(FAULT_BACKOFF_MAX_MS, FAULT_BACKOFF_MS * 2 ** (failures - 1)));
}

export class JobRunner {
  private readonly jobs: Job[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  /** Passes in a row that failed on a database fault, per job. */
  private readonly faults = new Map<string, number>();
  /** Passes in a row that lost a lock race, per job. */
  private readonly races = new Map<string, number>();
  private started = false;
  private stopped = false;

  constructor(private readonly log: JobLogger) {}

  register(job: Job): void {
    this.jobs.push(job);
    if (this.started) this.schedule(job, 0);
  }

  start(): void {
    this.started = true;
    for (const job of this.jobs) this.schedule(job, 0);
  }

  /** Runs one job's pass now (tests, and callers that just wrote work for it). */
  async runNow(name: string): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job ${name}`);
    await this.pass(job);
  }

  private schedule(job: Job, delay: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      void this.pass(job).then((more) =>
        this.schedule(job, more ? 0 : faultBackoffMs(job.everyMs, this.faults.get(job.name) ?? 0)),
      );
    }, delay);
    timer.unref();
    this.timers.set(job.name, timer);
  }

  private async pass(job: Job): Promise<boolean> {
    const inFlight = this.running.get(job.name);
    if (inFlight) {
      await inFlight;
      return false;
    }
    let more = false;
    const p = (async () => {
      try {
        more = (await job.run()) === true;
        this.races.delete(job.name);
        if (this.faults.delete(job.name))
          (this.log.warn ?? this.log.error)({ job: job.name }, 'background job resumed');
      } catch (error) {
        if (this.stopped) return;
        if (lostLockRace(error)) {
          const races = (this.races.get(job.name) ?? 0) + 1;
          more = races <= LOCK_RACE_REDOS;
          this.races.set(job.name, more ? races : 0);
          (this.log.warn ?? this.log.error)(
            { job: job.name, error: String(error), races },
            more ? 'background job redone: lost a lock race' : 'background job lost lock races again: waits its period',
          );
          return;
        }
        const fault = databaseFault(error);
        if (!fault) {
          this.log.error({ err: error, job: job.name }, 'background job failed');
          return;
        }
        const failures = (this.faults.get(job.name) ?? 0) + 1;
        this.faults.set(job.name, failures);
        if (failures === 1)
          (this.log.warn ?? this.log.error)(
            { job: job.name, fault, error: describeFault(error) },
            'background job paused: the database is unavailable, retrying',
          );
      }
    })();
    this.running.set(job.name, p);
    await p;
    this.running.delete(job.name);
    return more && !this.stopped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    await Promise.all(this.running.values());
  }
}
