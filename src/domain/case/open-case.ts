// A new case enters at the level that received it (a grid's QR code, a village desk, the county's 12345
// intake …), owned by that level's organisation, with the acceptance clock running.
import { err, ok, type Result } from '../result.js';
import { deadlineChanges, startClock } from './clocks.js';
import type { CaseContext } from './context.js';
import { type DomainError, invalid } from './errors.js';
import { timelineEvent } from './transition.js';
import type { Actor, Case, CaseLevel, CaseOutcome, CaseRoute, CaseSource, Reporter, Urgency } from './types.js';

export interface OpenCaseInput {
  readonly id: string;
  readonly categoryId: string;
  readonly urgency: Urgency;
  readonly source: CaseSource;
  readonly reporter: Reporter;
  readonly route: CaseRoute;
  /** The level that received the case. */
  readonly intakeLevel: CaseLevel;
  /**
   * Opens the case at 核实 with its grid (machine-detected events): the grid's worker confirms it or
   * dismisses it as a false alarm before anyone accepts it.
   */
  readonly verifyFirst?: boolean;
}

export function openCase(input: OpenCaseInput, actor: Actor, ctx: CaseContext): Result<CaseOutcome, DomainError> {
  if (input.id.trim() === '') return err(invalid('id', '案件编号不能为空'));
  if (input.categoryId.trim() === '') return err(invalid('categoryId', '事项分类不能为空'));
  const ownerOrgId = input.route[input.intakeLevel];
  if (ownerOrgId === undefined || ownerOrgId.trim() === '') {
    return err(invalid('route', `案件路由缺少${input.intakeLevel}层级的组织`));
  }
  const blank: Case = {
    id: input.id,
    version: 1,
    state: 'submitted',
    categoryId: input.categoryId,
    urgency: input.urgency,
    source: input.source,
    reporter: input.reporter,
    route: input.route,
    level: input.intakeLevel,
    ownerOrgId,
    openedAt: ctx.now,
    updatedAt: ctx.now,
    extensions: [],
    whistles: [],
    urgeCount: 0,
    mergedCaseIds: [],
    reopenCount: 0,
    returnCount: 0,
    deadlines: [],
  };
  let opened: Case;
  if (input.verifyFirst) {
    const gridOrgId = input.route.grid;
    if (gridOrgId === undefined || gridOrgId.trim() === '') {
      return err(invalid('route.grid', '案件未定位到网格，无法交网格员核实'));
    }
    const verification = { gridOrgId, requestedByOrgId: ownerOrgId, requestedAt: ctx.now, onIntake: true };
    opened = startClock({ ...blank, state: 'verifying', ownerOrgId: gridOrgId, verification }, ctx, 'verify');
  } else {
    opened = startClock(blank, ctx, 'accept');
  }
  const event = timelineEvent(opened, 'opened', actor, undefined, {
    source: input.source,
    categoryId: input.categoryId,
    urgency: input.urgency,
    intakeLevel: input.intakeLevel,
    ...(input.verifyFirst ? { verifyFirst: true } : {}),
  });
  return ok({ case: opened, events: [event], deadlines: deadlineChanges(blank, opened) });
}
