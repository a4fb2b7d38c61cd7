// Reading the base records: the list (filters, search by name / code, or by exact ID number or phone through
// the blind index), one record with its field-level history, household members, the other grids of a
// duplicate, and the cases it concerns; and the per-record reveal of a masked value, audited.
import { type SelectQueryBuilder, sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { normalisePhone, type RecordKind, visibleTags } from '../../domain/grid-data/index.js';
import type { Principal } from '../auth/principal.js';
import { casesVisibleTo } from '../cases/index.js';
import type { GridDataDeps } from './grid-data-deps.js';
import { recordsVisibleTo } from './grid-data-scope.js';
import { type RecordView, viewOf } from './record-codec.js';
import { type ReadingContext, readingContext } from './record-rules.js';
import { loadRecord } from './save-record.js';

export interface RecordFilter {
  /** A town, village or grid of the principal's subtree. */
  orgId?: number;
  q?: string;
  category?: string;
  tag?: string;
  duplicate?: boolean;
  overdue?: boolean;
  archived?: boolean;
}

type Q = SelectQueryBuilder<DB, 'grid_records', object>;

/** The filtered rows of a kind in scope (shared by the list, the export and the case picker). */
export function filtered(
  deps: GridDataDeps,
  principal: Principal,
  kind: RecordKind,
  f: RecordFilter,
  ctx: ReadingContext,
): Q {
  let q = deps.db
    .selectFrom('grid_records')
    .where('grid_records.kind', '=', kind)
    .where(recordsVisibleTo(principal))
    .where('grid_records.archived', '=', f.archived ?? false) as unknown as Q;
  if (f.orgId) {
    q = q.where((eb) =>
      eb(
        'grid_records.grid_id',
        'in',
        eb
          .selectFrom('orgs as o')
          .select('o.id')
          .where(
            'o.path',
            'like',
            eb
              .selectFrom('orgs as r')
              .select(sql<string>`r.path || '%'`.as('p'))
              .where('r.id', '=', f.orgId as number),
          ),
      ),
    );
  }
  const text = f.q?.trim();
  if (text) {
    if (/^\d{17}[\dXx]$/.test(text)) {
      q = q.where('grid_records.id_index', '=', deps.crypto.blindIndex(text.toUpperCase()));
    } else if (normalisePhone(text) && /^[\d\s+-]{7,}$/.test(text)) {
      q = q.where('grid_records.phone_index', '=', deps.crypto.blindIndex(normalisePhone(text) as string));
    } else {
      const like = `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or([
          eb('grid_records.name', 'like', like),
          ...(kind === 'person' ? [] : [eb('grid_records.natural_key', '=', text)]),
        ]),
      );
    }
  }
  if (f.category) q = q.where('grid_records.category', '=', f.category);
  if (f.tag) {
    // A hidden tag does not exist for this reader: nothing carries it.
    if (ctx.catalogue.sensitive.has(f.tag) && !ctx.canSeeSensitive) q = q.where(sql<boolean>`false`);
    else q = q.where(sql<boolean>`grid_records.tags @> ARRAY[${f.tag}]::text[]`);
  }
  if (f.duplicate !== undefined) q = q.where('grid_records.duplicate', '=', f.duplicate);
  if (f.overdue) q = q.where('grid_records.due_on', '<', ctx.today);
  return q;
}

export function withPlaceNames(q: Q) {
  return q
    .innerJoin('orgs as g', 'g.id', 'grid_records.grid_id')
    .innerJoin('orgs as v', 'v.id', 'grid_records.village_id')
    .selectAll('grid_records')
    .select(['g.name as grid_name', 'v.name as village_name']);
}

export async function listRecords(
  deps: GridDataDeps,
  principal: Principal,
  kind: RecordKind,
  f: RecordFilter & { limit?: number; offset?: number },
): Promise<{ items: RecordView[]; total: number }> {
  const ctx = await readingContext(deps, principal);
  const base = filtered(deps, principal, kind, f, ctx);
  const [rows, count] = await Promise.all([
    withPlaceNames(base)
      .orderBy('grid_records.id', 'desc')
      .limit(f.limit ?? 50)
      .offset(f.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => viewOf(r, ctx.catalogue, ctx.canSeeSensitive, ctx.today)),
    total: Number(count.n),
  };
}

export interface HistoryEntryView {
  action: string;
  at: string;
  actor: { userName: string | null; orgName: string | null };
  changes: { field: string; label: string; from: unknown; to: unknown }[];
}

export async function getRecord(deps: GridDataDeps, principal: Principal, kind: RecordKind, id: number) {
  const ctx = await readingContext(deps, principal);
  const row = await withPlaceNames(
    deps.db
      .selectFrom('grid_records')
      .where('grid_records.id', '=', id)
      .where('grid_records.kind', '=', kind)
      .where(recordsVisibleTo(principal)) as unknown as Q,
  ).executeTakeFirst();
  if (!row) throw new AppError('GRID_RECORD_NOT_FOUND', { details: { kind, id } });
  const history = await deps.db
    .selectFrom('grid_record_changes as c')
    .leftJoin('users as u', 'u.id', 'c.actor_user_id')
    .leftJoin('orgs as o', 'o.id', 'c.actor_org_id')
    .select(['c.action', 'c.at', 'c.changes', 'u.display_name', 'o.name as org_name'])
    .where('c.record_id', '=', id)
    .orderBy('c.id')
    .execute();
  const hideTags = (v: unknown) =>
    Array.isArray(v) ? visibleTags(v as string[], ctx.catalogue, ctx.canSeeSensitive) : v;
  const historyView: HistoryEntryView[] = history.map((h) => ({
    action: h.action,
    at: new Date(h.at).toISOString(),
    actor: { userName: h.display_name, orgName: h.org_name },
    changes: (h.changes as HistoryEntryView['changes'])
      .map((c) => (c.field === 'tags' ? { ...c, from: hideTags(c.from), to: hideTags(c.to) } : c))
      // a change only of hidden tags is no change for this reader
      .filter((c) => c.field !== 'tags' || JSON.stringify(c.from) !== JSON.stringify(c.to)),
  }));
  const members =
    kind === 'household'
      ? await withPlaceNames(
          deps.db
            .selectFrom('grid_records')
            .where('grid_records.household_id', '=', id)
            .where('grid_records.archived', '=', false)
            .where(recordsVisibleTo(principal)) as unknown as Q,
        )
          .orderBy('grid_records.id')
          .execute()
      : [];
  // A duplicate: the grids that also register this ID number (their names only — the records are theirs).
  const alsoIn =
    row.duplicate && row.id_index
      ? await deps.db
          .selectFrom('grid_records as r')
          .innerJoin('orgs as g', 'g.id', 'r.grid_id')
          .select(['g.id', 'g.name'])
          .where('r.kind', '=', 'person')
          .where('r.county_code', '=', row.county_code)
          .where('r.id_index', '=', row.id_index)
          .where('r.id', '<>', id)
          .where('r.archived', '=', false)
          .execute()
      : [];
  const cases = await deps.db
    .selectFrom('case_subjects as s')
    .innerJoin('cases', 'cases.id', 's.case_id')
    .select(['cases.id', 'cases.number', 'cases.title', 'cases.status', 'cases.reported_at'])
    .where('s.record_id', '=', id)
    .where(casesVisibleTo(principal))
    .orderBy('cases.id', 'desc')
    .execute();
  return {
    ...viewOf(row, ctx.catalogue, ctx.canSeeSensitive, ctx.today),
    history: historyView,
    members: members.map((m) => viewOf(m, ctx.catalogue, ctx.canSeeSensitive, ctx.today)),
    alsoIn,
    cases: cases.map((c) => ({
      id: Number(c.id),
      number: c.number,
      title: c.title,
      status: c.status,
      reportedAt: new Date(c.reported_at).toISOString(),
    })),
  };
}

/** The masked values in full: needs griddata.reveal (the route checks it), the record in scope, an audit entry. */
export async function revealRecord(
  deps: GridDataDeps,
  principal: Principal,
  kind: RecordKind,
  id: number,
  ip?: string,
): Promise<{ idNumber?: string | null; phone: string | null; room?: string | null }> {
  const row = await loadRecord(deps, principal, kind, id);
  const attrs = (row.attrs ?? {}) as Record<string, unknown>;
  const out: { idNumber?: string | null; phone: string | null; room?: string | null } = {
    phone: row.phone_cipher ? deps.crypto.decrypt(row.phone_cipher) : null,
  };
  const fields = ['phone'];
  if (kind === 'person') {
    out.idNumber = row.id_cipher ? deps.crypto.decrypt(row.id_cipher) : null;
    fields.unshift('idNumber');
  }
  if (kind === 'person' || kind === 'household') {
    out.room = (attrs.room as string | undefined) ?? null;
    fields.push('room');
  }
  await deps.audit.record(principal, {
    action: 'griddata.reveal',
    targetType: `grid_${kind}`,
    targetId: id,
    details: { fields },
    ip,
  });
  return out;
}
