// The configurable types of dispute (纠纷类型): administrators add a type, rename it, reorder or retire it;
// a code, once used, never changes (disputes keep it).
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';

export interface DisputeTypeInput {
  name: string;
  sort?: number;
  active?: boolean;
}

const CODE = /^[a-z][a-z0-9_]{1,39}$/;

export async function saveDisputeType(
  deps: { db: Kysely<DB>; audit: AuditService },
  code: string,
  input: DisputeTypeInput,
  principal: Principal,
) {
  if (!CODE.test(code)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '类型代码应为 2–40 位小写字母、数字或下划线，以字母开头',
      details: { field: 'code' },
    });
  }
  const name = input.name.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', { message: '请填写类型名称', details: { field: 'name' } });
  return deps.db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom('dispute_types')
      .select('code')
      .where('name', '=', name)
      .where('code', '!=', code)
      .executeTakeFirst();
    if (clash) throw new AppError('DUPLICATE', { message: `已有名为“${name}”的纠纷类型`, details: { field: 'name' } });
    const saved = await trx
      .insertInto('dispute_types')
      .values({ code, name, sort: input.sort ?? 50, active: input.active ?? true })
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({
          name,
          ...(input.sort !== undefined ? { sort: input.sort } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    await deps.audit.record(
      principal,
      { action: 'dispute.type.save', targetType: 'dispute_type', targetId: code, details: { code, ...input } },
      trx,
    );
    return saved;
  });
}
