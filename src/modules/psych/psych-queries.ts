// Reading referrals: the list with its boxes (待接收 / 服务中 / 随访 / 已结案), one referral, the person revealed, the
// directory of counselling organisations. Every query goes through psychReferralsVisibleTo; the content is added
// only for the counselling organisation, and every read that returns content — a detail, a list with content, a
// reveal — writes an audit entry (a detail read without content is audited too: every view of a referral is).
import { type Kysely, type Selectable, sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB, PsychReferralsTable } from '../../db/schema.js';
import {
  allowedPsychActions,
  PSYCH_ACTION_LABELS,
  PSYCH_OUTCOME_LABELS,
  PSYCH_RISK_LABELS,
  PSYCH_SOURCE_LABELS,
  PSYCH_STATE_LABELS,
  type PsychActionType,
  type PsychOutcome,
  type PsychRisk,
  type PsychSource,
  type PsychState,
  SESSION_FORM_LABELS,
  type SessionForm,
} from '../../domain/psych/index.js';
import type { AuditService } from '../audit/audit-service.js';
import { maskPhone } from '../auth/auth-service.js';
import type { Principal } from '../auth/principal.js';
import { maskName } from '../home/home-service.js';
import { loadReferral, unitsOf } from './act-on-referral.js';
import { counsellingOrgs } from './psych-orgs.js';
import { psychReferralsVisibleTo, psychRelationsOf, seesContent } from './psych-scope.js';
import type {
  OrgRef,
  PsychBox,
  PsychDetail,
  PsychHistoryEntry,
  PsychListItem,
  PsychListQuery,
  PsychStatusView,
} from './psych-views.js';

type Row = Selectable<PsychReferralsTable> & {
  task_due_at: Date | null;
  task_state: string | null;
};

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
const maskId = (id: string | null) => (id ? `${id.slice(0, 3)}***********${id.slice(-4)}` : null);

const BOX_STATES: Record<Exclude<PsychBox, 'all'>, PsychState[]> = {
  to_acknowledge: ['referred'],
  in_service: ['acknowledged', 'in_service'],
  follow_up: ['follow_up'],
  concluded: ['closed', 'returned', 'declined'],
};

/** A return or decline reason is what the referring unit needs to act on; other notes stay with the counsellor. */
const REASON_FOR_ALL: readonly string[] = ['return', 'decline'];

export class PsychQueries {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
  ) {}

  private base(principal: Principal) {
    return this.db
      .selectFrom('psych_referrals')
      .leftJoin('tasks as t', 't.id', 'psych_referrals.ack_task_id')
      .selectAll('psych_referrals')
      .select(['t.due_at as task_due_at', 't.state as task_state'])
      .where(psychReferralsVisibleTo(principal));
  }

  private async orgNames(ids: Iterable<number | null>): Promise<Map<number, string>> {
    const wanted = [...new Set([...ids].filter((v): v is number => v !== null))];
    if (wanted.length === 0) return new Map();
    const orgs = await this.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', wanted).execute();
    return new Map(orgs.map((o) => [o.id, o.name]));
  }

  private status(r: Row, names: Map<number, string>, principal: Principal): PsychStatusView {
    const ref = (id: number): OrgRef => ({ id, name: names.get(id) ?? String(id) });
    const state = r.state as PsychState;
    const risk = r.risk_level as PsychRisk;
    const source = r.source as PsychSource;
    const relations = psychRelationsOf(
      {
        referringOrgId: r.referring_org_id,
        counsellingOrgId: r.counselling_org_id,
        notifiedOrgIds: r.notified_org_ids,
      },
      principal,
    );
    return {
      id: Number(r.id),
      number: r.number,
      state,
      stateLabel: PSYCH_STATE_LABELS[state],
      risk,
      riskLabel: PSYCH_RISK_LABELS[risk],
      needsAttention: r.needs_attention,
      source,
      sourceLabel: PSYCH_SOURCE_LABELS[source],
      caseId: r.case_id === null ? null : Number(r.case_id),
      disputeId: r.dispute_id === null ? null : Number(r.dispute_id),
      referringOrg: ref(r.referring_org_id),
      counsellingOrg: ref(r.counselling_org_id),
      relations: [...relations],
      acknowledgement:
        r.ack_task_id !== null && r.task_due_at && r.task_state
          ? {
              taskId: Number(r.ack_task_id),
              dueAt: new Date(r.task_due_at).toISOString(),
              state: r.task_state,
              overdue: r.task_state === 'overdue',
            }
          : null,
      createdAt: new Date(r.created_at).toISOString(),
      acknowledgedAt: iso(r.acknowledged_at),
      closedAt: iso(r.closed_at),
      updatedAt: new Date(r.updated_at).toISOString(),
      version: r.version,
    };
  }

  async list(
    principal: Principal,
    query: PsychListQuery,
    ip?: string,
  ): Promise<{ items: PsychListItem[]; total: number; boxes: Record<PsychBox, number> }> {
    let q = this.base(principal);
    if (query.box && query.box !== 'all') q = q.where('psych_referrals.state', 'in', BOX_STATES[query.box]);
    if (query.risk) q = q.where('psych_referrals.risk_level', '=', query.risk);
    if (query.caseId) q = q.where('psych_referrals.case_id', '=', query.caseId);
    if (query.disputeId) q = q.where('psych_referrals.dispute_id', '=', query.disputeId);
    const pageSize = query.pageSize ?? 20;
    const page = query.page ?? 1;
    const rows = (await q
      .orderBy(sql`psych_referrals.state in ('closed', 'returned', 'declined')`, 'asc')
      .orderBy(
        sql`case psych_referrals.risk_level when 'crisis' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`,
      )
      .orderBy('psych_referrals.created_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute()) as Row[];
    const counts = await this.db
      .selectFrom('psych_referrals')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .where(psychReferralsVisibleTo(principal))
      .groupBy('state')
      .execute();
    const boxes = { to_acknowledge: 0, in_service: 0, follow_up: 0, concluded: 0, all: 0 } as Record<PsychBox, number>;
    for (const c of counts) {
      const n = Number(c.n);
      boxes.all += n;
      for (const [box, states] of Object.entries(BOX_STATES)) {
        if (states.includes(c.state as PsychState)) boxes[box as PsychBox] += n;
      }
    }
    const total = await this.countFiltered(principal, query);
    const names = await this.orgNames(rows.flatMap((r) => [r.referring_org_id, r.counselling_org_id]));
    const withContent: number[] = [];
    const items: PsychListItem[] = rows.map((r) => {
      const view = this.status(r, names, principal);
      if (!view.relations.includes('counsellor') || !r.consent) return view;
      withContent.push(view.id);
      const concern = r.concern ?? '';
      return {
        ...view,
        content: {
          personName: maskName(r.person_name) ?? '',
          concernExcerpt: concern.length > 30 ? `${[...concern].slice(0, 30).join('')}…` : concern,
        },
      };
    });
    if (withContent.length > 0) {
      await this.audit.record(principal, {
        action: 'psych.list',
        targetType: 'psych_referral',
        details: { referralIds: withContent },
        ip,
      });
    }
    return { items, total, boxes };
  }

  private async countFiltered(principal: Principal, query: PsychListQuery): Promise<number> {
    let q = this.db
      .selectFrom('psych_referrals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(psychReferralsVisibleTo(principal));
    if (query.box && query.box !== 'all') q = q.where('psych_referrals.state', 'in', BOX_STATES[query.box]);
    if (query.risk) q = q.where('psych_referrals.risk_level', '=', query.risk);
    if (query.caseId) q = q.where('psych_referrals.case_id', '=', query.caseId);
    if (query.disputeId) q = q.where('psych_referrals.dispute_id', '=', query.disputeId);
    const row = await q.executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** One referral: the status for every unit that stands to it, the content for the counselling organisation. */
  async get(id: number, principal: Principal, ip?: string): Promise<PsychDetail> {
    const loaded = await loadReferral(this.db, id, principal);
    const row = (await this.base(principal).where('psych_referrals.id', '=', id).executeTakeFirstOrThrow()) as Row;
    const events = await this.db
      .selectFrom('psych_events')
      .selectAll()
      .where('referral_id', '=', id)
      .orderBy('version')
      .execute();
    const names = await this.orgNames([
      row.referring_org_id,
      row.counselling_org_id,
      row.place_org_id,
      ...events.map((e) => e.actor_org_id),
    ]);
    const relations = psychRelationsOf(unitsOf(loaded), principal);
    const content = seesContent(relations);
    const history: PsychHistoryEntry[] = events.map((e) => {
      const type = e.type as PsychActionType | 'refer';
      return {
        type,
        label: PSYCH_ACTION_LABELS[type] ?? type,
        at: new Date(e.at).toISOString(),
        fromState: e.from_state as PsychState | null,
        toState: e.to_state as PsychState,
        actorOrg: e.actor_org_id === null ? null : { id: e.actor_org_id, name: names.get(e.actor_org_id) ?? '' },
        ...(content || REASON_FOR_ALL.includes(type) ? { note: e.note } : {}),
      };
    });
    const detail: PsychDetail = {
      ...this.status(row, names, principal),
      history,
      allowedActions: allowedPsychActions(loaded.referral, { kind: 'user', relations }),
    };
    if (content && row.consent) {
      const details = (e: (typeof events)[number]) =>
        (typeof e.details === 'string' ? JSON.parse(e.details) : e.details) as Record<string, unknown>;
      detail.content = {
        person: {
          name: maskName(row.person_name) ?? '',
          phone: maskPhone(row.person_phone),
          idNumber: maskId(row.person_id_number),
        },
        concern: row.concern ?? '',
        place: row.place_org_id === null ? null : { id: row.place_org_id, name: names.get(row.place_org_id) ?? '' },
        sessions: events
          .filter((e) => e.type === 'recordSession')
          .map((e) => {
            const d = details(e);
            const form = d.form as SessionForm;
            return {
              at: String(d.at),
              durationMinutes: Number(d.durationMinutes),
              form,
              formLabel: SESSION_FORM_LABELS[form] ?? form,
              notes: e.note ?? '',
              nextStep: (d.nextStep as string | null) ?? null,
            };
          }),
        followUps: events
          .filter((e) => e.type === 'recordFollowUp')
          .map((e) => ({ at: String(details(e).at), notes: e.note ?? '' })),
        outcome: row.outcome as PsychOutcome | null,
        outcomeLabel: row.outcome ? PSYCH_OUTCOME_LABELS[row.outcome as PsychOutcome] : null,
      };
    } else if (content) {
      // the counsellor of a referral without consent: the outcome, nothing about the person
      detail.content = {
        person: { name: '', phone: null, idNumber: null },
        concern: '',
        place: null,
        sessions: [],
        followUps: [],
        outcome: row.outcome as PsychOutcome | null,
        outcomeLabel: row.outcome ? PSYCH_OUTCOME_LABELS[row.outcome as PsychOutcome] : null,
      };
    }
    await this.audit.record(principal, {
      action: content ? 'psych.view' : 'psych.view_status',
      targetType: 'psych_referral',
      targetId: id,
      details: { number: row.number, content },
      ip,
    });
    return detail;
  }

  /** The person unmasked (to call them): the counselling organisation only, audited. */
  async revealPerson(
    id: number,
    principal: Principal,
    ip?: string,
  ): Promise<{ name: string | null; phone: string | null; idNumber: string | null }> {
    const loaded = await loadReferral(this.db, id, principal);
    if (!seesContent(psychRelationsOf(unitsOf(loaded), principal))) {
      throw new AppError('NOT_AUTHORISED_FOR_PSYCH_ACTION', {
        message: '只有接收转介的心理服务机构可以查看当事人信息',
        details: { referralId: id },
      });
    }
    const row = await this.db
      .selectFrom('psych_referrals')
      .select(['person_name', 'person_phone', 'person_id_number'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await this.audit.record(principal, {
      action: 'pii.view',
      targetType: 'psych_referral',
      targetId: id,
      details: { field: 'person', number: loaded.number },
      ip,
    });
    return { name: row.person_name, phone: row.person_phone, idNumber: row.person_id_number };
  }

  counsellingOrgs(principal: Principal): Promise<OrgRef[]> {
    return counsellingOrgs(this.db, principal.countyCode ?? '∅');
  }
}
