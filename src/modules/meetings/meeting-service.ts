// The joint-meeting capability's face (联席会议): kinds of meeting, meetings, the agenda proposed from the data,
// the record (attendance, discussion, decisions that become tasks, dispatches) and the minutes. One verb per
// file beside this one; this class only hands them their dependencies.
import type { Principal } from '../auth/principal.js';
import { type ChangeMeetingStateInput, changeMeetingState } from './change-meeting-state.js';
import { type CreateMeetingInput, createMeeting } from './create-meeting.js';
import { type CreateMeetingKindInput, createMeetingKind } from './create-meeting-kind.js';
import { type DispatchFromMeetingInput, dispatchFromMeeting } from './dispatch-from-meeting.js';
import { meetingMinutes, minutesWorkbook } from './meeting-minutes.js';
import { MeetingQueries } from './meeting-queries.js';
import type { MeetingDeps } from './meeting-store.js';
import type { AgendaProposal, MeetingDetail, MeetingListQuery } from './meeting-views.js';
import { proposeMeetingAgenda } from './propose-agenda.js';
import { type RecordAttendanceInput, recordAttendance } from './record-attendance.js';
import { type RecordDecisionInput, recordDecision } from './record-decision.js';
import { type RecordDiscussionInput, recordDiscussion } from './record-discussion.js';
import { type SetAgendaInput, setAgenda } from './set-agenda.js';
import { type UpdateMeetingInput, updateMeeting } from './update-meeting.js';
import { type UpdateMeetingKindInput, updateMeetingKind } from './update-meeting-kind.js';

export class MeetingService {
  readonly queries: MeetingQueries;

  constructor(private readonly deps: MeetingDeps) {
    this.queries = new MeetingQueries(deps);
  }

  kinds(principal: Principal) {
    return this.queries.kinds(principal);
  }

  createKind(input: CreateMeetingKindInput, principal: Principal) {
    return createMeetingKind(this.deps, input, principal);
  }

  updateKind(id: number, input: UpdateMeetingKindInput, principal: Principal) {
    return updateMeetingKind(this.deps, id, input, principal);
  }

  list(principal: Principal, query: MeetingListQuery) {
    return this.queries.list(principal, query);
  }

  get(id: number, principal: Principal): Promise<MeetingDetail> {
    return this.queries.detail(id, principal);
  }

  async create(input: CreateMeetingInput, principal: Principal): Promise<MeetingDetail> {
    const { id } = await createMeeting(this.deps, input, principal);
    return this.get(id, principal);
  }

  /** Each change answers the meeting as it is afterwards. */
  private async afterwards(id: number, principal: Principal, change: Promise<unknown>): Promise<MeetingDetail> {
    await change;
    return this.get(id, principal);
  }

  update(id: number, input: UpdateMeetingInput, principal: Principal) {
    return this.afterwards(id, principal, updateMeeting(this.deps, id, input, principal));
  }

  changeState(id: number, input: ChangeMeetingStateInput, principal: Principal) {
    return this.afterwards(id, principal, changeMeetingState(this.deps, id, input, principal));
  }

  proposals(id: number, principal: Principal): Promise<AgendaProposal> {
    return proposeMeetingAgenda(this.deps, id, principal);
  }

  setAgenda(id: number, input: SetAgendaInput, principal: Principal) {
    return this.afterwards(id, principal, setAgenda(this.deps, id, input, principal));
  }

  recordAttendance(id: number, input: RecordAttendanceInput, principal: Principal) {
    return this.afterwards(id, principal, recordAttendance(this.deps, id, input, principal));
  }

  recordDiscussion(id: number, itemId: number, input: RecordDiscussionInput, principal: Principal) {
    return this.afterwards(id, principal, recordDiscussion(this.deps, id, itemId, input, principal));
  }

  /** The decision with its new tasks, and the meeting afterwards. */
  async recordDecision(id: number, itemId: number, input: RecordDecisionInput, principal: Principal) {
    const { version: _version, ...decision } = await recordDecision(this.deps, id, itemId, input, principal);
    return { ...decision, meeting: await this.get(id, principal) };
  }

  dispatchCase(id: number, itemId: number, input: DispatchFromMeetingInput, principal: Principal) {
    return this.afterwards(id, principal, dispatchFromMeeting(this.deps, id, itemId, input, principal));
  }

  minutes(id: number, principal: Principal) {
    return meetingMinutes(this.queries, id, principal, this.deps.clock.now());
  }

  async minutesXlsx(id: number, principal: Principal): Promise<{ filename: string; body: Buffer }> {
    const minutes = await this.minutes(id, principal);
    return { filename: `${minutes.title}-决定事项.xlsx`, body: await minutesWorkbook(minutes) };
  }
}
