// What staff, residents and the public read of deliberation: stations with members, the topic queue with its
// boxes, a topic with its comments, history and — only after voting closed — its count; a resident's village
// overview; the public page of a village (no personal data).
import { type SqlBool, sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import {
  allowedTopicActions,
  OPEN_TOPIC_STATES,
  resultsVisible,
  STATION_KIND_LABELS,
  type StationKind,
  type Tally,
  TOPIC_ACTION_LABELS,
  TOPIC_STATE_LABELS,
  type TopicState,
  votingOpen,
} from '../../domain/deliberation/index.js';
import { maskPhone } from '../auth/auth-service.js';
import type { Principal } from '../auth/principal.js';
import { maskName } from '../home/home-service.js';
import { loadTopic, topicActorOf } from './act-on-topic.js';
import { type Db, inDeliberationScope } from './deliberation-scope.js';
import { topicOf } from './deliberation-store.js';
import type {
  MyDeliberationsView,
  PublicBoardView,
  StationView,
  TopicBox,
  TopicDetail,
  TopicListItem,
} from './deliberation-views.js';
import { residentVillagesOf } from './residents.js';

const iso = (v: Date | string | null): string | null => (v ? new Date(v).toISOString() : null);

const BOX_STATES: Record<Exclude<TopicBox, 'comments' | 'all'>, TopicState[]> = {
  to_accept: ['proposed'],
  to_hear: ['accepted', 'scheduled'],
  voting: ['voting'],
  to_decide: ['voted'],
  implementing: ['decided', 'implementing'],
  closed: ['done', 'rejected', 'withdrawn'],
};

export async function listStations(db: Db, principal: Principal, villageId?: number): Promise<StationView[]> {
  let q = db
    .selectFrom('deliberation_stations as s')
    .innerJoin('orgs as v', 'v.id', 's.village_id')
    .selectAll('s')
    .select('v.name as village_name')
    .where(inDeliberationScope(principal, 's'))
    .orderBy('v.sort')
    .orderBy('s.id');
  if (villageId !== undefined) q = q.where('s.village_id', '=', villageId);
  const rows = await q.limit(500).execute();
  const members = rows.length
    ? await db
        .selectFrom('deliberation_members')
        .selectAll()
        .where(
          'station_id',
          'in',
          rows.map((r) => r.id),
        )
        .where('active', '=', true)
        .orderBy('sort')
        .orderBy('id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    village: { id: r.village_id, name: r.village_name },
    kind: r.kind as StationKind,
    kindLabel: STATION_KIND_LABELS[r.kind as StationKind] ?? r.kind,
    name: r.name,
    description: r.description,
    quorumPercent: r.quorum_percent,
    passPercent: r.pass_percent,
    active: r.active,
    version: r.version,
    members: members
      .filter((m) => m.station_id === r.id)
      .map((m) => ({ id: m.id, name: m.name, title: m.title, phone: maskPhone(m.phone) })),
  }));
}

function topicsQuery(db: Db) {
  return db
    .selectFrom('deliberation_topics as t')
    .innerJoin('orgs as v', 'v.id', 't.village_id')
    .innerJoin('deliberation_stations as s', 's.id', 't.station_id')
    .select([
      't.id',
      't.number',
      't.title',
      't.state',
      't.village_id',
      'v.name as village_name',
      't.station_id',
      's.name as station_name',
      't.proposer_kind',
      't.proposer_user_id',
      't.hearing_at',
      't.voting_closes_at',
      't.created_at',
      't.updated_at',
      sql<number>`(SELECT count(*) FROM deliberation_comments c WHERE c.topic_id = t.id AND c.state = 'pending')`.as(
        'pending_comments',
      ),
    ]);
}

type TopicListRow = Awaited<ReturnType<ReturnType<typeof topicsQuery>['execute']>>[number];

function listItem(r: TopicListRow): TopicListItem {
  const state = r.state as TopicState;
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    state,
    stateLabel: TOPIC_STATE_LABELS[state],
    village: { id: r.village_id, name: r.village_name },
    station: { id: r.station_id, name: r.station_name },
    proposerKind: r.proposer_kind as 'citizen' | 'staff',
    hearingAt: iso(r.hearing_at),
    votingClosesAt: iso(r.voting_closes_at),
    pendingComments: Number(r.pending_comments),
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
  };
}

export interface TopicListQuery {
  box?: TopicBox;
  villageId?: number;
  stationId?: number;
  q?: string;
  page?: number;
  pageSize?: number;
}

export async function listTopics(db: Db, principal: Principal, query: TopicListQuery) {
  const scope = inDeliberationScope(principal, 't');
  let base = topicsQuery(db).where(scope);
  if (query.villageId !== undefined) base = base.where('t.village_id', '=', query.villageId);
  if (query.stationId !== undefined) base = base.where('t.station_id', '=', query.stationId);
  if (query.q?.trim()) base = base.where('t.title', 'like', `%${query.q.trim().replace(/[%_\\]/g, '\\$&')}%`);
  const box = query.box ?? 'all';
  let filtered = base;
  if (box === 'comments') {
    filtered = filtered.where(
      sql<SqlBool>`EXISTS (SELECT 1 FROM deliberation_comments c WHERE c.topic_id = t.id AND c.state = 'pending')`,
    );
  } else if (box !== 'all') {
    filtered = filtered.where('t.state', 'in', BOX_STATES[box]);
  }
  const pageSize = Math.min(query.pageSize ?? 20, 200);
  const page = Math.max(query.page ?? 1, 1);
  const [rows, total, counts] = await Promise.all([
    filtered
      .orderBy('t.updated_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('deliberation_topics as t')
      .select([
        't.state',
        sql<number>`count(*)`.as('n'),
        sql<number>`sum((SELECT count(*) FROM deliberation_comments c WHERE c.topic_id = t.id AND c.state = 'pending'))`.as(
          'pending',
        ),
      ])
      .where(scope)
      .$if(query.villageId !== undefined, (q) => q.where('t.village_id', '=', query.villageId as number))
      .groupBy('t.state')
      .execute(),
  ]);
  const byState = new Map(counts.map((c) => [c.state, Number(c.n)]));
  const boxes = Object.fromEntries(
    Object.entries(BOX_STATES).map(([key, states]) => [key, states.reduce((n, s) => n + (byState.get(s) ?? 0), 0)]),
  ) as Record<TopicBox, number>;
  boxes.all = [...byState.values()].reduce((a, b) => a + b, 0);
  const withComments = await base
    .clearSelect()
    .select(sql<number>`count(*)`.as('n'))
    .where(sql<SqlBool>`EXISTS (SELECT 1 FROM deliberation_comments c WHERE c.topic_id = t.id AND c.state = 'pending')`)
    .executeTakeFirstOrThrow();
  boxes.comments = Number(withComments.n);
  return { items: rows.map(listItem), total: Number(total.n), page, pageSize, boxes };
}

export async function topicDetail(db: Db, principal: Principal, id: number, now: Date): Promise<TopicDetail> {
  const row = await loadTopic(db, principal, id);
  const listed = await topicsQuery(db).where('t.id', '=', id).executeTakeFirstOrThrow();
  const citizen = principal.role === 'citizen';
  const topic = topicOf(row);
  const state = topic.state;
  const [proposer, comments, events, voted] = await Promise.all([
    db
      .selectFrom('users as u')
      .leftJoin('orgs as o', 'o.id', 'u.org_id')
      .select(['u.display_name', 'o.name as org_name'])
      .where('u.id', '=', row.proposer_user_id ?? -1)
      .executeTakeFirst(),
    db
      .selectFrom('deliberation_comments as c')
      .innerJoin('users as u', 'u.id', 'c.author_user_id')
      .select(['c.id', 'c.author_user_id', 'c.body', 'c.state', 'c.reject_reason', 'c.created_at', 'u.display_name'])
      .where('c.topic_id', '=', id)
      .$if(citizen, (q) =>
        q.where((eb) => eb.or([eb('c.state', '=', 'approved'), eb('c.author_user_id', '=', principal.userId ?? -1)])),
      )
      .orderBy('c.id')
      .execute(),
    db
      .selectFrom('deliberation_events as e')
      .leftJoin('orgs as o', 'o.id', 'e.actor_org_id')
      .select([
        'e.version',
        'e.type',
        'e.at',
        'e.from_state',
        'e.to_state',
        'e.note',
        'e.details',
        'o.name as org_name',
      ])
      .where('e.topic_id', '=', id)
      .orderBy('e.version')
      .execute(),
    citizen
      ? db
          .selectFrom('deliberation_voters')
          .select('voter_user_id')
          .where('topic_id', '=', id)
          .where('voter_user_id', '=', principal.userId ?? -1)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const mineProposed = principal.userId !== null && row.proposer_user_id === principal.userId;
  const open = votingOpen(topic, now);
  const result = resultsVisible(state) && row.result ? (row.result as unknown as Tally & { closedAt: string }) : null;
  return {
    ...listItem(listed),
    proposal: row.proposal,
    background: row.background,
    attachmentIds: row.attachment_ids,
    options: row.options,
    rule: { quorumPercent: row.quorum_percent, passPercent: row.pass_percent },
    proposer: {
      kind: row.proposer_kind as 'citizen' | 'staff',
      // a resident proposer's name is masked for everyone but themselves; staff are named by their unit
      name:
        row.proposer_kind === 'citizen'
          ? mineProposed
            ? (proposer?.display_name ?? null)
            : maskName(proposer?.display_name ?? null)
          : null,
      org: row.proposer_kind === 'staff' ? (proposer?.org_name ?? null) : null,
      mine: mineProposed,
    },
    hearingPlace: row.hearing_place,
    hearing: topic.hearing ? { ...topic.hearing, at: topic.hearing.at.toISOString() } : null,
    votingOpensAt: iso(row.voting_opens_at),
    rejectReason: row.reject_reason,
    decision: row.decision,
    decidedAt: iso(row.decided_at),
    outcome: row.outcome,
    doneAt: iso(row.done_at),
    version: row.version,
    result,
    me: citizen
      ? {
          voted: !!voted,
          canVote: open && !voted,
          canComment: !['rejected', 'withdrawn', 'done'].includes(state),
        }
      : null,
    comments: comments.map((c) => ({
      id: c.id,
      author: c.author_user_id === principal.userId ? c.display_name : (maskName(c.display_name) ?? ''),
      mine: c.author_user_id === principal.userId,
      body: c.body,
      state: c.state as 'pending' | 'approved' | 'rejected',
      rejectReason: c.reject_reason,
      createdAt: iso(c.created_at) as string,
    })),
    events: events.map((e) => ({
      version: e.version,
      type: e.type,
      label: TOPIC_ACTION_LABELS[e.type as keyof typeof TOPIC_ACTION_LABELS] ?? e.type,
      at: iso(e.at) as string,
      fromState: e.from_state,
      toState: e.to_state,
      note: e.note,
      details: e.details,
      // a resident sees which unit acted, never which staff member
      actorOrg: e.org_name,
    })),
    allowedActions: allowedTopicActions(topic, topicActorOf(row, principal)).filter(
      (a) => !citizen || a === 'withdraw',
    ),
  };
}

export async function myDeliberations(db: Db, principal: Principal): Promise<MyDeliberationsView> {
  const villageIds = await residentVillagesOf(db, principal);
  if (villageIds.length === 0) throw new AppError('DELIBERATION_NOT_RESIDENT');
  const [villages, stations, topics, votes, notices] = await Promise.all([
    db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', villageIds).orderBy('id').execute(),
    db
      .selectFrom('deliberation_stations')
      .select(['id', 'name', 'kind', 'village_id'])
      .where('village_id', 'in', villageIds)
      .where('active', '=', true)
      .orderBy('id')
      .execute(),
    topicsQuery(db)
      .where(inDeliberationScope(principal, 't', villageIds))
      .where((eb) =>
        eb.or([
          eb('t.state', 'not in', ['proposed', 'rejected', 'withdrawn']),
          eb('t.proposer_user_id', '=', principal.userId ?? -1),
        ]),
      )
      .orderBy('t.updated_at', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('deliberation_voters')
      .select('topic_id')
      .where('voter_user_id', '=', principal.userId ?? -1)
      .execute(),
    db
      .selectFrom('notifications')
      .select(['id', 'title', 'created_at', 'read_at'])
      .where('user_id', '=', principal.userId ?? -1)
      .where('kind', 'like', 'deliberation%')
      .orderBy('id', 'desc')
      .limit(20)
      .execute(),
  ]);
  const votedOn = new Set(votes.map((v) => v.topic_id));
  return {
    villages,
    stations: stations.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind as StationKind,
      kindLabel: STATION_KIND_LABELS[s.kind as StationKind] ?? s.kind,
      villageId: s.village_id,
    })),
    topics: topics.map((r) => ({
      ...listItem(r),
      mine: r.proposer_user_id === principal.userId,
      voted: votedOn.has(r.id),
    })),
    notices: notices.map((n) => ({
      id: n.id,
      title: n.title,
      createdAt: iso(n.created_at) as string,
      read: n.read_at !== null,
    })),
  };
}

/** The public page of a village: stations, open topics, decisions and their follow-up — no personal data. */
export async function publicBoard(db: Db, villageId: number): Promise<PublicBoardView> {
  const village = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('id', '=', villageId)
    .where('kind', '=', 'village')
    .where('active', '=', true)
    .executeTakeFirst();
  if (!village) throw new AppError('ORG_NOT_FOUND', { details: { villageId } });
  const [stations, topics] = await Promise.all([
    db
      .selectFrom('deliberation_stations as s')
      .select([
        's.id',
        's.name',
        's.kind',
        sql<number>`(SELECT count(*) FROM deliberation_members m WHERE m.station_id = s.id AND m.active)`.as('members'),
      ])
      .where('s.village_id', '=', villageId)
      .where('s.active', '=', true)
      .orderBy('s.id')
      .execute(),
    db
      .selectFrom('deliberation_topics as t')
      .innerJoin('deliberation_stations as s', 's.id', 't.station_id')
      .select([
        't.id',
        't.number',
        't.title',
        't.state',
        's.name as station',
        't.hearing_at',
        't.voting_closes_at',
        't.decision',
        't.decided_at',
        't.outcome',
        't.result',
        't.options',
      ])
      .where('t.village_id', '=', villageId)
      // a topic not yet accepted is the proposer's and the station's; refused and withdrawn ones are not public
      .where('t.state', 'not in', ['proposed', 'rejected', 'withdrawn'])
      .orderBy('t.updated_at', 'desc')
      .limit(100)
      .execute(),
  ]);
  const decidedIds = topics.filter((t) => !OPEN_TOPIC_STATES.includes(t.state as TopicState)).map((t) => String(t.id));
  const tasks = decidedIds.length
    ? await db
        .selectFrom('tasks')
        .select(['source_id', 'title', 'state', 'due_at'])
        .where('source_kind', '=', 'deliberation_decision')
        .where('source_id', 'in', decidedIds)
        .orderBy('id')
        .execute()
    : [];
  const label = (s: string) => TOPIC_STATE_LABELS[s as TopicState] ?? s;
  return {
    village,
    stations: stations.map((s) => ({
      id: s.id,
      name: s.name,
      kindLabel: STATION_KIND_LABELS[s.kind as StationKind] ?? s.kind,
      members: Number(s.members),
    })),
    open: topics
      .filter((t) => OPEN_TOPIC_STATES.includes(t.state as TopicState))
      .map((t) => ({
        number: t.number,
        title: t.title,
        state: t.state as TopicState,
        stateLabel: label(t.state),
        station: t.station,
        hearingAt: iso(t.hearing_at),
        votingClosesAt: iso(t.voting_closes_at),
      })),
    decided: topics
      .filter((t) => !OPEN_TOPIC_STATES.includes(t.state as TopicState))
      .map((t) => {
        const r = t.result as unknown as Tally | null;
        return {
          number: t.number,
          title: t.title,
          state: t.state as TopicState,
          stateLabel: label(t.state),
          station: t.station,
          decision: t.decision,
          decidedAt: iso(t.decided_at),
          result: r
            ? {
                cast: r.cast,
                eligible: r.eligible,
                turnoutPercent: r.turnoutPercent,
                passed: r.passed,
                winner: r.winner,
                // in the topic's order of options (jsonb keeps its keys in its own order)
                counts: Object.fromEntries(t.options.map((o) => [o, r.counts[o] ?? 0])),
              }
            : null,
          outcome: t.outcome,
          tasks: tasks
            .filter((k) => k.source_id === String(t.id))
            .map((k) => ({ title: k.title, state: k.state, dueAt: iso(k.due_at) as string })),
        };
      }),
  };
}
