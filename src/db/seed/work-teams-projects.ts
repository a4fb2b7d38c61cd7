// Demo data of 工作专班 and 突破项目, played through the services as the people would have done it: a work team
// formed three weeks ago whose units reported (mostly on time, some late, some not at all), its assigned tasks
// (one done, one overdue, one under way), a second team formed today, and six projects of the year with
// indicators, milestones (done, done late, overdue, ahead), monthly progress and one year-end evaluation.
// Past steps run on a clock set back to their day, so every clock and history entry is where it would be.
// Runs once, after the demo county is seeded (demo mode only, never in production or tests).

import { SetClock } from '../../core/clock.js';
import { addMonths, monthOf } from '../../domain/assessment/index.js';
import { chinaDayOf, chinaTime } from '../../domain/calendar/index.js';
import { evaluationOpensAt, type IndicatorInput } from '../../domain/project/index.js';
import type { Principal } from '../../modules/auth/principal.js';
import { CaseContextProvider } from '../../modules/cases/case-context.js';
import { ProjectService } from '../../modules/projects/index.js';
import { TaskService } from '../../modules/tasks/index.js';
import { WorkTeamService } from '../../modules/work-teams/index.js';
import type { AppServices } from '../../services.js';
import { DEMO_PASSWORD } from './index.js';

const DAY = 86_400_000;

type Services = Pick<AppServices, 'db' | 'clock' | 'audit' | 'auth' | 'attachments' | 'workTeams'>;

const dayOf = (at: Date, days: number) => chinaDayOf(new Date(at.getTime() + days * DAY));

export async function seedWorkTeamsAndProjects(services: Services): Promise<{ teams: number; projects: number }> {
  const { db } = services;
  const now = services.clock.now();
  const replay = new SetClock(now); // the seed sets it to each step's moment
  const contexts = new CaseContextProvider(db, replay);
  const tasks = new TaskService(db, replay, services.audit, contexts);
  const deps = { db, clock: replay, audit: services.audit, tasks, contexts };
  const teams = new WorkTeamService(deps);
  const projects = new ProjectService({ ...deps, attachments: services.attachments });
  // Never later than now (a step planned after today happens an hour ago).
  const at = (day: string, time: string) => {
    replay.at = new Date(Math.min(chinaTime(day, time).getTime(), now.getTime() - 3600_000));
  };

  // Everyone who acts, signed in as themselves.
  const who: Record<string, Principal> = {};
  for (const [key, username] of Object.entries({
    leader: 'leader',
    county: 'county',
    housing: 'd330788D01',
    enforcement: 'd330788D02',
    ecology: 'd330788D03',
    justice: 'd330788D07',
    petitions: 'd330788D08',
    town: 'town',
    town2: 'town2',
    baisha: 't330788004',
  })) {
    const signIn = await services.auth.loginWithPassword(username, DEMO_PASSWORD);
    who[key] = await services.auth.principalForSession(signIn.token);
    await services.auth.logout(signIn.token);
  }
  const p = (key: string) => who[key] as Principal;
  const orgOf = (key: string) => p(key).orgId as number;
  /** Signs for a task just assigned (version 1) and completes it. */
  const complete = async (taskId: number, key: string, result: string) => {
    const signed = await tasks.act(taskId, { version: 1, action: { type: 'sign' } }, p(key));
    await tasks.act(taskId, { version: signed.version, action: { type: 'complete', result } }, p(key));
  };

  // ── 信访积案化解专班: formed on the Monday three weeks ago ─────────────────────────────────────────────
  const today = chinaDayOf(now);
  const weekday = (new Date(chinaTime(today).getTime() + 8 * 3600_000).getUTCDay() + 6) % 7;
  const monday = (weeksAgo: number) => dayOf(chinaTime(today, '12:00'), -weekday - 7 * weeksAgo);
  at(monday(3), '09:00');
  const unitKeys = ['petitions', 'housing', 'justice', 'town', 'town2'] as const;
  const petitionTeam = await teams.create(p('county'), {
    name: '信访积案化解专班',
    topic: '集中化解重复信访、信访积案：一案一策、包案到人，每周五前各成员单位报送化解进展。',
    leadUserId: p('leader').userId as number,
    startDate: monday(3),
    endDate: dayOf(now, 150),
    units: unitKeys.map((k, i) => ({
      orgId: orgOf(k),
      contactName: ['周立', '吴敏', '郑华', '王芳', '陈刚'][i] as string,
    })),
    members: [
      { name: p('leader').displayName, orgId: orgOf('county'), role: '组长' },
      { name: '李卫东', orgId: orgOf('petitions'), role: '副组长' },
      { name: '周立', orgId: orgOf('petitions'), role: '联络员' },
      { name: '吴敏', orgId: orgOf('housing'), role: '成员' },
      { name: '郑华', orgId: orgOf('justice'), role: '成员' },
      { name: '王芳', orgId: orgOf('town'), role: '成员' },
      { name: '陈刚', orgId: orgOf('town2'), role: '成员' },
    ],
  });
  const plan = await teams.assignTask(p('leader'), petitionTeam.id, {
    title: '制定积案化解“一案一策”方案',
    ownerOrgId: orgOf('petitions'),
    limit: { amount: 5, unit: 'working_days' },
  });
  // Each week: reports open on Monday; most units report the day before they are due, the justice bureau every
  // other week a day late, the second town not at all in the last two weeks; this week's wait until their day.
  for (let w = 3; w >= 0; w--) {
    at(monday(w), '09:00');
    await teams.openWeeklyReports();
    const reports = await db
      .selectFrom('work_team_reports')
      .select(['task_id', 'org_id', 'due_at'])
      .where('team_id', '=', petitionTeam.id)
      .where('due_at', '>', replay.at)
      .execute();
    for (const r of reports) {
      const key = unitKeys.find((k) => orgOf(k) === r.org_id) as string;
      if (key === 'town2' && (w === 1 || w === 2)) continue;
      const late = key === 'justice' && w % 2 === 1;
      const due = new Date(r.due_at);
      const when = late ? chinaTime(dayOf(due, 1), '10:00') : new Date(due.getTime() - 25 * 3600_000);
      if (when >= now) continue;
      replay.at = when;
      await complete(
        Number(r.task_id),
        key,
        `第${4 - w}周：走访重点信访人 ${3 + w} 人次，化解积案 ${w % 3} 件；下周继续包案推进。`,
      );
    }
    if (w === 3) {
      at(dayOf(chinaTime(monday(3), '12:00'), 3), '16:00');
      await complete(plan.id, 'petitions', '已形成 36 件积案“一案一策”方案，明确包案领导和化解时限');
    }
    if (w === 2) {
      at(monday(2), '10:00');
      await teams.assignTask(p('leader'), petitionTeam.id, {
        title: '梳理重复信访人员名单并逐一走访',
        ownerOrgId: orgOf('town'),
        assistingOrgIds: [orgOf('petitions')],
        limit: { amount: 5, unit: 'working_days' },
      });
    }
  }
  replay.at = new Date(now.getTime() - 2 * DAY);
  const lift = await teams.assignTask(p('leader'), petitionTeam.id, {
    title: '老旧小区加装电梯信访件专项处理',
    ownerOrgId: orgOf('housing'),
    dueAt: chinaTime(dayOf(now, 10), '17:30').toISOString(),
  });
  const signed = await tasks.act(lift.id, { version: 1, action: { type: 'sign' } }, p('housing'));
  await tasks.act(
    lift.id,
    {
      version: signed.version,
      action: { type: 'progress', note: '已召开 3 个小区协调会，2 个小区达成一致', percent: 40 },
    },
    p('housing'),
  );

  // ── 城乡环境整治专班: formed today ─────────────────────────────────────────────────────────────────────
  replay.at = now;
  await teams.create(p('county'), {
    name: '城乡环境整治专班',
    topic: '违建治理、垃圾分类、河道保洁一体推进，每周通报。',
    leadUserId: p('leader').userId as number,
    startDate: today,
    endDate: dayOf(now, 120),
    units: [
      { orgId: orgOf('enforcement'), contactName: '孙涛' },
      { orgId: orgOf('ecology'), contactName: '何静' },
      { orgId: orgOf('baisha'), contactName: '林峰' },
      { orgId: orgOf('town'), contactName: '王芳' },
    ],
    members: [{ name: p('leader').displayName, orgId: orgOf('county'), role: '组长' }],
  });

  // ── 突破项目 of the year (last year's when the year has just begun) ──────────────────────────────────
  let year = Number(today.slice(0, 4));
  if (now.getTime() - chinaTime(`${year}-02-01`).getTime() < 30 * DAY) year--;
  const lastMonth = [addMonths(monthOf(now), -1), `${year}-12`].sort()[0] as string;
  const specs: {
    owner: string;
    name: string;
    goal: string;
    indicators: IndicatorInput[];
    /** [title, due date, 'done' | 'late' | 'open'] */
    milestones: [string, string, 'done' | 'late' | 'open'][];
    /** Share of each indicator's way reached by the last report. */
    pace: number;
    skipLastReport?: boolean;
    score?: number;
  }[] = [
    {
      owner: 'housing',
      name: '老旧小区改造提质攻坚',
      goal: '年内完成 20 个老旧小区改造、加装电梯 30 部，化解相关信访积案。',
      indicators: [
        { name: '完成改造小区', unit: '个', baseline: 0, target: 20 },
        { name: '加装电梯', unit: '部', baseline: 0, target: 30 },
      ],
      milestones: [
        ['完成摸底调查和居民意愿征询', `${year}-03-31`, 'done'],
        ['全面开工', `${year}-06-30`, 'done'],
        ['主体工程完工', `${year}-10-30`, 'late'],
        ['竣工验收', `${year}-12-25`, 'open'],
      ],
      pace: 0.92,
      score: 92,
    },
    {
      owner: 'petitions',
      name: '信访积案清仓见底',
      goal: '36 件信访积案年底前全部化解，重复信访下降 50%。',
      indicators: [{ name: '未化解信访积案', unit: '件', baseline: 36, target: 0 }],
      milestones: [
        ['建立积案台账、明确包案领导', `${year}-03-15`, 'done'],
        ['化解过半', `${year}-08-31`, 'open'],
        ['全部化解', `${year}-12-20`, 'open'],
      ],
      pace: 0.55,
    },
    {
      owner: 'enforcement',
      name: '城市违建“清零”行动',
      goal: '拆除存量违法建筑 5 万平方米，新增违建零容忍。',
      indicators: [{ name: '拆除违建面积', unit: '万平方米', baseline: 0, target: 5 }],
      milestones: [['完成违建底数排查', `${year}-04-30`, 'done']],
      pace: 0.85,
      skipLastReport: true,
    },
    {
      owner: 'town',
      name: '矛盾纠纷“一站式”化解',
      goal: '建成街道矛盾纠纷调处化解中心，调解成功率达到 98%。',
      indicators: [
        { name: '调解成功率', unit: '%', baseline: 90, target: 98 },
        { name: '入驻部门', unit: '个', baseline: 2, target: 8 },
      ],
      milestones: [
        ['建成调处化解中心', `${year}-05-29`, 'done'],
        ['完成人员入驻', `${year}-07-31`, 'done'],
      ],
      pace: 0.95,
      score: 86,
    },
    {
      owner: 'town2',
      name: '智慧网格提升工程',
      goal: '网格事件办结率 95% 以上，网格员移动巡查全覆盖。',
      indicators: [{ name: '网格事件办结率', unit: '%', baseline: 85, target: 95 }],
      milestones: [['上线网格巡查移动端', `${year}-06-30`, 'done']],
      pace: 0.9,
    },
    {
      owner: 'baisha',
      name: '美丽乡村示范村创建',
      goal: '创建省级美丽乡村示范村 3 个。',
      indicators: [{ name: '示范村', unit: '个', baseline: 0, target: 3 }],
      milestones: [['完成村庄规划编制', `${year}-05-15`, 'late']],
      pace: 0.3,
    },
  ];
  let projectCount = 0;
  for (const spec of specs) {
    at(`${year}-02-10`, '09:30');
    const created = await projects.create(p(spec.owner), {
      year,
      name: spec.name,
      goal: spec.goal,
      indicators: spec.indicators,
      milestones: spec.milestones.map(([title, dueDate]) => ({ title, dueDate })),
    });
    projectCount++;
    let version = created.version;
    const months: string[] = [];
    for (let m = `${year}-02`; m <= lastMonth; m = addMonths(m, 1)) months.push(m);
    if (spec.skipLastReport) months.pop();
    for (const [i, month] of months.entries()) {
      at(`${addMonths(month, 1)}-03`, '10:00');
      const share = (spec.pace * (i + 1)) / Math.max(months.length, 1);
      const values = created.indicators.map((ind) => {
        const value = ind.baseline + (ind.target - ind.baseline) * share;
        return {
          indicatorId: ind.id,
          value: Math.abs(ind.target - ind.baseline) < 10 ? Math.round(value * 10) / 10 : Math.round(value),
        };
      });
      const reported = await projects.report(p(spec.owner), created.id, {
        version,
        month,
        text: `${month} 月工作进展：按计划推进。${created.indicators.map((ind, k) => `${ind.name} ${values[k]?.value}${ind.unit}`).join('，')}。`,
        values,
        attachmentIds: [],
      });
      version = reported.version;
    }
    for (const [i, [, dueDate, outcome]] of spec.milestones.entries()) {
      const taskId = created.milestones[i]?.task?.id;
      if (!taskId || outcome === 'open' || chinaTime(dueDate) > now) continue;
      at(dayOf(chinaTime(dueDate, '12:00'), outcome === 'late' ? 6 : -2), '15:00');
      await complete(taskId, spec.owner, outcome === 'late' ? '已完成（较计划推迟）' : '按期完成，材料已归档');
    }
    if (spec.score !== undefined && now >= evaluationOpensAt(year)) {
      replay.at = now;
      await projects.evaluate(p('leader'), created.id, { version, score: spec.score, comment: '目标明确、推进有力' });
    }
  }
  // This week's reports of both teams (nothing on a weekend: last week's are due already).
  await services.workTeams.openWeeklyReports();
  return { teams: 2, projects: projectCount };
}
