// Adds an adviser to the county's roster or amends one (name, phone, licence, firm, the account that signs in
// as the adviser, active). The county platform or 司法局 keeps the roster; the firm must be a legal-service
// organisation of the directory and the account one of that firm's. Row, history, audit and outbox in one
// transaction; an amendment is guarded by the version the editor saw.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import type { LegalDeps } from './legal-deps.js';
import { type Db, requireCountyManager } from './legal-scope.js';
import { inTransaction, writeLegalChange } from './legal-store.js';

export interface AdviserInput {
  name: string;
  phone?: string | null;
  licenceNo: string;
  firmOrgId: number;
  userId?: number | null;
  active?: boolean;
}

const PHONE = /^[\d-]{7,20}$/;
const LICENCE = /^[0-9A-Za-z-]{6,30}$/;

/** A legal-service organisation (律师事务所, 法律顾问团 …) of the county's directory. */
export async function requireFirm(db: Db, countyCode: string, firmOrgId: number) {
  const firm = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'subkind', 'county_code', 'active'])
    .where('id', '=', firmOrgId)
    .executeTakeFirst();
  const legal = !!firm && /法律|律师/.test(`${firm.subkind ?? ''}${firm.name}`);
  if (!firm || firm.county_code !== countyCode || firm.kind !== 'third_party' || !firm.active || !legal) {
    throw new AppError('LEGAL_FIRM_INVALID', { details: { field: 'firmOrgId', firmOrgId } });
  }
  return firm;
}

async function checkInput(db: Db, countyCode: string, input: AdviserInput, selfId: number | null) {
  const name = input.name.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', { message: '请填写法律顾问姓名', details: { field: 'name' } });
  const phone = input.phone?.trim() || null;
  if (phone && !PHONE.test(phone)) {
    throw new AppError('VALIDATION_FAILED', { message: '联系电话格式不正确', details: { field: 'phone' } });
  }
  const licenceNo = input.licenceNo.trim();
  if (!LICENCE.test(licenceNo)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '执业证号应为 6–30 位数字或字母',
      details: { field: 'licenceNo' },
    });
  }
  await requireFirm(db, countyCode, input.firmOrgId);
  const taken = await db
    .selectFrom('legal_advisers')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('licence_no', '=', licenceNo)
    .executeTakeFirst();
  if (taken && taken.id !== selfId) {
    throw new AppError('DUPLICATE', { message: '该执业证号已在名册中', details: { field: 'licenceNo' } });
  }
  const userId = input.userId ?? null;
  if (userId !== null) {
    const user = await db.selectFrom('users').select(['org_id', 'role']).where('id', '=', userId).executeTakeFirst();
    if (user?.role !== 'third_party' || user.org_id !== input.firmOrgId) {
      throw new AppError('VALIDATION_FAILED', {
        message: '登录账号须为该律师事务所（法律服务机构）的第三方账号',
        details: { field: 'userId' },
      });
    }
    const other = await db.selectFrom('legal_advisers').select('id').where('user_id', '=', userId).executeTakeFirst();
    if (other && other.id !== selfId) {
      throw new AppError('DUPLICATE', { message: '该账号已是另一位法律顾问的登录账号', details: { field: 'userId' } });
    }
  }
  return { name, phone, licenceNo, userId };
}

export async function createAdviser(
  deps: LegalDeps,
  input: AdviserInput,
  principal: Principal,
  trx?: Transaction<DB>,
): Promise<number> {
  const reach = await requireCountyManager(deps.db, principal);
  const checked = await checkInput(deps.db, reach.countyCode, input, null);
  const now = deps.clock.now();
  return inTransaction(deps.db, trx, async (trx) => {
    const { id } = await trx
      .insertInto('legal_advisers')
      .values({
        county_code: reach.countyCode,
        name: checked.name,
        phone: checked.phone,
        licence_no: checked.licenceNo,
        firm_org_id: input.firmOrgId,
        user_id: checked.userId,
        active: input.active ?? true,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeLegalChange(trx, deps.audit, principal, {
      recordType: 'adviser',
      id: Number(id),
      type: 'create',
      version: 1,
      at: now,
      details: { name: checked.name, firmOrgId: input.firmOrgId, licenceNo: checked.licenceNo },
    });
    return Number(id);
  });
}

export async function updateAdviser(
  deps: LegalDeps,
  id: number,
  input: AdviserInput & { version: number },
  principal: Principal,
): Promise<void> {
  const reach = await requireCountyManager(deps.db, principal);
  const row = await deps.db
    .selectFrom('legal_advisers')
    .selectAll()
    .where('id', '=', id)
    .where('county_code', '=', reach.countyCode)
    .executeTakeFirst();
  if (!row) throw new AppError('LEGAL_ADVISER_NOT_FOUND', { details: { adviserId: id } });
  const checked = await checkInput(deps.db, reach.countyCode, input, id);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('legal_advisers')
      .set({
        name: checked.name,
        phone: checked.phone,
        licence_no: checked.licenceNo,
        firm_org_id: input.firmOrgId,
        user_id: checked.userId,
        active: input.active ?? row.active,
        version: input.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AppError('LEGAL_VERSION_CONFLICT', { details: { adviserId: id, yourVersion: input.version } });
    }
    const changed = Object.fromEntries(
      (
        [
          ['name', row.name, checked.name],
          ['phone', row.phone ? '***' : null, checked.phone ? '***' : null],
          ['licenceNo', row.licence_no, checked.licenceNo],
          ['firmOrgId', row.firm_org_id, input.firmOrgId],
          ['userId', row.user_id, checked.userId],
          ['active', row.active, input.active ?? row.active],
        ] as const
      )
        .filter(([field, before, after]) => before !== after || (field === 'phone' && row.phone !== checked.phone))
        .map(([field, , after]) => [field, after]),
    );
    await writeLegalChange(trx, deps.audit, principal, {
      recordType: 'adviser',
      id,
      type: 'update',
      version: input.version + 1,
      at: now,
      details: { changed },
    });
  });
}
