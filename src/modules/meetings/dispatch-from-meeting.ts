// Dispatches a case on the agenda as the meeting decided (会议派遣): the lead and assisting units, through the
// case's own state machine. The case decides whether it may be dispatched now and by whom; a refusal is a 409
// saying why (a bad unit choice stays a 400 to fix). The case commits first; the meeting then records the
// dispatch whatever its version has become meanwhile, so a dispatched case is never missing from the record —
// the caller's stale version is refused before anything happens.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import {
  commitMeetingChange,
  invalid,
  loadMeeting,
  type MeetingDeps,
  requireAction,
  requireOrganiser,
  requireVersion,
} from './meeting-store.js';
import { itemOf } from './record-discussion.js';

export interface DispatchFromMeetingInput {
  version: number;
  /** The case's version as the caller saw it. */
  caseVersion: number;
  leadOrgId: number;
  assistingOrgIds?: number[];
  note?: string;
}

/** Case errors that the caller fixes by choosing again or refreshing, passed through as they are. */
const PASSED_THROUGH = new Set(['VALIDATION_FAILED', 'CASE_VERSION_CONFLICT']);

export async function dispatchFromMeeting(
  deps: MeetingDeps,
  id: number,
  itemId: number,
  input: DispatchFromMeetingInput,
  principal: Principal,
): Promise<{ version: number; case: { id: number; state: string; version: number } }> {
  const meeting = await loadMeeting(deps.db, id, principal);
  requireOrganiser(principal, meeting);
  requireVersion(meeting, input.version);
  requireAction(meeting, 'dispatchCase');
  const item = await itemOf(deps.db, id, itemId);
  if (!item.case_id) throw invalid('只有案件类议题可以从会议派遣', { field: 'itemId' });
  if (item.dispatch) {
    throw new AppError('MEETING_DISPATCH_REFUSED', { message: '该议题的案件已在本次会议上派遣', details: { itemId } });
  }
  const caseId = item.case_id;
  const assisting = [...new Set(input.assistingOrgIds ?? [])];
  const note = input.note?.trim() || `${meeting.title}决定派遣`;
  let dispatched: Awaited<ReturnType<MeetingDeps['cases']['act']>>;
  try {
    dispatched = await deps.cases.act(
      caseId,
      {
        version: input.caseVersion,
        action: { type: 'dispatch', leadOrgId: input.leadOrgId, assistingOrgIds: assisting, note },
      },
      principal,
    );
  } catch (error) {
    if (!(error instanceof AppError) || PASSED_THROUGH.has(error.code)) throw error;
    throw new AppError('MEETING_DISPATCH_REFUSED', {
      message: `不能从会议派遣该案件：${error.message}`,
      details: { caseId, caseError: error.code, ...(error.details as Record<string, unknown> | undefined) },
    });
  }
  const record = { leadOrgId: input.leadOrgId, assistingOrgIds: assisting, note, at: deps.clock.now().toISOString() };
  const version = await deps.db.transaction().execute(async (trx) => {
    const current = await loadMeeting(trx, id, principal, true);
    await trx
      .updateTable('meeting_items')
      .set({ dispatch: JSON.stringify(record), updated_at: deps.clock.now() })
      .where('id', '=', itemId)
      .execute();
    return commitMeetingChange(trx, deps, principal, current, {
      type: 'dispatch',
      details: { itemId, caseId, ...record },
    });
  });
  return { version, case: { id: caseId, state: dispatched.state, version: dispatched.version } };
}
