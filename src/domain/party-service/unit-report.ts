// The yearly 双报到 report of a unit: its in-service members registered (confirmed by the end of the year), the
// needs it or its members did in the year (recorded done within the year, rated or not), their hours, and the
// mean of the community's ratings of them. Pure, from the registrations and needs the caller read.
import type { NeedState, RegistrationState } from './types.js';

export interface ReportMember {
  unitName: string;
  state: RegistrationState;
  /** The day the registration was made (YYYY-MM-DD, China time). */
  registeredOn: string;
}

export interface ReportNeed {
  /** The unit credited: the claiming unit, or the claiming member's unit. */
  unitName: string | null;
  state: NeedState;
  /** The day it was recorded done (China time), null before. */
  doneOn: string | null;
  hours: number | null;
  rating: number | null;
}

export interface UnitYearFigures {
  unitName: string;
  members: number;
  needsDone: number;
  hours: number;
  rated: number;
  /** One decimal; null when none was rated. */
  averageRating: number | null;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

export function unitYearFigures(
  year: number,
  unitNames: readonly string[],
  members: readonly ReportMember[],
  needs: readonly ReportNeed[],
): UnitYearFigures[] {
  const yearEnd = `${year}-12-31`;
  const inYear = (day: string | null) => !!day && day.startsWith(`${year}-`);
  return unitNames.map((unitName) => {
    const memberCount = members.filter(
      (m) => m.unitName === unitName && m.state === 'confirmed' && m.registeredOn <= yearEnd,
    ).length;
    const done = needs.filter(
      (n) => n.unitName === unitName && (n.state === 'done' || n.state === 'rated') && inYear(n.doneOn),
    );
    const ratings = done.map((n) => n.rating).filter((r): r is number => r !== null);
    return {
      unitName,
      members: memberCount,
      needsDone: done.length,
      hours: round1(done.reduce((s, n) => s + (n.hours ?? 0), 0)),
      rated: ratings.length,
      averageRating: ratings.length > 0 ? round1(ratings.reduce((s, r) => s + r, 0) / ratings.length) : null,
    };
  });
}
