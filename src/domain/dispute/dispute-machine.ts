// The dispute state machine: pure functions of the dispute, the action, who acts and the time. It decides
// what is allowed, the next dispute, its one history entry, its running clock and whom to tell; the module
// writes that in one transaction.
//
//   registered ─accept→ accepted ─assign→ mediating ─reachAgreement→ agreed ─sign→ following_up ─recordFollowUp→ closed
//       │                  │   ╲               │ ╲ recordSession, assign (another committee), extend (once)
//       └─reject→ rejected │    ╲─transfer─────┴──→ registered one level up (a new 受理 clock there)
//                          └─────────────────── mediating ─fail→ failed (with the route advised)
import { err, ok, type Result } from '../result.js';
import { type DisputeDomainError, disputeError } from './errors.js';
import { clockFor, clockUntil, type DisputeContext, mediationDue } from './time-limits.js';
import {
  ACTIVE_DISPUTE_STATES,
  type Dispute,
  type DisputeAction,
  type DisputeActionType,
  type DisputeActor,
  type DisputeEvent,
  type DisputeOutcome,
  type DisputeRelation,
  type DisputeState,
  FAILURE_ROUTES,
  type HandlingLevel,
  PERFORMANCE,
  type RiskLevel,
} from './types.js';

export const MAX_TEXT = 5000;
export const DEFAULT_FOLLOW_UP_DAYS = 15;
export const MAX_FOLLOW_UP_DAYS = 90;

export interface NewDispute {
  readonly id: number;
  readonly level: HandlingLevel;
  readonly handlingOrgId: number;
  readonly riskLevel: RiskLevel;
  readonly title: string;
  /** Told at registration of a 重大 dispute: the town and county platforms of its place. */
  readonly majorNotifyOrgIds: readonly number[];
}

/** A dispute as it is registered: waiting for 受理, its 3-working-day clock running at the handling platform. */
export function openDispute(input: NewDispute, ctx: DisputeContext): Result<DisputeOutcome, DisputeDomainError> {
  if (!input.title.trim()) return err(disputeError('VALIDATION', { field: 'title' }, '请填写纠纷事由'));
  const dispute: Dispute = {
    id: input.id,
    state: 'registered',
    level: input.level,
    handlingOrgId: input.handlingOrgId,
    mediatorOrgId: null,
    mediatorName: null,
    riskLevel: input.riskLevel,
    supervisorOrgId: null,
    escalationLevel: 0,
    overdue: false,
    listed: false,
    acceptedAt: null,
    mediationDueAt: null,
    extended: false,
    sessions: 0,
    transfers: 0,
    agreement: null,
    signedAt: null,
    failureRoute: null,
    concludedAt: null,
    concludedLate: null,
    performance: null,
    partyConfirmed: null,
    judicialReferredAt: null,
    clock: clockFor(ctx, 'accept', input.handlingOrgId, ctx.acceptLimit),
    version: 1,
    updatedAt: ctx.now,
  };
  const major = input.riskLevel === 'major';
  const notify = [
    { orgId: input.handlingOrgId, title: `新矛盾纠纷待受理：${input.title}` },
    ...(major
      ? input.majorNotifyOrgIds
          .filter((id) => id !== input.handlingOrgId)
          .map((orgId) => ({ orgId, title: `重大矛盾纠纷登记：${input.title}` }))
      : []),
  ];
  return ok({
    dispute,
    event: event('register', ctx.now, null, 'registered', null, {
      riskLevel: input.riskLevel,
      handlingOrgId: input.handlingOrgId,
      dueAt: dispute.clock?.dueAt.toISOString(),
    }),
    notify,
  });
}

function event(
  type: DisputeEvent['type'],
  at: Date,
  fromState: DisputeState | null,
  toState: DisputeState,
  note: string | null,
  details: Record<string, unknown> = {},
): DisputeEvent {
  return { type, at, fromState, toState, note, details };
}

interface Rule {
  readonly states: readonly DisputeState[];
  /** Relations of which the actor needs one (empty: the system only). */
  readonly relations: readonly DisputeRelation[];
  /** An extra condition on the dispute, with what it needs when it fails. */
  readonly when?: (d: Dispute) => string | null;
}

const RULES: Record<DisputeActionType, Rule> = {
  accept: { states: ['registered'], relations: ['intake'] },
  reject: { states: ['registered'], relations: ['intake'] },
  assign: { states: ['accepted', 'mediating'], relations: ['intake'] },
  recordSession: { states: ['mediating'], relations: ['mediator'] },
  extend: {
    states: ['accepted', 'mediating'],
    relations: ['intake', 'mediator'],
    when: (d) => (d.extended ? 'already_extended' : null),
  },
  reachAgreement: { states: ['mediating'], relations: ['mediator'] },
  sign: { states: ['agreed'], relations: ['mediator'] },
  fail: { states: ['mediating'], relations: ['mediator'] },
  transfer: { states: ['accepted', 'mediating'], relations: ['intake', 'mediator'] },
  recordFollowUp: { states: ['following_up'], relations: ['mediator', 'intake'] },
  confirmPerformance: {
    states: ['following_up'],
    relations: ['applicant'],
    when: (d) => (d.partyConfirmed !== null ? 'already_confirmed' : null),
  },
  referJudicial: {
    states: ['following_up', 'closed'],
    relations: ['mediator', 'intake'],
    when: (d) => (d.judicialReferredAt ? 'already_referred' : null),
  },
  urge: { states: ACTIVE_DISPUTE_STATES, relations: ['supervisor'] },
  escalateOverdue: { states: ACTIVE_DISPUTE_STATES, relations: [] },
};

function check(d: Dispute, type: DisputeActionType, actor: DisputeActor): DisputeDomainError | null {
  const rule = RULES[type];
  const blocked = rule.when?.(d) ?? null;
  if (!rule.states.includes(d.state) || blocked) {
    return disputeError('DISPUTE_ACTION_NOT_ALLOWED_IN_STATE', {
      action: type,
      state: d.state,
      allowedIn: rule.states,
      ...(blocked ? { reason: blocked } : {}),
    });
  }
  const permitted =
    rule.relations.length === 0 ? actor.kind === 'system' : rule.relations.some((r) => actor.relations.has(r));
  if (!permitted) return disputeError('NOT_AUTHORISED_FOR_DISPUTE_ACTION', { action: type, needs: rule.relations });
  return null;
}

/** The actions this actor may take now (what the web app offers); system actions are never offered. */
export function allowedDisputeActions(d: Dispute, actor: DisputeActor): DisputeActionType[] {
  return (Object.keys(RULES) as DisputeActionType[]).filter(
    (type) => RULES[type].relations.length > 0 && check(d, type, actor) === null,
  );
}

function text(value: string | undefined, field: string, label: string, required = true) {
  const v = (value ?? '').trim();
  if (!v && required) return err(disputeError('VALIDATION', { field }, `请填写${label}`));
  if (v.length > MAX_TEXT) return err(disputeError('VALIDATION', { field }, `${label}不能超过 ${MAX_TEXT} 字`));
  return ok(v || null);
}

const validDate = (d: Date | null | undefined): boolean => !d || !Number.isNaN(d.getTime());

/** Applies one action: the next dispute, its one history entry and whom to tell — or why not. */
export function applyDisputeAction(
  d: Dispute,
  action: DisputeAction,
  actor: DisputeActor,
  ctx: DisputeContext,
): Result<DisputeOutcome, DisputeDomainError> {
  const refused = check(d, action.type, actor);
  if (refused) return err(refused);
  const now = ctx.now;
  const from = d.state;
  const next = (changes: Partial<Dispute>): Dispute => ({ ...d, ...changes, version: d.version + 1, updatedAt: now });
  const done = (
    dispute: Dispute,
    note: string | null,
    details: Record<string, unknown> = {},
    notify: DisputeOutcome['notify'] = [],
  ): Result<DisputeOutcome, DisputeDomainError> =>
    ok({ dispute, event: event(action.type, now, from, dispute.state, note, details), notify });
  /** Concluding the mediation stops its clock and records whether it was within the limit. */
  const conclusion = () => ({
    clock: null,
    concludedAt: now,
    concludedLate: d.mediationDueAt ? now > d.mediationDueAt : false,
  });

  switch (action.type) {
    case 'accept': {
      const note = text(action.note, 'note', '受理意见', false);
      if (!note.ok) return note;
      const dueAt = mediationDue(ctx, now);
      const dispute = next({
        state: 'accepted',
        acceptedAt: now,
        mediationDueAt: dueAt,
        overdue: false,
        clock: clockUntil(ctx, 'mediation', d.handlingOrgId, dueAt, 'natural_hours'),
      });
      return done(dispute, note.value, { mediationDueAt: dueAt.toISOString() });
    }
    case 'reject': {
      const reason = text(action.reason, 'reason', '不予受理的理由');
      if (!reason.ok) return reason;
      return done(next({ state: 'rejected', clock: null, overdue: false, concludedAt: now }), reason.value);
    }
    case 'assign': {
      const note = text(action.note, 'note', '指派说明', false);
      if (!note.ok) return note;
      const name = (action.mediatorName ?? '').trim().slice(0, 100) || null;
      if (action.mediatorOrgId === d.mediatorOrgId && name === d.mediatorName) {
        return err(disputeError('VALIDATION', { field: 'mediatorOrgId' }, '已指派给该调解组织，无需重复指派'));
      }
      // The mediation clock keeps its due time; it now runs at the committee (an overdue one climbs from there).
      const clock = d.clock && d.clock.kind === 'mediation' ? { ...d.clock, orgId: action.mediatorOrgId } : d.clock;
      const dispute = next({ state: 'mediating', mediatorOrgId: action.mediatorOrgId, mediatorName: name, clock });
      return done(
        dispute,
        note.value,
        { mediatorOrgId: action.mediatorOrgId, mediatorName: name, previousMediatorOrgId: d.mediatorOrgId },
        [{ orgId: action.mediatorOrgId, title: '新指派的矛盾纠纷调解' }],
      );
    }
    case 'recordSession': {
      const s = action.session;
      if (!validDate(s.at) || s.at > now) {
        return err(disputeError('VALIDATION', { field: 'session.at' }, '调解时间不能晚于当前时间'));
      }
      const place = text(s.place, 'session.place', '调解地点');
      if (!place.ok) return place;
      const participants = text(s.participants, 'session.participants', '参加人员');
      if (!participants.ok) return participants;
      const notes = text(s.notes, 'session.notes', '调解情况');
      if (!notes.ok) return notes;
      const dispute = next({ sessions: d.sessions + 1 });
      return done(dispute, notes.value, {
        session: d.sessions + 1,
        at: s.at.toISOString(),
        place: place.value,
        participants: participants.value,
      });
    }
    case 'extend': {
      const reason = text(action.reason, 'reason', '延期理由');
      if (!reason.ok) return reason;
      if (!Number.isInteger(action.days) || action.days < 1 || action.days > ctx.maxExtensionDays) {
        return err(
          disputeError(
            'VALIDATION',
            { field: 'days' },
            `延长天数应为 1–${ctx.maxExtensionDays} 的整数（只能延长一次）`,
          ),
        );
      }
      const base = d.mediationDueAt ?? now;
      const dueAt = mediationDue(ctx, base, action.days);
      if (dueAt <= now) {
        return err(disputeError('VALIDATION', { field: 'days' }, '延长后的期限仍早于当前时间，请增加延长天数'));
      }
      const orgId = d.mediatorOrgId ?? d.handlingOrgId;
      const dispute = next({
        extended: true,
        overdue: false,
        mediationDueAt: dueAt,
        clock: clockUntil(ctx, 'mediation', orgId, dueAt, 'natural_hours'),
      });
      return done(dispute, reason.value, { days: action.days, from: base.toISOString(), to: dueAt.toISOString() });
    }
    case 'reachAgreement': {
      const terms = text(action.terms, 'terms', '协议内容');
      if (!terms.ok) return terms;
      if (!action.agreementNumber.trim()) return err(disputeError('VALIDATION', { field: 'agreementNumber' }));
      if (!validDate(action.performBy)) {
        return err(disputeError('VALIDATION', { field: 'performBy' }, '履行期限不是有效日期'));
      }
      const days = action.followUpDays ?? DEFAULT_FOLLOW_UP_DAYS;
      if (!Number.isInteger(days) || days < 1 || days > MAX_FOLLOW_UP_DAYS) {
        return err(
          disputeError('VALIDATION', { field: 'followUpDays' }, `回访期限应为 1–${MAX_FOLLOW_UP_DAYS} 天的整数`),
        );
      }
      const agreement = {
        number: action.agreementNumber,
        terms: terms.value as string,
        at: now,
        performBy: action.performBy ?? null,
        followUpDays: days,
      };
      // The mediation clock keeps running until the parties have signed: an unsigned agreement is not a result.
      return done(next({ state: 'agreed', agreement }), null, { agreementNumber: agreement.number });
    }
    case 'sign': {
      const note = text(action.note, 'note', '签署说明', false);
      if (!note.ok) return note;
      const dispute = next({ state: 'following_up', signedAt: now, ...conclusion() });
      const committee = d.mediatorOrgId ?? d.handlingOrgId;
      return ok({
        dispute,
        event: event('sign', now, from, dispute.state, note.value, {
          agreementNumber: d.agreement?.number,
          late: dispute.concludedLate,
        }),
        notify:
          d.handlingOrgId !== committee ? [{ orgId: d.handlingOrgId, title: '矛盾纠纷调解成功，协议已签署' }] : [],
        followUp: { orgId: committee, days: d.agreement?.followUpDays ?? DEFAULT_FOLLOW_UP_DAYS },
      });
    }
    case 'fail': {
      if (!FAILURE_ROUTES.includes(action.route)) {
        return err(disputeError('VALIDATION', { field: 'route' }, '请选择引导当事人的途径（诉讼、仲裁或行政处理）'));
      }
      const reason = text(action.reason, 'reason', '调解不成的原因');
      if (!reason.ok) return reason;
      const dispute = next({ state: 'failed', failureRoute: action.route, ...conclusion() });
      return done(dispute, reason.value, { route: action.route, late: dispute.concludedLate }, [
        ...(d.handlingOrgId !== d.mediatorOrgId ? [{ orgId: d.handlingOrgId, title: '矛盾纠纷调解不成' }] : []),
      ]);
    }
    case 'transfer': {
      const reason = text(action.reason, 'reason', '移交理由');
      if (!reason.ok) return reason;
      if (action.toOrgId === null) {
        return err(disputeError('VALIDATION', { field: 'transfer' }, '已在县级处理，不能再向上移交'));
      }
      // One level up it is a new registration there: the upper platform accepts within its own 3 working days.
      const dispute = next({
        state: 'registered',
        level: action.toLevel,
        handlingOrgId: action.toOrgId,
        mediatorOrgId: null,
        mediatorName: null,
        transfers: d.transfers + 1,
        overdue: false,
        extended: false,
        acceptedAt: null,
        mediationDueAt: null,
        clock: clockFor(ctx, 'accept', action.toOrgId, ctx.acceptLimit),
      });
      return done(
        dispute,
        reason.value,
        { fromOrgId: d.handlingOrgId, toOrgId: action.toOrgId, level: action.toLevel },
        [{ orgId: action.toOrgId, title: '下级移交的矛盾纠纷待受理' }],
      );
    }
    case 'recordFollowUp': {
      if (!PERFORMANCE.includes(action.performance)) {
        return err(disputeError('VALIDATION', { field: 'performance' }, '请选择协议履行情况'));
      }
      const note = text(action.note, 'note', '回访情况');
      if (!note.ok) return note;
      const dispute = next({ state: 'closed', performance: action.performance });
      return done(dispute, note.value, { performance: action.performance });
    }
    case 'confirmPerformance': {
      const note = text(action.note, 'note', '说明', false);
      if (!note.ok) return note;
      const committee = d.mediatorOrgId ?? d.handlingOrgId;
      return done(next({ partyConfirmed: action.performed }), note.value, { performed: action.performed }, [
        { orgId: committee, title: action.performed ? '当事人确认协议已履行' : '当事人反映协议未履行' },
      ]);
    }
    case 'referJudicial': {
      const court = text(action.court, 'court', '受理司法确认的人民法院');
      if (!court.ok) return court;
      const note = text(action.note, 'note', '说明', false);
      if (!note.ok) return note;
      return done(next({ judicialReferredAt: now }), note.value, { court: court.value });
    }
    case 'urge': {
      const note = text(action.note, 'note', '催办内容', false);
      if (!note.ok) return note;
      const target = d.mediatorOrgId ?? d.handlingOrgId;
      return done(next({}), note.value, {}, [{ orgId: target, title: '矛盾纠纷催办' }]);
    }
    case 'escalateOverdue': {
      if (!d.clock || d.clock.dueAt > now) {
        return err(
          disputeError('DISPUTE_ACTION_NOT_ALLOWED_IN_STATE', { action: 'escalateOverdue', reason: 'clock_not_due' }),
        );
      }
      const ranOut = d.clock;
      const supervisor = action.supervisorOrgId;
      const dispute = next({
        overdue: true,
        escalationLevel: d.escalationLevel + 1,
        supervisorOrgId: supervisor ?? d.supervisorOrgId,
        // Nobody above: listed (挂牌) at the top, no further clock.
        listed: supervisor === null ? true : d.listed,
        clock: supervisor === null ? null : clockFor(ctx, 'supervision', supervisor, ctx.supervisionLimit),
      });
      const tell = [ranOut.orgId, d.handlingOrgId, ...(supervisor === null ? [] : [supervisor])];
      const title =
        ranOut.kind === 'accept'
          ? '矛盾纠纷受理超期，升级督办'
          : ranOut.kind === 'mediation'
            ? '矛盾纠纷调解超期，升级督办'
            : '督办期限已过，矛盾纠纷继续升级督办';
      return done(
        dispute,
        null,
        {
          clock: ranOut.kind,
          dueAt: ranOut.dueAt.toISOString(),
          supervisorOrgId: supervisor,
          level: dispute.escalationLevel,
          listed: dispute.listed,
        },
        [...new Set(tell)].map((orgId) => ({ orgId, title })),
      );
    }
  }
}
