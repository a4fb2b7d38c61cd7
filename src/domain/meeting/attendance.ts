// Who came: each member unit present, absent, or represented by a substitute; a meeting is quorate when more
// than half of its member units attended (in person or by substitute).
import type { AttendanceStatus } from './types.js';

export interface AttendanceEntry {
  readonly orgId: number;
  readonly status: AttendanceStatus;
  readonly attendee: string | null;
  readonly note: string | null;
}

export interface AttendanceSummary {
  readonly members: number;
  readonly present: number;
  readonly substitute: number;
  readonly absent: number;
  /** Members whose attendance is not recorded yet. */
  readonly unrecorded: number;
  /** More than half of the member units attended. */
  readonly quorate: boolean;
}

export function summariseAttendance(
  memberOrgIds: readonly number[],
  entries: readonly AttendanceEntry[],
): AttendanceSummary {
  const members = new Set(memberOrgIds);
  const of = (status: AttendanceStatus) => entries.filter((e) => e.status === status && members.has(e.orgId)).length;
  const present = of('present');
  const substitute = of('substitute');
  const absent = of('absent');
  return {
    members: members.size,
    present,
    substitute,
    absent,
    unrecorded: members.size - present - substitute - absent,
    quorate: members.size > 0 && (present + substitute) * 2 > members.size,
  };
}

/** A substitute needs a name; any entry must be for a member unit. Returns the problem, or null. */
export function attendanceProblem(
  memberOrgIds: readonly number[],
  entries: readonly AttendanceEntry[],
): { message: string; details: Record<string, unknown> } | null {
  const members = new Set(memberOrgIds);
  const strangers = entries.filter((e) => !members.has(e.orgId)).map((e) => e.orgId);
  if (strangers.length) {
    return { message: '只能登记本次会议成员单位的出席情况', details: { field: 'entries', orgIds: strangers } };
  }
  const twice = entries.filter((e, i) => entries.findIndex((x) => x.orgId === e.orgId) !== i).map((e) => e.orgId);
  if (twice.length) return { message: '同一单位只能登记一次', details: { field: 'entries', orgIds: twice } };
  const nameless = entries.filter((e) => e.status === 'substitute' && !e.attendee?.trim()).map((e) => e.orgId);
  if (nameless.length) {
    return { message: '委托出席须填写代为出席人员的姓名和职务', details: { field: 'attendee', orgIds: nameless } };
  }
  return null;
}
