// 智能分类 at intake: the suggestion of a new case is made in the intake request, before its transaction, and
// written with the case — its note as the case's second timeline entry, its row on case_suggestions — so the
// case is written once (issue 22). The consumer (suggest-category.ts) still classifies what this leaves: cases
// opened while the model was training, by another process without it, or in a county with 智能派单 on (the
// automatic dispatch is a later step of the consumer's, taken on a 'pending' suggestion).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { IntakeClassifier, IntakeSubject, PreparedClassification } from '../cases/intake-classifier.js';
import { readSettings } from './settings.js';
import { classificationDetails, type IntelligenceDeps, suggestedColumns } from './suggest-category.js';
import { needsSuggestion } from './suggestion-queue.js';

/** How long a county's 智能派单 switch is trusted without reading it again (another process may change it). */
const SETTINGS_TTL_MS = 5_000;

export class IntakeClassification implements IntakeClassifier {
  private readonly autoDispatch = new Map<string, { at: number; on: boolean }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly suggester: IntelligenceDeps['suggester'] & { ready(): boolean },
  ) {}

  private async autoDispatchOn(countyCode: string): Promise<boolean> {
    const cached = this.autoDispatch.get(countyCode);
    if (cached && Date.now() - cached.at < SETTINGS_TTL_MS) return cached.on;
    const on = (await readSettings(this.db, countyCode)).autoDispatch;
    this.autoDispatch.set(countyCode, { at: Date.now(), on });
    return on;
  }

  /** The county's switch changed in this process: read it again at the next intake. */
  forget(countyCode: string): void {
    this.autoDispatch.delete(countyCode);
  }

  async prepare(subject: IntakeSubject): Promise<PreparedClassification | null> {
    if (!needsSuggestion(subject.categoryId, subject.openedDetails)) return null;
    // Never make a citizen wait for a training: the consumer classifies the case once the model is there.
    if (!this.suggester.ready()) return null;
    if (await this.autoDispatchOn(subject.countyCode)) return null;
    let s: Awaited<ReturnType<IntakeClassification['suggester']['classify']>>;
    try {
      s = await this.suggester.classify(subject.body.slice(0, 5000), subject.townId, subject.title);
    } catch {
      return null; // the consumer tries again and records why it failed
    }
    return {
      note: classificationDetails(s),
      suggestion: (caseId) => ({
        case_id: caseId,
        county_code: subject.countyCode,
        channel: subject.channel,
        ...suggestedColumns(s),
      }),
    };
  }
}
