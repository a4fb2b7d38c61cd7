// The levels of the party organisation along the grid (镇街党(工)委 → 村社区党总支 → 网格（小区）党支部 →
// 楼院党小组 → 党员中心户) and what each is tied to in the organisation tree.

export const PARTY_LEVELS = [
  'town_committee',
  'village_committee',
  'grid_branch',
  'building_group',
  'member_household',
] as const;
export type PartyLevel = (typeof PARTY_LEVELS)[number];

export const PARTY_LEVEL_LABELS: Record<PartyLevel, string> = {
  town_committee: '镇街党(工)委',
  village_committee: '村社区党总支',
  grid_branch: '网格（小区）党支部',
  building_group: '楼院党小组',
  member_household: '党员中心户',
};

/** Which level each level sits under (a 党员中心户 under its 楼院党小组, or its branch where the grid has none). */
export const PARENT_LEVELS: Record<PartyLevel, readonly PartyLevel[]> = {
  town_committee: [],
  village_committee: ['town_committee'],
  grid_branch: ['village_committee'],
  building_group: ['grid_branch'],
  member_household: ['building_group', 'grid_branch'],
};

export const MEMBER_DUTIES = ['书记', '副书记', '委员', '组长', '党员'] as const;
export type MemberDuty = (typeof MEMBER_DUTIES)[number];

/** A place of the organisation tree as the rules see it. */
export interface PlaceRef {
  readonly kind: 'town' | 'village' | 'grid';
  readonly id: number;
  readonly townId: number;
  readonly villageId: number | null;
  readonly gridId: number | null;
}

/** A party organisation already in place (the parent of a new one). */
export interface PartyOrgRef {
  readonly level: PartyLevel;
  readonly townId: number;
  readonly villageId: number | null;
  readonly gridId: number | null;
}

/** A household record of the grid base data (its grid decides where it may be linked). */
export interface HouseholdRef {
  readonly id: number;
  readonly gridId: number;
}
