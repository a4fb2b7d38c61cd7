// The publishing review of a typical case (典型案例): an author drafts the de-identified text and submits it; a
// reviewer — another person holding the review permission — approves it or returns it with a note; only an
// approved text is published, and the published text is exactly the approved one (an edit after approval sends
// it back to review); a published case may be withdrawn, and a withdrawn one goes through review again.
import { err, ok, type Result } from '../result.js';
import { type ShowcaseDomainError, showcaseError } from './errors.js';

export const SHOWCASE_STATES = ['draft', 'submitted', 'returned', 'approved', 'published', 'withdrawn'] as const;
export type ShowcaseState = (typeof SHOWCASE_STATES)[number];

export const SHOWCASE_ACTIONS = ['edit', 'submit', 'approve', 'return', 'publish', 'withdraw'] as const;
export type ShowcaseAction = (typeof SHOWCASE_ACTIONS)[number];

export const SHOWCASE_STATE_NAMES: Readonly<Record<ShowcaseState, string>> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  approved: '已审核',
  published: '已发布',
  withdrawn: '已撤回',
};

export const SHOWCASE_ACTION_NAMES: Readonly<Record<ShowcaseAction, string>> = {
  edit: '修改',
  submit: '提交审核',
  approve: '审核通过',
  return: '退回修改',
  publish: '发布',
  withdraw: '撤回',
};

/** Who acts: the user, and whether they hold the review permission. */
export interface ShowcaseActor {
  userId: number;
  canReview: boolean;
}

/** What of the record the rules look at. */
export interface ShowcaseRecord {
  state: ShowcaseState;
  authorId: number;
  /** The last person who changed the text (an edit by someone else makes them an author too). */
  lastEditorId: number;
}

/** The states each action may start from, and where it leads. */
const TRANSITIONS: Readonly<
  Record<ShowcaseAction, { from: readonly ShowcaseState[]; to: (s: ShowcaseState) => ShowcaseState }>
> = {
  // an edit after approval sends the text back to review; a withdrawn or returned one becomes a draft again
  edit: { from: ['draft', 'returned', 'approved', 'withdrawn'], to: (s) => (s === 'approved' ? 'submitted' : 'draft') },
  submit: { from: ['draft', 'returned', 'withdrawn'], to: () => 'submitted' },
  approve: { from: ['submitted'], to: () => 'approved' },
  return: { from: ['submitted'], to: () => 'returned' },
  publish: { from: ['approved'], to: () => 'published' },
  withdraw: { from: ['published'], to: () => 'withdrawn' },
};

const NEEDED: Readonly<Record<ShowcaseAction, string>> = {
  edit: '只有草稿、已退回、已审核或已撤回的案例可以修改（待审核的请等待审核结果，已发布的请先撤回）',
  submit: '只有草稿、已退回或已撤回的案例可以提交审核',
  approve: '只有待审核的案例可以审核',
  return: '只有待审核的案例可以退回',
  publish: '只有审核通过的案例可以发布',
  withdraw: '只有已发布的案例可以撤回',
};

export interface ShowcaseInput {
  /** The reviewer's note (required to return, optional otherwise); the reason of a withdrawal. */
  note?: string | null;
}

/** Decides one action: the state it leads to, or why not. */
export function decideShowcase(
  record: ShowcaseRecord,
  action: ShowcaseAction,
  actor: ShowcaseActor,
  input: ShowcaseInput = {},
): Result<ShowcaseState, ShowcaseDomainError> {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(record.state)) {
    return err(
      showcaseError('SHOWCASE_NOT_ALLOWED_IN_STATE', NEEDED[action], {
        state: record.state,
        action,
        allowedFrom: rule.from,
      }),
    );
  }
  if (action === 'approve' || action === 'return') {
    if (!actor.canReview) return err(showcaseError('SHOWCASE_NOT_REVIEWER', '您没有审核典型案例的权限'));
    if (actor.userId === record.authorId || actor.userId === record.lastEditorId) {
      return err(
        showcaseError('SHOWCASE_OWN_REVIEW', '不能审核自己撰写或修改的案例，请由另一位审核人员审核', {
          authorId: record.authorId,
        }),
      );
    }
    if (action === 'return' && !input.note?.trim()) {
      return err(showcaseError('SHOWCASE_NOTE_REQUIRED', '退回时请写明需要修改的地方', { field: 'note' }));
    }
  }
  if (action === 'withdraw' && !input.note?.trim()) {
    return err(showcaseError('SHOWCASE_NOTE_REQUIRED', '撤回时请写明原因', { field: 'note' }));
  }
  return ok(rule.to(record.state));
}

/** The actions this actor may take now (the page's buttons). */
export function allowedShowcaseActions(record: ShowcaseRecord, actor: ShowcaseActor): ShowcaseAction[] {
  return SHOWCASE_ACTIONS.filter((action) => decideShowcase(record, action, actor, { note: 'x' }).ok);
}
