// 预警 (issue 19): what crosses its threshold is notified to the town platforms of its cases and the county platform
// — once, not on every pass. Two kinds:
// - group risks of the last week (分析研判's clusters of similar cases close in place raised by several reporters):
//   a warning's key is the cluster's earliest case, so the same cluster growing is not sent again;
// - spikes (分析研判's hotspots: a grid or a topic whose volume in the last 24 hours is abnormal against the same
//   weekday of the previous weeks): the window rolls with every pass, so a spike is sent once per window — a
//   grid or topic already warned of within the window's length is not warned of again (its key is
//   `spike:<county>:<grid|topic>:<id>:<window start>`, checked under an advisory lock so that processes agree).
// Every warning is a row of intelligence_warnings with its cases (read back by the command centre's panel).
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { HOTSPOT_PERIODS, type HotspotPeriod } from '../../domain/analysis/hotspot-windows.js';
import type { AnalysisService } from '../analysis/analysis-service.js';
import type { Principal } from '../auth/principal.js';

export type WarningKind = 'group_risk' | 'spike';

interface WarningDeps {
  db: Kysely<DB>;
  analysis: AnalysisService;
  clock: Clock;
}

interface CountyPlatform {
  id: number;
  path: string;
  county_code: string;
}

async function countyPlatforms(db: Kysely<DB>): Promise<CountyPlatform[]> {
  return db
    .selectFrom('orgs')
    .select(['id', 'path', 'county_code'])
    .where('kind', '=', 'county')
    .where('active', '=', true)
    .execute();
}

/** The county platform's view (the analysis reads the county's subtree). */
function countyPrincipal(county: CountyPlatform): Principal {
  return {
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
}

/**
 * Records a warning and notifies the county and the towns of its cases, in the caller's transaction. False when
 * a warning of that key exists (sent before).
 */
async function recordWarning(
  trx: Transaction<DB>,
  county: CountyPlatform,
  warning: { key: string; kind: WarningKind; title: string; caseIds: number[]; link: string; now: Date },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('intelligence_warnings')
    .values({
      key: warning.key,
      county_code: county.county_code,
      kind: warning.kind,
      title: warning.title,
      case_ids: warning.caseIds,
      created_at: warning.now,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!inserted) return false;
  const towns = await trx
    .selectFrom('cases')
    .select('town_id')
    .distinct()
    .where('id', 'in', warning.caseIds)
    .where('town_id', 'is not', null)
    .execute();
  const orgIds = [county.id, ...towns.map((t) => t.town_id as number)];
  await trx
    .insertInto('notifications')
    .values(
      orgIds.map((orgId) => ({
        org_id: orgId,
        user_id: null,
        case_id: warning.caseIds[0] as number,
        kind: 'early_warning',
        title: warning.title,
        created_at: warning.now,
        link: warning.link,
      })),
    )
    .execute();
  return true;
}

export async function sendGroupRiskWarnings(
  deps: WarningDeps,
  options: { days?: number; minReporters?: number } = {},
): Promise<number> {
  let sent = 0;
  for (const county of await countyPlatforms(deps.db)) {
    const risks = await deps.analysis.groupRisks(countyPrincipal(county), {
      orgId: county.id,
      days: options.days ?? 7,
      minReporters: options.minReporters ?? 3,
    });
    for (const item of risks.items) {
      const caseIds = item.cases.map((c) => Number(c.id)).sort((a, b) => a - b);
      if (caseIds.length === 0) continue;
      const title = `群体性风险预警：${item.place ? `${item.place} ` : ''}${item.title}（${item.reporters} 人反映，${item.caseCount} 件）`;
      const now = deps.clock.now();
      const done = await deps.db.transaction().execute((trx) =>
        recordWarning(trx, county, {
          key: `group:${caseIds[0]}`,
          kind: 'group_risk',
          title,
          caseIds,
          link: '/analysis?tab=group-risks',
          now,
        }),
      );
      if (done) sent++;
    }
  }
  return sent;
}

/** The abnormal grids and topics of the window (分析研判's hotspots), each notified once per window. */
export async function sendSpikeWarnings(deps: WarningDeps, options: { period?: HotspotPeriod } = {}): Promise<number> {
  const period = options.period ?? 'day';
  const windowMs = HOTSPOT_PERIODS[period].windowMs;
  let sent = 0;
  for (const county of await countyPlatforms(deps.db)) {
    const spots = await deps.analysis.hotspots(countyPrincipal(county), { period, orgId: county.id });
    const spikes = [
      ...spots.grids.map((g) => ({
        ...g,
        subject: `grid:${g.id}`,
        name: `${g.townName ?? ''}${g.villageName ?? ''}${g.name}`,
      })),
      ...spots.topics.map((t) => ({ ...t, subject: `topic:${t.id}`, name: `「${t.name}」类诉求` })),
    ].filter((s) => s.abnormal && s.cases.length > 0);
    for (const spike of spikes) {
      const caseIds = spike.cases.map((c) => Number(c.id)).sort((a, b) => a - b);
      const title = `突增预警：${spike.name}${spots.description.split('，')[0]} ${spike.current} 件（常态约 ${spike.expected} 件）`;
      const now = deps.clock.now();
      const done = await deps.db.transaction().execute(async (trx) => {
        const subject = `spike:${county.county_code}:${spike.subject}`;
        await sql`SELECT pg_advisory_xact_lock(hashtext(${subject}))`.execute(trx);
        const recent = await trx
          .selectFrom('intelligence_warnings')
          .select('key')
          .where('county_code', '=', county.county_code)
          .where('key', 'like', `${subject}:%`)
          .where('created_at', '>', new Date(now.getTime() - windowMs))
          .executeTakeFirst();
        if (recent) return false;
        return recordWarning(trx, county, {
          key: `${subject}:${spots.windowStart}`,
          kind: 'spike',
          title,
          caseIds,
          link: '/analysis?tab=hotspots',
          now,
        });
      });
      if (done) sent++;
    }
  }
  return sent;
}
