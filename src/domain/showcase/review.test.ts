import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideNews, type NewsAction, type NewsState } from './news.js';
import {
  allowedShowcaseActions,
  decideShowcase,
  SHOWCASE_ACTIONS,
  SHOWCASE_STATES,
  type ShowcaseAction,
  type ShowcaseActor,
  type ShowcaseRecord,
  type ShowcaseState,
} from './review.js';

const AUTHOR = 1;
const REVIEWER = 2;
const record = (state: ShowcaseState, lastEditorId = AUTHOR): ShowcaseRecord => ({
  state,
  authorId: AUTHOR,
  lastEditorId,
});
const author: ShowcaseActor = { userId: AUTHOR, canReview: true };
const reviewer: ShowcaseActor = { userId: REVIEWER, canReview: true };
const writer: ShowcaseActor = { userId: 3, canReview: false };

describe('the publishing review', () => {
  const allowed: [ShowcaseState, ShowcaseAction, ShowcaseActor, ShowcaseState][] = [
    ['draft', 'edit', author, 'draft'],
    ['draft', 'submit', author, 'submitted'],
    ['submitted', 'approve', reviewer, 'approved'],
    ['submitted', 'return', reviewer, 'returned'],
    ['returned', 'edit', author, 'draft'],
    ['returned', 'submit', author, 'submitted'],
    ['approved', 'publish', author, 'published'],
    ['approved', 'publish', writer, 'published'],
    ['approved', 'edit', author, 'submitted'], // an edit after approval goes back to review
    ['published', 'withdraw', author, 'withdrawn'],
    ['withdrawn', 'edit', author, 'draft'],
    ['withdrawn', 'submit', author, 'submitted'],
  ];
  it.each(allowed)('%s --%s--> %s', (state, action, actor, to) => {
    expect(decideShowcase(record(state), action, actor, { note: '原因' })).toEqual({ ok: true, value: to });
  });

  const refused: [string, ShowcaseRecord, ShowcaseAction, ShowcaseActor, string | null, string][] = [
    [
      'only approved can be published: draft',
      record('draft'),
      'publish',
      author,
      null,
      'SHOWCASE_NOT_ALLOWED_IN_STATE',
    ],
    [
      'only approved can be published: submitted',
      record('submitted'),
      'publish',
      reviewer,
      null,
      'SHOWCASE_NOT_ALLOWED_IN_STATE',
    ],
    [
      'only approved can be published: returned',
      record('returned'),
      'publish',
      author,
      null,
      'SHOWCASE_NOT_ALLOWED_IN_STATE',
    ],
    [
      'only approved can be published: withdrawn',
      record('withdrawn'),
      'publish',
      author,
      null,
      'SHOWCASE_NOT_ALLOWED_IN_STATE',
    ],
    ['the author cannot approve their own', record('submitted'), 'approve', author, null, 'SHOWCASE_OWN_REVIEW'],
    ['nor return it', record('submitted'), 'return', author, '改', 'SHOWCASE_OWN_REVIEW'],
    ['the last editor cannot approve', record('submitted', REVIEWER), 'approve', reviewer, null, 'SHOWCASE_OWN_REVIEW'],
    ['approving needs the permission', record('submitted'), 'approve', writer, null, 'SHOWCASE_NOT_REVIEWER'],
    ['returning needs a note', record('submitted'), 'return', reviewer, '  ', 'SHOWCASE_NOTE_REQUIRED'],
    ['withdrawing needs a reason', record('published'), 'withdraw', author, null, 'SHOWCASE_NOTE_REQUIRED'],
    ['no edit under review', record('submitted'), 'edit', author, null, 'SHOWCASE_NOT_ALLOWED_IN_STATE'],
    ['no edit while published', record('published'), 'edit', author, null, 'SHOWCASE_NOT_ALLOWED_IN_STATE'],
    ['no second approval', record('approved'), 'approve', reviewer, null, 'SHOWCASE_NOT_ALLOWED_IN_STATE'],
    ['no withdrawal of a draft', record('draft'), 'withdraw', author, '撤', 'SHOWCASE_NOT_ALLOWED_IN_STATE'],
  ];
  it.each(refused)('%s', (_label, rec, action, actor, note, code) => {
    const result = decideShowcase(rec, action, actor, { note });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });

  it('lists what each side may do', () => {
    expect(allowedShowcaseActions(record('submitted'), author)).toEqual([]);
    expect(allowedShowcaseActions(record('submitted'), reviewer)).toEqual(['approve', 'return']);
    expect(allowedShowcaseActions(record('approved'), writer)).toEqual(['edit', 'publish']);
  });
});

describe('property: whatever is tried, in whatever order', () => {
  const step = fc.record({
    action: fc.constantFrom(...SHOWCASE_ACTIONS),
    actor: fc.constantFrom(author, reviewer, writer),
  });
  it('a case is published only right after an approval by someone who neither wrote nor last edited it', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let rec = record('draft');
        let approvedBy: number | null = null;
        let editedSinceApproval = false;
        for (const { action, actor } of steps) {
          const result = decideShowcase(rec, action, actor, { note: '说明' });
          if (!result.ok) continue;
          expect(SHOWCASE_STATES).toContain(result.value);
          if (action === 'approve') {
            approvedBy = actor.userId;
            editedSinceApproval = false;
            expect(actor.userId).not.toBe(rec.authorId);
            expect(actor.userId).not.toBe(rec.lastEditorId);
          }
          if (action === 'edit') {
            editedSinceApproval = true;
            rec = { ...rec, lastEditorId: actor.userId };
          }
          if (action === 'publish') {
            expect(rec.state).toBe('approved');
            expect(approvedBy).not.toBeNull();
            expect(editedSinceApproval).toBe(false);
          }
          rec = { ...rec, state: result.value };
        }
      }),
    );
  });
});

describe('news posts', () => {
  const table: [NewsState, NewsAction, NewsState | null][] = [
    ['draft', 'publish', 'published'],
    ['draft', 'withdraw', null],
    ['published', 'publish', null],
    ['published', 'withdraw', 'withdrawn'],
    ['withdrawn', 'publish', 'published'],
    ['withdrawn', 'withdraw', null],
  ];
  it.each(table)('%s --%s--> %s', (state, action, to) => {
    const result = decideNews(state, action);
    expect(result.ok ? result.value : null).toBe(to);
  });
});
