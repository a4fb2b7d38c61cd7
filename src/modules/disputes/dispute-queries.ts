// Reading disputes: the queue with its boxes and filters (risk, age, level, type), one dispute with its
// sessions, history and the actions offered, the parties revealed (pii.view, audited), the printable
// agreement, the indicators and the month's 重大 disputes. Every principal-facing query goes through
// disputesVisibleTo.
import { type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { DB, DisputesTable } from '../../db/schema.js';
import {
  ACTIVE_DISPUTE_STATES,
  allowedDisputeActions,
  DISPUTE_ACTION_LABELS,
  DISPUTE_STATE_LABELS,
  type DisputeSource,
  type DisputeState,
  FAILURE_ROUTE_LABELS,
  type HandlingLevel,
  LEVEL_LABELS,
  OPEN_DISPUTE_STATES,
  PERFORMANCE_LABELS,
  RISK_LABELS,
  RISK_REASON_LABELS,
  type RiskLevel,
  type RiskReason,
  SOURCE_LABELS,
} from '../../domain/dispute/index.js';
import type { AuditService } from '../audit/audit-service.js';
import { can, type Principal } from '../auth/principal.js';
import { colourAt } from '../cases/case-queries.js';
import { disputeActorOf, loadDispute } from './act-on-dispute.js';
import { disputesVisibleTo } from './dispute-scope.js';
import type {
  AgreementView,
  DisputeBox,
  DisputeDetail,
  DisputeListItem,
  DisputeListQuery,
  DisputeSession,
  OrgRef,
} from './dispute-views.js';
import { maskParties, type Party } from './parties.js';

type Row = Selectable<DisputesTable> & {
  clock_kind: string | null;
  clock_due_at: Date | null;
  clock_warn_at: Date | null;
  type_name: string | null;
};
type Eb = ExpressionBuilder<DB & { d: DB['dispute_deadlines'] }, 'disputes'>;

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
const DAY_MS = 86_400_000;
const ACTIVE = ACTIVE_DISPUTE_STATES as DisputeState[];
const OPEN = OPEN_DISPUTE_STATES as DisputeState[];

function boxCondition(box: DisputeBox, principal: Principal) {
  const unit = principal.orgId ?? -1;
  const subtree = sql<number[]>`${sql.val([...principal.scopeOrgIds])}::int[]`;
  const handledHere = sql<SqlBool>`disputes.handling_org_id = any(${subtree})`;
  return (eb: Eb) => {
    switch (box) {
      case 'to_accept':
        return eb.and([eb('disputes.state', '=', 'registered'), handledHere]);
      case 'to_assign':
        return eb.and([eb('disputes.state', '=', 'accepted'), handledHere]);
      case 'to_mediate':
        return eb.and([eb('disputes.state', 'in', ['mediating', 'agreed']), eb('disputes.mediator_org_id', '=', unit)]);
      case 'to_follow_up':
        return eb.and([
          eb('disputes.state', '=', 'following_up'),
          eb.or([eb('disputes.mediator_org_id', '=', unit), handledHere]),
        ]);
      case 'supervising':
        return eb.and([
          eb('disputes.overdue', '=', true),
          eb('disputes.state', 'in', ACTIVE),
          sql<SqlBool>`disputes.supervisor_org_id = any(${subtree})`,
        ]);
      case 'open':
        return eb('disputes.state', 'in', OPEN);
      case 'concluded':
        return eb('disputes.state', 'not in', OPEN);
      case 'all':
        return eb.lit(true);
    }
  };
}

export class DisputeQueries {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  private base() {
    return this.db
      .selectFrom('disputes')
      .leftJoin('dispute_deadlines as d', 'd.dispute_id', 'disputes.id')
      .leftJoin('dispute_types as t', 't.code', 'disputes.type_code')
      .selectAll('disputes')
      .select([
        'd.kind as clock_kind',
        'd.due_at as clock_due_at',
        'd.warn_at as clock_warn_at',
        't.name as type_name',
      ]);
  }

  private async orgNames(ids: Iterable<number | null>): Promise<Map<number, string>> {
    const wanted = [...new Set([...ids].filter((v): v is number => v !== null))];
    if (wanted.length === 0) return new Map();
    const orgs = await this.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', wanted).execute();
    return new Map(orgs.map((o) => [o.id, o.name]));
  }

  private async toItems(rows: Row[]): Promise<DisputeListItem[]> {
    const names = await this.orgNames(
      rows.flatMap((r) => [
        r.handling_org_id,
        r.mediator_org_id,
        r.supervisor_org_id,
        r.town_id,
        r.village_id,
        r.grid_id,
      ]),
    );
    const ref = (id: number | null): OrgRef | null => (id === null ? null : { id, name: names.get(id) ?? String(id) });
    const now = this.clock.now();
    return rows.map((r) => {
      const state = r.state as DisputeState;
      const risk = r.risk_level as RiskLevel;
      const level = r.level as HandlingLevel;
      const source = r.source as DisputeSource;
      return {
        id: Number(r.id),
        number: r.number,
        title: r.title,
        typeCode: r.type_code,
        typeName: r.type_name ?? r.type_code,
        state,
        stateLabel: DISPUTE_STATE_LABELS[state],
        riskLevel: risk,
        riskLabel: RISK_LABELS[risk],
        level,
        levelLabel: LEVEL_LABELS[level],
        source,
        sourceLabel: SOURCE_LABELS[source],
        handlingOrg: ref(r.handling_org_id) as OrgRef,
        mediatorOrg: ref(r.mediator_org_id),
        mediatorName: r.mediator_name,
        supervisorOrg: ref(r.supervisor_org_id),
        town: ref(r.town_id),
        village: ref(r.village_id),
        grid: ref(r.grid_id),
        peopleInvolved: r.people_involved,
        amount: Number(r.amount),
        overdue: r.overdue,
        listed: r.listed,
        escalationLevel: r.escalation_level,
        clock:
          r.clock_kind && r.clock_due_at && r.clock_warn_at
            ? {
                kind: r.clock_kind as 'accept' | 'mediation' | 'supervision',
                dueAt: new Date(r.clock_due_at).toISOString(),
                warnAt: new Date(r.clock_warn_at).toISOString(),
                color: colourAt(now, r.clock_warn_at, r.clock_due_at),
              }
            : null,
        ageDays: Math.max(0, Math.floor((now.getTime() - new Date(r.created_at).getTime()) / DAY_MS)),
        caseId: r.case_id === null ? null : Number(r.case_id),
        createdAt: new Date(r.created_at).toISOString(),
        updatedAt: new Date(r.updated_at).toISOString(),
        version: r.version,
      };
    });
  }

  async list(principal: Principal, query: DisputeListQuery): Promise<{ items: DisputeListItem[]; total: number }> {
    let q = this.base().where(disputesVisibleTo(principal));
    if (query.box) q = q.where(boxCondition(query.box, principal));
    if (query.state) q = q.where('disputes.state', '=', query.state);
    if (query.riskLevel) q = q.where('disputes.risk_level', '=', query.riskLevel);
    if (query.level) q = q.where('disputes.level', '=', query.level);
    if (query.typeCode) q = q.where('disputes.type_code', '=', query.typeCode);
    if (query.caseId) q = q.where('disputes.case_id', '=', query.caseId);
    if (query.minAgeDays) {
      q = q.where('disputes.created_at', '<=', new Date(this.clock.now().getTime() - query.minAgeDays * DAY_MS));
    }
    const text = query.q?.trim();
    if (text) {
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('disputes.title', 'like', like), eb('disputes.number', '=', text)]));
    }
    const pageSize = query.pageSize ?? 20;
    const page = query.page ?? 1;
    let ordered = q.orderBy(sql`disputes.state in ('closed', 'failed', 'rejected')`, 'asc');
    if (query.sort === 'age') ordered = ordered.orderBy('disputes.created_at', 'asc');
    else if (query.sort === 'due') ordered = ordered.orderBy(sql`d.due_at`, sql`asc nulls last`);
    else {
      ordered = ordered
        .orderBy(sql`case disputes.risk_level when 'major' then 0 when 'serious' then 1 else 2 end`)
        .orderBy('disputes.overdue', 'desc')
        .orderBy('disputes.created_at', 'asc');
    }
    const [rows, total] = await Promise.all([
      ordered
        .orderBy('disputes.id', 'asc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: await this.toItems(rows as Row[]), total: Number(total.n) };
  }

  /** How many disputes wait in each working box of the principal's unit. */
  async inbox(principal: Principal): Promise<Record<string, number>> {
    const boxes = ['to_accept', 'to_assign', 'to_mediate', 'to_follow_up', 'supervising'] as const;
    const counts = await Promise.all(
      boxes.map((box) =>
        this.db
          .selectFrom('disputes')
          .where(disputesVisibleTo(principal))
          .where(boxCondition(box, principal) as never)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ),
    );
    return Object.fromEntries(boxes.map((b, i) => [b, Number(counts[i]?.n ?? 0)]));
  }

  async get(id: number, principal: Principal): Promise<DisputeDetail> {
    const loaded = await loadDispute(this.db, id, principal);
    const row = (await this.base().where('disputes.id', '=', id).executeTakeFirstOrThrow()) as Row;
    const [item] = await this.toItems([row]);
    const events = await this.db
      .selectFrom('dispute_events')
      .leftJoin('users', 'users.id', 'dispute_events.actor_user_id')
      .leftJoin('orgs', 'orgs.id', 'dispute_events.actor_org_id')
      .select([
        'dispute_events.version',
        'dispute_events.type',
        'dispute_events.at',
        'dispute_events.from_state',
        'dispute_events.to_state',
        'dispute_events.note',
        'dispute_events.details',
        'dispute_events.actor_org_id',
        'users.display_name as user_name',
        'orgs.name as org_name',
      ])
      .where('dispute_events.dispute_id', '=', id)
      .orderBy('dispute_events.version')
      .execute();
    const citizen = principal.role === 'citizen';
    const history = events.map((e) => ({
      version: e.version,
      type: e.type,
      label: DISPUTE_ACTION_LABELS[e.type as keyof typeof DISPUTE_ACTION_LABELS] ?? e.type,
      at: new Date(e.at).toISOString(),
      fromState: e.from_state,
      toState: e.to_state,
      actor: {
        userName: citizen ? null : (e.user_name ?? null),
        org: e.actor_org_id !== null ? { id: e.actor_org_id, name: e.org_name ?? '' } : null,
      },
      note: e.note,
      details: (e.details ?? {}) as Record<string, unknown>,
    }));
    const sessions: DisputeSession[] = history
      .filter((h) => h.type === 'recordSession')
      .map((h) => ({
        no: Number(h.details.session),
        at: String(h.details.at),
        place: String(h.details.place ?? ''),
        participants: String(h.details.participants ?? ''),
        notes: h.note ?? '',
        recordedBy: h.actor.org?.name ?? null,
      }));
    const d = loaded.dispute;
    const caseNumber =
      row.case_id === null
        ? null
        : ((await this.db.selectFrom('cases').select('number').where('id', '=', row.case_id).executeTakeFirst())
            ?.number ?? null);
    return {
      ...(item as DisputeListItem),
      description: row.description,
      parties: maskParties(row.parties as Party[]),
      partiesMasked: true,
      riskReasons: row.risk_reasons.map((code) => ({ code, label: RISK_REASON_LABELS[code as RiskReason] ?? code })),
      threatOfViolence: row.threat_of_violence,
      threatOfPetition: row.threat_of_petition,
      sourceRef: row.source_ref,
      address: citizen || can(principal, 'pii.view') ? row.address : row.address ? '****' : null,
      applied: row.applicant_user_id !== null,
      attachmentIds: row.attachment_ids,
      acceptedAt: iso(d.acceptedAt),
      mediationDueAt: iso(d.mediationDueAt),
      extended: d.extended,
      agreement: d.agreement
        ? {
            number: d.agreement.number,
            terms: d.agreement.terms,
            at: d.agreement.at.toISOString(),
            performBy: iso(d.agreement.performBy),
            followUpDays: d.agreement.followUpDays,
          }
        : null,
      signedAt: iso(d.signedAt),
      failureRoute: d.failureRoute,
      failureRouteLabel: d.failureRoute ? FAILURE_ROUTE_LABELS[d.failureRoute] : null,
      performance: d.performance,
      performanceLabel: d.performance ? PERFORMANCE_LABELS[d.performance] : null,
      partyConfirmed: d.partyConfirmed,
      judicialReferredAt: iso(d.judicialReferredAt),
      concludedAt: iso(d.concludedAt),
      concludedLate: d.concludedLate,
      caseNumber,
      sessions,
      history,
      allowedActions: allowedDisputeActions(d, disputeActorOf(loaded, principal)),
      canRevealParties: can(principal, 'pii.view'),
    };
  }

  /** The parties unmasked: needs pii.view (the route checks it) and leaves an audit entry. */
  async revealParties(
    id: number,
    principal: Principal,
    ip?: string,
  ): Promise<{ parties: Party[]; address: string | null }> {
    await loadDispute(this.db, id, principal);
    const row = await this.db
      .selectFrom('disputes')
      .select(['parties', 'address', 'number'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await this.audit.record(principal, {
      action: 'pii.view',
      targetType: 'dispute',
      targetId: id,
      details: { field: 'parties', number: row.number },
      ip,
    });
    return { parties: row.parties as Party[], address: row.address };
  }

  /**
   * The 调解协议书 to print. It names the parties in full — for those who may see personal data (pii.view)
   * and for the committee that mediated it (it prints the document the parties sign); each such view is
   * audited. Others get it masked.
   */
  async agreement(id: number, principal: Principal, ip?: string): Promise<AgreementView> {
    const loaded = await loadDispute(this.db, id, principal);
    const d = loaded.dispute;
    if (!d.agreement) {
      throw new AppError('DISPUTE_ACTION_NOT_ALLOWED_IN_STATE', {
        message: '该矛盾纠纷尚未达成调解协议',
        details: { state: d.state },
      });
    }
    const row = await this.db
      .selectFrom('disputes')
      .leftJoin('dispute_types as t', 't.code', 'disputes.type_code')
      .select(['disputes.parties', 'disputes.description', 'disputes.number', 't.name as type_name'])
      .where('disputes.id', '=', id)
      .executeTakeFirstOrThrow();
    const committeeId = d.mediatorOrgId ?? d.handlingOrgId;
    const full = can(principal, 'pii.view') || principal.orgId === committeeId;
    if (full) {
      await this.audit.record(principal, {
        action: 'pii.view',
        targetType: 'dispute',
        targetId: id,
        details: { field: 'agreement', number: row.number },
        ip,
      });
    }
    const committee = await this.db
      .selectFrom('orgs')
      .select(['name', 'kind'])
      .where('id', '=', committeeId)
      .executeTakeFirst();
    // a village or town platform mediates as its 人民调解委员会
    const committeeName = committee
      ? ['village', 'town'].includes(committee.kind)
        ? `${committee.name}人民调解委员会`
        : committee.name
      : '';
    const parties = (row.parties as Party[]).map((p) => ({ ...p, phone: null }));
    return {
      number: d.agreement.number,
      disputeNumber: row.number,
      committee: committeeName,
      mediatorName: d.mediatorName,
      typeName: row.type_name ?? '',
      title: loaded.title,
      description: row.description,
      parties: full ? parties : maskParties(parties),
      terms: d.agreement.terms,
      performBy: iso(d.agreement.performBy),
      agreedAt: d.agreement.at.toISOString(),
      signedAt: iso(d.signedAt),
      sessions: d.sessions,
      masked: !full,
    };
  }

  /** 重大 disputes of a month (registered in it, or still open from before): the joint meeting's list. */
  async majorOfMonth(principal: Principal, month: string): Promise<DisputeListItem[]> {
    const start = new Date(`${month}-01T00:00:00+08:00`);
    const end = new Date(start);
    end.setUTCMonth(end.getUTCMonth() + 1);
    const rows = await this.base()
      .where(disputesVisibleTo(principal))
      .where('disputes.risk_level', '=', 'major')
      .where('disputes.created_at', '<', end)
      .where((eb) => eb.or([eb('disputes.created_at', '>=', start), eb('disputes.state', 'in', OPEN)]))
      .orderBy('disputes.created_at')
      .limit(500)
      .execute();
    return this.toItems(rows as Row[]);
  }

  async types(includeInactive: boolean) {
    let q = this.db.selectFrom('dispute_types').selectAll().orderBy('sort').orderBy('code');
    if (!includeInactive) q = q.where('active', '=', true);
    return q.execute();
  }

  /** Open disputes per grid and risk level (the grid map's layer). */
  async openByGrid(principal: Principal) {
    const rows = await this.db
      .selectFrom('disputes')
      .where(disputesVisibleTo(principal))
      .where('disputes.state', 'in', OPEN)
      .where('disputes.grid_id', 'is not', null)
      .select((eb) => [
        'disputes.grid_id',
        sql<number>`count(*) filter (where disputes.risk_level = 'general')`.as('general'),
        sql<number>`count(*) filter (where disputes.risk_level = 'serious')`.as('serious'),
        sql<number>`count(*) filter (where disputes.risk_level = 'major')`.as('major'),
        eb.fn.countAll<number>().as('total'),
      ])
      .groupBy('disputes.grid_id')
      .execute();
    return rows.map((r) => ({
      gridId: Number(r.grid_id),
      general: Number(r.general),
      serious: Number(r.serious),
      major: Number(r.major),
      total: Number(r.total),
    }));
  }
}
