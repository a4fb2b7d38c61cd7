// The small-power capability's public face (小微权力清单): each method is one use case of its own file; the
// service only holds what they need. Routes and the demo seed call it; no other module touches its tables.
import { chinaDayOf } from '../../domain/calendar/index.js';
import type { Principal } from '../auth/principal.js';
import { adoptTemplate, syncFromTemplate } from './adopt-template.js';
import type { PowerDeps } from './power-deps.js';
import * as queries from './power-queries.js';
import { type RecordStepInput, recordExerciseStep } from './record-step.js';
import { createItem, type ItemFields, updateItem } from './save-item.js';
import { type StartExerciseInput, startExercise } from './start-exercise.js';

export class PowerService {
  constructor(private readonly deps: PowerDeps) {}

  private get db() {
    return this.deps.db;
  }

  /** Today in China and the working calendar, for where each step stands. */
  private async today(): Promise<queries.Today> {
    const { now, calendar } = await this.deps.contexts.context();
    return { today: chinaDayOf(now), calendar };
  }

  // ── the list of powers ──
  template(p: Principal) {
    return queries.templateItems(this.db, p);
  }
  villageItems(p: Principal, villageId: number) {
    return queries.villageItems(this.db, p, villageId);
  }
  async villages(p: Principal) {
    return queries.powerVillages(this.db, p, await this.today());
  }
  createItem(p: Principal, villageId: number | null, input: ItemFields) {
    return createItem(this.deps, p, villageId, input);
  }
  updateItem(p: Principal, id: number, input: Partial<ItemFields> & { version: number }) {
    return updateItem(this.deps, p, id, input);
  }
  adoptTemplate(p: Principal, villageId: number) {
    return adoptTemplate(this.deps, p, villageId);
  }
  syncFromTemplate(p: Principal, id: number, version: number) {
    return syncFromTemplate(this.deps, p, id, version);
  }

  // ── exercises ──
  async exercises(p: Principal, query: queries.ExerciseQuery) {
    return queries.listExercises(this.db, p, await this.today(), query);
  }
  async exercise(p: Principal, id: number) {
    return queries.exerciseDetail(this.db, p, await this.today(), id);
  }
  start(p: Principal, input: StartExerciseInput) {
    return startExercise(this.deps, p, input);
  }
  recordStep(p: Principal, id: number, input: RecordStepInput) {
    return recordExerciseStep(this.deps, p, id, input);
  }

  // ── the village's public page ──
  async publicPage(villageId: number) {
    return queries.publicPowers(this.db, villageId, (await this.today()).today);
  }
}
