// Builders shared by the dispute machine's tests: a context on the 2025–2026 calendar, actors, and a dispute
// driven to any state through the machine itself.
import { CHINA_2025, CHINA_2026 } from '../calendar/calendar-fixtures.js';
import { createWorkCalendar } from '../calendar/index.js';
import { applyDisputeAction, openDispute } from './dispute-machine.js';
import { DISPUTE_LIMITS, type DisputeContext } from './time-limits.js';
import type { Dispute, DisputeAction, DisputeActor, DisputeRelation, DisputeState } from './types.js';

const calendar = createWorkCalendar({ specialDays: [...CHINA_2025, ...CHINA_2026] });

export const ctxAt = (now: Date): DisputeContext => ({ now, calendar, ...DISPUTE_LIMITS });

export const VILLAGE = 30;
export const TOWN = 3;
export const COUNTY = 1;
export const COMMITTEE = 40;

export const actorWith = (...relations: DisputeRelation[]): DisputeActor => ({
  kind: 'user',
  orgId: 0,
  relations: new Set(relations),
});
export const EVERYONE = actorWith('intake', 'mediator', 'supervisor', 'applicant');

export function registered(now: Date, riskLevel: Dispute['riskLevel'] = 'general'): Dispute {
  const r = openDispute(
    {
      id: 1,
      level: 'village',
      handlingOrgId: VILLAGE,
      riskLevel,
      title: '邻里漏水纠纷',
      majorNotifyOrgIds: [TOWN, COUNTY],
    },
    ctxAt(now),
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value.dispute;
}

export function act(d: Dispute, action: DisputeAction, now: Date, actor: DisputeActor = EVERYONE): Dispute {
  const r = applyDisputeAction(d, action, actor, ctxAt(now));
  if (!r.ok) throw new Error(`${action.type}: ${r.error.code} ${r.error.message}`);
  return r.value.dispute;
}

/** One valid action of each kind (the machine's input as a user would send it). */
export function sampleAction(type: DisputeAction['type'], now: Date): DisputeAction {
  switch (type) {
    case 'accept':
      return { type };
    case 'reject':
      return { type, reason: '不属于人民调解受理范围' };
    case 'assign':
      return { type, mediatorOrgId: COMMITTEE, mediatorName: '王调解员' };
    case 'recordSession':
      return { type, session: { at: now, place: '村调解室', participants: '双方当事人', notes: '听取双方陈述' } };
    case 'extend':
      return { type, days: 10, reason: '需等待鉴定结果' };
    case 'reachAgreement':
      return { type, agreementNumber: '青调〔2026〕1号', terms: '甲方赔偿乙方 2000 元', followUpDays: 15 };
    case 'sign':
      return { type };
    case 'fail':
      return { type, route: 'litigation', reason: '双方分歧较大' };
    case 'transfer':
      return { type, toOrgId: TOWN, toLevel: 'town', reason: '村调委会调解不了' };
    case 'recordFollowUp':
      return { type, performance: 'performed', note: '已履行完毕' };
    case 'confirmPerformance':
      return { type, performed: true };
    case 'referJudicial':
      return { type, court: '青溪县人民法院' };
    case 'urge':
      return { type };
    case 'escalateOverdue':
      return { type, supervisorOrgId: TOWN };
  }
}

/** The shortest path from registration to each state. */
const PATHS: Record<DisputeState, DisputeAction['type'][]> = {
  registered: [],
  accepted: ['accept'],
  mediating: ['accept', 'assign'],
  agreed: ['accept', 'assign', 'reachAgreement'],
  following_up: ['accept', 'assign', 'reachAgreement', 'sign'],
  closed: ['accept', 'assign', 'reachAgreement', 'sign', 'recordFollowUp'],
  failed: ['accept', 'assign', 'fail'],
  rejected: ['reject'],
};

export function disputeIn(state: DisputeState, start: Date): Dispute {
  let d = registered(start);
  let at = start;
  for (const type of PATHS[state]) {
    at = new Date(at.getTime() + 3600_000);
    d = act(d, sampleAction(type, at), at);
  }
  return d;
}
