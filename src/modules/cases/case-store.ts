// Writes what the state machine decided — the case row (snapshot + projections, guarded by its version), the
// timeline, the live deadlines, the assignments, notifications and the outbox — in one statement (persistOutcome),
// inside the caller's transaction when there is one.
import { type Insertable, type Kysely, type QueryCreator, type RawBuilder, sql, type Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB, NotificationsTable } from '../../db/schema.js';
import type { Case, CaseOutcome, TimelineEvent } from '../../domain/case/index.js';
import { serializeCase } from './case-snapshot.js';
import { notificationsFor } from './notifications-policy.js';

const num = (id: string | undefined): number | null => (id === undefined || id === '' ? null : Number(id));

/** Free text of an action, kept as the timeline entry's note. */
function noteOf(details: Readonly<Record<string, unknown>>): string | null {
  for (const key of ['reason', 'notes', 'content', 'answer', 'message', 'comment', 'note']) {
    const value = details[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return null;
}

/** The text the citizen was answered with, when this event answered them. */
function replyText(event: TimelineEvent): string | undefined {
  const d = event.details;
  if (event.type === 'reply') return d.content as string;
  if (event.type === 'closeOnTheSpot') return d.answer as string;
  if (event.type === 'handleAtGrid') return d.notes as string;
  return undefined;
}

/** Every unit standing to the case now (accumulated into cases.unit_ids, which scopes reads). */
export function unitsOf(c: Case): number[] {
  const ids = new Set<string>([c.ownerOrgId]);
  if (c.dispatch) {
    ids.add(c.dispatch.byOrgId);
    ids.add(c.dispatch.lead.orgId);
    for (const u of c.dispatch.assisting) ids.add(u.orgId);
  }
  for (const w of c.whistles) for (const s of w.summons) ids.add(s.orgId);
  if (c.supervision) ids.add(c.supervision.byOrgId);
  if (c.reply) ids.add(c.reply.byOrgId);
  return [...ids].map(Number).filter((n) => Number.isInteger(n) && n > 0);
}

export function caseProjection(c: Case) {
  return {
    machine: serializeCase(c),
    status: c.state,
    level: c.level,
    supervision_level: c.supervision?.level ?? null,
    listed: c.supervision?.listed ?? false,
    owner_org_id: num(c.ownerOrgId),
    lead_org_id: num(c.dispatch?.lead.orgId),
    dispatcher_org_id: num(c.dispatch?.byOrgId),
    merged_into_id: num(c.mergedInto),
    reopen_count: c.reopenCount,
    return_count: c.returnCount,
    suspended: c.state === 'suspended',
    category_id: c.categoryId === '0' ? null : num(c.categoryId),
    urgency: c.urgency,
    version: c.version,
    updated_at: c.updatedAt,
    replied_at: c.reply?.at ?? null,
    closed_at: c.closedAt ?? null,
    satisfaction: c.rating?.value ?? null,
  };
}

export function assignmentsOf(c: Case) {
  const rows = new Map<string, { org_id: number; role: string; status: string }>();
  const add = (orgId: string | undefined, role: string, status = 'n/a') => {
    const id = num(orgId);
    if (id !== null) rows.set(`${id}:${role}`, { org_id: id, role, status });
  };
  const open = !['closed', 'rejected', 'archived', 'merged'].includes(c.state);
  if (!open) return [];
  add(c.ownerOrgId, 'owner');
  if (c.dispatch) {
    add(c.dispatch.byOrgId, 'dispatcher', c.extensions.some((x) => x.status === 'pending') ? 'pending' : 'n/a');
    add(c.dispatch.lead.orgId, 'lead', c.dispatch.lead.signedAt ? 'done' : 'pending');
    for (const unit of c.dispatch.assisting) add(unit.orgId, 'assisting', unit.signedAt ? 'done' : 'pending');
  }
  for (const w of c.whistles) for (const s of w.summons) add(s.orgId, 'summoned', s.checkedInAt ? 'done' : 'pending');
  if (c.supervision) add(c.supervision.byOrgId, 'supervisor');
  return [...rows.values()];
}

export function eventRows(caseId: number, events: readonly TimelineEvent[], actorUserId: number | null) {
  return events.map((e) => ({
    case_id: caseId,
    version: e.version,
    at: e.at,
    type: e.type,
    actor_kind: e.actor.kind,
    actor_user_id:
      e.actor.kind === 'user' ? actorUserId : e.actor.kind === 'citizen' ? Number(e.actor.citizenId) : null,
    org_id: num(e.orgId),
    from_state: e.fromState ?? null,
    to_state: e.toState,
    note: noteOf(e.details),
    details: JSON.stringify(e.details),
    attachment_ids: [...e.attachmentIds],
  }));
}

/** The case's live clocks as rows (a paused clock is not live). */
/** Where a case is: its clocks carry it, so an area's red clocks are counted without the case (0009). */
export interface ClockPlace {
  county_code: string;
  town_id: number | null;
  village_id: number | null;
  grid_id: number | null;
}

export function deadlineRows(c: Case, place: ClockPlace) {
  const owner = num(c.ownerOrgId);
  return c.deadlines
    .filter((d) => d.pausedAt === undefined)
    .map((d) => ({
      case_id: Number(c.id),
      key: d.key,
      kind: d.kind,
      org_id: num(d.orgId),
      county_code: place.county_code,
      town_id: place.town_id,
      village_id: place.village_id,
      grid_id: place.grid_id,
      owner_org_id: owner,
      started_at: d.startedAt,
      due_at: d.dueAt,
      warn_at: d.warnAt,
      warned_at: null as Date | null,
      escalated_at: d.escalatedAt ?? null,
    }));
}

export interface PersistOptions {
  /** The case's version before the action (null: not checked). */
  expectedVersion: number | null;
  /** Set on the events' actor_user_id. */
  actorUserId: number | null;
}

/** What the rest of the write needs of the case row: where it is, who knows it by which number, the reply. */
export interface WrittenCase {
  county_code: string;
  town_id: number | null;
  village_id: number | null;
  grid_id: number | null;
  number: string;
  channel: string;
  external_ref: string | null;
  reply: string | null;
}

/**
 * The state machine's columns of a new case (snapshot, projections, units, reply), so the row is inserted
 * once in its final form rather than inserted and updated at once (two row versions, every index written twice).
 */
export function newCaseColumns(outcome: CaseOutcome) {
  const c = outcome.case;
  const event = outcome.events[outcome.events.length - 1];
  return { ...caseProjection(c), reply: (event && replyText(event)) ?? null, unit_ids: unitsOf(c) };
}

/** The rows `rows` of `table` as a query's source, when `guard` holds: INSERT … SELECT inside persistOutcome's statement. */
function rowsWhere(table: keyof DB, rows: readonly object[], guard: RawBuilder<boolean>) {
  const columns = Object.keys(rows[0] as object);
  return sql`SELECT ${sql.join(columns.map((c) => sql.ref(`r.${c}`)))}
    FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb) AS r WHERE ${guard}`;
}

/** The rows of `table` as an INSERT's source: a VALUES list, or (with a guard) rowsWhere. */
function insertRows<T extends keyof DB & string>(
  q: QueryCreator<DB>,
  table: T,
  rows: readonly object[],
  guard: RawBuilder<boolean> | undefined,
) {
  const insert = q.insertInto(table);
  if (!guard) return insert.values(rows as never);
  return insert.columns(Object.keys(rows[0] as object) as never).expression(rowsWhere(table, rows, guard));
}

/**
 * The cases' live clocks, written as a difference: clocks that ended are deleted, new and changed ones upserted,
 * unchanged ones left alone (no new row version, none of the table's nine indexes written). A paused clock is
 * not live; a warned one keeps its warning while its due time stays the same. A delete and an upsert for any
 * number of cases (the sweeper writes a batch), run by writeClocks or as CTEs of persistOutcome's statement (`guard`).
 */
function clockDifference(
  q: QueryCreator<DB>,
  cases: readonly { c: Case; place: ClockPlace }[],
  guard?: RawBuilder<boolean>,
) {
  const ids = cases.map(({ c }) => Number(c.id));
  const rows = cases.flatMap(({ c, place }) => deadlineRows(c, place));
  const live = rows.map((r) => `${r.case_id}:${r.key}`);
  const gone = q
    .deleteFrom('case_deadlines')
    .where('case_id', 'in', ids)
    .$if(live.length > 0, (d) =>
      d.where(sql<boolean>`NOT ((case_id::text || ':' || key) = ANY(${sql.val(live)}::text[]))`),
    )
    .$if(guard !== undefined, (d) => d.where(guard as RawBuilder<boolean>));
  const upsert =
    rows.length === 0
      ? null
      : insertRows(q, 'case_deadlines', rows, guard).onConflict((oc) =>
          oc
            .columns(['case_id', 'key'])
            .doUpdateSet({
              kind: (eb) => eb.ref('excluded.kind'),
              org_id: (eb) => eb.ref('excluded.org_id'),
              county_code: (eb) => eb.ref('excluded.county_code'),
              town_id: (eb) => eb.ref('excluded.town_id'),
              village_id: (eb) => eb.ref('excluded.village_id'),
              grid_id: (eb) => eb.ref('excluded.grid_id'),
              owner_org_id: (eb) => eb.ref('excluded.owner_org_id'),
              started_at: (eb) => eb.ref('excluded.started_at'),
              due_at: (eb) => eb.ref('excluded.due_at'),
              warn_at: (eb) => eb.ref('excluded.warn_at'),
              warned_at: sql`CASE WHEN case_deadlines.due_at = excluded.due_at THEN case_deadlines.warned_at END`,
              escalated_at: (eb) => eb.ref('excluded.escalated_at'),
            })
            .where(
              sql<boolean>`(case_deadlines.kind, case_deadlines.org_id, case_deadlines.county_code, case_deadlines.town_id,
            case_deadlines.village_id, case_deadlines.grid_id, case_deadlines.owner_org_id, case_deadlines.started_at,
            case_deadlines.due_at, case_deadlines.warn_at, case_deadlines.escalated_at)
            IS DISTINCT FROM (excluded.kind, excluded.org_id, excluded.county_code, excluded.town_id, excluded.village_id,
            excluded.grid_id, excluded.owner_org_id, excluded.started_at, excluded.due_at, excluded.warn_at,
            excluded.escalated_at)`,
            ),
        );
  return { gone, upsert };
}

export async function writeClocks(
  trx: Transaction<DB>,
  cases: readonly { c: Case; place: ClockPlace }[],
): Promise<void> {
  if (cases.length === 0) return;
  const { gone, upsert } = clockDifference(trx, cases);
  await gone.execute();
  await upsert?.execute();
}

/** Who stands to the case, written as a difference like the clocks: most actions change one row or none. */
export function assignmentRows(c: Case) {
  const id = Number(c.id);
  return assignmentsOf(c).map((a) => ({ case_id: id, org_id: a.org_id, role: a.role as 'owner', status: a.status }));
}

/** Who stands to the cases, as a difference like the clocks (clockDifference). */
function assignmentDifference(q: QueryCreator<DB>, cases: readonly Case[], guard?: RawBuilder<boolean>) {
  const ids = cases.map((c) => Number(c.id));
  const rows = cases.flatMap(assignmentRows);
  const keys = rows.map((r) => `${r.case_id}:${r.org_id}:${r.role}`);
  const gone = q
    .deleteFrom('case_assignments')
    .where('case_id', 'in', ids)
    .$if(keys.length > 0, (d) =>
      d.where(
        sql<boolean>`NOT ((case_id::text || ':' || org_id::text || ':' || role) = ANY(${sql.val(keys)}::text[]))`,
      ),
    )
    .$if(guard !== undefined, (d) => d.where(guard as RawBuilder<boolean>));
  const upsert =
    rows.length === 0
      ? null
      : insertRows(q, 'case_assignments', rows, guard).onConflict((oc) =>
          oc
            .columns(['case_id', 'org_id', 'role'])
            .doUpdateSet({ status: (eb) => eb.ref('excluded.status') })
            .where(sql<boolean>`case_assignments.status IS DISTINCT FROM excluded.status`),
        );
  return { gone, upsert };
}

export async function writeAssignments(trx: Transaction<DB>, cases: readonly Case[]): Promise<void> {
  if (cases.length === 0) return;
  const { gone, upsert } = assignmentDifference(trx, cases);
  await gone.execute();
  await upsert?.execute();
}

/** Who hears of the outcome's entries in their inbox (notifications-policy.ts), as rows. */
export function notificationRows(before: Case | null, outcome: CaseOutcome, caseNumber: string) {
  const notes: Insertable<NotificationsTable>[] = [];
  for (const e of outcome.events) {
    for (const n of notificationsFor(before, outcome.case, e, caseNumber)) {
      notes.push({
        org_id: Number(n.orgId),
        user_id: null,
        case_id: Number(outcome.case.id),
        kind: n.kind,
        title: n.title,
        created_at: e.at,
      });
    }
  }
  return notes;
}

/** One outbox message per timeline entry (the channels, webhooks and 12345 push-back read them). */
export function outboxRows(id: number, row: WrittenCase, events: readonly TimelineEvent[]) {
  return events.map((e) => ({
    topic: 'case.changed',
    case_id: id,
    payload: JSON.stringify({
      changeId: `${id}:${e.version}`,
      caseId: id,
      number: row.number,
      channel: row.channel,
      externalRef: row.external_ref,
      version: e.version,
      type: e.type,
      state: e.toState,
      at: e.at.toISOString(),
      reply: e.type === 'reply' || e.type === 'closeOnTheSpot' || e.type === 'handleAtGrid' ? row.reply : null,
    }),
    created_at: e.at,
    available_at: e.at,
  }));
}

/** The columns of a case row the write needs (WrittenCase), for the reads that load a case before acting on it. */
export const WRITTEN_COLUMNS = [
  'county_code',
  'town_id',
  'village_id',
  'grid_id',
  'number',
  'channel',
  'external_ref',
  'reply',
] as const;

/** One data-modifying CTE of persistOutcome's statement: its name and its query. */
type Step = [name: string, query: (q: QueryCreator<DB>) => unknown];

/**
 * An action on an existing case (a new one is written by new-case-writer.ts), in **one statement**: the case row
 * guarded by its version, then — as data-modifying CTEs that write only when that update did — the timeline, the
 * clocks' and assignments' differences, notifications, the replies echoed to merged duplicates and the outbox.
 * Atomic on its own, so an action needs no transaction of its own (act-on-case.ts): one round trip instead of
 * BEGIN, a locking read, eight or nine statements and COMMIT; inside a caller's transaction it is one statement of
 * it. `row` is the case's WrittenCase as read with `before` (its place, number and channel change only with its
 * version, which guards the write); without it, it is read first.
 */
export async function persistOutcome(
  db: Kysely<DB> | Transaction<DB>,
  before: Case,
  outcome: CaseOutcome,
  options: PersistOptions & { row?: WrittenCase },
): Promise<void> {
  const c = outcome.case;
  const id = Number(c.id);
  const event = outcome.events[outcome.events.length - 1];
  const reply = event ? replyText(event) : undefined;
  const read =
    options.row ?? (await db.selectFrom('cases').select(WRITTEN_COLUMNS).where('id', '=', id).executeTakeFirst());
  if (!read) throw new AppError('CASE_NOT_FOUND', { details: { caseId: id } });
  const row: WrittenCase = { ...read, reply: reply ?? read.reply };
  const guard = sql<boolean>`EXISTS (SELECT 1 FROM upd)`;

  const steps: Step[] = [];
  const events = eventRows(id, outcome.events, options.actorUserId).map((e) => ({
    ...e,
    details: JSON.parse(e.details) as unknown,
  }));
  steps.push(['events', (q) => insertRows(q, 'case_events', events, guard)]);
  // built once, on `db` (a query creator like the CTE's): the delete and the upsert of each difference
  const clocks = clockDifference(db, [{ c, place: row }], guard);
  steps.push(['clocks_gone', () => clocks.gone]);
  if (clocks.upsert) steps.push(['clocks', () => clocks.upsert]);
  const units = assignmentDifference(db, [c], guard);
  steps.push(['units_gone', () => units.gone]);
  if (units.upsert) steps.push(['units', () => units.upsert]);
  const notes = notificationRows(before, outcome, row.number);
  if (notes.length > 0) steps.push(['notes', (q) => insertRows(q, 'notifications', notes, guard)]);
  // A reply answers the reporters of merged duplicates too: their channels hear of it as a change of theirs.
  const echoes = outcome.events.filter((e) => e.type === 'reply' && c.mergedCaseIds.length > 0);
  if (echoes.length > 0) {
    const heard = JSON.stringify(echoes.map((e) => ({ version: e.version, at: e.at.toISOString() })));
    steps.push([
      'echoes',
      (q) =>
        q
          .insertInto('outbox')
          .columns(['topic', 'case_id', 'payload', 'created_at', 'available_at'])
          .expression(sql`SELECT 'case.changed', d.id,
          jsonb_build_object('changeId', d.id || ':' || d.version || ':main:' || ${id} || ':' || e.version,
            'caseId', d.id, 'number', d.number, 'channel', d.channel, 'externalRef', d.external_ref,
            'version', d.version, 'type', 'reply', 'state', 'merged', 'mainCaseId', ${id}::bigint, 'at', e.at,
            'reply', ${row.reply}::text),
          e.at::timestamptz, e.at::timestamptz
        FROM cases AS d CROSS JOIN jsonb_to_recordset(${heard}::jsonb) AS e(version integer, at text)
        WHERE d.id = ANY(${sql.val(c.mergedCaseIds.map(Number))}::bigint[]) AND ${guard}`),
    ]);
  }
  const messages = outboxRows(id, row, outcome.events).map((m) => ({
    ...m,
    payload: JSON.parse(m.payload) as unknown,
  }));
  steps.push(['messages', (q) => insertRows(q, 'outbox', messages, guard)]);

  // biome-ignore lint/suspicious/noExplicitAny: the CTE chain's type grows with each step
  let query: any = db.with('upd', (q) =>
    q
      .updateTable('cases')
      .set({
        ...caseProjection(c),
        ...(reply !== undefined && { reply }),
        unit_ids: sql<
          number[]
        >`array(select distinct u from unnest(cases.unit_ids || ${sql.val(unitsOf(c))}::int[]) u)`,
      })
      .where('id', '=', id)
      .$if(options.expectedVersion !== null, (u) => u.where('version', '=', options.expectedVersion as number))
      .returning('id'),
  );
  for (const [name, step] of steps) query = query.with(name, step);
  const written = await query.selectFrom('upd').select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  if (Number(written?.n ?? 0) === 0) throw new AppError('CASE_VERSION_CONFLICT', { details: { caseId: id } });
}
