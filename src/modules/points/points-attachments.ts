// Evidence photos of the ledger are readable by whoever sees the record that names them: the staff of the
// entry's village (and the levels above), and the household itself for its own entries and objections.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { householdOfCitizen, inVillageScope } from './points-scope.js';

const TABLES = ['points_entries', 'points_requests', 'points_objections'] as const;

export function pointsAttachmentReferrer(db: Kysely<DB>) {
  return async (principal: Principal, attachmentId: string): Promise<boolean> => {
    const own = principal.role === 'citizen' ? await householdOfCitizen(db, principal).catch(() => null) : null;
    if (principal.role === 'citizen' && !own) return false;
    const ids = sql<string[]>`ARRAY[${attachmentId}]::text[]`;
    for (const table of TABLES) {
      const within = own
        ? sql<boolean>`${sql.ref(`${table}.household_id`)} = ${own.id}`
        : inVillageScope(principal, table);
      const { rows } = await sql`SELECT 1 FROM ${sql.table(table)} WHERE ${within}
        AND ${sql.ref(`${table}.attachment_ids`)} @> ${ids} LIMIT 1`.execute(db);
      if (rows.length > 0) return true;
    }
    return false;
  };
}
