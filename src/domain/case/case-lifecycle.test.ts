import { describe, expect, it } from 'vitest';
import { allowedActions } from './allowed-actions.js';
import { applyCaseAction, CASE_ACTION_TYPES } from './apply-action.js';
import { mergeCases } from './merge-cases.js';
import { openCase } from './open-case.js';
import { ACTORS, at, cst, ctxAt, DEPT, due, newCase, ROUTE, run } from './test-support.js';
import { type Actor, CASE_STATES, type Case, type CaseAction } from './types.js';

const dispatchToZhifa: CaseAction = { type: 'dispatch', leadOrgId: DEPT.zhifa, assistingOrgIds: [DEPT.zhujian] };

function attempt(c: Case, now: Date, actor: Actor, action: CaseAction) {
  return applyCaseAction(c, action, actor, ctxAt(now));
}

/** Grid intake on Friday 2025-09-26, reported up to the town and dispatched there that evening. */
function dispatchedAtTown() {
  const opened = newCase(at('2025-09-26', '09:00')).case;
  return run(opened, [
    [at('2025-09-26', '09:30'), ACTORS.gridWorker, { type: 'accept' }],
    [at('2025-09-26', '10:00'), ACTORS.gridWorker, { type: 'reportUp', reason: '超出网格处置能力' }],
    [at('2025-09-26', '11:00'), ACTORS.village, { type: 'reportUp', reason: '涉及违建，需执法' }],
    [at('2025-09-26', '19:00'), ACTORS.town, dispatchToZhifa],
  ]);
}

function handlingAtTown() {
  const { case: dispatched } = dispatchedAtTown();
  return run(dispatched, [[at('2025-09-28', '09:00'), ACTORS.zhifa, { type: 'signFor' }]]);
}

describe('opening a case', () => {
  it('starts at the intake level, owned there, with the acceptance clock', () => {
    const { case: c, events, deadlines } = newCase(at('2025-09-26', '09:00'));
    expect(c).toMatchObject({ state: 'submitted', version: 1, level: 'grid', ownerOrgId: ROUTE.grid });
    expect(due(c, 'accept')).toBe('2025-09-26 11:00');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'opened', version: 1, toState: 'submitted' });
    expect(deadlines).toEqual([expect.objectContaining({ op: 'set', key: 'accept', orgId: ROUTE.grid })]);
  });

  it('refuses a route without an organisation at the intake level', () => {
    const result = openCase(
      {
        id: 'c',
        categoryId: 'road',
        urgency: 'normal',
        source: 'hotline_12345',
        reporter: { kind: 'anonymous' },
        route: { village: 'v', town: 't', county: 'c' },
        intakeLevel: 'grid',
      },
      ACTORS.system,
      ctxAt(at('2025-09-26', '09:00')),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('VALIDATION');
  });
});

describe('the whole loop: collect → report up → dispatch → handle → reply → rate → close → archive', () => {
  it('runs with the deadlines a civil servant expects over the 2025 National Day holiday', () => {
    const { case: dispatched, outcomes } = dispatchedAtTown();
    const [accepted, toVillage, toTown, dispatch] = outcomes.map((o) => o.case) as [Case, Case, Case, Case];

    expect(accepted).toMatchObject({ state: 'pending_dispatch', level: 'grid', ownerOrgId: ROUTE.grid });
    expect(due(accepted, 'dispatch')).toBe('2025-09-26 15:30');
    expect(due(accepted, 'reply')).toBe('2025-10-10 17:30'); // 9/28 (make-up Sun), 9/29, 9/30, 10/9, 10/10
    expect(toVillage).toMatchObject({ level: 'village', ownerOrgId: ROUTE.village });
    expect(due(toVillage, 'dispatch')).toBe('2025-09-26 16:00');
    expect(toTown).toMatchObject({ level: 'town', ownerOrgId: ROUTE.town });
    expect(dispatch).toMatchObject({ state: 'dispatched', ownerOrgId: DEPT.zhifa, level: 'town' });
    expect(dispatch.dispatch).toMatchObject({ byOrgId: ROUTE.town, byLevel: 'town' });
    // Friday 19:00 + 2 working hours: Sunday 9/28 is a make-up working day.
    expect(due(dispatch, 'sign_for:d-zhifa')).toBe('2025-09-28 10:30');
    expect(due(dispatch, 'sign_for:d-zhujian')).toBe('2025-09-28 10:30');
    expect(due(dispatch, 'dispatch')).toBeUndefined();
    expect(outcomes[3]?.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ op: 'clear', key: 'dispatch' }),
        expect.objectContaining({ op: 'set', key: 'sign_for:d-zhifa', orgId: DEPT.zhifa }),
        expect.objectContaining({ op: 'set', key: 'reply', orgId: DEPT.zhifa }),
      ]),
    );

    const done = run(dispatched, [
      [at('2025-09-28', '09:00'), ACTORS.zhifa, { type: 'signFor' }],
      [at('2025-09-28', '09:10'), ACTORS.zhujian, { type: 'signFor' }],
      [at('2025-09-29', '10:00'), ACTORS.zhifa, { type: 'recordProgress', notes: '现场勘查', attachmentIds: ['p-1'] }],
      [at('2025-09-30', '15:00'), ACTORS.zhifa, { type: 'reply', content: '已责令拆除' }],
      [at('2025-10-09', '10:00'), ACTORS.reporter, { type: 'rate', rating: 'satisfied' }],
      [at('2025-10-09', '10:05'), ACTORS.town, { type: 'close' }],
    ]);
    const [signed, , progress, replied, rated, closed] = done.outcomes.map((o) => o.case) as Case[];
    expect(signed).toMatchObject({ state: 'handling', ownerOrgId: DEPT.zhifa });
    expect(due(signed as Case, 'handle')).toBe('2025-10-09 17:30'); // 9/29, 9/30, 10/9
    expect(due(signed as Case, 'sign_for:d-zhujian')).toBe('2025-09-28 10:30');
    expect(done.outcomes[2]?.events[0]?.attachmentIds).toEqual(['p-1']);
    expect(progress?.state).toBe('handling');
    expect(replied).toMatchObject({ state: 'replied', ownerOrgId: ROUTE.town, reply: { viaDispatch: true } });
    expect(due(replied as Case, 'callback')).toBe('2025-10-11 17:30'); // 10/9, 10/10, 10/11 (make-up Sat)
    expect((replied as Case).deadlines.map((d) => d.kind)).toEqual(['callback']);
    expect(rated?.rating).toMatchObject({ value: 'satisfied', by: 'citizen' });
    expect(closed).toMatchObject({ state: 'closed', deadlines: [] });
    expect(closed?.version).toBe(11);

    const tooEarly = attempt(closed as Case, at('2025-10-10', '09:00'), ACTORS.town, { type: 'archive' });
    expect(tooEarly.ok || tooEarly.error.code).toBe('APPEAL_WINDOW_OPEN');
    const archived = run(closed as Case, [[at('2025-10-30', '09:00'), ACTORS.system, { type: 'archive' }]]);
    expect(archived.case.state).toBe('archived');
  });

  it('dispatching at 16:30 on the eve of National Day gives a sign-for deadline of 10/9 09:30', () => {
    const opened = newCase(at('2025-09-30', '16:00'), { intakeLevel: 'county', source: 'hotline_12345' }).case;
    const { case: c } = run(opened, [
      [at('2025-09-30', '16:10'), ACTORS.county, { type: 'accept' }],
      [at('2025-09-30', '16:30'), ACTORS.county, { type: 'dispatch', leadOrgId: DEPT.huanbao }],
    ]);
    expect(due(c, 'sign_for:d-huanbao')).toBe('2025-10-09 09:30');
  });

  it('an urgent case runs its handling clock in natural hours', () => {
    const opened = newCase(at('2025-09-30', '16:00'), { intakeLevel: 'county', urgency: 'urgent' }).case;
    const { case: c } = run(opened, [
      [at('2025-09-30', '16:10'), ACTORS.county, { type: 'accept' }],
      [at('2025-09-30', '16:30'), ACTORS.county, { type: 'dispatch', leadOrgId: DEPT.huanbao }],
      [at('2025-09-30', '17:00'), ACTORS.huanbao, { type: 'signFor' }],
    ]);
    expect(due(c, 'handle')).toBe('2025-10-01 17:00');
  });
});

describe('intake decisions', () => {
  const opened = () => newCase(at('2025-10-13', '09:00'), { intakeLevel: 'village' }).case;

  it('rejects with a reason, leaving no clock', () => {
    const { case: c } = run(opened(), [
      [at('2025-10-13', '09:10'), ACTORS.village, { type: 'reject', reason: '重复' }],
    ]);
    expect(c).toMatchObject({ state: 'rejected', rejectionReason: '重复', deadlines: [] });
    const blank = attempt(opened(), at('2025-10-13', '09:10'), ACTORS.village, { type: 'reject', reason: ' ' });
    expect(blank.ok || blank.error.code).toBe('VALIDATION');
  });

  it('answers a consultation on the spot (即时办结)', () => {
    const { case: c } = run(opened(), [
      [at('2025-10-13', '09:10'), ACTORS.village, { type: 'closeOnTheSpot', answer: '社保卡在镇便民中心办理' }],
    ]);
    expect(c).toMatchObject({ state: 'closed', deadlines: [], reply: { byOrgId: ROUTE.village, viaDispatch: false } });
  });

  it('only the receiving unit may accept', () => {
    const result = attempt(opened(), at('2025-10-13', '09:10'), ACTORS.town, { type: 'accept' });
    expect(result.ok || result.error.code).toBe('NOT_AUTHORISED_FOR_ACTION');
  });

  it('sends the grid worker to verify and gets the case back with the finding', () => {
    const { case: c, outcomes } = run(opened(), [
      [at('2025-10-13', '09:10'), ACTORS.village, { type: 'accept' }],
      [at('2025-10-13', '09:20'), ACTORS.village, { type: 'assignVerification' }],
      [
        at('2025-10-14', '10:00'),
        ACTORS.gridWorker,
        { type: 'verify', finding: 'confirmed', notes: '属实', photoIds: ['ph'] },
      ],
      [at('2025-10-14', '11:00'), ACTORS.village, { type: 'reply', content: '已协调物业处理' }],
    ]);
    const verifying = outcomes[1]?.case as Case;
    expect(verifying).toMatchObject({ state: 'verifying', ownerOrgId: ROUTE.grid });
    expect(due(verifying, 'verify')).toBe('2025-10-14 17:30');
    expect(outcomes[2]?.case).toMatchObject({ state: 'pending_dispatch', ownerOrgId: ROUTE.village });
    expect(outcomes[2]?.case.verification?.finding).toBe('confirmed');
    expect(c).toMatchObject({ state: 'replied', reply: { level: 'village', viaDispatch: false } });
  });

  it('the grid solves a small matter while verifying; an unsatisfied callback reopens it at the grid', () => {
    const { case: c } = run(opened(), [
      [at('2025-10-13', '09:10'), ACTORS.village, { type: 'accept' }],
      [at('2025-10-13', '09:20'), ACTORS.village, { type: 'assignVerification' }],
      [at('2025-10-13', '11:00'), ACTORS.gridWorker, { type: 'handleAtGrid', notes: '已清理' }],
      [at('2025-10-14', '11:00'), ACTORS.village, { type: 'callback', rating: 'unsatisfied' }],
    ]);
    expect(c).toMatchObject({ state: 'pending_dispatch', level: 'grid', ownerOrgId: ROUTE.grid, reopenCount: 1 });
    expect(due(c, 'dispatch')).toBe('2025-10-14 17:00');
  });
});

describe('opened straight into verification (machine-detected events, 视频智能分析)', () => {
  const machineEvent = () =>
    newCase(at('2025-10-13', '09:00'), { source: 'video', reporter: { kind: 'anonymous' }, verifyFirst: true });

  it('starts at 核实 with the grid, the verification clock running and no acceptance clock', () => {
    const { case: c, events, deadlines } = machineEvent();
    expect(c).toMatchObject({ state: 'verifying', level: 'grid', ownerOrgId: ROUTE.grid });
    expect(c.verification).toMatchObject({ gridOrgId: ROUTE.grid, requestedByOrgId: ROUTE.grid, onIntake: true });
    expect(due(c, 'verify')).toBe('2025-10-14 17:30');
    expect(c.deadlines.map((d) => d.kind)).toEqual(['verify']);
    expect(events[0]).toMatchObject({ type: 'opened', toState: 'verifying', details: { verifyFirst: true } });
    expect(deadlines).toEqual([expect.objectContaining({ op: 'set', key: 'verify', orgId: ROUTE.grid })]);
  });

  it('refuses to open without a grid', () => {
    const { grid: _grid, ...noGrid } = ROUTE;
    const opened = openCase(
      {
        id: 'v-1',
        categoryId: 'x',
        urgency: 'normal',
        source: 'video',
        reporter: { kind: 'anonymous' },
        route: noGrid,
        intakeLevel: 'village',
        verifyFirst: true,
      },
      ACTORS.system,
      ctxAt(at('2025-10-13', '09:00')),
    );
    expect(opened.ok || opened.error).toMatchObject({ code: 'VALIDATION', details: { field: 'route.grid' } });
  });

  it('confirmed by the grid worker: accepted at the grid, which handles it or reports it up (normal lifecycle)', () => {
    const { case: c } = run(machineEvent().case, [
      [at('2025-10-13', '10:00'), ACTORS.gridWorker, { type: 'verify', finding: 'confirmed', notes: '现场属实' }],
    ]);
    expect(c).toMatchObject({ state: 'pending_dispatch', ownerOrgId: ROUTE.grid, level: 'grid' });
    expect(c.verification?.finding).toBe('confirmed');
    expect(c.deadlines.map((d) => d.kind).sort()).toEqual(['dispatch', 'reply']);
    const up = run(c, [[at('2025-10-13', '10:30'), ACTORS.gridWorker, { type: 'reportUp', reason: '需执法' }]]).case;
    expect(up).toMatchObject({ state: 'pending_dispatch', level: 'village', ownerOrgId: ROUTE.village });
  });

  it('dismissed by the grid worker as a false alarm: rejected with the reason, every clock stopped', () => {
    const { case: c, outcomes } = run(machineEvent().case, [
      [at('2025-10-13', '10:00'), ACTORS.gridWorker, { type: 'verify', finding: 'not_confirmed', notes: '误报：树影' }],
    ]);
    expect(c).toMatchObject({ state: 'rejected', rejectionReason: '误报：树影' });
    expect(c.verification?.finding).toBe('not_confirmed');
    expect(c.deadlines).toEqual([]);
    expect(outcomes[0]?.deadlines).toEqual([expect.objectContaining({ op: 'clear', key: 'verify' })]);
  });

  it('only the grid may verify, and a dismissal needs its reason', () => {
    const c = machineEvent().case;
    const village = attempt(c, at('2025-10-13', '10:00'), ACTORS.village, {
      type: 'verify',
      finding: 'not_confirmed',
      notes: 'x',
    });
    expect(village.ok || village.error.code).toBe('NOT_AUTHORISED_FOR_ACTION');
    const blank = attempt(c, at('2025-10-13', '10:00'), ACTORS.gridWorker, {
      type: 'verify',
      finding: 'not_confirmed',
      notes: ' ',
    });
    expect(blank.ok || blank.error.code).toBe('VALIDATION');
  });

  it('a verification a platform asked for still hands the finding back to it (unchanged)', () => {
    const { case: c } = run(newCase(at('2025-10-13', '09:00'), { intakeLevel: 'village' }).case, [
      [at('2025-10-13', '09:10'), ACTORS.village, { type: 'accept' }],
      [at('2025-10-13', '09:20'), ACTORS.village, { type: 'assignVerification' }],
      [at('2025-10-13', '10:00'), ACTORS.gridWorker, { type: 'verify', finding: 'not_confirmed', notes: '不属实' }],
    ]);
    expect(c).toMatchObject({ state: 'pending_dispatch', ownerOrgId: ROUTE.village });
  });
});

describe('levels', () => {
  it('the county cannot report up, the grid cannot dispatch, platforms reply but the grid uses handleAtGrid', () => {
    const county = run(newCase(at('2025-10-13', '09:00'), { intakeLevel: 'county' }).case, [
      [at('2025-10-13', '09:05'), ACTORS.county, { type: 'accept' }],
    ]).case;
    const up = attempt(county, at('2025-10-13', '09:10'), ACTORS.county, { type: 'reportUp', reason: 'x' });
    expect(up.ok || up.error.code).toBe('ACTION_NOT_ALLOWED_AT_LEVEL');

    const grid = run(newCase(at('2025-10-13', '09:00')).case, [
      [at('2025-10-13', '09:05'), ACTORS.gridWorker, { type: 'accept' }],
    ]).case;
    const send = attempt(grid, at('2025-10-13', '09:10'), ACTORS.gridWorker, dispatchToZhifa);
    expect(send.ok || send.error.code).toBe('ACTION_NOT_ALLOWED_AT_LEVEL');
    const reply = attempt(grid, at('2025-10-13', '09:10'), ACTORS.gridWorker, { type: 'reply', content: 'x' });
    expect(reply.ok || reply.error.code).toBe('ACTION_NOT_ALLOWED_AT_LEVEL');
    const solved = run(grid, [
      [at('2025-10-13', '09:30'), ACTORS.gridWorker, { type: 'handleAtGrid', notes: '已处理' }],
    ]);
    expect(solved.case).toMatchObject({ state: 'replied', ownerOrgId: ROUTE.village });
  });
});

describe('dispatch, sign-for and return', () => {
  it('only a dispatched unit signs, once', () => {
    const { case: c } = dispatchedAtTown();
    const stranger = attempt(c, at('2025-09-28', '09:00'), ACTORS.huanbao, { type: 'signFor' });
    expect(stranger.ok || stranger.error.code).toBe('NOT_AUTHORISED_FOR_ACTION');
    const assisting = run(c, [[at('2025-09-28', '09:00'), ACTORS.zhujian, { type: 'signFor' }]]).case;
    expect(assisting.state).toBe('dispatched');
    const again = attempt(assisting, at('2025-09-28', '09:05'), ACTORS.zhujian, { type: 'signFor' });
    expect(again.ok || again.error.code).toBe('VALIDATION');
  });

  it('the lead returns a wrongly dispatched case to the dispatcher, with a reason', () => {
    const { case: c } = dispatchedAtTown();
    const byAssisting = attempt(c, at('2025-09-28', '09:00'), ACTORS.zhujian, {
      type: 'returnCase',
      reason: '非本单位职责',
    });
    expect(byAssisting.ok || byAssisting.error.code).toBe('NOT_AUTHORISED_FOR_ACTION');
    const { case: back, outcomes } = run(c, [
      [at('2025-09-28', '09:00'), ACTORS.zhifa, { type: 'returnCase', reason: '非本单位职责' }],
    ]);
    expect(back).toMatchObject({ state: 'pending_dispatch', level: 'town', ownerOrgId: ROUTE.town, returnCount: 1 });
    expect(back.dispatch).toBeUndefined();
    expect(back.deadlines.map((d) => d.key).sort()).toEqual(['dispatch', 'reply']);
    expect(outcomes[0]?.deadlines.filter((d) => d.op === 'clear').map((d) => d.key)).toEqual([
      'sign_for:d-zhifa',
      'sign_for:d-zhujian',
    ]);
  });

  it('refuses a dispatch naming a unit twice', () => {
    const { outcomes } = dispatchedAtTown();
    const atTown = outcomes[2]?.case as Case;
    const twice = attempt(atTown, at('2025-09-26', '19:00'), ACTORS.town, {
      type: 'dispatch',
      leadOrgId: DEPT.zhifa,
      assistingOrgIds: [DEPT.zhifa],
    });
    expect(twice.ok || twice.error.code).toBe('VALIDATION');
  });
});

describe('extension', () => {
  it('is requested by the lead and decided by the dispatching level; approval moves the handling clock', () => {
    const { case: handling } = handlingAtTown();
    const { case: asked } = run(handling, [
      [at('2025-09-29', '09:00'), ACTORS.zhifa, { type: 'requestExtension', amount: 2, reason: '等待鉴定' }],
    ]);
    const request = asked.extensions[0];
    expect(request).toMatchObject({ status: 'pending', unit: 'working_days' });
    const second = attempt(asked, at('2025-09-29', '09:10'), ACTORS.zhifa, {
      type: 'requestExtension',
      amount: 1,
      reason: 'x',
    });
    expect(second.ok || second.error.code).toBe('VALIDATION');
    const byLead = attempt(asked, at('2025-09-29', '09:10'), ACTORS.zhifa, {
      type: 'approveExtension',
      requestId: 'ext-7',
    });
    expect(byLead.ok || byLead.error.code).toBe('NOT_AUTHORISED_FOR_ACTION');

    const approved = run(asked, [
      [at('2025-09-29', '10:00'), ACTORS.town, { type: 'approveExtension', requestId: 'ext-7' }],
    ]);
    expect(due(approved.case, 'handle')).toBe('2025-10-11 17:30'); // 10/9 + 2 working days: 10/10, 10/11 (make-up)
    expect(due(approved.case, 'reply')).toBe('2025-10-13 17:30'); // 10/10 + 10/11 (make-up), 10/13
    expect(approved.outcomes[0]?.deadlines.map((d) => `${d.op} ${d.key}`).sort()).toEqual(['set handle', 'set reply']);

    const refused = run(asked, [
      [at('2025-09-29', '10:00'), ACTORS.town, { type: 'refuseExtension', requestId: 'ext-7', reason: '可按期办结' }],
    ]);
    expect(refused.case.extensions[0]?.status).toBe('refused');
    expect(due(refused.case, 'handle')).toBe('2025-10-09 17:30');
    expect(refused.outcomes[0]?.deadlines).toEqual([]);
  });
});

describe('suspension', () => {
  it('stops every clock and, on resuming, moves each by the office time the pause covered', () => {
    const { case: handling } = handlingAtTown();
    const { case: suspended, outcomes } = run(handling, [
      [at('2025-09-30', '09:00'), ACTORS.zhifa, { type: 'suspend', reason: '等待法院判决' }],
    ]);
    expect(suspended.state).toBe('suspended');
    expect(suspended.deadlines.every((d) => d.pausedAt !== undefined)).toBe(true);
    expect(outcomes[0]?.deadlines.every((d) => d.op === 'clear')).toBe(true);

    // Paused 9/30 09:00 → 10/9 09:00: 6.5 office hours on 9/30 and 0.5 on 10/9, exactly one office day.
    const { case: resumed } = run(suspended, [[at('2025-10-09', '09:00'), ACTORS.town, { type: 'resume' }]]);
    expect(resumed.state).toBe('handling');
    expect(due(resumed, 'handle')).toBe('2025-10-10 17:30');
    expect(due(resumed, 'reply')).toBe('2025-10-11 17:30');
    expect(resumed.deadlines.every((d) => d.pausedAt === undefined)).toBe(true);
  });

  it('is not for outsiders', () => {
    const { case: handling } = handlingAtTown();
    const result = attempt(handling, at('2025-09-30', '09:00'), ACTORS.huanbao, { type: 'suspend', reason: 'x' });
    expect(result.ok || result.error.code).toBe('NOT_AUTHORISED_FOR_ACTION');
  });
});

describe('whistle (吹哨报到)', () => {
  it('the grid summons departments; each reports for duty within its limit', () => {
    const accepted = run(newCase(at('2025-10-13', '09:00')).case, [
      [at('2025-10-13', '09:05'), ACTORS.gridWorker, { type: 'accept' }],
    ]).case;
    const { case: c, outcomes } = run(accepted, [
      [
        at('2025-10-13', '09:30'),
        ACTORS.gridWorker,
        { type: 'whistle', orgIds: [DEPT.huanbao, DEPT.zhifa], reason: '河道污染' },
      ],
      [at('2025-10-13', '10:30'), ACTORS.huanbao, { type: 'checkIn', whistleId: 'whistle-3', notes: '已到场取样' }],
    ]);
    expect(due(outcomes[0]?.case as Case, 'check_in:whistle-3:d-huanbao')).toBe('2025-10-13 11:30');
    expect(c.whistles[0]?.summons).toEqual([
      { orgId: DEPT.huanbao, checkedInAt: at('2025-10-13', '10:30') },
      { orgId: DEPT.zhifa },
    ]);
    expect(c.deadlines.map((d) => d.key)).toContain('check_in:whistle-3:d-zhifa');
    expect(c.deadlines.map((d) => d.key)).not.toContain('check_in:whistle-3:d-huanbao');

    const outsider = attempt(c, at('2025-10-13', '10:40'), ACTORS.zhujian, { type: 'checkIn', whistleId: 'whistle-3' });
    expect(outsider.ok || outsider.error.code).toBe('NOT_AUTHORISED_FOR_ACTION');
    const byTown = attempt(c, at('2025-10-13', '10:40'), ACTORS.town, {
      type: 'whistle',
      orgIds: [DEPT.zhujian],
      reason: 'x',
    });
    expect(byTown.ok || byTown.error.code).toBe('NOT_AUTHORISED_FOR_ACTION');

    const progress = run(c, [
      [at('2025-10-13', '11:00'), ACTORS.zhifa, { type: 'recordProgress', notes: '立案调查' }],
      [at('2025-10-13', '15:00'), ACTORS.gridWorker, { type: 'handleAtGrid', notes: '已联合处置' }],
    ]);
    expect(progress.case.deadlines.map((d) => d.kind)).toEqual(['callback']);
  });
});

describe('callback, reopening and appeal', () => {
  function replied() {
    const { case: handling } = handlingAtTown();
    return run(handling, [[at('2025-09-30', '15:00'), ACTORS.zhifa, { type: 'reply', content: '已处理' }]]).case;
  }

  it('unsatisfied reopens to the same lead unit with a new clock', () => {
    const { case: c } = run(replied(), [
      [at('2025-10-09', '10:00'), ACTORS.town, { type: 'callback', rating: 'unsatisfied' }],
    ]);
    expect(c).toMatchObject({ state: 'handling', ownerOrgId: DEPT.zhifa, reopenCount: 1 });
    expect(due(c, 'handle')).toBe('2025-10-13 17:30'); // 10/10, 10/11 (make-up), 10/13
  });

  it('only the reporter rates in the app; a case cannot be rated twice per reply', () => {
    const stranger = attempt(replied(), at('2025-10-09', '10:00'), ACTORS.stranger, {
      type: 'rate',
      rating: 'satisfied',
    });
    expect(stranger.ok || stranger.error.code).toBe('NOT_AUTHORISED_FOR_ACTION');
    const rated = run(replied(), [
      [at('2025-10-09', '10:00'), ACTORS.reporter, { type: 'rate', rating: 'basically_satisfied' }],
    ]);
    const again = attempt(rated.case, at('2025-10-09', '10:01'), ACTORS.town, {
      type: 'callback',
      rating: 'satisfied',
    });
    expect(again.ok || again.error.code).toBe('VALIDATION');
  });

  it('closes without a rating only once the callback window has passed', () => {
    const early = attempt(replied(), at('2025-10-10', '10:00'), ACTORS.system, { type: 'close' });
    expect(early.ok || early.error.code).toBe('CALLBACK_PENDING');
    const late = run(replied(), [[at('2025-10-11', '17:30'), ACTORS.system, { type: 'close' }]]);
    expect(late.case.state).toBe('closed');
  });

  it('an appeal within the window is reviewed; granted, the case reopens; refused, it closes for good', () => {
    const closed = run(replied(), [
      [at('2025-10-09', '10:00'), ACTORS.reporter, { type: 'rate', rating: 'satisfied' }],
      [at('2025-10-09', '11:00'), ACTORS.town, { type: 'close' }],
    ]).case;
    const { case: appealed } = run(closed, [
      [at('2025-10-20', '09:00'), ACTORS.reporter, { type: 'appeal', reason: '问题反弹' }],
    ]);
    expect(appealed).toMatchObject({ state: 'appealed', ownerOrgId: ROUTE.town });
    expect(due(appealed, 'appeal_review')).toBe('2025-10-27 17:30');

    const granted = run(appealed, [[at('2025-10-21', '09:00'), ACTORS.town, { type: 'grantAppeal' }]]).case;
    expect(granted).toMatchObject({ state: 'handling', ownerOrgId: DEPT.zhifa, reopenCount: 1 });

    const refused = run(appealed, [
      [at('2025-10-21', '09:00'), ACTORS.town, { type: 'refuseAppeal', reason: '已依法处理' }],
    ]).case;
    expect(refused).toMatchObject({ state: 'closed', deadlines: [] });
    const again = attempt(refused, at('2025-10-22', '09:00'), ACTORS.reporter, { type: 'appeal', reason: '再申诉' });
    expect(again.ok || again.error.code).toBe('VALIDATION');
    expect(run(refused, [[at('2025-10-22', '09:00'), ACTORS.system, { type: 'archive' }]]).case.state).toBe('archived');

    // 15 working days after 10/9: 10/29 17:30.
    const late = attempt(closed, at('2025-10-30', '09:00'), ACTORS.reporter, { type: 'appeal', reason: '迟到' });
    expect(late.ok || late.error.code).toBe('APPEAL_WINDOW_CLOSED');
  });
});

describe('supervision and escalation', () => {
  const atVillage = () =>
    run(newCase(at('2025-10-13', '09:00'), { intakeLevel: 'village' }).case, [
      [at('2025-10-13', '09:05'), ACTORS.village, { type: 'accept' }],
    ]).case;

  it('an overdue village case goes to town supervision, then county, then county listing (挂牌)', () => {
    const accepted = atVillage();
    expect(due(accepted, 'dispatch')).toBe('2025-10-13 15:05');
    const early = attempt(accepted, at('2025-10-13', '15:00'), ACTORS.system, {
      type: 'escalateOverdue',
      deadlineKey: 'dispatch',
    });
    expect(early.ok || early.error.code).toBe('DEADLINE_NOT_OVERDUE');
    const byUser = attempt(accepted, at('2025-10-13', '15:10'), ACTORS.county, {
      type: 'escalateOverdue',
      deadlineKey: 'dispatch',
    });
    expect(byUser.ok || byUser.error.code).toBe('NOT_AUTHORISED_FOR_ACTION');

    const town = run(accepted, [
      [at('2025-10-13', '15:10'), ACTORS.system, { type: 'escalateOverdue', deadlineKey: 'dispatch' }],
    ]).case;
    expect(town.supervision).toMatchObject({ level: 'town', byOrgId: ROUTE.town, automatic: true, listed: false });
    expect(due(town, 'supervision')).toBe('2025-10-15 17:30');
    const twice = attempt(town, at('2025-10-13', '15:20'), ACTORS.system, {
      type: 'escalateOverdue',
      deadlineKey: 'dispatch',
    });
    expect(twice.ok || twice.error.code).toBe('DEADLINE_NOT_OVERDUE');

    const county = run(town, [
      [at('2025-10-16', '08:00'), ACTORS.system, { type: 'escalateOverdue', deadlineKey: 'supervision' }],
    ]).case;
    expect(county.supervision).toMatchObject({ level: 'county', byOrgId: ROUTE.county, listed: false });
    const listed = run(county, [
      [at('2025-10-21', '08:00'), ACTORS.system, { type: 'escalateOverdue', deadlineKey: 'supervision' }],
    ]).case;
    expect(listed.supervision).toMatchObject({ level: 'county', listed: true });
  });

  it('a higher platform supervises with its own deadline and urges; the owner cannot supervise itself', () => {
    const accepted = atVillage();
    const self = attempt(accepted, at('2025-10-13', '10:00'), ACTORS.village, { type: 'supervise', reason: 'x' });
    expect(self.ok || self.error.code).toBe('NOT_AUTHORISED_FOR_ACTION');
    const outsider = attempt(accepted, at('2025-10-13', '10:00'), ACTORS.otherTown, { type: 'supervise', reason: 'x' });
    expect(outsider.ok || outsider.error.code).toBe('NOT_AUTHORISED_FOR_ACTION');
    const { case: c } = run(accepted, [
      [at('2025-10-13', '10:00'), ACTORS.county, { type: 'supervise', reason: '群众反映强烈', listed: true }],
      [at('2025-10-14', '10:00'), ACTORS.county, { type: 'urge', message: '请尽快办理' }],
    ]);
    expect(c.supervision).toMatchObject({ level: 'county', listed: true, automatic: false });
    expect(c.urgeCount).toBe(1);
    expect(due(c, 'supervision')).toBe('2025-10-15 17:30');
    const lower = attempt(c, at('2025-10-14', '11:00'), ACTORS.town, { type: 'supervise', reason: 'x' });
    expect(lower.ok || lower.error.code).toBe('VALIDATION');
  });
});

describe('merging duplicates', () => {
  it('the duplicate follows the main case, which keeps the list of merged cases', () => {
    const main = run(newCase(at('2025-10-13', '09:00'), { intakeLevel: 'village', id: 'main' }).case, [
      [at('2025-10-13', '09:05'), ACTORS.village, { type: 'accept' }],
    ]).case;
    const duplicate = newCase(at('2025-10-13', '09:30'), { intakeLevel: 'village', id: 'dup' }).case;
    const result = mergeCases(duplicate, main, ACTORS.village, ctxAt(at('2025-10-13', '10:00')));
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.duplicate.case).toMatchObject({ state: 'merged', mergedInto: 'main', deadlines: [] });
    expect(result.value.duplicate.deadlines).toEqual([expect.objectContaining({ op: 'clear', key: 'accept' })]);
    expect(result.value.main.case.mergedCaseIds).toEqual(['dup']);
    expect(allowedActions('merged')).toEqual([]);
    const self = mergeCases(main, main, ACTORS.village, ctxAt(at('2025-10-13', '10:00')));
    expect(self.ok || self.error.code).toBe('VALIDATION');
  });
});

describe('the allowed-actions table', () => {
  const base = newCase(at('2025-10-13', '09:00')).case;
  const probe: Record<string, CaseAction> = {};
  for (const type of CASE_ACTION_TYPES) probe[type] = { type } as CaseAction;

  it.each(CASE_STATES)('every action outside the table is refused in %s, naming the state', (state) => {
    const c: Case = { ...base, state };
    for (const type of CASE_ACTION_TYPES) {
      if (allowedActions(state).includes(type)) continue;
      const result = attempt(c, at('2025-10-13', '10:00'), ACTORS.system, probe[type] as CaseAction);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
        expect(result.error.details).toMatchObject({ state, action: type });
      }
    }
  });

  it('refuses an action dated before the last change', () => {
    const result = attempt(base, at('2025-10-13', '08:59'), ACTORS.gridWorker, { type: 'accept' });
    expect(result.ok || result.error.code).toBe('TIME_WENT_BACKWARDS');
  });

  it('gives a Chinese message for people', () => {
    const result = attempt(base, at('2025-10-13', '10:00'), ACTORS.gridWorker, { type: 'archive' });
    expect(result.ok || result.error.message).toBe('案件当前状态不允许此操作');
  });
});

describe('2026 Spring Festival', () => {
  it('a case dispatched on the make-up Saturday before 春节 is due to be handled after the holiday', () => {
    const opened = newCase(at('2026-02-13', '16:00'), { intakeLevel: 'county', source: 'hotline_12345' }).case;
    const { case: c, outcomes } = run(opened, [
      [at('2026-02-13', '16:30'), ACTORS.county, { type: 'accept' }],
      [at('2026-02-14', '09:00'), ACTORS.county, { type: 'dispatch', leadOrgId: DEPT.zhujian }],
      [at('2026-02-14', '10:00'), ACTORS.zhujian, { type: 'signFor' }],
    ]);
    expect(due(outcomes[0]?.case as Case, 'reply')).toBe('2026-02-27 17:30'); // 2/14, 2/24, 2/25, 2/26, 2/27
    expect(due(c, 'handle')).toBe('2026-02-26 17:30'); // 2/24, 2/25, 2/26
    expect(cst(c.deadlines.find((d) => d.key === 'handle')?.warnAt)).toBe('2026-02-26 11:18'); // 2.4 of 3 days: 40% into 2/26's office hours
  });
});
