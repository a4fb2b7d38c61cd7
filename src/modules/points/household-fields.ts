// A household's fields as typed on the page or read from a spreadsheet row: trimmed, checked, each problem
// named by its field (and column, for the import's row-by-row report).
import { PHONE_PATTERN } from '../auth/auth-service.js';

export interface HouseholdFieldsInput {
  doorNo?: string | null;
  headName?: string | null;
  members?: number | string | null;
  address?: string | null;
  phone?: string | null;
}

export interface HouseholdFields {
  doorNo: string;
  headName: string;
  members: number;
  address: string | null;
  phone: string | null;
}

export interface FieldProblem {
  field: keyof HouseholdFieldsInput;
  column: string;
  message: string;
}

export const HOUSEHOLD_COLUMNS = {
  doorNo: '门牌号',
  headName: '户主姓名',
  members: '家庭人口',
  address: '地址',
  phone: '户主手机',
} as const;

export function checkHouseholdFields(input: HouseholdFieldsInput): {
  value: HouseholdFields;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const problem = (field: keyof HouseholdFieldsInput, message: string) =>
    problems.push({ field, column: HOUSEHOLD_COLUMNS[field], message });
  const doorNo = (input.doorNo ?? '').trim();
  const headName = (input.headName ?? '').trim();
  if (!doorNo) problem('doorNo', '门牌号不能为空');
  if (doorNo.length > 50) problem('doorNo', '门牌号不能超过 50 个字');
  if (!headName) problem('headName', '户主姓名不能为空');
  if (headName.length > 50) problem('headName', '户主姓名不能超过 50 个字');
  const rawMembers = input.members === null || input.members === undefined || input.members === '' ? 1 : input.members;
  const members = Number(rawMembers);
  if (!Number.isInteger(members) || members < 1 || members > 99) {
    problem('members', `家庭人口须为 1 到 99 的整数，实为「${rawMembers}」`);
  }
  const phone = (input.phone ?? '').trim() || null;
  if (phone && !PHONE_PATTERN.test(phone)) problem('phone', `户主手机须为 11 位手机号，实为「${phone}」`);
  const address = (input.address ?? '').trim() || null;
  if (address && address.length > 200) problem('address', '地址不能超过 200 个字');
  return { value: { doorNo, headName, members, address, phone }, problems };
}

/** The unique indexes' refusals in words (23505 on the door number or the head's phone). */
export function duplicateMessage(
  constraint: string | undefined,
  fields: { doorNo?: string; phone?: string | null },
): string {
  if (constraint === 'points_households_phone') return `手机号 ${fields.phone ?? ''} 已登记为本县其他农户的户主`;
  return `本村已有门牌号为「${fields.doorNo ?? ''}」的农户`;
}
