// 预警 on the command centre (issue 19): the recent warnings a principal may see — those with at least one case
// in its subtree (or in an area of it, when the command centre has drilled down), each with the cases of it the
// principal sees. A town does not see the other towns' warnings; the county sees them all.
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { casesInSubtree, casesVisibleTo } from '../cases/case-scope.js';
import { subtreeIds } from '../orgs/org-service.js';

export interface WarningView {
  key: string;
  kind: string;
  title: string;
  createdAt: string;
  /** All the cases behind the warning. */
  caseCount: number;
  /** Those the reader sees (in the area asked for), newest first, with their numbers for links. */
  cases: { id: number; number: string; title: string }[];
}

export interface ListWarningsOptions {
  /** An area of the reader's subtree (the command centre's drill-down); 404 outside. */
  orgId?: number;
  days?: number;
  limit?: number;
}

export async function listWarnings(
  deps: { db: Kysely<DB>; now: Date },
  principal: Principal,
  options: ListWarningsOptions = {},
): Promise<{ items: WarningView[] }> {
  if (!principal.countyCode || !principal.scopePath) return { items: [] };
  let inArea = casesVisibleTo(principal);
  if (options.orgId) {
    const org = await deps.db
      .selectFrom('orgs')
      .select(['id', 'kind', 'path', 'county_code'])
      .where('id', '=', options.orgId)
      .executeTakeFirst();
    if (!org?.path.startsWith(principal.scopePath)) throw new AppError('ORG_NOT_FOUND');
    const ids = (await subtreeIds(deps.db, org.path).execute()).map((o) => o.id);
    inArea = casesInSubtree({ rootId: org.id, kind: org.kind, path: org.path, countyCode: org.county_code, ids });
  }
  const since = new Date(deps.now.getTime() - (options.days ?? 30) * 86_400_000);
  const warnings = await deps.db
    .selectFrom('intelligence_warnings')
    .select(['key', 'kind', 'title', 'case_ids', 'created_at'])
    .where('county_code', '=', principal.countyCode)
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .orderBy('key')
    .limit(200)
    .execute();
  const allIds = [...new Set(warnings.flatMap((w) => w.case_ids.map(Number)))];
  const seen = allIds.length
    ? await deps.db
        .selectFrom('cases')
        .select(['cases.id', 'cases.number', 'cases.title'])
        .where('cases.id', 'in', allIds)
        .where(casesVisibleTo(principal))
        .where(inArea)
        .execute()
    : [];
  const byId = new Map(seen.map((c) => [Number(c.id), { id: Number(c.id), number: c.number, title: c.title }]));
  const items: WarningView[] = [];
  for (const w of warnings) {
    const cases = w.case_ids
      .map(Number)
      .sort((a, b) => b - a)
      .flatMap((id) => byId.get(id) ?? []);
    if (cases.length === 0) continue;
    items.push({
      key: w.key,
      kind: w.kind,
      title: w.title,
      createdAt: new Date(w.created_at).toISOString(),
      caseCount: w.case_ids.length,
      cases,
    });
    if (items.length >= (options.limit ?? 20)) break;
  }
  return { items };
}
