// Gives the demo county's year of history real workflows: each historical case is played through the state
// machine at its historical times (opened, accepted, reported up or dispatched, signed, replied, called back,
// closed), so its timeline, clocks, assignments and ratings are what the live system would have written,
// and the cases still open can be worked on. Pure in-memory replay, then bulk inserts.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { CasesTable, DB } from '../../db/schema.js';
import {
  type Actor,
  applyCaseAction,
  type Case,
  type CaseAction,
  type CaseContext,
  type CaseLevel,
  openCase,
  type Rating,
  type TimelineEvent,
} from '../../domain/case/index.js';
import { SYSTEM_ACTOR } from './case-actor.js';
import { assignmentsOf, caseProjection, deadlineRows, eventRows, unitsOf } from './case-store.js';

type HistoryRow = Insertable<CasesTable> & { id: number };
const MIN = 60_000;
const HOUR = 60 * MIN;

interface OrgInfo {
  kind: string;
  userId: number | null;
}

export interface ReplayResult {
  replayed: number;
  events: number;
}

/** Deterministic spread from the case id (minutes), so the demo looks the same on every machine. */
function spread(id: number, salt: number, maxMinutes: number): number {
  return (((id * 2654435761 + salt * 40503) >>> 0) % maxMinutes) * MIN;
}

export async function replayHistory(
  trx: Transaction<DB> | Kysely<DB>,
  rows: HistoryRow[],
  countyId: number,
  context: (now: Date) => Promise<CaseContext>,
  now: Date,
  progress: (done: number, total: number) => void = () => {},
): Promise<ReplayResult> {
  const orgRows = await trx.selectFrom('orgs').select(['id', 'kind']).execute();
  const users = await trx
    .selectFrom('users')
    .select(['id', 'org_id'])
    .where('org_id', 'is not', null)
    .orderBy('id')
    .execute();
  const firstUser = new Map<number, number>();
  for (const u of users) if (u.org_id !== null && !firstUser.has(u.org_id)) firstUser.set(u.org_id, u.id);
  const orgs = new Map<number, OrgInfo>(
    orgRows.map((o) => [o.id, { kind: o.kind, userId: firstUser.get(o.id) ?? null }]),
  );
  const base = await context(now);

  const staff = (orgId: string): { actor: Actor; userId: number | null } => {
    const info = orgs.get(Number(orgId));
    const level = (info?.kind === 'party' ? 'third_party' : info?.kind) as Extract<Actor, { kind: 'user' }>['orgLevel'];
    return {
      actor: { kind: 'user', userId: String(info?.userId ?? 0), role: 'operator', orgId, orgLevel: level ?? 'county' },
      userId: info?.userId ?? null,
    };
  };

  let replayed = 0;
  let eventCount = 0;
  const BATCH = 200;
  let pending: { row: HistoryRow; c: Case; events: { e: TimelineEvent; userId: number | null }[] }[] = [];

  const flush = async () => {
    if (pending.length === 0) return;
    const events = pending.flatMap((p) =>
      p.events.map(({ e, userId }) => eventRows(p.row.id, [e], userId)[0] as ReturnType<typeof eventRows>[number]),
    );
    for (let i = 0; i < events.length; i += 1000)
      await trx
        .insertInto('case_events')
        .values(events.slice(i, i + 1000))
        .execute();
    const deadlines = pending.flatMap((p) =>
      deadlineRows(p.c, {
        county_code: p.row.county_code,
        town_id: p.row.town_id ?? null,
        village_id: p.row.village_id ?? null,
        grid_id: p.row.grid_id ?? null,
      }),
    );
    if (deadlines.length) await trx.insertInto('case_deadlines').values(deadlines).execute();
    const assignments = pending.flatMap((p) =>
      assignmentsOf(p.c).map((a) => ({
        case_id: p.row.id,
        org_id: a.org_id,
        role: a.role as 'owner',
        status: a.status,
      })),
    );
    if (assignments.length) await trx.insertInto('case_assignments').values(assignments).execute();
    for (const p of pending) {
      await trx
        .updateTable('cases')
        .set({
          ...caseProjection(p.c),
          reply: p.c.reply ? p.row.reply : null,
          // Who stood to the case, as the live path accumulates it: the units of its final state and every unit
          // that acted on its timeline (a lead that returned it, a signer).
          unit_ids: [...new Set([...unitsOf(p.c), ...p.events.flatMap(({ e }) => (e.orgId ? [Number(e.orgId)] : []))])],
        })
        .where('id', '=', p.row.id)
        .execute();
    }
    eventCount += events.length;
    pending = [];
  };

  for (const row of rows) {
    const reported = new Date(row.reported_at as Date).getTime();
    const intake: CaseLevel =
      row.channel === 'hotline'
        ? 'county'
        : row.channel === 'grid_patrol' || row.channel === 'screening'
          ? 'grid'
          : 'village';
    const route = {
      grid: String(row.grid_id),
      village: String(row.village_id),
      town: String(row.town_id),
      county: String(countyId),
    };
    const opener: Actor =
      row.channel === 'citizen_app' && row.reporter_user_id
        ? { kind: 'citizen', citizenId: String(row.reporter_user_id) }
        : intake === 'grid'
          ? staff(route.grid).actor
          : SYSTEM_ACTOR;
    const opened = openCase(
      {
        id: String(row.id),
        categoryId: String(row.category_id ?? 0),
        urgency: 'normal',
        source: row.channel === 'hotline' ? 'hotline_12345' : (row.channel as 'citizen_app'),
        reporter:
          row.reporter_user_id && row.channel === 'citizen_app'
            ? { kind: 'citizen', citizenId: String(row.reporter_user_id) }
            : { kind: 'anonymous' },
        route,
        intakeLevel: intake,
      },
      opener,
      { ...base, now: new Date(reported) },
    );
    if (!opened.ok) continue;
    let c = opened.value.case;
    const events: { e: TimelineEvent; userId: number | null }[] = opened.value.events.map((e) => ({
      e,
      userId: opener.kind === 'user' ? Number(opener.userId) : null,
    }));
    let t = reported;
    const step = (at: number, orgId: string | 'system', action: CaseAction): boolean => {
      t = Math.min(Math.max(at, t + MIN), now.getTime());
      const who = orgId === 'system' ? { actor: SYSTEM_ACTOR, userId: null } : staff(orgId);
      const result = applyCaseAction(c, action, who.actor, { ...base, now: new Date(t) });
      if (!result.ok) return false;
      c = result.value.case;
      for (const e of result.value.events) events.push({ e, userId: who.userId });
      return true;
    };
    const open = row.closed_at == null;
    const ownerKind = row.owner_org_id ? orgs.get(row.owner_org_id)?.kind : undefined;
    const toUnit = ownerKind === 'department' || ownerKind === 'office' || ownerKind === 'third_party';
    step(reported + 10 * MIN + spread(row.id, 1, 40), c.ownerOrgId, { type: 'accept' });
    if (c.level === 'grid')
      step(t + 20 * MIN + spread(row.id, 2, 60), c.ownerOrgId, {
        type: 'reportUp',
        reason: '超出网格处置能力，上报村社区',
      });
    let dispatched = false;
    if (toUnit && row.owner_org_id) {
      dispatched = step(t + 30 * MIN + spread(row.id, 3, 90), c.ownerOrgId, {
        type: 'dispatch',
        leadOrgId: String(row.owner_org_id),
      });
    } else if (c.level === 'village') {
      step(t + 30 * MIN + spread(row.id, 4, 90), c.ownerOrgId, { type: 'reportUp', reason: '需镇街统筹处置' });
    } else if (c.level === 'county' && row.town_id) {
      dispatched = step(t + 30 * MIN + spread(row.id, 5, 90), c.ownerOrgId, {
        type: 'dispatch',
        leadOrgId: String(row.town_id),
      });
    }
    if (dispatched && row.status !== 'dispatched') {
      step(t + 20 * MIN + spread(row.id, 6, 150), c.dispatch?.lead.orgId ?? c.ownerOrgId, { type: 'signFor' });
    }
    if (!open) {
      const replied = new Date(row.replied_at as Date).getTime();
      const closed = new Date(row.closed_at as Date).getTime();
      const answerer = c.state === 'handling' ? (c.dispatch?.lead.orgId ?? c.ownerOrgId) : c.ownerOrgId;
      if (step(replied, answerer, { type: 'reply', content: row.reply ?? '已办理完毕。' })) {
        const rating = (row.satisfaction ?? 'satisfied') as Rating;
        const callbackAt = replied + Math.max(HOUR, (closed - replied) / 3);
        step(callbackAt, c.ownerOrgId, { type: 'callback', rating, notes: '电话回访' });
        if (rating === 'unsatisfied') {
          // Reopened: the unit answers again and the second callback is kinder.
          step(t + 20 * HOUR, c.dispatch?.lead.orgId ?? c.ownerOrgId, {
            type: 'reply',
            content: row.reply ?? '已重新办理。',
          });
          step(t + 4 * HOUR, c.ownerOrgId, { type: 'callback', rating: 'basically_satisfied', notes: '重办后回访' });
        }
        step(Math.max(closed, t + HOUR), c.ownerOrgId, { type: 'close' });
      }
    }
    pending.push({ row, c, events });
    replayed++;
    if (pending.length >= BATCH) {
      await flush();
      progress(replayed, rows.length);
    }
  }
  await flush();
  progress(replayed, rows.length);
  return { replayed, events: eventCount };
}
