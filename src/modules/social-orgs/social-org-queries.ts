// Reading the registry: the list (with projects and open cases counted), and one organisation with its support,
// purchased-service projects (deliverables and their tasks' states), volunteer teams, the cases assigned to it
// through its account in the organisation tree, and its history.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  INCUBATION_STAGE_LABELS,
  type IncubationStage,
  SOCIAL_ORG_RATING_LABELS,
  SOCIAL_ORG_TYPE_LABELS,
  type SocialOrgRating,
  type SocialOrgType,
  SUPPORT_KIND_LABELS,
  type SupportKind,
} from '../../domain/social-org/index.js';
import type { Principal } from '../auth/principal.js';
import { can } from '../auth/principal.js';
import { historyOf } from '../record-history/index.js';
import { inSocialOrgScope } from './social-org-scope.js';
import { loadSocialOrg, SOCIAL_ORG_HISTORY_LABELS, type SocialOrgRow } from './social-org-store.js';
import type { SocialOrgDetail, SocialOrgListItem } from './social-org-views.js';

type Db = Kysely<DB> | Transaction<DB>;

const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);

function item(
  r: SocialOrgRow & { owner_name: string; org_name: string | null; projects: unknown; open_cases: unknown },
): SocialOrgListItem {
  return {
    id: r.id,
    name: r.name,
    type: r.type as SocialOrgType,
    typeLabel: SOCIAL_ORG_TYPE_LABELS[r.type as SocialOrgType],
    registrationNo: r.registration_no,
    field: r.field,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    rating: r.rating as SocialOrgRating,
    ratingLabel: SOCIAL_ORG_RATING_LABELS[r.rating as SocialOrgRating],
    stage: r.stage as IncubationStage,
    stageLabel: INCUBATION_STAGE_LABELS[r.stage as IncubationStage],
    owner: { id: r.owner_org_id, name: r.owner_name },
    linkedOrg: r.org_id !== null ? { id: r.org_id, name: r.org_name ?? '' } : null,
    projectCount: Number(r.projects ?? 0),
    openCases: Number(r.open_cases ?? 0),
    version: r.version,
  };
}

function base(db: Db) {
  return db
    .selectFrom('social_orgs as s')
    .innerJoin('orgs as ow', 'ow.id', 's.owner_org_id')
    .leftJoin('orgs as o', 'o.id', 's.org_id')
    .selectAll('s')
    .select([
      'ow.name as owner_name',
      'o.name as org_name',
      (eb) =>
        eb
          .selectFrom('social_org_projects as p')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('p.social_org_id', '=', 's.id')
          .as('projects'),
      sql<number>`(SELECT count(*) FROM cases c WHERE s.org_id IS NOT NULL AND c.closed_at IS NULL AND c.unit_ids @> ARRAY[s.org_id]::int[])`.as(
        'open_cases',
      ),
    ]);
}

export async function listSocialOrgs(db: Db, principal: Principal, query: { stage?: string; q?: string }) {
  let q = base(db).where(inSocialOrgScope(principal, 's'));
  if (query.stage) q = q.where('s.stage', '=', query.stage);
  if (query.q?.trim()) q = q.where('s.name', 'like', `%${query.q.trim().replace(/[%_\\]/g, '\\$&')}%`);
  const rows = await q.orderBy('s.id').limit(500).execute();
  return { items: rows.map(item) };
}

export async function socialOrgDetail(db: Kysely<DB>, principal: Principal, id: number): Promise<SocialOrgDetail> {
  const row = await loadSocialOrg(db, id, principal);
  const head = await base(db).where('s.id', '=', id).executeTakeFirstOrThrow();
  const supports = await db
    .selectFrom('social_org_supports as s')
    .leftJoin('orgs as o', 'o.id', 's.given_by_org_id')
    .select(['s.id', 's.stage', 's.kind', 's.description', 's.amount', 's.given_on', 'o.name as given_by'])
    .where('s.social_org_id', '=', id)
    .orderBy('s.given_on')
    .orderBy('s.id')
    .execute();
  const projects = await db
    .selectFrom('social_org_projects as p')
    .innerJoin('orgs as o', 'o.id', 'p.purchaser_org_id')
    .selectAll('p')
    .select('o.name as purchaser_name')
    .where('p.social_org_id', '=', id)
    .orderBy('p.starts_on', 'desc')
    .execute();
  const deliverables =
    projects.length > 0
      ? await db
          .selectFrom('social_org_deliverables as d')
          .leftJoin('tasks as t', 't.id', 'd.task_id')
          .select([
            'd.id',
            'd.project_id',
            'd.title',
            'd.due_date',
            'd.task_id',
            't.number as task_number',
            't.state as task_status',
          ])
          .where(
            'd.project_id',
            'in',
            projects.map((p) => p.id),
          )
          .orderBy('d.sort')
          .execute()
      : [];
  const teams = await db
    .selectFrom('volunteer_teams')
    .select(['id', 'name'])
    .where((eb) =>
      eb.or([eb('social_org_id', '=', id), ...(row.org_id !== null ? [eb('org_id', '=', row.org_id)] : [])]),
    )
    .execute();
  const cases =
    row.org_id !== null
      ? await db
          .selectFrom('cases')
          .select(['id', 'number', 'title', 'status', 'reported_at', 'closed_at'])
          .where(sql<boolean>`unit_ids @> ARRAY[${row.org_id}]::int[]`)
          .orderBy('reported_at', 'desc')
          .limit(50)
          .execute()
      : [];
  const keeps = can(principal, 'socialorg.manage') && principal.scopeOrgIds.includes(row.owner_org_id);
  return {
    ...item(head),
    intro: row.intro,
    canManage: keeps,
    supports: supports.map((s) => ({
      id: s.id,
      stage: s.stage as IncubationStage,
      stageLabel: INCUBATION_STAGE_LABELS[s.stage as IncubationStage] ?? s.stage,
      kind: s.kind as SupportKind,
      kindLabel: SUPPORT_KIND_LABELS[s.kind as SupportKind],
      description: s.description,
      amount: s.amount === null ? null : Number(s.amount),
      givenOn: s.given_on,
      givenBy: s.given_by,
    })),
    projects: projects.map((p) => ({
      id: p.id,
      name: p.name,
      contractNo: p.contract_no,
      budget: Number(p.budget),
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      purchaser: { id: p.purchaser_org_id, name: p.purchaser_name },
      state: p.state as 'running' | 'evaluated',
      evaluation:
        p.evaluation_score !== null
          ? {
              score: p.evaluation_score,
              grade: p.evaluation_grade ?? '',
              note: p.evaluation_note ?? '',
              at: iso(p.evaluated_at),
            }
          : null,
      version: p.version,
      deliverables: deliverables
        .filter((d) => d.project_id === p.id)
        .map((d) => ({
          id: d.id,
          title: d.title,
          dueDate: d.due_date,
          task: d.task_id !== null ? { id: d.task_id, number: d.task_number ?? '', status: d.task_status ?? '' } : null,
        })),
    })),
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    cases: cases.map((c) => ({
      id: c.id,
      number: c.number,
      title: c.title,
      status: c.status,
      reportedAt: iso(c.reported_at) as string,
      closed: c.closed_at !== null,
    })),
    history: await historyOf(db, 'social_org', id, SOCIAL_ORG_HISTORY_LABELS),
  };
}
