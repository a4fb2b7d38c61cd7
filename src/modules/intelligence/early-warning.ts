// 预警 (issue 19): the group risks of the last week (分析研判's clusters of similar cases close in place raised by
// several reporters) that cross their threshold are notified to the town platforms of their cases and the county
// platform — once: a warning's key is the cluster's earliest case, kept on intelligence_warnings, so the same
// cluster growing is not sent again on the next pass.
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { AnalysisService } from '../analysis/analysis-service.js';
import type { Principal } from '../auth/principal.js';

export async function sendGroupRiskWarnings(
  deps: { db: Kysely<DB>; analysis: AnalysisService; clock: Clock },
  options: { days?: number; minReporters?: number } = {},
): Promise<number> {
  const counties = await deps.db
    .selectFrom('orgs')
    .select(['id', 'kind', 'path', 'county_code'])
    .where('kind', '=', 'county')
    .where('active', '=', true)
    .execute();
  let sent = 0;
  for (const county of counties) {
    // The county platform's view (the analysis reads the county's subtree).
    const principal: Principal = {
      kind: 'user',
      userId: null,
      apiKeyId: null,
      role: 'leader',
      displayName: '预警',
      orgId: county.id,
      orgKind: 'county',
      scopePath: county.path,
      scopeOrgIds: [county.id],
      countyCode: county.county_code,
      permissions: new Set(),
    };
    const risks = await deps.analysis.groupRisks(principal, {
      orgId: county.id,
      days: options.days ?? 7,
      minReporters: options.minReporters ?? 3,
    });
    for (const item of risks.items) {
      const caseIds = item.cases.map((c) => Number(c.id)).sort((a, b) => a - b);
      if (caseIds.length === 0) continue;
      const key = `group:${caseIds[0]}`;
      const title = `群体性风险预警：${item.place ? `${item.place} ` : ''}${item.title}（${item.reporters} 人反映，${item.caseCount} 件）`;
      const now = deps.clock.now();
      const done = await deps.db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('intelligence_warnings')
          .values({
            key,
            county_code: county.county_code,
            kind: 'group_risk',
            title,
            case_ids: caseIds,
            created_at: now,
          })
          .onConflict((oc) => oc.column('key').doNothing())
          .returning('key')
          .executeTakeFirst();
        if (!inserted) return false;
        const towns = await trx
          .selectFrom('cases')
          .select('town_id')
          .distinct()
          .where('id', 'in', caseIds)
          .where('town_id', 'is not', null)
          .execute();
        const orgIds = [county.id, ...towns.map((t) => t.town_id as number)];
        await trx
          .insertInto('notifications')
          .values(
            orgIds.map((orgId) => ({
              org_id: orgId,
              user_id: null,
              case_id: caseIds[0] as number,
              kind: 'early_warning',
              title,
              created_at: now,
              link: '/analysis?tab=group-risks',
            })),
          )
          .execute();
        return true;
      });
      if (done) sent++;
    }
  }
  return sent;
}
