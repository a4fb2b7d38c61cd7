// The county's 智能派单 setting (off by default) and the figures the administrator chooses the threshold with.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface IntelligenceSettings {
  countyCode: string;
  autoDispatch: boolean;
  threshold: number;
  updatedAt: string | null;
}

export const DEFAULT_THRESHOLD = 0.9;

export async function readSettings(db: Kysely<DB>, countyCode: string): Promise<IntelligenceSettings> {
  const row = await db
    .selectFrom('intelligence_settings')
    .selectAll()
    .where('county_code', '=', countyCode)
    .executeTakeFirst();
  return {
    countyCode,
    autoDispatch: row?.auto_dispatch ?? false,
    threshold: row?.threshold ?? DEFAULT_THRESHOLD,
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
  };
}
