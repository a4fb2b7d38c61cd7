// 地址匹配 for cases (issue 19 §4): each queued case's address is matched to the most specific known place
// (src/domain/address) outside any transaction; the match — place, grid, point, confidence — is kept on
// case_locations and written on the case's timeline for the dispatcher (地址匹配：…).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { matchAddress } from '../../domain/address/index.js';
import type { Case, CaseContext } from '../../domain/case/index.js';
import { loadCase } from '../cases/act-on-case.js';
import { SYSTEM_ACTOR } from '../cases/case-actor.js';
import { writeTimelineNote } from './case-category.js';
import type { Gazetteer } from './gazetteer.js';

const KIND_LABELS: Record<string, string> = {
  building: '楼栋',
  road: '道路门牌',
  compound: '小区',
  poi: '场所',
  grid: '网格',
  village: '村（社区）',
  town: '镇街',
};

export async function locatePending(
  deps: { db: Kysely<DB>; gazetteer: Gazetteer; context: () => Promise<CaseContext>; onChanged?: (id: number) => void },
  limit = 50,
): Promise<number> {
  const pending = await deps.db
    .selectFrom('case_locations')
    .select(['case_id', 'county_code', 'address'])
    .where('status', '=', 'pending')
    .orderBy('case_id')
    .limit(limit)
    .execute();
  for (const row of pending) {
    const caseId = Number(row.case_id);
    const match = matchAddress(row.address, await deps.gazetteer.places(row.county_code));
    const gridName = match?.gridId
      ? (await deps.db.selectFrom('orgs').select('name').where('id', '=', match.gridId).executeTakeFirst())?.name
      : undefined;
    const ctx = await deps.context();
    const written = await deps.db.transaction().execute(async (trx) => {
      const taken = await trx
        .updateTable('case_locations')
        .set({
          status: match ? 'matched' : 'unmatched',
          place_key: match?.place.key ?? null,
          place_kind: match?.kind ?? null,
          place_name: match?.place.name ?? null,
          grid_id: match?.gridId ?? null,
          village_id: match?.villageId ?? null,
          town_id: match?.townId ?? null,
          lat: match?.lat ?? null,
          lng: match?.lng ?? null,
          confidence: match?.confidence ?? null,
          matched: JSON.stringify(match?.matched ?? []),
          updated_at: new Date(),
        })
        .where('case_id', '=', caseId)
        .where('status', '=', 'pending')
        .returning('case_id')
        .executeTakeFirst();
      if (!taken || !match) return false;
      const { c } = await loadCase(trx, caseId, null, true).catch(() => ({ c: null as Case | null }));
      if (!c) return false;
      await writeTimelineNote(trx, c, SYSTEM_ACTOR, null, ctx, {
        kind: 'address_match',
        note: `地址匹配：${match.place.name}（${KIND_LABELS[match.kind] ?? match.kind}）${gridName ? ` → ${gridName}` : ''}，置信度 ${Math.round(match.confidence * 100)}%`,
        location: {
          placeKey: match.place.key,
          kind: match.kind,
          gridId: match.gridId,
          lat: match.lat,
          lng: match.lng,
          confidence: match.confidence,
        },
      });
      return true;
    });
    if (written) deps.onChanged?.(caseId);
  }
  return pending.length;
}
