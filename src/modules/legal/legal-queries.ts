// Reading the legal-adviser records within the principal's reach: the roster, assignments, the service log
// (persons masked; the asker revealed on request, audited), one adviser's or entry's history, and what the
// signed-in adviser (or firm) records for on the phone.
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { LEGAL_ENTRY_KIND_LABELS, type LegalEntryKind, monthBounds } from '../../domain/legal/index.js';
import type { AuditService } from '../audit/audit-service.js';
import { maskPhone } from '../auth/auth-service.js';
import { can, type Principal } from '../auth/principal.js';
import { maskName } from '../home/home-service.js';
import { advisersInScope, inLegalScope, type LegalReach, legalReach } from './legal-scope.js';
import { LEGAL_EVENT_LABELS } from './legal-store.js';
import type {
  AdviserDetail,
  AdviserView,
  AssignmentView,
  EntryDetail,
  EntryView,
  HistoryView,
  MyAdvising,
  Named,
} from './legal-views.js';

export interface EntryListQuery {
  villageId?: number;
  adviserId?: number;
  kind?: LegalEntryKind;
  /** 'YYYY-MM' */
  month?: string;
  disputeId?: number;
  includeVoided?: boolean;
  page?: number;
  pageSize?: number;
}

const named = (id: number | null, name: string | null): Named | null =>
  id === null ? null : { id: Number(id), name: name ?? '' };

export class LegalQueries {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
  ) {}

  reach(principal: Principal): Promise<LegalReach | null> {
    return legalReach(this.db, principal);
  }

  private assignmentsQuery() {
    return this.db
      .selectFrom('legal_assignments as la')
      .innerJoin('legal_advisers as ad', 'ad.id', 'la.adviser_id')
      .innerJoin('orgs as f', 'f.id', 'la.firm_org_id')
      .innerJoin('orgs as v', 'v.id', 'la.village_id')
      .leftJoin('orgs as t', 't.id', 'la.town_id')
      .select([
        'la.id',
        'la.adviser_id',
        'ad.name as adviser_name',
        'la.firm_org_id',
        'f.name as firm_name',
        'la.village_id',
        'v.name as village_name',
        'la.town_id',
        't.name as town_name',
        'la.hours_per_month',
        'la.lectures_per_quarter',
        'la.started_on',
        'la.ended_on',
        'la.note',
        'la.version',
      ]);
  }

  private toAssignment(
    r: Awaited<ReturnType<ReturnType<LegalQueries['assignmentsQuery']>['execute']>>[number],
  ): AssignmentView {
    return {
      id: Number(r.id),
      adviser: { id: Number(r.adviser_id), name: r.adviser_name },
      firm: { id: r.firm_org_id, name: r.firm_name },
      village: { id: r.village_id, name: r.village_name },
      town: named(r.town_id, r.town_name),
      hoursPerMonth: Number(r.hours_per_month),
      lecturesPerQuarter: Number(r.lectures_per_quarter),
      startedOn: r.started_on,
      endedOn: r.ended_on,
      inForce: r.ended_on === null,
      note: r.note,
      version: r.version,
    };
  }

  async assignments(
    principal: Principal,
    query: { id?: number; villageId?: number; adviserId?: number; current?: boolean },
  ): Promise<AssignmentView[]> {
    const reach = await this.reach(principal);
    let q = this.assignmentsQuery().where(inLegalScope(reach, 'la'));
    if (query.id) q = q.where('la.id', '=', query.id);
    if (query.villageId) q = q.where('la.village_id', '=', query.villageId);
    if (query.adviserId) q = q.where('la.adviser_id', '=', query.adviserId);
    if (query.current) q = q.where('la.ended_on', 'is', null);
    const rows = await q.orderBy('v.code').orderBy('la.started_on', 'desc').limit(2000).execute();
    return rows.map((r) => this.toAssignment(r));
  }

  private async advisersWhere(principal: Principal, filter: { id?: number; firmOrgId?: number; active?: boolean }) {
    const reach = await this.reach(principal);
    let q = this.db
      .selectFrom('legal_advisers as a')
      .innerJoin('orgs as f', 'f.id', 'a.firm_org_id')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .select([
        'a.id',
        'a.name',
        'a.phone',
        'a.licence_no',
        'a.firm_org_id',
        'f.name as firm_name',
        'a.user_id',
        'u.username',
        'u.display_name',
        'a.active',
        'a.version',
      ])
      .where(advisersInScope(reach, 'a'));
    if (filter.id) q = q.where('a.id', '=', filter.id);
    if (filter.firmOrgId) q = q.where('a.firm_org_id', '=', filter.firmOrgId);
    if (filter.active !== undefined) q = q.where('a.active', '=', filter.active);
    const rows = await q.orderBy('a.name').limit(1000).execute();
    const current = rows.length
      ? await this.assignmentsQuery()
          .where(
            'la.adviser_id',
            'in',
            rows.map((r) => r.id),
          )
          .where('la.ended_on', 'is', null)
          .where(inLegalScope(reach, 'la'))
          .execute()
      : [];
    return rows.map(
      (r): AdviserView => ({
        id: Number(r.id),
        name: r.name,
        phone: maskPhone(r.phone),
        licenceNo: r.licence_no,
        firm: { id: r.firm_org_id, name: r.firm_name },
        user: r.user_id === null ? null : { id: r.user_id, username: r.username, name: r.display_name ?? '' },
        active: r.active,
        version: r.version,
        villages: current
          .filter((a) => Number(a.adviser_id) === Number(r.id))
          .map((a) => ({ id: a.village_id, name: a.village_name })),
      }),
    );
  }

  advisers(principal: Principal, query: { firmOrgId?: number; active?: boolean }): Promise<AdviserView[]> {
    return this.advisersWhere(principal, query);
  }

  async adviser(id: number, principal: Principal): Promise<AdviserDetail> {
    const [row] = await this.advisersWhere(principal, { id });
    if (!row) throw new AppError('LEGAL_ADVISER_NOT_FOUND', { details: { adviserId: id } });
    const assignments = await this.assignments(principal, { adviserId: id });
    const ids = assignments.map((a) => a.id);
    return {
      ...row,
      assignments,
      history: [...(await this.history('adviser', [id])), ...(await this.history('assignment', ids))].sort((a, b) =>
        a.at.localeCompare(b.at),
      ),
    };
  }

  private async history(kind: 'adviser' | 'assignment' | 'entry', ids: readonly number[]): Promise<HistoryView[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('legal_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .leftJoin('orgs as o', 'o.id', 'e.actor_org_id')
      .select(['e.type', 'e.at', 'e.details', 'e.record_type', 'u.display_name', 'o.name as org_name'])
      .where('e.record_type', '=', kind)
      .where('e.record_id', 'in', ids)
      .orderBy('e.id')
      .execute();
    const noun = { adviser: '法律顾问', assignment: '聘任', entry: '服务记录' }[kind];
    return rows.map((h) => ({
      type: `${kind}.${h.type}`,
      label: `${noun}${LEGAL_EVENT_LABELS[h.type] ?? h.type}`,
      at: new Date(h.at).toISOString(),
      actor: { userName: h.display_name, orgName: h.org_name },
      details: h.details,
    }));
  }

  private entriesQuery() {
    return this.db
      .selectFrom('legal_entries as le')
      .innerJoin('legal_advisers as ad', 'ad.id', 'le.adviser_id')
      .innerJoin('orgs as f', 'f.id', 'le.firm_org_id')
      .innerJoin('orgs as v', 'v.id', 'le.village_id')
      .leftJoin('orgs as t', 't.id', 'le.town_id')
      .leftJoin('disputes as d', 'd.id', 'le.dispute_id')
      .leftJoin('users as u', 'u.id', 'le.recorded_by_user_id')
      .selectAll('le')
      .select([
        'ad.name as adviser_name',
        'f.name as firm_name',
        'v.name as village_name',
        't.name as town_name',
        'd.number as dispute_number',
        'd.title as dispute_title',
        'u.display_name as recorder_name',
      ]);
  }

  private toEntry(r: Awaited<ReturnType<ReturnType<LegalQueries['entriesQuery']>['execute']>>[number]): EntryView {
    const kind = r.kind as LegalEntryKind;
    return {
      id: Number(r.id),
      kind,
      kindLabel: LEGAL_ENTRY_KIND_LABELS[kind],
      occurredOn: r.occurred_on,
      hours: Number(r.hours),
      place: r.place,
      adviser: { id: Number(r.adviser_id), name: r.adviser_name },
      firm: { id: r.firm_org_id, name: r.firm_name },
      village: { id: r.village_id, name: r.village_name },
      town: named(r.town_id, r.town_name),
      matter: r.matter,
      advice: r.advice,
      topic: r.topic,
      audience: r.audience,
      documentTitle: r.document_title,
      opinion: r.opinion,
      askerName: maskName(r.asker_name),
      askerPhone: maskPhone(r.asker_phone),
      dispute:
        r.dispute_id === null
          ? null
          : { id: Number(r.dispute_id), number: r.dispute_number ?? '', title: r.dispute_title ?? '' },
      attachmentIds: r.attachment_ids,
      voided: r.voided,
      voidReason: r.void_reason,
      recordedBy: r.recorder_name,
      createdAt: new Date(r.created_at).toISOString(),
      version: r.version,
    };
  }

  async entries(principal: Principal, query: EntryListQuery): Promise<{ items: EntryView[]; total: number }> {
    const reach = await this.reach(principal);
    let q = this.entriesQuery().where(inLegalScope(reach, 'le'));
    if (query.villageId) q = q.where('le.village_id', '=', query.villageId);
    if (query.adviserId) q = q.where('le.adviser_id', '=', query.adviserId);
    if (query.kind) q = q.where('le.kind', '=', query.kind);
    if (query.disputeId) q = q.where('le.dispute_id', '=', query.disputeId);
    if (query.month) {
      const { first, last } = monthBounds(query.month);
      q = q.where('le.occurred_on', '>=', first).where('le.occurred_on', '<=', last);
    }
    if (!query.includeVoided) q = q.where('le.voided', '=', false);
    const pageSize = query.pageSize ?? 20;
    const page = query.page ?? 1;
    const total = await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await q
      .orderBy('le.occurred_on', 'desc')
      .orderBy('le.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map((r) => this.toEntry(r)), total: Number(total.n) };
  }

  private async loadEntry(id: number, principal: Principal) {
    const reach = await this.reach(principal);
    const row = await this.entriesQuery().where('le.id', '=', id).where(inLegalScope(reach, 'le')).executeTakeFirst();
    if (!row) throw new AppError('LEGAL_ENTRY_NOT_FOUND', { details: { entryId: id } });
    return { row, reach };
  }

  async entry(id: number, principal: Principal): Promise<EntryDetail> {
    const { row } = await this.loadEntry(id, principal);
    return { ...this.toEntry(row), history: await this.history('entry', [id]) };
  }

  /**
   * The person who asked, in full: for those who may see personal data (pii.view) and for the firm whose
   * adviser recorded it; every view is audited.
   */
  async revealAsker(
    id: number,
    principal: Principal,
    ip?: string,
  ): Promise<{ askerName: string | null; askerPhone: string | null }> {
    const { row, reach } = await this.loadEntry(id, principal);
    const ownFirm = !!reach && reach.orgIds.includes(row.firm_org_id);
    if (!can(principal, 'pii.view') && !ownFirm)
      throw new AppError('FORBIDDEN', { message: '您无权查看咨询人的完整信息' });
    await this.audit.record(principal, {
      action: 'pii.view',
      targetType: 'legal_entry',
      targetId: id,
      details: { field: 'asker' },
      ip,
    });
    return { askerName: row.asker_name, askerPhone: row.asker_phone };
  }

  /** What the signed-in adviser (or each adviser of the signed-in firm) records for, and the latest entries. */
  async mine(principal: Principal): Promise<MyAdvising> {
    const reach = await this.reach(principal);
    if (!reach) return { advisers: [], recent: [], openReviews: [] };
    const own =
      principal.userId === null
        ? undefined
        : await this.db
            .selectFrom('legal_advisers')
            .select('id')
            .where('user_id', '=', principal.userId)
            .executeTakeFirst();
    const all = await this.advisersWhere(principal, { active: true });
    const advisers = all.filter((a) =>
      own ? a.id === Number(own.id) : reach.countyWide || reach.orgIds.includes(a.firm.id),
    );
    const assignments = await this.assignments(principal, { current: true });
    const villageIds = assignments
      .filter((a) => advisers.some((ad) => ad.id === a.adviser.id))
      .map((a) => a.village.id);
    const disputes = villageIds.length
      ? await this.db
          .selectFrom('disputes')
          .select(['id', 'number', 'title', 'village_id'])
          .where('village_id', 'in', villageIds)
          .where('state', 'in', ['registered', 'accepted', 'mediating', 'agreed', 'following_up'])
          .orderBy('id', 'desc')
          .limit(200)
          .execute()
      : [];
    const recent = advisers.length
      ? await this.entriesQuery()
          .where(
            'le.adviser_id',
            'in',
            advisers.map((a) => a.id),
          )
          .where('le.voided', '=', false)
          .orderBy('le.created_at', 'desc')
          .limit(10)
          .execute()
      : [];
    return {
      advisers: advisers.map((a) => {
        const mineNow = assignments.filter((x) => x.adviser.id === a.id);
        return {
          ...a,
          assignments: mineNow,
          openDisputes: disputes
            .filter((d) => mineNow.some((x) => x.village.id === d.village_id))
            .map((d) => ({ id: Number(d.id), number: d.number, title: d.title, villageId: d.village_id ?? 0 })),
        };
      }),
      recent: recent.map((r) => this.toEntry(r)),
      openReviews: [],
    };
  }

  /** Attachments of an entry are readable by whoever sees the entry. */
  referrer() {
    return async (principal: Principal, attachmentId: string): Promise<boolean> => {
      if (principal.role === 'citizen') return false;
      const reach = await this.reach(principal);
      const ids = sql<string[]>`ARRAY[${attachmentId}]::text[]`;
      const row = await this.db
        .selectFrom('legal_entries as le')
        .select('le.id')
        .where(inLegalScope(reach, 'le'))
        .where(sql<boolean>`le.attachment_ids @> ${ids}`)
        .limit(1)
        .executeTakeFirst();
      return !!row;
    };
  }
}
