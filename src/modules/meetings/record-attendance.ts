// Records who came, unit by unit: present, absent (with the reason given), or a substitute (name and post).
// Entries given replace those units' earlier entries; units not mentioned keep theirs.
import { type AttendanceEntry, type AttendanceStatus, attendanceProblem } from '../../domain/meeting/index.js';
import type { Principal } from '../auth/principal.js';
import { commitMeetingChange, invalid, type MeetingDeps, meetingForChange } from './meeting-store.js';

export interface RecordAttendanceInput {
  version: number;
  entries: { orgId: number; status: AttendanceStatus; attendee?: string | null; note?: string | null }[];
}

export async function recordAttendance(
  deps: Pick<MeetingDeps, 'db' | 'clock' | 'audit'>,
  id: number,
  input: RecordAttendanceInput,
  principal: Principal,
): Promise<{ version: number }> {
  const entries: AttendanceEntry[] = input.entries.map((e) => ({
    orgId: e.orgId,
    status: e.status,
    attendee: e.attendee?.trim() || null,
    note: e.note?.trim() || null,
  }));
  if (entries.length === 0) throw invalid('请至少登记一个单位的出席情况', { field: 'entries' });
  return deps.db.transaction().execute(async (trx) => {
    const meeting = await meetingForChange(trx, id, principal, input.version, 'recordAttendance');
    const problem = attendanceProblem(meeting.member_org_ids, entries);
    if (problem) throw invalid(problem.message, problem.details);
    await trx
      .insertInto('meeting_attendance')
      .values(
        entries.map((e) => ({ meeting_id: id, org_id: e.orgId, status: e.status, attendee: e.attendee, note: e.note })),
      )
      .onConflict((oc) =>
        oc.columns(['meeting_id', 'org_id']).doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          attendee: eb.ref('excluded.attendee'),
          note: eb.ref('excluded.note'),
        })),
      )
      .execute();
    const count = (status: AttendanceStatus) => entries.filter((e) => e.status === status).length;
    const version = await commitMeetingChange(trx, deps, principal, meeting, {
      type: 'attendance',
      details: {
        units: entries.length,
        present: count('present'),
        substitute: count('substitute'),
        absent: count('absent'),
      },
    });
    return { version };
  });
}
