// Background jobs of one server process (deadline sweeper, outbox dispatcher, event consumers): each runs
// every `everyMs`, never overlapping itself; errors are logged, not fatal. Stopped with the server.
export interface Job {
  name: string;
  everyMs: number;
  /** One pass. Returning true means "more work waiting": the next pass starts at once. */
  run: () => Promise<unknown>;
}

export interface JobLogger {
  error: (obj: unknown, msg: string) => void;
}

export class JobRunner {
  private readonly jobs: Job[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
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
      void this.pass(job).then((more) => this.schedule(job, more ? 0 : job.everyMs));
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
      } catch (error) {
        if (!this.stopped) this.log.error({ err: error, job: job.name }, 'background job failed');
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
