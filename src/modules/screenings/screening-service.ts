// The screening capability's public face: settings, the generator, recording, reading and the reports.
import type { ScreeningLevel } from '../../domain/screening/index.js';
import type { Principal } from '../auth/principal.js';
import { catchUpScreenings, generateScreenings, type ScreeningUnit } from './generate-screenings.js';
import { type RecordScreeningInput, recordScreening } from './record-screening.js';
import type { ScreeningDeps } from './screening-deps.js';
import { coverageWorkbook } from './screening-export.js';
import { type ScreeningListQuery, ScreeningQueries } from './screening-queries.js';
import { type LevelSetting, readSettings, type SaveSettingInput, saveSetting } from './screening-settings.js';
import type { ScreeningDetail } from './screening-views.js';

type Listener = (taskId: number) => void;

export class ScreeningService {
  readonly queries: ScreeningQueries;
  private readonly listeners: Listener[] = [];
  private caughtUp = false;

  constructor(private readonly deps: ScreeningDeps) {
    this.queries = new ScreeningQueries(deps.db, deps.clock);
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  async settings(): Promise<LevelSetting[]> {
    return [...(await readSettings(this.deps.db)).values()];
  }

  saveSetting(level: ScreeningLevel, input: SaveSettingInput, principal: Principal): Promise<LevelSetting> {
    return saveSetting(this.deps, level, input, principal);
  }

  /**
   * The job's pass in every server process: the first one of the process catches up the periods missed while no
   * process ran (up to deps.catchUpDays back, 31 by default; 0 turns it off), then every pass opens the running
   * periods.
   */
  async tick(): Promise<{ opened: number; caughtUp: number }> {
    let caughtUp = 0;
    if (!this.caughtUp) {
      caughtUp = (await this.catchUp()).opened;
      this.caughtUp = true;
    }
    return { ...(await this.generate()), caughtUp };
  }

  /** The catch-up after downtime alone (the job's first pass; tests and the benchmark at chosen times). */
  catchUp(options: { days?: number; units?: ScreeningUnit[] } = {}): Promise<{ opened: number }> {
    return catchUpScreenings(this.deps, { ...options, days: options.days ?? this.deps.catchUpDays ?? 31 });
  }

  /** One pass of the generator at the context's time. */
  generate(options: { units?: ScreeningUnit[] } = {}): Promise<{ opened: number }> {
    return generateScreenings(this.deps, options);
  }

  async record(taskId: number, input: RecordScreeningInput, principal: Principal): Promise<ScreeningDetail> {
    const { replayed } = await recordScreening(this.deps, taskId, input, principal);
    if (!replayed) for (const l of this.listeners) l(taskId);
    return { ...(await this.queries.get(principal, taskId)), ...(replayed ? { replayed: true } : {}) };
  }

  get(principal: Principal, taskId: number): Promise<ScreeningDetail> {
    return this.queries.get(principal, taskId);
  }

  list(principal: Principal, query: ScreeningListQuery) {
    return this.queries.list(principal, query);
  }

  async coverageXlsx(principal: Principal, q: { from: string; to: string; level: ScreeningLevel }): Promise<Buffer> {
    return coverageWorkbook(await this.queries.coverage(principal, q));
  }
}
