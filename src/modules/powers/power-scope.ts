// What a principal sees of the small-power list: a village its own list and exercises, a town its villages',
// the county platform its county's; the county template is readable by every staff member of the county and
// kept by the county platform. One predicate for every table of the capability (each carries county_code and
// village_id); outside it a row does not exist (404, never 403).
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import { inStaffVillages, requireVillage, type VillageRef } from '../orgs/village-scope.js';

export type Db = Kysely<DB> | Transaction<DB>;

/** Rows of `table` (a table of the capability, or its alias) in the principal's villages. */
export const inPowerScope = inStaffVillages;

export { requireVillage, type VillageRef };

/** The county template is the county platform's to keep. */
export function requireCountyLevel(principal: Principal): void {
  if (!isCountyRoot(principal)) {
    throw new AppError('FORBIDDEN', { message: '小微权力清单的县级模板由县平台维护，村社区请在本村清单中调整' });
  }
}
