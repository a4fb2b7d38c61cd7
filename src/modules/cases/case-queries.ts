// Reading cases: the inbox boxes and their counts, lists with filters, one case in full (facts, clocks, units,
// timeline, the actions this principal may take now), and the citizen's own reports without staff details.
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import { buildTsQuery, queryTerms } from '../../domain/analysis/text-terms.js';
import {
  allowedActions,
  applyCaseAction,
  type Case,
  type CaseAction,
  type CaseActionType,
  type CaseContext,
  type CaseLevel,
  type CaseState,
  type DeadlineKind,
  type Rating,
  type Urgency,
} from '../../domain/case/index.js';
import { jiebaSegmenter } from '../../domain/text/segmenter.js';
import { maskPhone } from '../auth/auth-service.js';
import type { Principal } from '../auth/principal.js';
import { maskName } from '../home/home-service.js';
import { actorOf } from './case-actor.js';
import { proposeUnit } from './case-routing.js';
import { casesVisibleTo } from './case-scope.js';
import { deserializeCase } from './case-snapshot.js';
import type { deadlineRows, eventRows } from './case-store.js';
import type { CaseDetail, CaseListItem, ClockColour, InboxBox, TimelineEntry } from './case-views.js';
import { INBOX_BOXES } from './case-views.js';
import { openReporterField } from './reporter-fields.js';
import { chooseTextPlan, type TextPlan, textMatch } from './text-plan.js';

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

export function colourAt(now: Date, warnAt: Date | string, dueAt: Date | string): ClockColour {
  const t = now.getTime();
  if (t >= new Date(dueAt).getTime()) return 'red';
  if (t >= new Date(warnAt).getTime()) return 'yellow';
  return 'green';
}

export interface CaseListFilter {
  box?: InboxBox;
  q?: string;
  state?: string;
  categoryId?: number;
  sort?: 'due' | 'updated' | 'reported';
  page?: number;
  pageSize?: number;
}

type CasesEb = ExpressionBuilder<DB, 'cases'>;

/** The condition of each inbox box for a unit, at `now`. */
function boxCondition(db: Kysely<DB>, box: InboxBox, orgId: number, now: Date) {
  const assigned = (role: string | string[], status?: string) => {
    let q = db
      .selectFrom('case_assignments')
      .select('case_id')
      .where('org_id', '=', orgId)
      .where('role', 'in', [role].flat() as 'owner'[]);
    if (status) q = q.where('status', '=', status);
    return q;
  };
  // `id = any(array(subquery))`: the subquery runs once and the ids are fetched through the primary key.
  const idIn = (q: { compile: () => unknown }) =>
    sql<boolean>`cases.id = any(array(${q as unknown as ReturnType<typeof sql>}))`;
  return (eb: CasesEb) => {
    const owned = (state: CaseState | CaseState[]) =>
      eb.and([eb('cases.owner_org_id', '=', orgId), eb('cases.status', 'in', [state].flat())]);
    switch (box) {
      case 'to_accept':
        return owned('submitted');
      case 'to_verify':
        return owned('verifying');
      case 'to_dispatch':
        return owned('pending_dispatch');
      case 'to_sign':
        return idIn(assigned(['lead', 'assisting'], 'pending'));
      case 'to_handle':
        return eb.and([
          eb('cases.status', 'in', ['handling', 'suspended']),
          eb.or([eb('cases.lead_org_id', '=', orgId), idIn(assigned('assisting', 'done'))]),
        ]);
      case 'to_check_in':
        return idIn(assigned('summoned', 'pending'));
      case 'to_approve':
        return eb.or([idIn(assigned('dispatcher', 'pending')), owned('appealed')]);
      case 'to_callback':
        return owned('replied');
      case 'due_soon':
        return idIn(
          db
            .selectFrom('case_deadlines')
            .select('case_id')
            .where('org_id', '=', orgId)
            .where('warn_at', '<=', now)
            .where('due_at', '>', now),
        );
      case 'overdue':
        return idIn(
          db.selectFrom('case_deadlines').select('case_id').where('org_id', '=', orgId).where('due_at', '<=', now),
        );
      case 'supervised':
        return eb.and([
          eb('cases.closed_at', 'is', null),
          eb.or([
            idIn(assigned('supervisor')),
            eb.and([eb('cases.owner_org_id', '=', orgId), eb('cases.supervision_level', 'is not', null)]),
          ]),
        ]);
    }
  };
}

const LIST_COLUMNS = [
  'cases.id',
  'cases.number',
  'cases.title',
  'cases.status',
  'cases.channel',
  'cases.category_id',
  'cases.urgency',
  'cases.level',
  'cases.town_id',
  'cases.village_id',
  'cases.grid_id',
  'cases.owner_org_id',
  'cases.lead_org_id',
  'cases.supervision_level',
  'cases.listed',
  'cases.reported_at',
  'cases.updated_at',
  'cases.closed_at',
  'cat.name as category_name',
  't.name as town_name',
  'v.name as village_name',
  'g.name as grid_name',
  'o.name as owner_name',
  'l.name as lead_name',
] as const;

function withNames(db: Kysely<DB>) {
  return db
    .selectFrom('cases')
    .leftJoin('categories as cat', 'cat.id', 'cases.category_id')
    .leftJoin('orgs as t', 't.id', 'cases.town_id')
    .leftJoin('orgs as v', 'v.id', 'cases.village_id')
    .leftJoin('orgs as g', 'g.id', 'cases.grid_id')
    .leftJoin('orgs as o', 'o.id', 'cases.owner_org_id')
    .leftJoin('orgs as l', 'l.id', 'cases.lead_org_id');
}

type ListRow = {
  id: number;
  number: string;
  title: string;
  status: string;
  channel: string;
  category_id: number | null;
  urgency: string;
  level: string | null;
  town_id: number | null;
  village_id: number | null;
  grid_id: number | null;
  owner_org_id: number | null;
  lead_org_id: number | null;
  supervision_level: string | null;
  listed: boolean;
  reported_at: Date | string;
  updated_at: Date | string;
  closed_at: Date | string | null;
  category_name: string | null;
  town_name: string | null;
  village_name: string | null;
  grid_name: string | null;
  owner_name: string | null;
  lead_name: string | null;
  next_due: Date | string | null;
  next_warn: Date | string | null;
  read_only: boolean;
};

/** The case row as the case page reads it. */
type DetailRow = ListRow & {
  version: number;
  body: string;
  lat: number | null;
  lng: number | null;
  address: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  anonymous: boolean;
  reply: string | null;
  satisfaction: string | null;
  attachment_ids: string[] | null;
  merged_into_id: number | null;
};

/** A case just written by the intake, as it has it in hand (see detailOfNew). */
export interface FreshCase {
  row: Omit<
    DetailRow,
    | 'category_name'
    | 'town_name'
    | 'village_name'
    | 'grid_name'
    | 'owner_name'
    | 'lead_name'
    | 'next_due'
    | 'next_warn'
    | 'read_only'
  >;
  machine: Case;
  events: ReturnType<typeof eventRows>;
  deadlines: ReturnType<typeof deadlineRows>;
  assignments: { org_id: number; role: string; status: string }[];
}

function toListItem(r: ListRow, now: Date): CaseListItem {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    state: r.status as CaseState,
    channel: r.channel,
    categoryId: r.category_id,
    categoryName: r.category_name,
    urgency: r.urgency as Urgency,
    level: r.level as CaseLevel | null,
    townId: r.town_id,
    townName: r.town_name,
    villageId: r.village_id,
    villageName: r.village_name,
    gridId: r.grid_id,
    gridName: r.grid_name,
    ownerOrgId: r.owner_org_id,
    ownerOrgName: r.owner_name,
    leadOrgId: r.lead_org_id,
    leadOrgName: r.lead_name,
    supervisionLevel: r.supervision_level as CaseLevel | null,
    listed: r.listed,
    reportedAt: iso(r.reported_at) as string,
    updatedAt: iso(r.updated_at) as string,
    closedAt: iso(r.closed_at),
    nextDueAt: iso(r.next_due),
    clock: r.next_due && r.next_warn ? colourAt(now, r.next_warn, r.next_due) : null,
    readOnly: r.read_only,
  };
}

const nextDue = sql<Date | null>`(select min(d.due_at) from case_deadlines d where d.case_id = cases.id)`;
const nextWarn = sql<Date | null>`(select d.warn_at from case_deadlines d where d.case_id = cases.id order by d.due_at limit 1)`;

/**
 * Plausible input for probing which actions the principal may take: with it an action fails only for who the
 * principal is or for the case's state (pending ids are taken from the case itself).
 */
function probeFields(c: Case, orgId: string) {
  const pending = c.extensions.find((x) => x.status === 'pending');
  const whistle = c.whistles.find((w) => w.summons.some((s) => s.orgId === orgId && !s.checkedInAt)) ?? c.whistles[0];
  return {
    reason: '—',
    notes: '—',
    content: '—',
    answer: '—',
    message: '—',
    leadOrgId: '0',
    assistingOrgIds: [],
    orgIds: ['0'],
    mainCaseId: '0',
    duplicateCaseId: '0',
    requestId: pending?.id ?? '',
    whistleId: whistle?.id ?? '',
    amount: 1,
    finding: 'confirmed',
    rating: 'satisfied',
  };
}

/**
 * A case number (prefix), or words of the text through the full-text index (jieba-segmented, like the 分析研判
 * search); cases written in the last seconds, not yet indexed, are matched by their title. The text test takes
 * the plan chosen for the words (text-plan.ts): a common word is tested on the cases walked in the list's order.
 */
function matchesText(q: string, tsq: string | null, plan: TextPlan) {
  return (eb: CasesEb) => {
    const byNumber = eb('cases.number', 'like', `${q.toUpperCase()}%`);
    if (!tsq) return byNumber;
    const byText = [
      textMatch(tsq, plan),
      eb.and([eb('cases.search_vector', 'is', null), eb('cases.title', 'like', `%${q}%`)]),
    ];
    // Case numbers are letters, digits and dashes: Chinese words need not be tried against them (the prefix
    // test has no index under the database's collation, and ORed with the text it made every count a full scan).
    return eb.or(CASE_NUMBER_LIKE.test(q) ? [byNumber, ...byText] : byText);
  };
}

const CASE_NUMBER_LIKE = /^[A-Za-z0-9-]+$/;

/** Lists report an exact total up to this many cases, then "more than". */
export const COUNT_CAP = 10_000;

export class CaseQueries {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly context: () => Promise<CaseContext>,
    private readonly crypto: FieldCrypto,
  ) {}

  async list(
    principal: Principal,
    filter: CaseListFilter,
  ): Promise<{ items: CaseListItem[]; total: number; totalCapped?: boolean }> {
    const now = this.clock.now();
    const pageSize = Math.min(Math.max(filter.pageSize ?? 20, 1), 200);
    const page = Math.max(filter.page ?? 1, 1);
    let base = withNames(this.db).where(casesVisibleTo(principal));
    if (filter.box) {
      if (!principal.orgId) return { items: [], total: 0 };
      base = base.where(boxCondition(this.db, filter.box, principal.orgId, now));
    }
    if (filter.state) base = base.where('cases.status', '=', filter.state);
    if (filter.categoryId) base = base.where('cases.category_id', '=', filter.categoryId);
    const sort = filter.sort ?? (filter.box ? 'due' : 'updated');
    let counted = base;
    const q = filter.q?.trim();
    if (q) {
      const tsq = buildTsQuery(queryTerms(q, jiebaSegmenter()));
      // A box is a short list of its own, and no index keeps the order of the deadlines: their words are tested
      // through the text index as before.
      let plan: TextPlan = 'text-index';
      if (tsq && !filter.box && sort !== 'due') {
        let scoped = this.db.selectFrom('cases').where(casesVisibleTo(principal));
        if (filter.state) scoped = scoped.where('cases.status', '=', filter.state);
        if (filter.categoryId) scoped = scoped.where('cases.category_id', '=', filter.categoryId);
        plan = await chooseTextPlan(this.db, scoped, tsq, pageSize * page);
      }
      // the count reads no text: through the text index whatever the plan of the page
      counted = base.where(matchesText(q, tsq, 'text-index'));
      base = base.where(matchesText(q, tsq, plan));
    }
    let rows = base
      .select([...LIST_COLUMNS, nextDue.as('next_due'), nextWarn.as('next_warn')])
      .select(sql<boolean>`cases.machine is null`.as('read_only'));
    rows =
      sort === 'due'
        ? rows.orderBy(sql`next_due asc nulls last`).orderBy('cases.id', 'desc')
        : sort === 'reported'
          ? rows.orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc')
          : rows.orderBy('cases.updated_at', 'desc').orderBy('cases.id', 'desc');
    const [items, count] = await Promise.all([
      rows
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      // Counting a million rows to print "共 N 条" is not worth a second: the count stops at COUNT_CAP.
      this.db
        .selectFrom(
          counted
            .select(sql<number>`1`.as('one'))
            .limit(COUNT_CAP + 1)
            .as('capped'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    const total = Number(count.n);
    return {
      items: items.map((r) => toListItem(r as ListRow, now)),
      total: Math.min(total, COUNT_CAP),
      ...(total > COUNT_CAP && { totalCapped: true }),
    };
  }

  async inbox(principal: Principal): Promise<Record<InboxBox, number>> {
    const now = this.clock.now();
    const counts = {} as Record<InboxBox, number>;
    for (const box of INBOX_BOXES) counts[box] = 0;
    if (!principal.orgId) return counts;
    const orgId = principal.orgId;
    await Promise.all(
      INBOX_BOXES.map(async (box) => {
        const row = await this.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(boxCondition(this.db, box, orgId, now))
          .executeTakeFirstOrThrow();
        counts[box] = Number(row.n);
      }),
    );
    return counts;
  }

  /** The actions that would not be refused for who the principal is (they may still need input). */
  allowedFor(c: Case, principal: Principal, ctx: CaseContext): CaseActionType[] {
    const actor = actorOf(principal);
    return allowedActions(c.state).filter((type) => {
      if (type === 'escalateOverdue') return false;
      const probe = { ...probeFields(c, String(principal.orgId ?? '')), type } as unknown as CaseAction;
      try {
        const result = applyCaseAction(c, probe, actor, {
          ...ctx,
          now: new Date(Math.max(ctx.now.getTime(), c.updatedAt.getTime())),
        });
        // The probe carries plausible input (pending ids taken from the case), so an action is offered exactly
        // when it would succeed: a refusal for who the user is, for the state, a pending callback or an open
        // appeal window all hide it.
        return result.ok;
      } catch {
        return false;
      }
    });
  }

  async detail(id: number, principal: Principal): Promise<CaseDetail> {
    const now = this.clock.now();
    const row = await withNames(this.db)
      .where('cases.id', '=', id)
      .where(casesVisibleTo(principal))
      .select([...LIST_COLUMNS, nextDue.as('next_due'), nextWarn.as('next_warn')])
      .select([
        sql<boolean>`cases.machine is null`.as('read_only'),
        'cases.machine',
        'cases.version',
        'cases.body',
        'cases.lat',
        'cases.lng',
        'cases.address',
        'cases.reporter_name',
        'cases.reporter_phone',
        'cases.anonymous',
        'cases.reply',
        'cases.satisfaction',
        'cases.attachment_ids',
        'cases.merged_into_id',
      ])
      .executeTakeFirst();
    if (!row) throw new AppError('CASE_NOT_FOUND', { details: { caseId: id } });
    const machine = row.machine ? deserializeCase(row.machine) : null;
    const [deadlines, events, units, orgNames] = await Promise.all([
      this.db
        .selectFrom('case_deadlines')
        .leftJoin('orgs', 'orgs.id', 'case_deadlines.org_id')
        .selectAll('case_deadlines')
        .select('orgs.name as org_name')
        .where('case_id', '=', id)
        .orderBy('due_at')
        .execute(),
      this.timeline(id, false),
      this.db
        .selectFrom('case_assignments')
        .innerJoin('orgs', 'orgs.id', 'case_assignments.org_id')
        .select(['case_assignments.org_id', 'case_assignments.role', 'case_assignments.status', 'orgs.name'])
        .where('case_id', '=', id)
        .execute(),
      this.orgNamesOf(machine),
    ]);
    // the reporter's name and phone are stored encrypted: opened here, masked by compose (never sent whole)
    const plain = row.anonymous
      ? row
      : {
          ...row,
          reporter_name: openReporterField(this.crypto, row.reporter_name),
          reporter_phone: openReporterField(this.crypto, row.reporter_phone),
        };
    return this.compose(plain as unknown as DetailRow, machine, deadlines, events, units, orgNames, principal, now);
  }

  /**
   * The case page of a case just created, from what the intake has in hand (the row, the snapshot, the rows
   * written with it): the names of its places and units in one query instead of re-reading the case with five.
   */
  async detailOfNew(fresh: FreshCase, principal: Principal): Promise<CaseDetail> {
    const now = this.clock.now();
    const { row, machine } = fresh;
    const ids = new Set<number>();
    for (const id of [row.town_id, row.village_id, row.grid_id, row.owner_org_id, row.lead_org_id]) {
      if (id !== null) ids.add(id);
    }
    for (const d of fresh.deadlines) if (d.org_id !== null) ids.add(d.org_id);
    for (const a of fresh.assignments) ids.add(a.org_id);
    for (const e of fresh.events) if (e.org_id !== null) ids.add(e.org_id);
    for (const d of machine.deadlines) ids.add(Number(d.orgId));
    for (const x of machine.extensions) ids.add(Number(x.byOrgId));
    for (const w of machine.whistles) for (const s of w.summons) ids.add(Number(s.orgId));
    const [orgs, category] = await Promise.all([
      this.db
        .selectFrom('orgs')
        .select(['id', 'name'])
        .where('id', 'in', [...ids, -1])
        .execute(),
      row.category_id === null
        ? Promise.resolve(undefined)
        : this.db.selectFrom('categories').select('name').where('id', '=', row.category_id).executeTakeFirst(),
    ]);
    const names = new Map(orgs.map((o) => [o.id, o.name]));
    const named = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
    const first = [...fresh.deadlines].sort((a, b) => a.due_at.getTime() - b.due_at.getTime())[0];
    const detailRow: DetailRow = {
      ...row,
      category_name: category?.name ?? null,
      town_name: named(row.town_id),
      village_name: named(row.village_id),
      grid_name: named(row.grid_id),
      owner_name: named(row.owner_org_id),
      lead_name: named(row.lead_org_id),
      next_due: first?.due_at ?? null,
      next_warn: first?.warn_at ?? null,
      read_only: false,
    };
    const deadlines = [...fresh.deadlines]
      .sort((a, b) => a.due_at.getTime() - b.due_at.getTime())
      .map((d) => ({ ...d, org_name: named(d.org_id) }));
    const events: TimelineEntry[] = fresh.events.map((e) => ({
      version: e.version,
      at: e.at.toISOString(),
      type: e.type as TimelineEntry['type'],
      actorKind: e.actor_kind as TimelineEntry['actorKind'],
      actorName: e.actor_kind === 'user' && e.actor_user_id === principal.userId ? principal.displayName : null,
      actorUserId: e.actor_user_id,
      orgId: e.org_id,
      orgName: named(e.org_id),
      fromState: e.from_state as CaseState | null,
      toState: e.to_state as CaseState,
      note: e.note,
      details: JSON.parse(e.details) as Record<string, unknown>,
      attachmentIds: e.attachment_ids,
    }));
    const units = fresh.assignments.map((a) => ({
      org_id: a.org_id,
      role: a.role,
      status: a.status,
      name: named(a.org_id) ?? '',
    }));
    return this.compose(detailRow, machine, deadlines, events, units, names, principal, now);
  }

  private async compose(
    row: DetailRow,
    machine: Case | null,
    deadlines: {
      key: string;
      kind: string;
      org_id: number | null;
      org_name: string | null;
      started_at: Date | string;
      due_at: Date | string;
      warn_at: Date | string;
      escalated_at: Date | string | null;
    }[],
    events: TimelineEntry[],
    units: { org_id: number; role: string; status: string; name: string }[],
    orgNames: Map<number, string>,
    principal: Principal,
    now: Date,
  ): Promise<CaseDetail> {
    const name = (orgId: string | undefined) => (orgId ? (orgNames.get(Number(orgId)) ?? null) : null);
    const ctx = await this.context();
    const paused = (machine?.deadlines ?? []).filter((d) => d.pausedAt);
    const item = toListItem(row, now);
    return {
      ...item,
      version: row.version,
      body: row.body,
      lat: row.lat,
      lng: row.lng,
      address: row.address,
      reporter: {
        name: row.anonymous ? null : maskName(row.reporter_name),
        phone: row.anonymous ? null : maskPhone(row.reporter_phone),
        anonymous: row.anonymous,
        masked: true,
      },
      reply: row.reply,
      rating: (row.satisfaction as Rating | null) ?? null,
      attachmentIds: row.attachment_ids ?? [],
      deadlines: [
        ...deadlines.map((d) => ({
          key: d.key,
          kind: d.kind as DeadlineKind,
          orgId: d.org_id,
          orgName: d.org_name,
          startedAt: iso(d.started_at) as string,
          dueAt: iso(d.due_at) as string,
          warnAt: iso(d.warn_at) as string,
          colour: colourAt(now, d.warn_at, d.due_at),
          paused: false,
          escalated: d.escalated_at !== null,
        })),
        ...paused.map((d) => ({
          key: d.key,
          kind: d.kind,
          orgId: Number(d.orgId),
          orgName: name(d.orgId),
          startedAt: d.startedAt.toISOString(),
          dueAt: d.dueAt.toISOString(),
          warnAt: d.warnAt.toISOString(),
          colour: 'green' as const,
          paused: true,
          escalated: d.escalatedAt !== undefined,
        })),
      ],
      timeline: events,
      units: units.map((u) => ({ orgId: u.org_id, orgName: u.name, role: u.role, status: u.status })),
      extensions: (machine?.extensions ?? []).map((x) => ({
        id: x.id,
        byOrgId: Number(x.byOrgId),
        byOrgName: name(x.byOrgId),
        amount: x.amount,
        unit: x.unit,
        reason: x.reason,
        status: x.status,
        at: x.at.toISOString(),
      })),
      whistles: (machine?.whistles ?? []).map((w) => ({
        id: w.id,
        byOrgId: Number(w.byOrgId),
        reason: w.reason,
        at: w.at.toISOString(),
        summons: w.summons.map((s) => ({
          orgId: Number(s.orgId),
          orgName: name(s.orgId),
          checkedInAt: s.checkedInAt?.toISOString() ?? null,
        })),
      })),
      supervision: machine?.supervision
        ? {
            level: machine.supervision.level,
            byOrgId: Number(machine.supervision.byOrgId),
            since: machine.supervision.since.toISOString(),
            reason: machine.supervision.reason,
            listed: machine.supervision.listed,
            automatic: machine.supervision.automatic,
          }
        : null,
      mergedInto: row.merged_into_id,
      mergedCaseIds: (machine?.mergedCaseIds ?? []).map(Number),
      allowedActions: machine ? this.allowedFor(machine, principal, ctx) : [],
      proposal:
        machine && ['pending_dispatch', 'submitted'].includes(machine.state)
          ? await proposeUnit(this.db, row.category_id, row.town_id)
          : null,
    };
  }

  private async orgNamesOf(c: Case | null): Promise<Map<number, string>> {
    if (!c) return new Map();
    const ids = new Set<number>();
    for (const x of c.extensions) ids.add(Number(x.byOrgId));
    for (const w of c.whistles) for (const s of w.summons) ids.add(Number(s.orgId));
    for (const d of c.deadlines) ids.add(Number(d.orgId));
    if (ids.size === 0) return new Map();
    const rows = await this.db
      .selectFrom('orgs')
      .select(['id', 'name'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The timeline; `forCitizen` hides staff names and internal notes of oversight steps. */
  async timeline(id: number, forCitizen: boolean): Promise<TimelineEntry[]> {
    return (await this.timelines([id], forCitizen)).get(id) ?? [];
  }

  /** The timelines of several cases in one query (a citizen's list of their reports). */
  async timelines(ids: readonly number[], forCitizen: boolean): Promise<Map<number, TimelineEntry[]>> {
    const byCase = new Map<number, TimelineEntry[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byCase;
    const rows = await this.db
      .selectFrom('case_events')
      .leftJoin('users', 'users.id', 'case_events.actor_user_id')
      .leftJoin('orgs', 'orgs.id', 'case_events.org_id')
      .select([
        'case_events.version',
        'case_events.at',
        'case_events.type',
        'case_events.actor_kind',
        'case_events.actor_user_id',
        'case_events.org_id',
        'case_events.from_state',
        'case_events.to_state',
        'case_events.note',
        'case_events.details',
        'case_events.attachment_ids',
        'users.display_name',
        'orgs.name as org_name',
        'case_events.case_id',
      ])
      .where('case_id', 'in', [...ids])
      .orderBy('case_events.case_id')
      .orderBy('case_events.version')
      .execute();
    for (const r of rows) {
      if (forCitizen && !PUBLIC_EVENTS.has(r.type)) continue;
      byCase.get(Number(r.case_id))?.push({
        version: r.version,
        at: iso(r.at) as string,
        type: r.type as TimelineEntry['type'],
        actorKind: r.actor_kind as TimelineEntry['actorKind'],
        actorName: forCitizen || r.actor_kind !== 'user' ? null : r.display_name,
        actorUserId: forCitizen ? null : r.actor_user_id,
        orgId: r.org_id,
        orgName: r.org_name,
        fromState: r.from_state as CaseState | null,
        toState: r.to_state as CaseState,
        note: forCitizen && !PUBLIC_NOTES.has(r.type) ? null : r.note,
        details: forCitizen
          ? {}
          : ((typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>),
        attachmentIds: forCitizen ? [] : (r.attachment_ids ?? []),
      });
    }
    return byCase;
  }
}

/** What a reporter sees of the timeline: the steps of their matter, not the internal oversight. */
const PUBLIC_EVENTS = new Set([
  'opened',
  'amended',
  'accept',
  'assignVerification',
  'verify',
  'reject',
  'closeOnTheSpot',
  'dispatch',
  'signFor',
  'handleAtGrid',
  'reply',
  'rate',
  'callback',
  'appeal',
  'grantAppeal',
  'refuseAppeal',
  'close',
  'merge',
  'suspend',
  'resume',
]);
const PUBLIC_NOTES = new Set([
  'reject',
  'closeOnTheSpot',
  'reply',
  'handleAtGrid',
  'rate',
  'appeal',
  'refuseAppeal',
  'suspend',
]);
