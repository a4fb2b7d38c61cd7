// What the small-power API answers.
import type {
  ExerciseFlags,
  ExerciseState,
  PowerActor,
  ProcedureStep,
  StepOutcome,
  StepStatus,
} from '../../domain/power/index.js';

export interface PowerItemView {
  id: number;
  /** null: an item of the county template */
  villageId: number | null;
  category: string;
  name: string;
  legalBasis: string;
  description: string;
  steps: ProcedureStep[];
  active: boolean;
  sort: number;
  version: number;
  /** A village's copy: the template item and version it copied, the template's version now. */
  templateItemId: number | null;
  templateVersion: number | null;
  templateCurrentVersion: number | null;
  /** The county has changed the template item since the village copied it. */
  templateChanged: boolean;
}

export interface PowerVillageView {
  id: number;
  name: string;
  townName: string | null;
  items: number;
  exercises: number;
  open: number;
  flagged: number;
}

export interface StepStandingView {
  key: string;
  name: string;
  actor: PowerActor;
  status: StepStatus;
  dueOn: string | null;
  doneOn: string | null;
  daysLate: number;
  missingDocuments: string[];
}

export interface ExerciseListItem {
  id: number;
  number: string;
  villageId: number;
  villageName: string;
  itemId: number;
  itemName: string;
  title: string;
  subject: string;
  amount: number | null;
  startedOn: string;
  state: ExerciseState;
  stepCount: number;
  totalSteps: number;
  /** The next required step and its last day (null once ended). */
  next: { key: string; name: string; dueOn: string | null; overdue: boolean } | null;
  flags: ExerciseFlags;
  standings: StepStandingView[];
  version: number;
  updatedAt: string;
}

export interface RecordedStepView {
  seq: number;
  key: string;
  name: string;
  outcome: StepOutcome;
  doneOn: string;
  publicityFrom: string | null;
  publicityTo: string | null;
  approvedBy: string;
  documents: string[];
  attachmentIds: string[];
  note: string;
  recordedBy: string | null;
  recordedAt: string;
}

export interface ExerciseDetail extends ExerciseListItem {
  procedure: ProcedureStep[];
  recorded: RecordedStepView[];
  /** The steps that may be recorded next (empty once ended). */
  allowed: string[];
  /** The first day the next step may be dated (the day after a running publicity), or null. */
  earliestNextOn: string | null;
  history: { version: number; type: string; at: string; actor: string | null; details: unknown }[];
}

export interface PublicPowersView {
  village: { id: number; name: string };
  items: {
    id: number;
    category: string;
    name: string;
    legalBasis: string;
    description: string;
    steps: ProcedureStep[];
  }[];
  exercises: {
    number: string;
    itemName: string;
    title: string;
    startedOn: string;
    state: ExerciseState;
    steps: {
      name: string;
      outcome: StepOutcome;
      doneOn: string;
      publicityFrom: string | null;
      publicityTo: string | null;
      documents: string[];
    }[];
  }[];
}
