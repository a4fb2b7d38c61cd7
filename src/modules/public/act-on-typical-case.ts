// The review steps of a typical case: submit (the text must name nobody), approve or return (a reviewer who neither
// wrote nor last edited it; returning says why), publish (only what was approved: the approved text is what the
// public sees) and withdraw (with a reason). The pure rules decide (src/domain/showcase); one transaction writes
// the row, its history and audit entries and the outbox message.
import type { Updateable } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { ShowcaseCasesTable } from '../../db/schema.js';
import { decideShowcase, type ShowcaseAction } from '../../domain/showcase/index.js';
import type { Principal } from '../auth/principal.js';
import type { ShowcaseDeps } from './showcase-deps.js';
import { decided } from './showcase-errors.js';
import { assertDeidentified, loadTypicalCaseForChange, writeTypicalCaseChange } from './typical-case-rows.js';

export type ReviewAction = Exclude<ShowcaseAction, 'edit'>;

export interface ActOnTypicalCaseInput {
  version: number;
  note?: string;
}

export async function actOnTypicalCase(
  deps: ShowcaseDeps,
  principal: Principal,
  id: number,
  action: ReviewAction,
  input: ActOnTypicalCaseInput,
): Promise<void> {
  const userId = principal.userId;
  if (userId === null) throw new AppError('FORBIDDEN');
  const note = input.note?.trim() || null;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await loadTypicalCaseForChange(trx, principal, id, input.version);
    const to = decided(
      decideShowcase(
        { state: row.state, authorId: row.author_id, lastEditorId: row.last_editor_id },
        action,
        { userId, canReview: principal.permissions.has('showcase.review') },
        { note },
      ),
    );
    if (action === 'submit' || action === 'approve')
      await assertDeidentified(trx, deps.crypto, row.case_id, row.title, row.body);
    const changes: Updateable<ShowcaseCasesTable> = {};
    if (action === 'submit') Object.assign(changes, { submitted_at: now, review_note: null });
    if (action === 'approve') {
      Object.assign(changes, {
        approved_title: row.title,
        approved_body: row.body,
        reviewer_id: userId,
        reviewed_at: now,
        review_note: note,
      });
    }
    if (action === 'return') Object.assign(changes, { reviewer_id: userId, reviewed_at: now, review_note: note });
    if (action === 'publish') changes.published_at = now;
    if (action === 'withdraw') Object.assign(changes, { withdrawn_at: now, review_note: note });
    await writeTypicalCaseChange(trx, deps.audit, principal, {
      row,
      type: action,
      to,
      set: changes,
      at: now,
      details: note ? { note } : {},
    });
  });
}
