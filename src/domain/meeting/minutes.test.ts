import { describe, expect, it } from 'vitest';
import { chinaTime } from '../calendar/index.js';
import { attendanceProblem, summariseAttendance } from './attendance.js';
import { assembleMinutes, chineseNumeral, type MinutesInput } from './minutes.js';

const input: MinutesInput = {
  meeting: {
    title: '2026年12月县社会治理联席会议',
    kindName: '县社会治理联席会议',
    level: 'county',
    startsAt: chinaTime('2026-12-15', '09:30'),
    place: '县行政中心3号会议室',
    chair: '县委副书记 王明',
    secretary: '李华',
    organiserName: '青溪县',
    state: 'published',
    publishedAt: chinaTime('2026-12-16', '10:00'),
  },
  members: [
    { orgId: 1, name: '住房和城乡建设局' },
    { orgId: 2, name: '生态环境分局' },
    { orgId: 3, name: '青溪街道' },
    { orgId: 4, name: '公安局' },
  ],
  attendance: [
    { orgId: 1, status: 'present', attendee: '张局长', note: null },
    { orgId: 2, status: 'substitute', attendee: '副局长 赵强', note: null },
    { orgId: 3, status: 'absent', attendee: null, note: '防汛值班' },
  ],
  items: [
    {
      position: 2,
      kind: 'free',
      title: '年终考核安排',
      description: '',
      reason: null,
      discussion: '通报考核安排。',
      dispatch: null,
      decisions: [{ text: '各单位12月25日前报送材料', tasks: [] }],
    },
    {
      position: 1,
      kind: 'case',
      title: 'QX202611001 小区污水外溢',
      description: '',
      reason: '挂牌督办案件',
      discussion: '住建局、生态环境分局分别介绍了情况。',
      dispatch: { leadName: '住房和城乡建设局', assistingNames: ['生态环境分局'], note: '限期整改' },
      decisions: [
        {
          text: '住建局牵头完成管网改造',
          tasks: [
            {
              id: 10,
              number: 'RW1',
              ownerName: '住房和城乡建设局',
              assistingNames: ['生态环境分局', '青溪街道'],
              dueAt: chinaTime('2026-12-31', '17:30'),
              state: 'in_progress',
              stateLabel: '办理中',
              completedLate: null,
            },
            {
              id: 11,
              number: 'RW2',
              ownerName: '青溪街道',
              assistingNames: [],
              dueAt: chinaTime('2026-12-20', '17:30'),
              state: 'done',
              stateLabel: '已完成',
              completedLate: true,
            },
          ],
        },
      ],
    },
  ],
  generatedAt: chinaTime('2026-12-20', '08:00'),
};

describe('the minutes', () => {
  const minutes = assembleMinutes(input);

  it('has a header with the title, time and place in Chinese', () => {
    expect(minutes.title).toBe('2026年12月县社会治理联席会议纪要');
    expect(minutes.header).toMatchObject({
      time: '2026年12月15日 09:30',
      place: '县行政中心3号会议室',
      chair: '县委副书记 王明',
      stateLabel: '纪要已发布',
      published: '2026年12月16日 10:00',
    });
  });

  it('lists who came, who sent a substitute, who was absent and why, and who is unrecorded', () => {
    expect(minutes.attendance.present).toEqual(['住房和城乡建设局']);
    expect(minutes.attendance.substitute).toEqual([{ unit: '生态环境分局', attendee: '副局长 赵强' }]);
    expect(minutes.attendance.absent).toEqual([{ unit: '青溪街道', note: '防汛值班' }]);
    expect(minutes.attendance.unrecorded).toEqual(['公安局']);
    expect(minutes.attendance.summary).toMatchObject({
      members: 4,
      present: 1,
      substitute: 1,
      absent: 1,
      quorate: false,
    });
  });

  it('numbers items in agenda order and carries discussion, dispatch and decisions with their tasks', () => {
    expect(minutes.items.map((i) => `${i.no}、${i.title}`)).toEqual([
      '一、QX202611001 小区污水外溢',
      '二、年终考核安排',
    ]);
    const [first] = minutes.items;
    expect(first?.discussion).toContain('分别介绍');
    expect(first?.dispatch).toBe('会议决定派遣：主办单位 住房和城乡建设局，协办单位 生态环境分局。限期整改');
    expect(first?.decisions[0]?.ref).toBe('议题一第1项');
    expect(first?.decisions[0]?.tasks[0]).toMatchObject({
      owner: '住房和城乡建设局',
      assisting: '生态环境分局、青溪街道',
      due: '2026-12-31 17:30',
      stateLabel: '办理中',
    });
    expect(first?.decisions[0]?.tasks[1]?.stateLabel).toBe('已完成（逾期完成）');
  });

  it('gives one spreadsheet row per task, and one for a decision without tasks', () => {
    expect(minutes.decisionRows).toHaveLength(3);
    expect(minutes.decisionRows[2]).toMatchObject({
      ref: '议题二第1项',
      decision: '各单位12月25日前报送材料',
      owner: '',
    });
    expect(minutes.totals).toEqual({ items: 2, decisions: 2, tasks: 2, open: 1, done: 1, overdue: 0 });
  });
});

describe('Chinese numbering of items', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [35, '三十五'],
    [100, '100'],
  ])('%i → %s', (n, text) => expect(chineseNumeral(n)).toBe(text));
});

describe('attendance', () => {
  it('is quorate when more than half of the members attended in person or by substitute', () => {
    const e = (orgId: number, status: 'present' | 'absent' | 'substitute') => ({
      orgId,
      status,
      attendee: 'x',
      note: null,
    });
    expect(summariseAttendance([1, 2, 3, 4], [e(1, 'present'), e(2, 'substitute')]).quorate).toBe(false);
    expect(summariseAttendance([1, 2, 3, 4], [e(1, 'present'), e(2, 'substitute'), e(3, 'present')]).quorate).toBe(
      true,
    );
    expect(summariseAttendance([], []).quorate).toBe(false);
    // Entries for units that are not members do not count.
    expect(summariseAttendance([1, 2], [e(9, 'present'), e(1, 'present')]).present).toBe(1);
  });

  it('refuses a stranger, a unit twice, or a substitute without a name', () => {
    expect(attendanceProblem([1, 2], [{ orgId: 3, status: 'present', attendee: null, note: null }])?.message).toContain(
      '成员单位',
    );
    expect(
      attendanceProblem(
        [1, 2],
        [
          { orgId: 1, status: 'present', attendee: null, note: null },
          { orgId: 1, status: 'absent', attendee: null, note: null },
        ],
      )?.message,
    ).toContain('只能登记一次');
    expect(attendanceProblem([1], [{ orgId: 1, status: 'substitute', attendee: ' ', note: null }])?.message).toContain(
      '姓名',
    );
    expect(attendanceProblem([1], [{ orgId: 1, status: 'substitute', attendee: '王五', note: null }])).toBeNull();
  });
});
