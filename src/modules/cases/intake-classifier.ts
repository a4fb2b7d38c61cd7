// What the intake asks of a classifier (智能分类, the intelligence module) when it runs at intake: a prepared
// suggestion, made before the intake's transaction (CPU work, outside any lock), whose timeline note is written
// with the case as its second entry, beside the classifier's own row. The case is then written once
// with both entries instead of being opened, then read, locked and rewritten by the consumer for its note —
// a second version of the row and of all its indexes, and a race with the staff member who acts on it at once.
import type { Insertable } from 'kysely';
import type { CaseSuggestionsTable } from '../../db/schema.js';

export interface IntakeSubject {
  countyCode: string;
  townId: number;
  channel: string;
  title: string;
  body: string;
  /** The category the intake was given (null: none). */
  categoryId: number | null;
  /** The 'opened' entry's details (a hotline's guessed category says so there). */
  openedDetails: Record<string, unknown>;
}

export interface PreparedClassification {
  /** The details of the timeline note ('amended', changing nothing, source 'intelligence'). */
  note: Record<string, unknown>;
  /** The classifier's row for the new case (case_suggestions), written in the intake's statement. */
  suggestion(caseId: number): Insertable<CaseSuggestionsTable>;
}

export interface IntakeClassifier {
  /** Null when the case is left to the consumer (a category was given, the model is not ready, 智能派单 is on …). */
  prepare(subject: IntakeSubject): Promise<PreparedClassification | null>;
}
