// The category tree (three levels, 12345-style, plus governance categories) and each category's
// responsible department, which routing proposes at dispatch.
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';

export class CategoryService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
  ) {}

  async list() {
    const rows = await this.db
      .selectFrom('categories as c')
      .leftJoin('orgs as o', 'o.id', 'c.responsible_org_id')
      .select([
        'c.id',
        'c.code',
        'c.name',
        'c.parent_id',
        'c.level',
        'c.family',
        'c.active',
        'o.id as org_id',
        'o.name as org_name',
      ])
      .orderBy('c.code')
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        parentId: r.parent_id,
        level: r.level,
        family: r.family,
        active: r.active,
        responsibleOrg: r.org_id ? { id: r.org_id, name: r.org_name ?? '' } : null,
      })),
    };
  }

  private async requireResponsible(orgId: number | null | undefined) {
    if (orgId === null || orgId === undefined) return;
    const org = await this.db.selectFrom('orgs').select(['kind']).where('id', '=', orgId).executeTakeFirst();
    if (!org || !['department', 'office', 'third_party', 'town'].includes(org.kind)) {
      throw new AppError('VALIDATION_FAILED', {
        message: '责任单位须为部门、站所、镇街或第三方组织',
        details: { field: 'responsibleOrgId' },
      });
    }
  }

  async create(
    principal: Principal,
    input: {
      name: string;
      parentId?: number | null;
      family: 'hotline' | 'governance';
      responsibleOrgId?: number | null;
    },
  ) {
    await this.requireResponsible(input.responsibleOrgId);
    return this.db.transaction().execute(async (trx) => {
      const parent = input.parentId
        ? await trx.selectFrom('categories').selectAll().where('id', '=', input.parentId).executeTakeFirst()
        : null;
      if (input.parentId && !parent) throw new AppError('CATEGORY_NOT_FOUND');
      if (parent && parent.level >= 3) throw new AppError('VALIDATION_FAILED', { message: '分类最多三级' });
      const siblings = await trx
        .selectFrom('categories')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('parent_id', parent ? '=' : 'is', parent ? parent.id : null)
        .executeTakeFirstOrThrow();
      const code = `${parent ? `${parent.code}.` : ''}${String(Number(siblings.n) + 1).padStart(2, '0')}`;
      const dup = await trx
        .selectFrom('categories')
        .select('id')
        .where((eb) =>
          eb.or([
            eb('code', '=', code),
            eb.and([eb('parent_id', parent ? '=' : 'is', parent?.id ?? null), eb('name', '=', input.name)]),
          ]),
        )
        .executeTakeFirst();
      if (dup) throw new AppError('DUPLICATE', { message: `分类「${input.name}」已存在` });
      const row = await trx
        .insertInto('categories')
        .values({
          code,
          name: input.name,
          parent_id: parent?.id ?? null,
          level: (parent?.level ?? 0) + 1,
          family: parent?.family ?? input.family,
          responsible_org_id: input.responsibleOrgId ?? parent?.responsible_org_id ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(
        principal,
        { action: 'category.create', targetType: 'category', targetId: row.id, details: { name: row.name } },
        trx,
      );
      return row;
    });
  }

  async update(
    principal: Principal,
    id: number,
    changes: { name?: string; active?: boolean; responsibleOrgId?: number | null },
  ) {
    await this.requireResponsible(changes.responsibleOrgId);
    const set = {
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.active !== undefined && { active: changes.active }),
      ...(changes.responsibleOrgId !== undefined && { responsible_org_id: changes.responsibleOrgId }),
    };
    if (Object.keys(set).length === 0) {
      // nothing to change (an UPDATE without SET is not SQL): the category as it is
      const row = await this.db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new AppError('CATEGORY_NOT_FOUND');
      return row;
    }
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.updateTable('categories').set(set).where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) throw new AppError('CATEGORY_NOT_FOUND');
      await this.audit.record(
        principal,
        { action: 'category.update', targetType: 'category', targetId: id, details: changes },
        trx,
      );
      return row;
    });
  }
}
