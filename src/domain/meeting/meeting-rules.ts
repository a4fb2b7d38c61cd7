// What may be done to a meeting in each of its states, and what a meeting needs before it is held or its
// minutes are published. Pure: the module asks here before it writes anything.
import { err, ok, type Result } from '../result.js';
import { MEETING_STATE_LABELS, type MeetingState } from './types.js';

export type MeetingAction =
  | 'edit'
  | 'setAgenda'
  | 'recordAttendance'
  | 'recordDiscussion'
  | 'recordDecision'
  | 'dispatchCase'
  | 'hold'
  | 'publish'
  | 'cancel';

export const MEETING_ACTION_LABELS: Record<MeetingAction, string> = {
  edit: '修改会议信息',
  setAgenda: '调整议程',
  recordAttendance: '登记出席情况',
  recordDiscussion: '记录议题讨论',
  recordDecision: '记录决定事项',
  dispatchCase: '从会议派遣案件',
  hold: '确认会议已召开',
  publish: '发布会议纪要',
  cancel: '取消会议',
};

const ALLOWED: Readonly<Record<MeetingState, readonly MeetingAction[]>> = {
  // Preparing: the agenda, who comes (a unit may announce its substitute beforehand).
  draft: ['edit', 'setAgenda', 'recordAttendance', 'hold', 'cancel'],
  // Held: the record — attendance, discussion, decisions, dispatches; an item raised at the meeting (临时动议).
  held: ['edit', 'setAgenda', 'recordAttendance', 'recordDiscussion', 'recordDecision', 'dispatchCase', 'publish'],
  // Published minutes are the record; the decisions live on as tasks.
  published: [],
  cancelled: [],
};

export interface MeetingRuleError {
  readonly code: 'MEETING_NOT_ALLOWED_IN_STATE' | 'MEETING_NOT_READY' | 'VALIDATION';
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export function isMeetingActionAllowed(state: MeetingState, action: MeetingAction): boolean {
  return ALLOWED[state].includes(action);
}

export function allowedMeetingActions(state: MeetingState): readonly MeetingAction[] {
  return ALLOWED[state];
}

/** The refusal for an action the state forbids, naming the state and where the action is allowed. */
export function checkMeetingAction(state: MeetingState, action: MeetingAction): MeetingRuleError | null {
  if (isMeetingActionAllowed(state, action)) return null;
  const allowedIn = (Object.keys(ALLOWED) as MeetingState[]).filter((s) => ALLOWED[s].includes(action));
  return {
    code: 'MEETING_NOT_ALLOWED_IN_STATE',
    message: `会议当前状态为“${MEETING_STATE_LABELS[state]}”，不能${MEETING_ACTION_LABELS[action]}${
      allowedIn.length ? `（需为“${allowedIn.map((s) => MEETING_STATE_LABELS[s]).join('”或“')}”）` : ''
    }`,
    details: { state, action, allowedIn },
  };
}

/** What the record says when the state changes. */
export interface MeetingFacts {
  readonly state: MeetingState;
  readonly itemCount: number;
  readonly memberOrgIds: readonly number[];
  /** Units whose attendance is recorded. */
  readonly attendanceOrgIds: readonly number[];
  readonly cancelReason?: string;
}

export type MeetingTransition = 'held' | 'published' | 'cancelled';

const ACTION_OF: Record<MeetingTransition, MeetingAction> = { held: 'hold', published: 'publish', cancelled: 'cancel' };

/** Moves the meeting to its next state, or says what is missing. */
export function transitionMeeting(facts: MeetingFacts, to: MeetingTransition): Result<MeetingState, MeetingRuleError> {
  const refused = checkMeetingAction(facts.state, ACTION_OF[to]);
  if (refused) return err(refused);
  if (to === 'held' && facts.itemCount === 0) {
    return err({
      code: 'MEETING_NOT_READY',
      message: '议程为空：请先从推荐议题中选取或添加议题',
      details: { itemCount: 0 },
    });
  }
  if (to === 'published') {
    if (facts.itemCount === 0) {
      return err({ code: 'MEETING_NOT_READY', message: '会议没有议题，不能发布纪要', details: { itemCount: 0 } });
    }
    const recorded = new Set(facts.attendanceOrgIds);
    const missing = facts.memberOrgIds.filter((id) => !recorded.has(id));
    if (missing.length > 0) {
      return err({
        code: 'MEETING_NOT_READY',
        message: `还有 ${missing.length} 个成员单位未登记出席情况，请在“会议记录”中登记后再发布纪要`,
        details: { missingOrgIds: missing },
      });
    }
  }
  if (to === 'cancelled' && !(facts.cancelReason ?? '').trim()) {
    return err({ code: 'VALIDATION', message: '请填写取消会议的原因', details: { field: 'reason' } });
  }
  return ok(to);
}
