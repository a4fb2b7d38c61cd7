// Where a party organisation may sit: which level under which, and that each is tied to the right place of the
// organisation tree — a 党总支 to a village of its 党(工)委's town, a 网格党支部 to a grid of its 党总支's
// village, a 楼院党小组 to buildings of its branch's grid, a 党员中心户 to a household of that same grid (and
// the households it keeps in touch with from that grid too). Pure: the caller loads the rows.
import { err, ok, type Result } from '../result.js';
import { type PartyDomainError, partyError } from './errors.js';
import {
  type HouseholdRef,
  PARENT_LEVELS,
  PARTY_LEVEL_LABELS,
  type PartyLevel,
  type PartyOrgRef,
  type PlaceRef,
} from './types.js';

export interface PartyOrgCandidate {
  readonly level: PartyLevel;
  readonly parent: PartyOrgRef | null;
  /** the town, village or grid it is tied to (below a branch: the branch's grid) */
  readonly place: PlaceRef;
  readonly buildings?: readonly string[];
  readonly household?: HouseholdRef | null;
  readonly linkedHouseholds?: readonly HouseholdRef[];
}

/** Where the new organisation sits: the town, village and grid it carries. */
export interface PartyPlacement {
  readonly townId: number;
  readonly villageId: number | null;
  readonly gridId: number | null;
}

const PLACE_KIND: Record<PartyLevel, PlaceRef['kind']> = {
  town_committee: 'town',
  village_committee: 'village',
  grid_branch: 'grid',
  building_group: 'grid',
  member_household: 'grid',
};

const PLACE_LABEL: Record<PlaceRef['kind'], string> = { town: '镇街', village: '村社区', grid: '网格' };

function levelUnder(level: PartyLevel, parent: PartyOrgRef | null): PartyDomainError | null {
  const allowed = PARENT_LEVELS[level];
  if (allowed.length === 0) {
    return parent
      ? partyError('PARTY_LEVEL_MISPLACED', `${PARTY_LEVEL_LABELS[level]}是最上一级，不能设在其他党组织之下`, {
          level,
        })
      : null;
  }
  if (!parent || !allowed.includes(parent.level)) {
    return partyError(
      'PARTY_LEVEL_MISPLACED',
      `${PARTY_LEVEL_LABELS[level]}只能设在${allowed.map((l) => PARTY_LEVEL_LABELS[l]).join('或')}之下`,
      { level, parentLevel: parent?.level ?? null, allowed },
    );
  }
  return null;
}

function placeFits(c: PartyOrgCandidate): PartyDomainError | null {
  const { level, parent, place } = c;
  const want = PLACE_KIND[level];
  if (place.kind !== want) {
    return partyError('PARTY_PLACE_MISMATCH', `${PARTY_LEVEL_LABELS[level]}须对应一个${PLACE_LABEL[want]}`, {
      level,
      placeKind: place.kind,
    });
  }
  if (!parent) return null;
  if (level === 'village_committee' && place.townId !== parent.townId) {
    return partyError('PARTY_PLACE_MISMATCH', '村社区党总支须设在本镇街党(工)委所辖的村社区', {
      villageId: place.id,
    });
  }
  if (level === 'grid_branch' && place.villageId !== parent.villageId) {
    return partyError('PARTY_PLACE_MISMATCH', '网格党支部须设在本村社区党总支所在村社区的网格', {
      gridId: place.id,
    });
  }
  if ((level === 'building_group' || level === 'member_household') && place.gridId !== parent.gridId) {
    return partyError('PARTY_PLACE_MISMATCH', `${PARTY_LEVEL_LABELS[level]}须与上级党组织在同一网格`, {
      gridId: place.id,
    });
  }
  return null;
}

function householdsFit(c: PartyOrgCandidate): PartyDomainError | null {
  const own = c.household ? [c.household] : [];
  const linked = c.linkedHouseholds ?? [];
  if (c.level !== 'member_household') {
    return own.length + linked.length > 0
      ? partyError('PARTY_HOUSEHOLD_MISMATCH', '只有党员中心户可以联系住户', { level: c.level })
      : null;
  }
  const stray = [...own, ...linked].filter((h) => h.gridId !== c.place.gridId);
  return stray.length > 0
    ? partyError('PARTY_HOUSEHOLD_MISMATCH', '党员中心户及其联系的住户须在同一网格', {
        householdIds: stray.map((h) => h.id),
      })
    : null;
}

/** Whether the candidate may be placed there; on success the town, village and grid it carries. */
export function placePartyOrg(c: PartyOrgCandidate): Result<PartyPlacement, PartyDomainError> {
  const refusal = levelUnder(c.level, c.parent) ?? placeFits(c) ?? householdsFit(c);
  if (refusal) return err(refusal);
  if (c.level === 'building_group' && (c.buildings ?? []).filter((b) => b.trim()).length === 0) {
    return err(partyError('PARTY_BUILDINGS_REQUIRED', '楼院党小组须列出所联系的楼栋', {}));
  }
  return ok({ townId: c.place.townId, villageId: c.place.villageId, gridId: c.place.gridId });
}

/** A term (任期) from `start` to `end`, both 'YYYY-MM-DD': the end after the start. */
export function checkTerm(start: string, end: string, strict: boolean): Result<true, PartyDomainError> {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(start) && /^\d{4}-\d{2}-\d{2}$/.test(end);
  if (!valid || end < start || (strict && end === start)) {
    return err(partyError('PARTY_TERM_INVALID', '任期结束日期须晚于开始日期', { termStart: start, termEnd: end }));
  }
  return ok(true);
}

/** Current, not yet begun, or expired on `today`. */
export function termStatus(start: string, end: string, today: string): 'upcoming' | 'current' | 'expired' {
  if (today < start) return 'upcoming';
  return today > end ? 'expired' : 'current';
}
