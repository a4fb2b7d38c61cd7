// Test support: drives one case through the real state machine and returns its timeline as the assessment
// reads it, with organisations as numeric ids (as the case service stores them).
import { chinaTime } from '../calendar/index.js';
import { applyCaseAction } from '../case/apply-action.js';
import { openCase } from '../case/open-case.js';
import { ctxAt } from '../case/test-support.js';
import type { Actor, Case, CaseAction, CaseLevel, OrgLevel, TimelineEvent } from '../case/types.js';
import type { AssessmentEvent, CaseHistory } from './facts.js';

export interface StoryPlace {
  county: number;
  town: number;
  village: number;
  grid: number;
}

export const at = (day: string, time: string) => chinaTime(day, time);

export const staff = (orgId: number, orgLevel: OrgLevel): Actor => ({
  kind: 'user',
  userId: `u${orgId}`,
  role: 'staff',
  orgId: String(orgId),
  orgLevel,
});
export const citizen: Actor = { kind: 'citizen', citizenId: 'c1' };
export const system: Actor = { kind: 'system' };

export class Story {
  c: Case;
  readonly events: TimelineEvent[] = [];
  constructor(
    readonly place: StoryPlace,
    id: string,
    when: Date,
    intakeLevel: CaseLevel,
  ) {
    const route = {
      grid: String(place.grid),
      village: String(place.village),
      town: String(place.town),
      county: String(place.county),
    };
    const opened = openCase(
      {
        id,
        categoryId: 'road',
        urgency: 'normal',
        source: 'citizen_app',
        reporter: { kind: 'citizen', citizenId: 'c1' },
        route,
        intakeLevel,
      },
      citizen,
      ctxAt(when),
    );
    if (!opened.ok) throw new Error(opened.error.message);
    this.c = opened.value.case;
    this.events.push(...opened.value.events);
  }

  act(when: Date, actor: Actor, action: CaseAction): this {
    const result = applyCaseAction(this.c, action, actor, ctxAt(when));
    if (!result.ok) throw new Error(`${action.type} in ${this.c.state}: ${result.error.code}`);
    this.c = result.value.case;
    this.events.push(...result.value.events);
    return this;
  }

  /** The system escalates a clock one minute after it ran out. */
  overdue(key: string): this {
    const d = this.c.deadlines.find((x) => x.key === key);
    if (!d) throw new Error(`no clock ${key}`);
    return this.act(new Date(d.dueAt.getTime() + 60_000), system, { type: 'escalateOverdue', deadlineKey: key });
  }

  /** Closes the case once its callback window has passed without a rating. */
  closeAfterCallbackWindow(): this {
    const callback = this.c.deadlines.find((d) => d.kind === 'callback');
    if (!callback) throw new Error('no callback clock');
    return this.act(new Date(callback.dueAt.getTime() + 60_000), system, { type: 'close' });
  }

  assessmentEvents(): AssessmentEvent[] {
    return this.events.map((e) => ({
      at: e.at,
      type: e.type,
      orgId: e.orgId === undefined ? null : Number(e.orgId),
      fromState: e.fromState ?? null,
      toState: e.toState,
      details: e.details,
    }));
  }

  history(caseId: number): CaseHistory {
    return {
      caseId,
      townId: this.place.town,
      villageId: this.place.village,
      gridId: this.place.grid,
      events: this.assessmentEvents(),
    };
  }
}

/** The hand-computed scenario of the tests (README "督导考核" walks through it). */
export function scenario(
  p: StoryPlace,
  depts: { a: number; b: number; c: number },
  ids: string[] = ['1', '2', '3', '4'],
) {
  const town = staff(p.town, 'town');
  const grid = staff(p.grid, 'grid');
  const deptA = staff(depts.a, 'department');
  const deptC = staff(depts.c, 'department');
  const [id1 = '1', id2 = '2', id3 = '3', id4 = '4'] = ids;
  /**
   * Case 1 spans March and April and is reopened: the town accepts and dispatches it on 30 March to A (lead)
   * and B (assisting); A signs, B lets its sign-for clock run out; A replies on 1 April, the callback is
   * unsatisfied (重办), A replies again, the second callback is satisfied and the town closes it.
   */
  const case1 = () =>
    new Story(p, id1, at('2026-03-30', '09:00'), 'town')
      .act(at('2026-03-30', '09:30'), town, { type: 'accept' })
      .act(at('2026-03-30', '10:00'), town, {
        type: 'dispatch',
        leadOrgId: String(depts.a),
        assistingOrgIds: [String(depts.b)],
      })
      .act(at('2026-03-30', '10:30'), deptA, { type: 'signFor' })
      .overdue(`sign_for:${depts.b}`)
      .act(at('2026-04-01', '10:00'), deptA, { type: 'reply', content: '已修复' })
      .act(at('2026-04-02', '10:00'), town, { type: 'callback', rating: 'unsatisfied' })
      .act(at('2026-04-03', '10:00'), deptA, { type: 'reply', content: '已彻底修复' })
      .act(at('2026-04-07', '10:00'), town, { type: 'callback', rating: 'satisfied' })
      .act(at('2026-04-07', '10:30'), town, { type: 'close' });
  /** Case 2: a duplicate of case 1, accepted in March and merged into case 1 in April: it counts for nothing. */
  const case2 = () =>
    new Story(p, id2, at('2026-03-31', '09:00'), 'town')
      .act(at('2026-03-31', '09:10'), town, { type: 'accept' })
      .act(at('2026-04-01', '09:00'), town, { type: 'merge', mainCaseId: id1 });
  /**
   * Case 3, all in April: dispatched to C, which returns it (退单); re-dispatched to A, signed, replied; nobody
   * rates it, so the system closes it when the callback window has passed (resolved, not rated; on time).
   */
  const case3 = () =>
    new Story(p, id3, at('2026-04-13', '09:00'), 'town')
      .act(at('2026-04-13', '09:05'), town, { type: 'accept' })
      .act(at('2026-04-13', '09:10'), town, { type: 'dispatch', leadOrgId: String(depts.c) })
      .act(at('2026-04-13', '09:20'), deptC, { type: 'returnCase', reason: '不属于本单位职责' })
      .act(at('2026-04-13', '09:30'), town, { type: 'dispatch', leadOrgId: String(depts.a) })
      .act(at('2026-04-13', '09:40'), deptA, { type: 'signFor' })
      .act(at('2026-04-14', '10:00'), deptA, { type: 'reply', content: '已处理' })
      .closeAfterCallbackWindow();
  /** Case 4, April: the grid solves it (网格办小事) and the reporter rates it basically satisfied. */
  const case4 = () =>
    new Story(p, id4, at('2026-04-20', '09:00'), 'grid')
      .act(at('2026-04-20', '09:30'), grid, { type: 'accept' })
      .act(at('2026-04-20', '11:00'), grid, { type: 'handleAtGrid', notes: '已清理' })
      .act(at('2026-04-20', '15:00'), citizen, { type: 'rate', rating: 'basically_satisfied' })
      .act(at('2026-04-20', '16:00'), town, { type: 'close' });
  return { case1, case2, case3, case4 };
}
