// Convenience services (便民服务事项): the values the rules speak of — stations of a town (便民服务中心) or a village
// (代办点), items of the county's list with where they can be handled and whether a 代办点 may take them in for the
// resident (代办), chains of items done together (一链办理), and applications (办件) with their results.

/** The levels whose stations can handle an item themselves (县级 items are taken in by 代办 only). */
export const SERVICE_LEVELS = ['county', 'town', 'village'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

/** 便民服务中心 (a town's or street's) and 代办点 (a village's or community's). */
export const STATION_KINDS = ['centre', 'agency'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

export const ITEM_KINDS = ['single', 'chain'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Handled at the station (受理办理), or taken in and relayed to the competent department (代办). */
export const APPLICATION_MODES = ['handled', 'relayed'] as const;
export type ApplicationMode = (typeof APPLICATION_MODES)[number];

export const APPLICATION_STATES = ['in_progress', 'done', 'refused', 'transferred'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** 办结 / 不予受理 / 转办. */
export const APPLICATION_RESULTS = ['done', 'refused', 'transferred'] as const;
export type ApplicationResult = (typeof APPLICATION_RESULTS)[number];

export const MAX_LEGAL_LIMIT_DAYS = 365;
export const MAX_CHAIN_STEPS = 8;

/** An item as the rules see it (a template item or a station's copy). */
export interface ServiceItemFields {
  readonly kind: ItemKind;
  readonly category: string;
  readonly name: string;
  readonly department: string;
  readonly materials: readonly string[];
  /** Working days on the work calendar (法定办结时限). */
  readonly legalLimitDays: number;
  readonly levels: readonly ServiceLevel[];
  /** 可代办: a station that cannot handle it may take it in and relay it. */
  readonly agent: boolean;
  /** A chain's steps: the ids of the items done together, in order (empty for a single item). */
  readonly chainItemIds: readonly number[];
}

export interface ServiceItemRef extends ServiceItemFields {
  readonly id: number;
  readonly active: boolean;
}

export interface ServiceRuleError {
  readonly code:
    | 'SERVICE_ITEM_INVALID'
    | 'SERVICE_NOT_ADOPTABLE'
    | 'SERVICE_MODE_NOT_ALLOWED'
    | 'SERVICE_APPLICATION_ENDED'
    | 'SERVICE_MATERIALS_MISSING';
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export function serviceError(
  code: ServiceRuleError['code'],
  message: string,
  details: Record<string, unknown> = {},
): ServiceRuleError {
  return { code, message, details };
}
