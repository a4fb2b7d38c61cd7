// The parties of a dispute (当事人): persons or organisations, applicant or respondent side. Their personal
// data (name, phone, ID number, address) is stored as given and shown masked unless revealed (pii.view,
// audited).
import { AppError } from '../../core/errors.js';
import { maskPhone } from '../auth/auth-service.js';
import { maskName } from '../home/home-service.js';

export const PARTY_ROLES = ['applicant', 'respondent'] as const;
export const PARTY_KINDS = ['person', 'org'] as const;

export interface Party {
  role: (typeof PARTY_ROLES)[number];
  kind: (typeof PARTY_KINDS)[number];
  name: string;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
  /** the person or organisation of the grid's base data it was picked from (its fields come from there) */
  gridRecordId?: number | null;
}

const ID_NUMBER = /^\d{17}[\dXx]$/;
const PHONE = /^[\d-]{7,20}$/;

/** Trimmed parties, or a 400 naming the party and the field that is wrong. */
export function validParties(parties: readonly Party[]): Party[] {
  const bad = (index: number, field: string, message: string) =>
    new AppError('VALIDATION_FAILED', { message, details: { field: `parties[${index}].${field}` } });
  const out = parties.map((p, i) => {
    const name = p.name.trim();
    if (!name) throw bad(i, 'name', `请填写第 ${i + 1} 位当事人的姓名或名称`);
    const phone = p.phone?.trim() || null;
    if (phone && !PHONE.test(phone)) throw bad(i, 'phone', `第 ${i + 1} 位当事人的电话号码格式不正确`);
    const idNumber = p.idNumber?.trim().toUpperCase() || null;
    if (idNumber && p.kind === 'person' && !ID_NUMBER.test(idNumber)) {
      throw bad(i, 'idNumber', `第 ${i + 1} 位当事人的身份证号应为 18 位`);
    }
    return {
      role: p.role,
      kind: p.kind,
      name,
      phone,
      idNumber,
      address: p.address?.trim() || null,
      ...(p.gridRecordId ? { gridRecordId: p.gridRecordId } : {}),
    };
  });
  if (!out.some((p) => p.role === 'applicant') || !out.some((p) => p.role === 'respondent')) {
    throw new AppError('VALIDATION_FAILED', {
      message: '请至少填写一位申请人和一位被申请人（对方当事人）',
      details: { field: 'parties' },
    });
  }
  return out;
}

const maskId = (id: string | null | undefined) => (id ? `${id.slice(0, 3)}***********${id.slice(-4)}` : null);
const maskAddress = (a: string | null | undefined) => (a ? `${[...a].slice(0, 6).join('')}****` : null);

/** What everyone in scope sees: organisations by name, persons masked. */
export function maskParties(parties: readonly Party[]): Party[] {
  return parties.map((p) => ({
    ...p,
    name: p.kind === 'org' ? p.name : (maskName(p.name) ?? ''),
    phone: maskPhone(p.phone),
    idNumber: maskId(p.idNumber),
    address: maskAddress(p.address),
  }));
}
