// What administrators keep for the case lifecycle: time limits (stage × category × urgency → amount, unit,
// yellow share) and routing rules (category → responsible unit, optionally per town). Each change is audited
// and reaches the case context at once in this process (others re-read within seconds).
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { formatOfficeHours, type OfficePeriod, parseOfficeHours } from '../../domain/calendar/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { type CaseContextProvider, OFFICE_HOURS_KEY } from './case-context.js';
import { isCountyRoot } from './case-scope.js';

export const TIME_LIMIT_STAGES = [
  'accept',
  'verify',
  'dispatch',
  'sign_for',
  'check_in',
  'handle',
  'reply',
  'callback',
  'appeal_review',
  'supervision',
  'appeal_window',
] as const;
export const TIME_LIMIT_UNITS = ['natural_hours', 'working_hours', 'working_days'] as const;

export interface TimeLimitInput {
  stage: (typeof TIME_LIMIT_STAGES)[number];
  categoryId?: number | null;
  urgency?: 'normal' | 'urgent' | null;
  amount: number;
  unit: (typeof TIME_LIMIT_UNITS)[number];
  warnShare: number;
}

/** Time limits and routing are county-wide: only the county platform's administrators change them. */
function requireCounty(principal: Principal) {
  if (!isCountyRoot(principal)) {
    throw new AppError('FORBIDDEN', { message: '时限和派遣规则由县级管理员统一设置' });
  }
}

function isUnique(error: unknown) {
  return (error as { code?: string })?.code === '23505';
}

export class CaseRulesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
    private readonly contexts: CaseContextProvider,
  ) {}

  async timeLimits() {
    const rows = await this.db
      .selectFrom('time_limit_rules')
      .leftJoin('categories', 'categories.id', 'time_limit_rules.category_id')
      .selectAll('time_limit_rules')
      .select('categories.name as category_name')
      .orderBy('stage')
      .orderBy('category_id', 'asc')
      .orderBy('urgency', 'asc')
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        stage: r.stage,
        categoryId: r.category_id,
        categoryName: r.category_name,
        urgency: r.urgency,
        amount: r.amount,
        unit: r.unit,
        warnShare: r.warn_share,
        isDefault: r.category_id === null && r.urgency === null,
      })),
    };
  }

  private check(input: { amount: number; warnShare: number; categoryId?: number | null }) {
    if (!(input.amount > 0) || input.amount > 1000) {
      throw new AppError('VALIDATION_FAILED', {
        message: '时限必须大于 0 且不超过 1000',
        details: { field: 'amount' },
      });
    }
    if (!(input.warnShare > 0 && input.warnShare <= 1)) {
      throw new AppError('VALIDATION_FAILED', {
        message: '预警比例须在 0 到 1 之间（如 0.75 表示用去 75% 时黄色预警）',
        details: { field: 'warnShare' },
      });
    }
  }

  async createTimeLimit(principal: Principal, input: TimeLimitInput) {
    requireCounty(principal);
    this.check(input);
    if (input.categoryId != null) await this.requireCategory(input.categoryId);
    try {
      const row = await this.db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto('time_limit_rules')
          .values({
            stage: input.stage,
            category_id: input.categoryId ?? null,
            urgency: input.urgency ?? null,
            amount: input.amount,
            unit: input.unit,
            warn_share: input.warnShare,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await this.audit.record(
          principal,
          { action: 'timelimit.create', targetType: 'time_limit', targetId: created.id, details: { ...input } },
          trx,
        );
        return created;
      });
      this.contexts.invalidate();
      return { id: row.id };
    } catch (error) {
      if (isUnique(error))
        throw new AppError('DUPLICATE', { message: '该环节、分类与紧急程度的时限已存在，请直接修改' });
      throw error;
    }
  }

  async updateTimeLimit(
    principal: Principal,
    id: number,
    input: { amount: number; unit: TimeLimitInput['unit']; warnShare: number },
  ) {
    requireCounty(principal);
    this.check(input);
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('time_limit_rules')
        .set({ amount: input.amount, unit: input.unit, warn_share: input.warnShare })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND', { message: '时限规则不存在' });
      await this.audit.record(
        principal,
        { action: 'timelimit.update', targetType: 'time_limit', targetId: id, details: { ...input } },
        trx,
      );
    });
    this.contexts.invalidate();
    return { id };
  }

  async deleteTimeLimit(principal: Principal, id: number) {
    requireCounty(principal);
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('time_limit_rules').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', { message: '时限规则不存在' });
      if (row.category_id === null && row.urgency === null) {
        throw new AppError('VALIDATION_FAILED', { message: '各环节的默认时限不能删除，只能修改' });
      }
      await trx.deleteFrom('time_limit_rules').where('id', '=', id).execute();
      await this.audit.record(
        principal,
        { action: 'timelimit.delete', targetType: 'time_limit', targetId: id, details: {} },
        trx,
      );
    });
    this.contexts.invalidate();
    return { id };
  }

  private async requireCategory(id: number) {
    const row = await this.db.selectFrom('categories').select('id').where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('CATEGORY_NOT_FOUND', { details: { categoryId: id } });
  }

  async officeHours() {
    return { periods: formatOfficeHours(await this.contexts.officeHours()) };
  }

  async setOfficeHours(principal: Principal, periods: OfficePeriod[]) {
    requireCounty(principal);
    const parsed = parseOfficeHours(periods);
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', { message: parsed.error, details: { field: 'periods' } });
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ key: OFFICE_HOURS_KEY, value: JSON.stringify(parsed.value), updated_at: new Date() })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ value: JSON.stringify(parsed.value), updated_at: new Date() }),
        )
        .execute();
      await this.audit.record(
        principal,
        { action: 'officehours.update', targetType: 'settings', targetId: OFFICE_HOURS_KEY, details: { periods } },
        trx,
      );
    });
    this.contexts.invalidate();
    return this.officeHours();
  }

  async routingRules() {
    const rows = await this.db
      .selectFrom('routing_rules')
      .innerJoin('categories', 'categories.id', 'routing_rules.category_id')
      .innerJoin('orgs as u', 'u.id', 'routing_rules.org_id')
      .leftJoin('orgs as t', 't.id', 'routing_rules.town_id')
      .select([
        'routing_rules.id',
        'routing_rules.category_id',
        'categories.name as category_name',
        'routing_rules.town_id',
        't.name as town_name',
        'routing_rules.org_id',
        'u.name as org_name',
      ])
      .orderBy('routing_rules.id')
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        categoryId: r.category_id,
        categoryName: r.category_name,
        townId: r.town_id,
        townName: r.town_name,
        orgId: r.org_id,
        orgName: r.org_name,
      })),
    };
  }

  async createRoutingRule(principal: Principal, input: { categoryId: number; townId?: number | null; orgId: number }) {
    requireCounty(principal);
    await this.requireCategory(input.categoryId);
    const unit = await this.db
      .selectFrom('orgs')
      .select(['id', 'kind'])
      .where('id', '=', input.orgId)
      .executeTakeFirst();
    if (!unit || !['department', 'office', 'third_party', 'town', 'village'].includes(unit.kind)) {
      throw new AppError('ORG_NOT_FOUND', { message: '承办单位不存在或不能承办案件' });
    }
    if (input.townId != null) {
      const town = await this.db.selectFrom('orgs').select('kind').where('id', '=', input.townId).executeTakeFirst();
      if (town?.kind !== 'town') throw new AppError('ORG_NOT_FOUND', { message: '所选镇街不存在' });
    }
    try {
      const row = await this.db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto('routing_rules')
          .values({ category_id: input.categoryId, town_id: input.townId ?? null, org_id: input.orgId })
          .returning('id')
          .executeTakeFirstOrThrow();
        await this.audit.record(
          principal,
          { action: 'routing.create', targetType: 'routing_rule', targetId: created.id, details: { ...input } },
          trx,
        );
        return created;
      });
      return { id: row.id };
    } catch (error) {
      if (isUnique(error)) throw new AppError('DUPLICATE', { message: '该分类（及镇街）已有派遣规则' });
      throw error;
    }
  }

  async deleteRoutingRule(principal: Principal, id: number) {
    requireCounty(principal);
    await this.db.transaction().execute(async (trx) => {
      const result = await trx.deleteFrom('routing_rules').where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) !== 1) throw new AppError('NOT_FOUND', { message: '派遣规则不存在' });
      await this.audit.record(
        principal,
        { action: 'routing.delete', targetType: 'routing_rule', targetId: id, details: {} },
        trx,
      );
    });
    return { id };
  }
}
