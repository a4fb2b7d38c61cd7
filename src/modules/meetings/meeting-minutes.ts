// The minutes (会议纪要) of a meeting, assembled by the pure function from the record as the principal sees it,
// and the spreadsheet of its decisions (one row per task, with the task's state today).
import { type AttendanceStatus, assembleMinutes, type Minutes } from '../../domain/meeting/index.js';
import type { Principal } from '../auth/principal.js';
import { type Sheet, toXlsx } from '../dashboards/xlsx.js';
import type { MeetingQueries } from './meeting-queries.js';

export async function meetingMinutes(
  queries: MeetingQueries,
  id: number,
  principal: Principal,
  now: Date,
): Promise<Minutes> {
  const m = await queries.detail(id, principal);
  return assembleMinutes({
    meeting: {
      title: m.title,
      kindName: m.kind.name,
      level: m.kind.level,
      startsAt: new Date(m.startsAt),
      place: m.place,
      chair: m.chair,
      secretary: m.secretary,
      organiserName: m.organiser.name,
      state: m.state,
      publishedAt: m.publishedAt ? new Date(m.publishedAt) : null,
    },
    members: m.members.map((o) => ({ orgId: o.id, name: o.name })),
    attendance: m.attendance.map((a) => ({ ...a, status: a.status as AttendanceStatus })),
    items: m.items.map((item) => ({
      position: item.no,
      kind: item.kind,
      title: item.title,
      description: item.description,
      reason: item.reason,
      discussion: item.discussion,
      dispatch: item.dispatch
        ? {
            leadName: item.dispatch.leadOrg.name,
            assistingNames: item.dispatch.assistingOrgs.map((o) => o.name),
            note: item.dispatch.note,
          }
        : null,
      decisions: item.decisions.map((d) => ({
        text: d.text,
        tasks: d.tasks.map((t) => ({
          id: t.id,
          number: t.number,
          ownerName: t.ownerOrg.name,
          assistingNames: t.assistingOrgs.map((o) => o.name),
          dueAt: new Date(t.dueAt),
          state: t.state,
          stateLabel: t.stateLabel,
          completedLate: t.completedLate,
        })),
      })),
    })),
    generatedAt: now,
  });
}

/** The decisions as a spreadsheet (and who attended, on a second sheet). */
export function minutesWorkbook(minutes: Minutes): Promise<Buffer> {
  const decisions: Sheet = {
    name: '决定事项',
    title: `${minutes.title} · 决定事项（${minutes.header.time}）`,
    columns: ['编号', '议题', '决定事项', '任务编号', '责任单位', '协办单位', '完成期限', '当前状态'],
    rows: minutes.decisionRows.map((r) => [
      r.ref,
      r.item,
      r.decision,
      r.taskNumber,
      r.owner,
      r.assisting,
      r.due,
      r.state,
    ]),
  };
  const a = minutes.attendance;
  const attendance: Sheet = {
    name: '出席情况',
    title: `${minutes.title} · 出席情况`,
    columns: ['单位', '出席情况', '出席人员 / 说明'],
    rows: [
      ...a.present.map((unit) => [unit, '出席', '']),
      ...a.substitute.map((s) => [s.unit, '委托出席', s.attendee]),
      ...a.absent.map((s) => [s.unit, '缺席', s.note ?? '']),
      ...a.unrecorded.map((unit) => [unit, '未登记', '']),
    ],
  };
  return toXlsx([decisions, attendance]);
}
