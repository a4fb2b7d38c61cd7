// Reading meetings: the kinds, the list, one meeting in full — every query through the scope predicates of
// meeting-scope.ts; the decisions' tasks through the task service.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { chinaTime } from '../../domain/calendar/index.js';
import {
  type AttendanceStatus,
  allowedMeetingActions,
  type ItemKind,
  type MeetingLevel,
  type MeetingState,
  meetingLabel,
  summariseAttendance,
} from '../../domain/meeting/index.js';
import type { Principal } from '../auth/principal.js';
import type { TaskListItem } from '../tasks/index.js';
import { meetingKindsVisibleTo, meetingsVisibleTo, organisesWithin } from './meeting-scope.js';
import { loadMeeting, type MeetingDeps } from './meeting-store.js';
import type {
  MeetingDetail,
  MeetingItemView,
  MeetingKindView,
  MeetingListItem,
  MeetingListQuery,
  OrgRef,
} from './meeting-views.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export class MeetingQueries {
  constructor(private readonly deps: MeetingDeps) {}

  private async orgNames(ids: readonly number[]): Promise<Map<number, { id: number; name: string; kind: string }>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.deps.db
      .selectFrom('orgs')
      .select(['id', 'name', 'kind', 'sort'])
      .where('id', 'in', unique)
      .execute();
    return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, kind: r.kind }]));
  }

  /** Member units in a stable order: departments and offices, then towns and villages, each by their sort. */
  private async members(ids: readonly number[]): Promise<(OrgRef & { kind: string })[]> {
    if (ids.length === 0) return [];
    const rows = await this.deps.db
      .selectFrom('orgs')
      .select(['id', 'name', 'kind'])
      .where('id', 'in', [...ids])
      .orderBy(
        sql`case when kind in ('department', 'office') then 0 when kind in ('town', 'village') then 1 else 2 end`,
      )
      .orderBy('sort')
      .orderBy('id')
      .execute();
    return rows;
  }

  async kinds(principal: Principal): Promise<{ items: MeetingKindView[] }> {
    const rows = await this.deps.db
      .selectFrom('meeting_kinds')
      .innerJoin('orgs as o', 'o.id', 'meeting_kinds.organiser_org_id')
      .selectAll('meeting_kinds')
      .select(['o.name as organiser_name', 'o.depth as organiser_depth', 'o.sort as organiser_sort'])
      .where(meetingKindsVisibleTo(principal))
      .orderBy('o.depth')
      .orderBy('o.sort')
      .orderBy('meeting_kinds.id')
      .execute();
    const names = await this.orgNames(rows.flatMap((r) => r.member_org_ids));
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        level: r.level as MeetingLevel,
        levelLabel: meetingLabel.level(r.level),
        organiser: { id: r.organiser_org_id, name: r.organiser_name },
        chair: r.chair,
        members: r.member_org_ids.flatMap((id) => {
          const o = names.get(id);
          return o ? [o] : [];
        }),
        description: r.description,
        active: r.active,
        canManage: organisesWithin(principal, r.organiser_org_id),
        version: r.version,
      })),
    };
  }

  async list(principal: Principal, query: MeetingListQuery): Promise<{ items: MeetingListItem[]; total: number }> {
    let q = this.deps.db
      .selectFrom('meetings')
      .innerJoin('meeting_kinds as k', 'k.id', 'meetings.kind_id')
      .innerJoin('orgs as o', 'o.id', 'meetings.organiser_org_id')
      .where(meetingsVisibleTo(principal));
    if (query.kindId) q = q.where('meetings.kind_id', '=', query.kindId);
    if (query.decisionId) {
      const decisionId = query.decisionId;
      q = q.where('meetings.id', 'in', (eb) =>
        eb.selectFrom('meeting_decisions').select('meeting_id').where('meeting_decisions.id', '=', decisionId),
      );
    }
    if (query.state) q = q.where('meetings.state', '=', query.state);
    if (query.year) {
      q = q
        .where('meetings.starts_at', '>=', chinaTime(`${query.year}-01-01`))
        .where('meetings.starts_at', '<', chinaTime(`${query.year + 1}-01-01`));
    }
    const pageSize = query.pageSize ?? 20;
    const page = query.page ?? 1;
    const [rows, total] = await Promise.all([
      q
        .select([
          'meetings.id',
          'meetings.title',
          'meetings.kind_id',
          'k.name as kind_name',
          'k.level',
          'meetings.organiser_org_id',
          'o.name as organiser_name',
          'meetings.starts_at',
          'meetings.place',
          'meetings.chair',
          'meetings.state',
          (eb) =>
            eb
              .selectFrom('meeting_items as i')
              .select(eb.fn.countAll<number>().as('n'))
              .whereRef('i.meeting_id', '=', 'meetings.id')
              .as('item_count'),
        ])
        .orderBy('meetings.starts_at', 'desc')
        .orderBy('meetings.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const decisions = rows.length
      ? await this.deps.db
          .selectFrom('meeting_decisions')
          .select(['id', 'meeting_id'])
          .where(
            'meeting_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      : [];
    const counts = await this.deps.tasks.countsBySource(
      'meeting_decision',
      decisions.map((d) => String(d.id)),
    );
    return {
      items: rows.map((r) => {
        const mine = decisions.filter((d) => d.meeting_id === r.id).map((d) => counts.get(String(d.id)));
        const sum = (k: 'total' | 'open' | 'overdue' | 'done') => mine.reduce((n, c) => n + (c?.[k] ?? 0), 0);
        return {
          id: r.id,
          title: r.title,
          kind: { id: r.kind_id, name: r.kind_name, level: r.level as MeetingLevel },
          organiser: { id: r.organiser_org_id, name: r.organiser_name },
          startsAt: new Date(r.starts_at).toISOString(),
          place: r.place,
          chair: r.chair,
          state: r.state as MeetingState,
          stateLabel: meetingLabel.state(r.state),
          itemCount: Number(r.item_count ?? 0),
          decisionCount: mine.length,
          tasks: { total: sum('total'), open: sum('open'), overdue: sum('overdue'), done: sum('done') },
        };
      }),
      total: Number(total.n),
    };
  }

  /** A case item as the principal may see and act on the case now. */
  private async caseOf(caseId: number, principal: Principal): Promise<MeetingItemView['case']> {
    try {
      const c = await this.deps.cases.get(caseId, principal);
      return {
        id: c.id,
        number: c.number,
        state: c.state,
        version: c.version,
        ownerOrgName: c.ownerOrgName,
        leadOrgName: c.leadOrgName,
        canDispatch: c.allowedActions.includes('dispatch'),
        proposedLead:
          c.proposal?.leadOrgId && c.proposal.leadOrgName
            ? { id: c.proposal.leadOrgId, name: c.proposal.leadOrgName }
            : null,
      };
    } catch (error) {
      if (error instanceof AppError && error.code === 'CASE_NOT_FOUND') return null;
      throw error;
    }
  }

  async detail(id: number, principal: Principal): Promise<MeetingDetail> {
    const meeting = await loadMeeting(this.deps.db, id, principal);
    const db = this.deps.db;
    const [kind, items, decisions, attendance, events] = await Promise.all([
      db.selectFrom('meeting_kinds').selectAll().where('id', '=', meeting.kind_id).executeTakeFirstOrThrow(),
      db.selectFrom('meeting_items').selectAll().where('meeting_id', '=', id).orderBy('position').execute(),
      db.selectFrom('meeting_decisions').selectAll().where('meeting_id', '=', id).orderBy('id').execute(),
      db.selectFrom('meeting_attendance').selectAll().where('meeting_id', '=', id).execute(),
      db
        .selectFrom('meeting_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_user_id')
        .leftJoin('orgs as o', 'o.id', 'e.actor_org_id')
        .select(['e.version', 'e.type', 'e.at', 'e.details', 'u.display_name', 'o.name as org_name'])
        .where('e.meeting_id', '=', id)
        .orderBy('e.version', 'desc')
        .execute(),
    ]);
    const earlier = items.flatMap((i) =>
      i.kind === 'decision' && i.source_key ? [i.source_key.slice('decision:'.length)] : [],
    );
    const tasks = await this.deps.tasks.ofSources('meeting_decision', [
      ...decisions.map((d) => String(d.id)),
      ...earlier,
    ]);
    const tasksOf = new Map<string, TaskListItem[]>();
    for (const t of tasks) tasksOf.set(t.sourceId ?? '', [...(tasksOf.get(t.sourceId ?? '') ?? []), t]);
    const dispatchUnits = items.flatMap((i) => {
      const d = i.dispatch as { leadOrgId?: number; assistingOrgIds?: number[] } | null;
      return d ? [d.leadOrgId ?? 0, ...(d.assistingOrgIds ?? [])] : [];
    });
    const [members, names, organiser] = await Promise.all([
      this.members(meeting.member_org_ids),
      this.orgNames([...attendance.map((a) => a.org_id), ...dispatchUnits]),
      db.selectFrom('orgs').select(['id', 'name']).where('id', '=', meeting.organiser_org_id).executeTakeFirstOrThrow(),
    ]);
    const ref = (orgId: number): OrgRef => ({ id: orgId, name: names.get(orgId)?.name ?? String(orgId) });
    const caseViews = await Promise.all(items.map((i) => (i.case_id ? this.caseOf(i.case_id, principal) : null)));
    const canManage =
      organisesWithin(principal, meeting.organiser_org_id) && principal.permissions.has('meeting.manage');
    const state = meeting.state as MeetingState;
    const entries = attendance.map((a) => ({
      orgId: a.org_id,
      status: a.status as AttendanceStatus,
      attendee: a.attendee,
      note: a.note,
    }));
    return {
      id: meeting.id,
      title: meeting.title,
      kind: {
        id: kind.id,
        name: kind.name,
        level: kind.level as MeetingLevel,
        levelLabel: meetingLabel.level(kind.level),
      },
      organiser,
      startsAt: new Date(meeting.starts_at).toISOString(),
      place: meeting.place,
      chair: meeting.chair,
      secretary: meeting.secretary,
      state,
      stateLabel: meetingLabel.state(state),
      cancelReason: meeting.cancel_reason,
      heldAt: iso(meeting.held_at),
      publishedAt: iso(meeting.published_at),
      createdAt: new Date(meeting.created_at).toISOString(),
      updatedAt: new Date(meeting.updated_at).toISOString(),
      version: meeting.version,
      members,
      attendance: entries.map((a) => ({
        ...a,
        orgName: ref(a.orgId).name,
        statusLabel: meetingLabel.attendance(a.status),
      })),
      attendanceSummary: summariseAttendance(meeting.member_org_ids, entries),
      items: items.map((item, index) => {
        const d = item.dispatch as {
          leadOrgId: number;
          assistingOrgIds: number[];
          note: string | null;
          at: string;
        } | null;
        return {
          id: item.id,
          no: index + 1,
          kind: item.kind as ItemKind,
          kindLabel: meetingLabel.item(item.kind),
          sourceKey: item.source_key,
          title: item.title,
          description: item.description,
          reason: item.reason,
          discussion: item.discussion,
          caseId: item.case_id,
          case: caseViews[index] ?? null,
          dispatch: d
            ? { leadOrg: ref(d.leadOrgId), assistingOrgs: d.assistingOrgIds.map(ref), note: d.note, at: d.at }
            : null,
          decisions: decisions
            .filter((dec) => dec.item_id === item.id)
            .map((dec) => ({
              id: dec.id,
              text: dec.text,
              createdAt: new Date(dec.created_at).toISOString(),
              tasks: tasksOf.get(String(dec.id)) ?? [],
            })),
          followUp:
            item.kind === 'decision' && item.source_key
              ? (tasksOf.get(item.source_key.slice('decision:'.length)) ?? [])
              : [],
        };
      }),
      canManage,
      allowedActions: canManage ? [...allowedMeetingActions(state)] : [],
      history: events.map((e) => ({
        version: e.version,
        type: e.type,
        at: new Date(e.at).toISOString(),
        actorName: e.display_name,
        orgName: e.org_name,
        details: e.details as Record<string, unknown>,
      })),
    };
  }
}
