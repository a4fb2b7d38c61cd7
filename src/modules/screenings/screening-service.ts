// The screening capability's public face: settings, the generator, recording, reading and the reports.
import type { ScreeningLevel } from '../../domain/screening/index.js';
import type { Principal } from '../auth/principal.js';
import { generateScreenings, type ScreeningUnit } from './generate-screenings.js';
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

  /** One pass of the generator (the job runs it in every server process). */
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
