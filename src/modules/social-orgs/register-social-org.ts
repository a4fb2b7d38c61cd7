// Registers a social organisation in the county's registry, or edits its entry: type, registration number
// (统一社会信用代码, unique in the county), field, contact, rating; its supervising unit (the principal's own
// unit by default, or one of its subtree); and, when it has an account in the organisation tree (a third party
// that receives cases), the link to it — so the cases assigned to it are a query, not a new flow.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  checkRegistrationNo,
  type IncubationStage,
  type SocialOrgRating,
  type SocialOrgType,
} from '../../domain/social-org/index.js';
import type { Principal } from '../auth/principal.js';
import { ruleError } from '../record-history/index.js';
import { requireKeeper } from './social-org-scope.js';
import {
  checkVersion,
  commitSocialOrgChange,
  loadSocialOrg,
  type SocialOrgDeps,
  writeSocialOrgChange,
} from './social-org-store.js';

export interface SocialOrgFields {
  name: string;
  type: SocialOrgType;
  registrationNo: string;
  field: string;
  contactName: string;
  contactPhone: string;
  rating: SocialOrgRating;
  intro?: string;
  ownerOrgId?: number;
  orgId?: number | null;
  stage?: IncubationStage;
}

function invalid(field: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', { message, details: { field } });
}

function cleaned(input: SocialOrgFields) {
  const name = input.name.trim();
  if (!name || name.length > 100) invalid('name', '请填写社会组织名称（100 字以内）');
  const reg = checkRegistrationNo(input.registrationNo);
  if (!reg.ok) throw ruleError(reg.error);
  const field = input.field.trim();
  if (!field || field.length > 50) invalid('field', '请填写服务领域');
  const contactName = input.contactName.trim();
  if (!contactName || contactName.length > 30) invalid('contactName', '请填写联系人');
  const contactPhone = input.contactPhone.trim();
  if (!/^[0-9-]{7,20}$/.test(contactPhone)) invalid('contactPhone', '联系电话格式不正确');
  return {
    name,
    registrationNo: reg.value,
    field,
    contactName,
    contactPhone,
    intro: (input.intro ?? '').trim().slice(0, 2000),
  };
}

async function checkLinks(
  trx: Transaction<DB>,
  principal: Principal,
  ownerOrgId: number,
  orgId: number | null,
  countyCode: string,
) {
  if (!principal.scopeOrgIds.includes(ownerOrgId)) invalid('ownerOrgId', '业务主管单位须为本单位或下级单位');
  if (orgId === null) return;
  const org = await trx.selectFrom('orgs').select(['kind', 'county_code']).where('id', '=', orgId).executeTakeFirst();
  if (org?.kind !== 'third_party' || org.county_code !== countyCode) {
    invalid('orgId', '关联的组织机构须为本县的第三方组织');
  }
}

function duplicate(e: unknown): never {
  const message = String((e as { message?: string })?.message ?? '');
  if (message.includes('social_orgs_org'))
    throw new AppError('SOCIAL_ORG_DUPLICATE', { message: '该组织机构已关联其他社会组织' });
  if (message.includes('duplicate') || message.includes('unique'))
    throw new AppError('SOCIAL_ORG_DUPLICATE', { message: '登记证号已存在' });
  throw e;
}

export async function createSocialOrg(
  deps: SocialOrgDeps,
  principal: Principal,
  input: SocialOrgFields,
): Promise<{ id: number }> {
  const fields = cleaned(input);
  const ownerOrgId = input.ownerOrgId ?? principal.orgId;
  if (ownerOrgId === null || !principal.countyCode) throw new AppError('FORBIDDEN');
  const countyCode = principal.countyCode;
  const now = deps.clock.now();
  const run = async (trx: Transaction<DB>) => {
    await checkLinks(trx, principal, ownerOrgId, input.orgId ?? null, countyCode);
    const taken = await trx
      .selectFrom('social_orgs')
      .select('id')
      .where('county_code', '=', countyCode)
      .where((eb) =>
        input.orgId
          ? eb.or([eb('registration_no', '=', fields.registrationNo), eb('org_id', '=', input.orgId)])
          : eb('registration_no', '=', fields.registrationNo),
      )
      .executeTakeFirst();
    if (taken)
      throw new AppError('SOCIAL_ORG_DUPLICATE', { message: '登记证号已存在，或该组织机构已关联其他社会组织' });
    const { id } = await trx
      .insertInto('social_orgs')
      .values({
        county_code: countyCode,
        owner_org_id: ownerOrgId,
        org_id: input.orgId ?? null,
        name: fields.name,
        type: input.type,
        registration_no: fields.registrationNo,
        field: fields.field,
        contact_name: fields.contactName,
        contact_phone: fields.contactPhone,
        rating: input.rating,
        stage: input.stage ?? 'incubating',
        intro: fields.intro,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeSocialOrgChange(trx, deps.audit, principal, {
      kind: 'social_org',
      id,
      socialOrgId: id,
      type: 'create',
      version: 1,
      at: now,
      details: { name: fields.name, stage: input.stage ?? 'incubating' },
    });
    return { id };
  };
  try {
    return deps.db.isTransaction ? await run(deps.db as Transaction<DB>) : await deps.db.transaction().execute(run);
  } catch (e) {
    if (e instanceof AppError) throw e;
    return duplicate(e);
  }
}

export async function updateSocialOrg(
  deps: SocialOrgDeps,
  principal: Principal,
  id: number,
  input: SocialOrgFields & { version: number },
): Promise<void> {
  const fields = cleaned(input);
  const now = deps.clock.now();
  try {
    await deps.db.transaction().execute(async (trx) => {
      const row = await loadSocialOrg(trx, id, principal, true);
      requireKeeper(principal, row);
      checkVersion(row, input.version);
      const ownerOrgId = input.ownerOrgId ?? row.owner_org_id;
      const orgId = input.orgId === undefined ? row.org_id : input.orgId;
      await checkLinks(trx, principal, ownerOrgId, orgId, row.county_code);
      await commitSocialOrgChange(trx, deps.audit, principal, row, {
        type: 'edit',
        at: now,
        set: {
          name: fields.name,
          type: input.type,
          registration_no: fields.registrationNo,
          field: fields.field,
          contact_name: fields.contactName,
          contact_phone: fields.contactPhone,
          rating: input.rating,
          intro: fields.intro,
          owner_org_id: ownerOrgId,
          org_id: orgId,
        },
        details: { name: fields.name, rating: input.rating },
      });
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    duplicate(e);
  }
}
