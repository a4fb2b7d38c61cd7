// Proposes the agenda from the data within the organising unit's scope (the rules: src/domain/meeting/
// agenda-proposal.ts). The facts are read as the organising unit would see them — a town's meeting draws on the
// town's cases and tasks even when the county platform prepares it — and only by whoever organises the meeting.

import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { FINISHED_STATES } from '../../domain/case/index.js';
import { OPEN_DISPUTE_STATES } from '../../domain/dispute/index.js';
import {
  type AgendaFacts,
  CANDIDATE_KIND_LABELS,
  countByReason,
  DEFAULT_AGENDA_RULES,
  type HotspotFact,
  proposeAgenda,
} from '../../domain/meeting/index.js';
import type { Principal } from '../auth/principal.js';
import { casesVisibleTo } from '../cases/index.js';
import { subtreeIds } from '../orgs/org-service.js';
import { loadMeeting, type MeetingDeps, type MeetingRow, requireOrganiser } from './meeting-store.js';
import type { AgendaProposal } from './meeting-views.js';

/** Open decisions are looked for in this many earlier meetings of the kind. */
const EARLIER_MEETINGS = 12;
/** Cases read per proposal (the rules keep at most limitPerKind per reason). */
const CASE_ROWS = 500;
const UNIT_ROLES = ['lead', 'assisting', 'summoned'] as const;

/** The organising unit as a principal: its subtree is the scope of the facts. */
async function organiserView(deps: MeetingDeps, principal: Principal, organiserId: number) {
  const org = await deps.db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'path', 'county_code'])
    .where('id', '=', organiserId)
    .executeTakeFirstOrThrow();
  const ids = (await subtreeIds(deps.db, org.path).execute()).map((o) => o.id);
  const view: Principal = {
    ...principal,
    orgId: org.id,
    orgKind: org.kind,
    scopePath: org.path,
    scopeOrgIds: ids,
    countyCode: org.county_code,
  };
  return { org, view };
}

async function caseFacts(deps: MeetingDeps, view: Principal): Promise<AgendaFacts['cases']> {
  const units = (eb: { ref: (c: 'cases.id') => unknown }) =>
    sql<number>`(select count(distinct a.org_id) from case_assignments a where a.case_id = ${eb.ref('cases.id')} and a.role in (${sql.join(UNIT_ROLES.map((r) => sql.lit(r)))}))`;
  const rows = await deps.db
    .selectFrom('cases')
    .leftJoin('orgs as town', 'town.id', 'cases.town_id')
    .select((eb) => [
      'cases.id',
      'cases.number',
      'cases.title',
      'cases.status',
      'cases.listed',
      'cases.supervision_level',
      'cases.reopen_count',
      'cases.reported_at',
      'town.name as town_name',
      units(eb).as('unit_count'),
    ])
    .where(casesVisibleTo(view))
    .where('cases.status', 'not in', [...FINISHED_STATES])
    .where((eb) =>
      eb.or([
        eb('cases.listed', '=', true),
        eb('cases.supervision_level', '=', 'county'),
        eb('cases.reopen_count', '>=', DEFAULT_AGENDA_RULES.minReopens),
        eb(units(eb), '>=', DEFAULT_AGENDA_RULES.minUnits),
      ]),
    )
    .orderBy('cases.reported_at')
    .limit(CASE_ROWS)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    open: true,
    listed: r.listed,
    supervisionLevel: r.supervision_level,
    unitCount: Number(r.unit_count),
    reopenCount: r.reopen_count,
    placeName: r.town_name,
    reportedAt: new Date(r.reported_at),
  }));
}

/** Decisions of earlier meetings of the same kind whose tasks are not all finished. */
async function openDecisionFacts(deps: MeetingDeps, meeting: MeetingRow): Promise<AgendaFacts['openDecisions']> {
  const earlier = await deps.db
    .selectFrom('meetings')
    .select(['id', 'title', 'starts_at'])
    .where('kind_id', '=', meeting.kind_id)
    .where('id', '!=', meeting.id)
    .where('state', 'in', ['held', 'published'])
    .where('starts_at', '<=', meeting.starts_at)
    .orderBy('starts_at', 'desc')
    .limit(EARLIER_MEETINGS)
    .execute();
  if (earlier.length === 0) return [];
  const decisions = await deps.db
    .selectFrom('meeting_decisions')
    .select(['id', 'meeting_id', 'text'])
    .where(
      'meeting_id',
      'in',
      earlier.map((m) => m.id),
    )
    .execute();
  const counts = await deps.tasks.countsBySource(
    'meeting_decision',
    decisions.map((d) => String(d.id)),
  );
  const meetings = new Map(earlier.map((m) => [m.id, m]));
  return decisions.map((d) => {
    const m = meetings.get(d.meeting_id);
    const c = counts.get(String(d.id));
    return {
      decisionId: d.id,
      meetingTitle: m?.title ?? '',
      meetingAt: new Date(m?.starts_at ?? 0),
      text: d.text,
      openTasks: c?.open ?? 0,
      overdueTasks: c?.overdue ?? 0,
    };
  });
}

async function hotspotFacts(deps: MeetingDeps, principal: Principal, organiserId: number): Promise<HotspotFact[]> {
  const month = await deps.analysis.hotspots(principal, { period: 'month', orgId: organiserId });
  return [
    ...month.grids.map((g) => ({
      dimension: 'grid' as const,
      id: g.id,
      name: g.name,
      context: [g.townName, g.villageName].filter(Boolean).join('') || null,
      current: g.current,
      expected: g.expected,
      ratio: g.ratio,
      abnormal: g.abnormal,
    })),
    ...month.topics.map((t) => ({
      dimension: 'topic' as const,
      id: t.id,
      name: t.name,
      context: t.parentName,
      current: t.current,
      expected: t.expected,
      ratio: t.ratio,
      abnormal: t.abnormal,
    })),
  ];
}

/** The candidates of a meeting's agenda, as they stand now; only the organiser may ask. */
export async function proposeMeetingAgenda(
  deps: MeetingDeps,
  meetingId: number,
  principal: Principal,
): Promise<AgendaProposal> {
  const meeting = await loadMeeting(deps.db, meetingId, principal);
  requireOrganiser(principal, meeting);
  return agendaOf(deps, meeting, principal);
}

/** The proposal for a meeting already loaded and checked (set-agenda re-reads it before adding candidates). */
export async function agendaOf(deps: MeetingDeps, meeting: MeetingRow, principal: Principal): Promise<AgendaProposal> {
  const { org, view } = await organiserView(deps, principal, meeting.organiser_org_id);
  if (!principal.scopeOrgIds.includes(org.id)) throw new AppError('MEETING_NOT_FOUND');
  const month = new Date(new Date(meeting.starts_at).getTime() + 8 * 3600_000).toISOString().slice(0, 7);
  const [cases, openDecisions, hotspots, overdue, onAgenda, disputes] = await Promise.all([
    caseFacts(deps, view),
    openDecisionFacts(deps, meeting),
    hotspotFacts(deps, principal, org.id),
    deps.tasks.list(view, { box: 'overdue', pageSize: DEFAULT_AGENDA_RULES.limitPerKind * 2 }),
    deps.db.selectFrom('meeting_items').select('source_key').where('meeting_id', '=', meeting.id).execute(),
    deps.disputes.majorOfMonth(view, month),
  ]);
  const candidates = proposeAgenda({
    cases,
    openDecisions,
    hotspots,
    overdueTasks: overdue.items.map((t) => ({
      id: t.id,
      number: t.number,
      title: t.title,
      ownerName: t.ownerOrg.name,
      dueAt: new Date(t.dueAt),
      sourceKind: t.sourceKind,
      sourceId: t.sourceId,
    })),
    disputes: disputes.map((d) => ({
      id: d.id,
      title: `${d.number} ${d.title}`,
      major: d.riskLevel === 'major',
      open: OPEN_DISPUTE_STATES.includes(d.state),
      reportedAt: new Date(d.createdAt),
    })),
    onAgenda: new Set(onAgenda.map((i) => i.source_key).filter((k): k is string => !!k)),
  });
  const counts = countByReason(candidates);
  return {
    meetingId: meeting.id,
    organiser: { id: org.id, name: org.name },
    generatedAt: deps.clock.now().toISOString(),
    candidates,
    counts: Object.entries(counts).map(([kind, count]) => ({
      kind,
      label: CANDIDATE_KIND_LABELS[kind as keyof typeof CANDIDATE_KIND_LABELS],
      count,
    })),
    rules: DEFAULT_AGENDA_RULES,
  };
}
