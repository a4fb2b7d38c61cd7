// The minutes (会议纪要) assembled from the meeting's record: the header, who attended, each agenda item with
// its discussion and decisions, and each decision's tasks with their owner, deadline and state today. The
// web page prints it on A4 and the spreadsheet lists the decisions; both come from this one function.
import { chinaDayOf } from '../calendar/index.js';
import { type AttendanceEntry, type AttendanceSummary, summariseAttendance } from './attendance.js';
import {
  ITEM_KIND_LABELS,
  type ItemKind,
  MEETING_LEVEL_LABELS,
  MEETING_STATE_LABELS,
  type MeetingLevel,
  type MeetingState,
} from './types.js';

export interface MinutesTask {
  readonly id: number;
  readonly number: string;
  readonly ownerName: string;
  readonly assistingNames: readonly string[];
  readonly dueAt: Date;
  readonly state: string;
  readonly stateLabel: string;
  readonly completedLate: boolean | null;
}

export interface MinutesInput {
  readonly meeting: {
    readonly title: string;
    readonly kindName: string;
    readonly level: MeetingLevel;
    readonly startsAt: Date;
    readonly place: string;
    readonly chair: string;
    readonly secretary: string;
    readonly organiserName: string;
    readonly state: MeetingState;
    readonly publishedAt: Date | null;
  };
  /** Member units in the order they are listed. */
  readonly members: readonly { readonly orgId: number; readonly name: string }[];
  readonly attendance: readonly AttendanceEntry[];
  readonly items: readonly {
    readonly position: number;
    readonly kind: ItemKind;
    readonly title: string;
    readonly description: string;
    readonly reason: string | null;
    readonly discussion: string;
    readonly dispatch: {
      readonly leadName: string;
      readonly assistingNames: readonly string[];
      readonly note: string | null;
    } | null;
    readonly decisions: readonly { readonly text: string; readonly tasks: readonly MinutesTask[] }[];
  }[];
  readonly generatedAt: Date;
}

export interface MinutesDecision {
  /** '议题一第1项' style reference, also the xlsx's first column. */
  readonly ref: string;
  readonly no: number;
  readonly text: string;
  readonly tasks: readonly {
    readonly id: number;
    readonly number: string;
    readonly owner: string;
    readonly assisting: string;
    readonly due: string;
    readonly state: string;
    readonly stateLabel: string;
  }[];
}

export interface Minutes {
  readonly title: string;
  readonly header: {
    readonly meetingTitle: string;
    readonly kind: string;
    readonly time: string;
    readonly place: string;
    readonly chair: string;
    readonly secretary: string;
    readonly organiser: string;
    readonly stateLabel: string;
    readonly published: string | null;
  };
  readonly attendance: {
    readonly present: readonly string[];
    readonly substitute: readonly { readonly unit: string; readonly attendee: string }[];
    readonly absent: readonly { readonly unit: string; readonly note: string | null }[];
    readonly unrecorded: readonly string[];
    readonly summary: AttendanceSummary;
  };
  readonly items: readonly {
    readonly no: string;
    readonly title: string;
    readonly kindLabel: string;
    readonly description: string;
    readonly reason: string | null;
    readonly discussion: string;
    readonly dispatch: string | null;
    readonly decisions: readonly MinutesDecision[];
  }[];
  /** One row per task (a decision without tasks is one row): the spreadsheet of the decisions. */
  readonly decisionRows: readonly {
    readonly ref: string;
    readonly item: string;
    readonly decision: string;
    readonly taskNumber: string;
    readonly owner: string;
    readonly assisting: string;
    readonly due: string;
    readonly state: string;
  }[];
  readonly totals: {
    readonly items: number;
    readonly decisions: number;
    readonly tasks: number;
    readonly open: number;
    readonly done: number;
    readonly overdue: number;
  };
  readonly generatedAt: string;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (agenda items are numbered so in Chinese minutes). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** 'YYYY-MM-DD HH:mm' in China time. */
export function chinaDateTime(d: Date): string {
  const china = new Date(d.getTime() + 8 * 3600_000);
  return `${chinaDayOf(d)} ${String(china.getUTCHours()).padStart(2, '0')}:${String(china.getUTCMinutes()).padStart(2, '0')}`;
}

/** 'YYYY年M月D日 HH:mm' in China time (the header of the minutes). */
export function chineseDateTime(d: Date): string {
  const [y, m, day] = chinaDayOf(d).split('-').map(Number);
  return `${y}年${m}月${day}日 ${chinaDateTime(d).slice(11)}`;
}

const OPEN = new Set(['pending_sign', 'in_progress', 'overdue']);

export function assembleMinutes(input: MinutesInput): Minutes {
  const { meeting } = input;
  const names = new Map(input.members.map((m) => [m.orgId, m.name]));
  const byOrg = new Map(input.attendance.map((a) => [a.orgId, a]));
  const memberIds = input.members.map((m) => m.orgId);
  const attendance = {
    present: input.members.filter((m) => byOrg.get(m.orgId)?.status === 'present').map((m) => m.name),
    substitute: input.members
      .filter((m) => byOrg.get(m.orgId)?.status === 'substitute')
      .map((m) => ({ unit: m.name, attendee: byOrg.get(m.orgId)?.attendee ?? '' })),
    absent: input.members
      .filter((m) => byOrg.get(m.orgId)?.status === 'absent')
      .map((m) => ({ unit: m.name, note: byOrg.get(m.orgId)?.note ?? null })),
    unrecorded: input.members.filter((m) => !byOrg.has(m.orgId)).map((m) => m.name),
    summary: summariseAttendance(
      memberIds,
      input.attendance.filter((a) => names.has(a.orgId)),
    ),
  };
  const items = [...input.items]
    .sort((a, b) => a.position - b.position)
    .map((item, index) => {
      const no = chineseNumeral(index + 1);
      const decisions: MinutesDecision[] = item.decisions.map((d, di) => ({
        ref: `议题${no}第${di + 1}项`,
        no: di + 1,
        text: d.text,
        tasks: d.tasks.map((t) => ({
          id: t.id,
          number: t.number,
          owner: t.ownerName,
          assisting: t.assistingNames.join('、'),
          due: chinaDateTime(t.dueAt),
          state: t.state,
          stateLabel: t.state === 'done' && t.completedLate ? `${t.stateLabel}（逾期完成）` : t.stateLabel,
        })),
      }));
      const dispatch = item.dispatch
        ? `会议决定派遣：主办单位 ${item.dispatch.leadName}${
            item.dispatch.assistingNames.length ? `，协办单位 ${item.dispatch.assistingNames.join('、')}` : ''
          }${item.dispatch.note ? `。${item.dispatch.note}` : ''}`
        : null;
      return {
        no,
        title: item.title,
        kindLabel: ITEM_KIND_LABELS[item.kind],
        description: item.description,
        reason: item.reason,
        discussion: item.discussion,
        dispatch,
        decisions,
      };
    });
  const decisionRows = items.flatMap((item) =>
    item.decisions.flatMap((d) => {
      const base = { ref: d.ref, item: `${item.no}、${item.title}`, decision: d.text };
      if (d.tasks.length === 0) return [{ ...base, taskNumber: '', owner: '', assisting: '', due: '', state: '' }];
      return d.tasks.map((t) => ({
        ...base,
        taskNumber: t.number,
        owner: t.owner,
        assisting: t.assisting,
        due: t.due,
        state: t.stateLabel,
      }));
    }),
  );
  const tasks = input.items.flatMap((i) => i.decisions.flatMap((d) => d.tasks));
  return {
    title: `${meeting.title}纪要`,
    header: {
      meetingTitle: meeting.title,
      kind: meeting.kindName || MEETING_LEVEL_LABELS[meeting.level],
      time: chineseDateTime(meeting.startsAt),
      place: meeting.place,
      chair: meeting.chair,
      secretary: meeting.secretary,
      organiser: meeting.organiserName,
      stateLabel: MEETING_STATE_LABELS[meeting.state],
      published: meeting.publishedAt ? chineseDateTime(meeting.publishedAt) : null,
    },
    attendance,
    items,
    decisionRows,
    totals: {
      items: items.length,
      decisions: items.reduce((n, i) => n + i.decisions.length, 0),
      tasks: tasks.length,
      open: tasks.filter((t) => OPEN.has(t.state)).length,
      done: tasks.filter((t) => t.state === 'done').length,
      overdue: tasks.filter((t) => t.state === 'overdue').length,
    },
    generatedAt: input.generatedAt.toISOString(),
  };
}
