// How an actor stands to a case, decided from the case's route and assignments alone (no org tree needed):
// its owner, the platform at a level of its route, its dispatcher, a dispatched or summoned unit, its reporter.
import { type Actor, CASE_LEVELS, type Case, type CaseLevel } from './types.js';

type Staff = Extract<Actor, { kind: 'user' }>;

export function isStaff(actor: Actor): actor is Staff {
  return actor.kind === 'user';
}

export function isSystem(actor: Actor): boolean {
  return actor.kind === 'system';
}

export function levelRank(level: CaseLevel): number {
  return CASE_LEVELS.indexOf(level);
}

export function levelAbove(level: CaseLevel): CaseLevel | undefined {
  return CASE_LEVELS[levelRank(level) + 1];
}

export function higherLevel(a: CaseLevel, b: CaseLevel): CaseLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}

export function actsFor(actor: Actor, orgId: string | undefined): boolean {
  return isStaff(actor) && orgId !== undefined && actor.orgId === orgId;
}

export function isOwner(c: Case, actor: Actor): boolean {
  return actsFor(actor, c.ownerOrgId);
}

/** The route level at which the actor's organisation is the platform, if any. */
export function platformLevelOf(c: Case, actor: Actor): CaseLevel | undefined {
  if (!isStaff(actor)) return undefined;
  return [...CASE_LEVELS].reverse().find((level) => c.route[level] === actor.orgId);
}

/**
 * A platform at or above the case's level (never the grid): the one that calls back, closes, reviews
 * appeals. A grid-level case is overseen from its village upwards.
 */
export function isOverseeingPlatform(c: Case, actor: Actor): boolean {
  const level = platformLevelOf(c, actor);
  return level !== undefined && level !== 'grid' && levelRank(level) >= levelRank(c.level);
}

/** The platform that answers for the case at its level: the case's own level, or its village for a grid case. */
export function responsiblePlatform(c: Case): { level: CaseLevel; orgId: string } {
  const level = c.level === 'grid' ? 'village' : c.level;
  return { level, orgId: c.route[level] ?? c.route.county };
}

export function isDispatcher(c: Case, actor: Actor): boolean {
  return actsFor(actor, c.dispatch?.byOrgId);
}

export function isLeadUnit(c: Case, actor: Actor): boolean {
  return actsFor(actor, c.dispatch?.lead.orgId);
}

export function isAssistingUnit(c: Case, actor: Actor): boolean {
  return isStaff(actor) && (c.dispatch?.assisting.some((unit) => unit.orgId === actor.orgId) ?? false);
}

export function isSummonedUnit(c: Case, actor: Actor): boolean {
  return isStaff(actor) && c.whistles.some((w) => w.summons.some((s) => s.orgId === actor.orgId));
}

export function isReporter(c: Case, actor: Actor): boolean {
  return actor.kind === 'citizen' && c.reporter.kind === 'citizen' && c.reporter.citizenId === actor.citizenId;
}
