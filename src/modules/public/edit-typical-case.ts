// The author (or another writer) edits a typical case's text: allowed in draft, returned, approved and withdrawn;
// an edit after approval sends the text back to review, so what is published is always what a reviewer approved.
import { AppError } from '../../core/errors.js';
import { decideShowcase } from '../../domain/showcase/index.js';
import type { Principal } from '../auth/principal.js';
import type { ShowcaseDeps } from './showcase-deps.js';
import { decided } from './showcase-errors.js';
import { assertDeidentified, loadTypicalCaseForChange, writeTypicalCaseChange } from './typical-case-rows.js';

export interface EditTypicalCaseInput {
  version: number;
  title?: string;
  body?: string;
}

export async function editTypicalCase(
  deps: ShowcaseDeps,
  principal: Principal,
  id: number,
  input: EditTypicalCaseInput,
): Promise<void> {
  const userId = principal.userId;
  if (userId === null) throw new AppError('FORBIDDEN');
  const title = input.title?.trim();
  const body = input.body?.trim();
  if (title === '' || body === '') throw new AppError('VALIDATION_FAILED', { message: '标题和正文不能为空' });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await loadTypicalCaseForChange(trx, principal, id, input.version);
    const to = decided(
      decideShowcase({ state: row.state, authorId: row.author_id, lastEditorId: row.last_editor_id }, 'edit', {
        userId,
        canReview: principal.permissions.has('showcase.review'),
      }),
    );
    const next = { title: title ?? row.title, body: body ?? row.body };
    // straight back to review: it must already be clean
    if (to === 'submitted') await assertDeidentified(trx, deps.crypto, row.case_id, next.title, next.body);
    await writeTypicalCaseChange(trx, deps.audit, principal, {
      row,
      type: 'edit',
      to,
      set: { ...next, last_editor_id: userId, ...(to === 'submitted' && { submitted_at: now }) },
      at: now,
    });
  });
}
