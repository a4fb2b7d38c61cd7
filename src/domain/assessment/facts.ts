// Per-unit assessment facts, extracted from one case's timeline (case_events). Everything an indicator needs
// is a count, kept per unit and month, so months add up to quarters and a rollup can replace one case's
// contribution when its timeline grows.
//
// The counting rules (README "督导考核"):
// - A fact counts in the China-time month of the event that settles it (签收 counts when signed or when its
//   clock ran out, 满意 when rated, 办结 when closed): a case that spans months contributes to each month
//   what happened in it, and a closed month never changes through later events of the same case — except
//   for merging (below).
// - Attribution: every fact of a case counts for its territorial units (its grid, village and town: 属地
//   责任), and for the handling unit the fact is about (the unit that had to sign, the unit that replied, the
//   lead unit of the dispatch) when that is another organisation, e.g. a county department.
// - Reopened cases (重办: an unsatisfied rating or a granted appeal): each reply is assessed on its own; the
//   reopening counts in 重办率; the case's reply clock starts again, so it can be on time or late again.
// - Merged cases: a duplicate merged into a main case counts for nothing (all its facts are dropped, also
//   in months already past), so one matter reported by many counts once, on the main case.
// - Overdue and supervised counts are distinct cases per unit and month.
import { monthOf } from './periods.js';

export const FACT_KEYS = [
  /** Cases that reached the unit: opened in its area, or dispatched to it as lead unit. */
  'received',
  /** Sign-for obligations (受理 by the receiving platform, 签收 by each dispatched unit) settled. */
  'signDue',
  /** … of which signed before the clock ran out. */
  'signOnTime',
  /** Reply obligations settled: a reply, or the reply clock running out first. */
  'replyDue',
  /** … of which answered before the reply clock ran out. */
  'replyOnTime',
  /** Replies given (反馈, 即时办结, 网格办小事). */
  'replies',
  /** Replies assessed: rated at callback / by the reporter, or closed when the callback window passed. */
  'settled',
  /** … of which resolved: not rated unsatisfied. */
  'resolved',
  /** Replies rated. */
  'rated',
  /** … of which 满意 or 基本满意. */
  'satisfied',
  /** Closures (办结, 即时办结). */
  'closed',
  /** … of which no clock of the case had run out before. */
  'closedOnTime',
  /** Dispatches (派遣) to a lead unit. */
  'dispatched',
  /** Returns (退单) by the lead unit. */
  'returned',
  /** Reopenings (重办). */
  'reopened',
  /** Distinct cases with a clock run out (超期) this month. */
  'overdue',
  /** Distinct cases put under supervision (督办, manual or automatic) this month. */
  'supervised',
  /** Tasks settled for their owner unit: completed before their clock ran out, or their clock running out. */
  'taskDue',
  /** … of which completed by the due time. */
  'taskOnTime',
  /** Screening tasks (排查) settled for their unit, counted like tasks but apart from them. */
  'screeningDue',
  /** … of which completed by the due time. */
  'screeningOnTime',
  /** Answers to a closed survey round's score question, in the month the round closed (a town's). */
  'surveyAnswered',
  /** … of which 4 or 5 (满意). */
  'surveySatisfied',
  /** Disputes (矛盾纠纷) registered in the month in the unit's area and accepted (受理). */
  'disputeAccepted',
  /** … of which 已化解: agreement signed and not found unperformed at the follow-up visit (回访). */
  'disputeResolved',
  /** Mediations of the unit's disputes concluded in the month: 调解成功 or 调解不成. */
  'disputeConcluded',
  /** … of which 调解成功 (agreement signed). */
  'disputeSucceeded',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];
export type Facts = Record<FactKey, number>;

export function emptyFacts(): Facts {
  return Object.fromEntries(FACT_KEYS.map((k) => [k, 0])) as Facts;
}

export function addFacts(a: Facts, b: Partial<Facts>): Facts {
  const sum = { ...a };
  for (const key of FACT_KEYS) sum[key] += b[key] ?? 0;
  return sum;
}

/** One timeline event as the assessment reads it (a case_events row). */
export interface AssessmentEvent {
  readonly at: Date;
  /** Domain action type, or 'opened' / 'amended'. */
  readonly type: string;
  /** The acting unit (null for the system and citizens). */
  readonly orgId: number | null;
  readonly fromState: string | null;
  readonly toState: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface CaseHistory {
  readonly caseId: number;
  readonly townId: number | null;
  readonly villageId: number | null;
  readonly gridId: number | null;
  /** In timeline order. */
  readonly events: readonly AssessmentEvent[];
}

export interface UnitMonthFacts {
  readonly unitId: number;
  readonly month: string;
  readonly facts: Facts;
}

/** A unit that was lead or assisting on a town's case in a month (the towns rate them: 基层考核上级部门). */
export interface TownLink {
  readonly townId: number;
  readonly orgId: number;
  readonly month: string;
}

export interface CaseFacts {
  readonly rows: UnitMonthFacts[];
  readonly links: TownLink[];
}

const REPLY_TYPES = new Set(['reply', 'handleAtGrid', 'closeOnTheSpot']);
const CLOSE_TYPES = new Set(['close', 'closeOnTheSpot']);

function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}

function orgInKey(key: string): number | null {
  const [kind, org] = key.split(':');
  return (kind === 'sign_for' || kind === 'check_in') && org !== undefined ? num(org) : null;
}

/** Extracts the facts of one case (pure: the same timeline always gives the same facts). */
export function extractCaseFacts(history: CaseHistory): CaseFacts {
  const table = new Map<string, UnitMonthFacts>();
  const links = new Map<string, TownLink>();
  if (history.events.some((e) => e.type === 'merge' || e.toState === 'merged')) return { rows: [], links: [] };

  const territorial = [history.gridId, history.villageId, history.townId].filter((x): x is number => x !== null);
  const distinct = new Set<string>();
  const add = (at: Date, key: FactKey, handler: number | null, n = 1) => {
    const month = monthOf(at);
    const units = new Set(territorial);
    if (handler !== null) units.add(handler);
    for (const unitId of units) {
      if (key === 'overdue' || key === 'supervised') {
        const mark = `${key}|${unitId}|${month}`;
        if (distinct.has(mark)) continue;
        distinct.add(mark);
      }
      const id = `${unitId}|${month}`;
      let row = table.get(id);
      if (!row) {
        row = { unitId, month, facts: emptyFacts() };
        table.set(id, row);
      }
      row.facts[key] += n;
    }
  };
  const addHandlerOnly = (at: Date, key: FactKey, handler: number) => {
    if (territorial.includes(handler)) return;
    const month = monthOf(at);
    const id = `${handler}|${month}`;
    let row = table.get(id);
    if (!row) {
      row = { unitId: handler, month, facts: emptyFacts() };
      table.set(id, row);
    }
    row.facts[key] += 1;
  };

  let lead: number | null = null;
  /** Sign-for clocks waiting to be settled: clock key → the unit that must sign (null: the owner platform). */
  const pendingSign = new Map<string, number | null>();
  let replyPending = false;
  let lastReplyOrg: number | null = null;
  let replyAwaitingAssessment = false;
  let everOverdue = false;

  for (const e of history.events) {
    const d = e.details;
    if (e.type === 'opened') {
      add(e.at, 'received', null);
      if (e.toState === 'submitted') pendingSign.set('accept', null);
      continue;
    }
    // Whatever moves a case out of 'submitted' (accept, reject, on-the-spot answer, verification) takes it in;
    // an escalation or an amended description (a hotline order pushed again) leaves it waiting.
    if (
      e.fromState === 'submitted' &&
      e.type !== 'escalateOverdue' &&
      e.type !== 'amended' &&
      pendingSign.has('accept')
    ) {
      pendingSign.delete('accept');
      add(e.at, 'signDue', e.orgId);
      add(e.at, 'signOnTime', e.orgId);
    }
    switch (e.type) {
      case 'accept':
        replyPending = true;
        break;
      case 'dispatch': {
        const leadId = num(d.leadOrgId);
        const assisting = Array.isArray(d.assistingOrgIds) ? d.assistingOrgIds.map(num) : [];
        lead = leadId;
        if (leadId !== null) {
          add(e.at, 'dispatched', leadId);
          addHandlerOnly(e.at, 'received', leadId);
        }
        for (const unit of [leadId, ...assisting]) {
          if (unit === null) continue;
          pendingSign.set(`sign_for:${unit}`, unit);
          if (history.townId !== null && unit !== history.townId) {
            const month = monthOf(e.at);
            links.set(`${unit}|${month}`, { townId: history.townId, orgId: unit, month });
          }
        }
        break;
      }
      case 'signFor': {
        const key = `sign_for:${e.orgId}`;
        if (pendingSign.has(key)) {
          pendingSign.delete(key);
          add(e.at, 'signDue', e.orgId);
          add(e.at, 'signOnTime', e.orgId);
        }
        break;
      }
      case 'returnCase':
        if (lead !== null) pendingSign.delete(`sign_for:${lead}`);
        add(e.at, 'returned', lead ?? e.orgId);
        lead = null;
        break;
      case 'escalateOverdue': {
        const key = String(d.deadlineKey ?? '');
        const kind = key.split(':')[0];
        const keyed = orgInKey(key);
        const handler = keyed ?? (e.fromState === 'dispatched' || e.fromState === 'handling' ? lead : null);
        everOverdue = true;
        add(e.at, 'overdue', handler);
        add(e.at, 'supervised', lead);
        if (pendingSign.has(key)) {
          const unit = pendingSign.get(key) ?? null;
          pendingSign.delete(key);
          add(e.at, 'signDue', unit);
        }
        if (kind === 'reply' && replyPending) {
          replyPending = false;
          add(e.at, 'replyDue', lead);
        }
        break;
      }
      case 'supervise':
        add(e.at, 'supervised', lead);
        break;
      case 'callback':
      case 'rate': {
        if (!replyAwaitingAssessment) break;
        replyAwaitingAssessment = false;
        const rating = String(d.rating ?? '');
        add(e.at, 'settled', lastReplyOrg);
        add(e.at, 'rated', lastReplyOrg);
        if (rating === 'satisfied' || rating === 'basically_satisfied') add(e.at, 'satisfied', lastReplyOrg);
        if (rating !== 'unsatisfied') add(e.at, 'resolved', lastReplyOrg);
        if (rating === 'unsatisfied') {
          add(e.at, 'reopened', lastReplyOrg);
          replyPending = true;
        }
        break;
      }
      case 'grantAppeal':
        add(e.at, 'reopened', lastReplyOrg);
        replyPending = true;
        break;
      default:
        break;
    }
    if (REPLY_TYPES.has(e.type)) {
      const onTheSpot = e.type === 'closeOnTheSpot';
      if (replyPending || onTheSpot) {
        add(e.at, 'replyDue', e.orgId);
        add(e.at, 'replyOnTime', e.orgId);
        replyPending = false;
      }
      add(e.at, 'replies', e.orgId);
      lastReplyOrg = e.orgId;
      replyAwaitingAssessment = !onTheSpot;
      if (onTheSpot) {
        // Answered at intake: nothing to call back, resolved there and then.
        add(e.at, 'settled', e.orgId);
        add(e.at, 'resolved', e.orgId);
      }
    }
    if (CLOSE_TYPES.has(e.type)) {
      const handler = lead ?? lastReplyOrg;
      if (e.type === 'close' && replyAwaitingAssessment) {
        // Closed because the callback window passed without a rating: counts as resolved, not as rated.
        replyAwaitingAssessment = false;
        add(e.at, 'settled', lastReplyOrg);
        add(e.at, 'resolved', lastReplyOrg);
      }
      add(e.at, 'closed', handler);
      if (!everOverdue) add(e.at, 'closedOnTime', handler);
    }
  }
  return { rows: [...table.values()], links: [...links.values()] };
}

/** Sums rows of many cases into one row per unit and month. */
export function sumFacts(rows: readonly UnitMonthFacts[]): UnitMonthFacts[] {
  const table = new Map<string, UnitMonthFacts>();
  for (const row of rows) {
    const id = `${row.unitId}|${row.month}`;
    const current = table.get(id);
    table.set(id, { unitId: row.unitId, month: row.month, facts: addFacts(current?.facts ?? emptyFacts(), row.facts) });
  }
  return [...table.values()];
}
