// The referral state machine: pure functions of the referral, the action, who acts and the time. It decides what
// is allowed, the next referral, its one history entry and whom to tell; the module writes that in one
// transaction. The acknowledgement deadline is a task (src/modules/tasks), whose limit is decided here.
//
//   referred ─acknowledge→ acknowledged ─recordSession→ in_service ─startFollowUp→ follow_up ─close→ closed
//      │  ╲                    │  ╲                      │ ╲ recordSession             ╲ recordFollowUp
//      │   └─return→ returned  │   └─close→ closed       └─close→ closed
//      └──────decline→ declined┘
//
// Without the person's consent the record is only a 'needs attention' flag (referring unit, date, risk): it holds
// no person or concern, and cannot carry sessions or follow-ups.
import type { DurationUnit } from '../calendar/index.js';
import { err, ok, type Result } from '../result.js';
import { PSYCH_RISK_LABELS, type PsychDomainError, psychError } from './errors.js';
import {
  PSYCH_OUTCOMES,
  type PsychAction,
  type PsychActionType,
  type PsychActor,
  type PsychEvent,
  type PsychOutcomeOf,
  type PsychReferral,
  type PsychRelation,
  type PsychRisk,
  type PsychState,
  SESSION_FORMS,
} from './types.js';

export const MAX_PSYCH_TEXT = 5000;
export const MAX_SESSION_MINUTES = 480;

/**
 * How soon the counselling organisation must acknowledge a referral: a 危机 within 2 natural hours (night and
 * holidays included), a 高 within 24 natural hours, others within 3 working days.
 */
export function acknowledgementLimit(risk: PsychRisk): { amount: number; unit: DurationUnit } {
  switch (risk) {
    case 'crisis':
      return { amount: 2, unit: 'natural_hours' };
    case 'high':
      return { amount: 24, unit: 'natural_hours' };
    default:
      return { amount: 3, unit: 'working_days' };
  }
}

/** The acknowledgement task's title: the number and the risk, never the person or the concern. */
export function acknowledgementTaskTitle(number: string, risk: PsychRisk): string {
  return `心理服务转介待接收 ${number} · ${PSYCH_RISK_LABELS[risk]}`;
}

/** What the referrer gives about the person; kept only with consent. */
export interface PsychContent {
  readonly personName: string;
  readonly personPhone: string | null;
  readonly personIdNumber: string | null;
  readonly concern: string;
}

export interface NewPsychReferral {
  readonly id: number;
  readonly risk: PsychRisk;
  readonly consent: boolean;
  readonly referringOrgId: number;
  readonly counsellingOrgId: number;
  readonly content: Partial<PsychContent> | null;
  /** Told at once of a 危机 referral: the town platform of the person's place, the county health department. */
  readonly crisisNotifyOrgIds: readonly number[];
}

export interface OpenedPsychReferral extends PsychOutcomeOf {
  /** The content to store: null without consent, whatever the referrer typed. */
  readonly content: PsychContent | null;
}

const ID_NUMBER = /^\d{17}[\dXx]$/;
const PHONE = /^[\d-]{7,20}$/;

function text(value: string | undefined | null, field: string, label: string, required = true) {
  const v = (value ?? '').trim();
  if (!v && required) return err(psychError('VALIDATION', { field }, `请填写${label}`));
  if (v.length > MAX_PSYCH_TEXT) {
    return err(psychError('VALIDATION', { field }, `${label}不能超过 ${MAX_PSYCH_TEXT} 字`));
  }
  return ok(v || null);
}

function validContent(c: Partial<PsychContent> | null): Result<PsychContent, PsychDomainError> {
  const name = text(c?.personName, 'personName', '当事人姓名');
  if (!name.ok) return name;
  if ((name.value as string).length > 100) {
    return err(psychError('VALIDATION', { field: 'personName' }, '当事人姓名不能超过 100 字'));
  }
  const concern = text(c?.concern, 'concern', '转介原因（关注的问题）');
  if (!concern.ok) return concern;
  const phone = c?.personPhone?.trim() || null;
  if (phone && !PHONE.test(phone)) return err(psychError('VALIDATION', { field: 'personPhone' }, '电话号码格式不正确'));
  const idNumber = c?.personIdNumber?.trim().toUpperCase() || null;
  if (idNumber && !ID_NUMBER.test(idNumber)) {
    return err(psychError('VALIDATION', { field: 'personIdNumber' }, '身份证号应为 18 位'));
  }
  return ok({
    personName: name.value as string,
    personPhone: phone,
    personIdNumber: idNumber,
    concern: concern.value as string,
  });
}

/** A referral as it is made: waiting for the counselling organisation to acknowledge it. */
export function openPsychReferral(input: NewPsychReferral, now: Date): Result<OpenedPsychReferral, PsychDomainError> {
  let content: PsychContent | null = null;
  if (input.consent) {
    const checked = validContent(input.content);
    if (!checked.ok) return checked;
    content = checked.value;
  }
  const referral: PsychReferral = {
    id: input.id,
    state: 'referred',
    risk: input.risk,
    consent: input.consent,
    referringOrgId: input.referringOrgId,
    counsellingOrgId: input.counsellingOrgId,
    acknowledgedAt: null,
    sessions: 0,
    followUps: 0,
    outcome: null,
    closedAt: null,
    version: 1,
    updatedAt: now,
  };
  const risk = PSYCH_RISK_LABELS[input.risk];
  const notify = [
    {
      orgId: input.counsellingOrgId,
      title: input.consent ? `新的心理服务转介待接收（${risk}）` : `需关注人员转介（${risk}，未同意转介）`,
    },
    ...(input.risk === 'crisis'
      ? input.crisisNotifyOrgIds
          .filter((id) => id !== input.counsellingOrgId)
          .map((orgId) => ({ orgId, title: '危机心理转介，请立即关注' }))
      : []),
  ];
  return ok({
    referral,
    content,
    event: {
      type: 'refer',
      at: now,
      fromState: null,
      toState: 'referred',
      note: null,
      details: { risk: input.risk, consent: input.consent, counsellingOrgId: input.counsellingOrgId },
    },
    notify: [...new Map(notify.map((n) => [n.orgId, n])).values()],
  });
}

interface Rule {
  readonly states: readonly PsychState[];
  readonly relations: readonly PsychRelation[];
  /** The action records content: refused without the person's consent. */
  readonly content?: boolean;
}

const RULES: Record<PsychActionType, Rule> = {
  acknowledge: { states: ['referred'], relations: ['counsellor'] },
  return: { states: ['referred'], relations: ['counsellor'] },
  decline: { states: ['referred', 'acknowledged'], relations: ['counsellor'] },
  recordSession: { states: ['acknowledged', 'in_service'], relations: ['counsellor'], content: true },
  startFollowUp: { states: ['in_service'], relations: ['counsellor'] },
  recordFollowUp: { states: ['follow_up'], relations: ['counsellor'], content: true },
  close: { states: ['acknowledged', 'in_service', 'follow_up'], relations: ['counsellor'] },
};

function check(r: PsychReferral, type: PsychActionType, actor: PsychActor): PsychDomainError | null {
  const rule = RULES[type];
  if (!rule.states.includes(r.state)) {
    return psychError('PSYCH_ACTION_NOT_ALLOWED_IN_STATE', { action: type, state: r.state, allowedIn: rule.states });
  }
  if (!rule.relations.some((rel) => actor.relations.has(rel))) {
    return psychError('NOT_AUTHORISED_FOR_PSYCH_ACTION', { action: type, needs: rule.relations });
  }
  if (rule.content && !r.consent) return psychError('PSYCH_CONSENT_REQUIRED', { action: type });
  return null;
}

/** The actions this actor may take now (what the web app offers). */
export function allowedPsychActions(r: PsychReferral, actor: PsychActor): PsychActionType[] {
  return (Object.keys(RULES) as PsychActionType[]).filter((type) => check(r, type, actor) === null);
}

const validDate = (d: Date): boolean => !Number.isNaN(d.getTime());

/** Applies one action: the next referral, its one history entry and whom to tell — or why not. */
export function applyPsychAction(
  r: PsychReferral,
  action: PsychAction,
  actor: PsychActor,
  now: Date,
): Result<PsychOutcomeOf, PsychDomainError> {
  const refused = check(r, action.type, actor);
  if (refused) return err(refused);
  const next = (changes: Partial<PsychReferral>): PsychReferral => ({
    ...r,
    ...changes,
    version: r.version + 1,
    updatedAt: now,
  });
  const done = (
    referral: PsychReferral,
    note: string | null,
    details: Record<string, unknown> = {},
    notify: PsychOutcomeOf['notify'] = [],
  ): Result<PsychOutcomeOf, PsychDomainError> => {
    const event: PsychEvent = {
      type: action.type,
      at: now,
      fromState: r.state,
      toState: referral.state,
      note,
      details,
    };
    return ok({ referral, event, notify });
  };
  const tellReferrer = (title: string) =>
    r.referringOrgId !== r.counsellingOrgId ? [{ orgId: r.referringOrgId, title }] : [];

  switch (action.type) {
    case 'acknowledge': {
      const note = text(action.note, 'note', '接收说明', false);
      if (!note.ok) return note;
      return done(
        next({ state: 'acknowledged', acknowledgedAt: now }),
        note.value,
        {},
        tellReferrer('心理服务转介已接收'),
      );
    }
    case 'return': {
      const reason = text(action.reason, 'reason', '退回理由');
      if (!reason.ok) return reason;
      return done(next({ state: 'returned', closedAt: now }), reason.value, {}, tellReferrer('心理服务转介被退回'));
    }
    case 'decline': {
      const reason = text(action.reason, 'reason', '不予接收的理由');
      if (!reason.ok) return reason;
      return done(next({ state: 'declined', closedAt: now }), reason.value, {}, tellReferrer('心理服务转介不予接收'));
    }
    case 'recordSession': {
      const s = action.session;
      if (!validDate(s.at) || s.at > now) {
        return err(psychError('VALIDATION', { field: 'session.at' }, '咨询时间不能晚于当前时间'));
      }
      if (!Number.isInteger(s.durationMinutes) || s.durationMinutes < 1 || s.durationMinutes > MAX_SESSION_MINUTES) {
        return err(
          psychError('VALIDATION', { field: 'session.durationMinutes' }, `咨询时长应为 1–${MAX_SESSION_MINUTES} 分钟`),
        );
      }
      if (!SESSION_FORMS.includes(s.form)) {
        return err(psychError('VALIDATION', { field: 'session.form' }, '请选择咨询形式（面谈或电话）'));
      }
      const notes = text(s.notes, 'session.notes', '咨询记录');
      if (!notes.ok) return notes;
      const nextStep = text(s.nextStep, 'session.nextStep', '下一步安排', false);
      if (!nextStep.ok) return nextStep;
      const referral = next({ state: 'in_service', sessions: r.sessions + 1 });
      return done(referral, notes.value, {
        session: r.sessions + 1,
        at: s.at.toISOString(),
        durationMinutes: s.durationMinutes,
        form: s.form,
        nextStep: nextStep.value,
      });
    }
    case 'startFollowUp': {
      const note = text(action.note, 'note', '随访安排', false);
      if (!note.ok) return note;
      return done(next({ state: 'follow_up' }), note.value);
    }
    case 'recordFollowUp': {
      if (!validDate(action.at) || action.at > now) {
        return err(psychError('VALIDATION', { field: 'at' }, '随访时间不能晚于当前时间'));
      }
      const notes = text(action.notes, 'notes', '随访情况');
      if (!notes.ok) return notes;
      return done(next({ followUps: r.followUps + 1 }), notes.value, {
        followUp: r.followUps + 1,
        at: action.at.toISOString(),
      });
    }
    case 'close': {
      if (!PSYCH_OUTCOMES.includes(action.outcome)) {
        return err(psychError('VALIDATION', { field: 'outcome' }, '请选择结案情况'));
      }
      const note = text(action.note, 'note', '结案说明', false);
      if (!note.ok) return note;
      return done(
        next({ state: 'closed', outcome: action.outcome, closedAt: now }),
        note.value,
        { outcome: action.outcome },
        tellReferrer('心理服务转介已结案'),
      );
    }
  }
}
