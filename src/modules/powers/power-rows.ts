// Rows of the capability as the domain's values (the procedure is stored as JSON, checked when saved).
import type { Selectable } from 'kysely';
import type { PowerExerciseStepsTable, PowerItemsTable } from '../../db/schema.js';
import type { ProcedureStep, RecordedStep, StepOutcome } from '../../domain/power/index.js';
import type { PowerItemView } from './power-views.js';

export function procedureOf(steps: unknown): ProcedureStep[] {
  const list = (typeof steps === 'string' ? JSON.parse(steps) : steps) as ProcedureStep[];
  return Array.isArray(list) ? list : [];
}

export function recordedOf(rows: readonly Selectable<PowerExerciseStepsTable>[]): RecordedStep[] {
  return [...rows]
    .sort((a, b) => a.seq - b.seq)
    .map((r) => ({
      key: r.step_key,
      outcome: r.outcome as StepOutcome,
      doneOn: r.done_on,
      publicityFrom: r.publicity_from,
      publicityTo: r.publicity_to,
      documents: r.documents,
    }));
}

export function itemView(row: Selectable<PowerItemsTable>, templateCurrentVersion: number | null): PowerItemView {
  return {
    id: row.id,
    villageId: row.village_id,
    category: row.category,
    name: row.name,
    legalBasis: row.legal_basis,
    description: row.description,
    steps: procedureOf(row.steps),
    active: row.active,
    sort: row.sort,
    version: row.version,
    templateItemId: row.template_item_id,
    templateVersion: row.template_version,
    templateCurrentVersion,
    templateChanged:
      row.template_version !== null && templateCurrentVersion !== null && templateCurrentVersion > row.template_version,
  };
}
