// The resident identity card number of GB 11643-1999: 6 digits of region, 8 of birth date (YYYYMMDD), 3 of
// sequence (odd for men, even for women) and a check character computed over the first 17 (ISO 7064 MOD 11-2,
// 10 written as X). A number is accepted only if the check character matches and the birth date is a real
// day no later than today.
import { err, ok, type Result } from '../result.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type Gender = 'male' | 'female';

export interface IdNumber {
  /** 18 characters, a lower-case x made upper-case. */
  value: string;
  region: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: Gender;
}

export type IdNumberProblem = 'format' | 'birth_date' | 'check_digit';

export const ID_NUMBER_REASONS: Record<IdNumberProblem, string> = {
  format: '身份证号须为 18 位（前 17 位数字，最后一位数字或 X）',
  birth_date: '身份证号中的出生日期不是有效日期',
  check_digit: '身份证号校验位不正确（GB 11643）',
};

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

function realDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Checks an ID number; `today` (YYYY-MM-DD, China time) bounds the birth date. */
export function parseIdNumber(raw: string, today: string): Result<IdNumber, IdNumberProblem> {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return err('format');
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (y < 1900 || !realDay(y, m, d) || birthDate > today) return err('birth_date');
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return err('check_digit');
  const gender: Gender = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return ok({ value, region: value.slice(0, 6), birthDate, gender });
}

/** A valid number from its parts (demo data, tests): region 6 digits, birth YYYYMMDD, sequence 3 digits. */
export function makeIdNumber(region: string, birth: string, sequence: number): string {
  const first17 = `${region}${birth}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}
