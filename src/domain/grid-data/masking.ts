// What a list or a record page shows of a sensitive value until someone with the permission reveals it.
// The masked form is computed once when the value is written and stored beside the ciphertext, so a list
// never decrypts anything.

/** 330106199001011234 → 3301**********1234 */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

/** 13812345678 → 138****5678; 0571-87654321 → 0571-****4321 */
export function maskPhone(value: string): string {
  if (value.length < 7) return '*'.repeat(value.length);
  const keepEnd = 4;
  const keepStart = value.startsWith('0') ? value.indexOf('-') + 1 || 4 : 3;
  return `${value.slice(0, keepStart)}${'*'.repeat(value.length - keepStart - keepEnd)}${value.slice(-keepEnd)}`;
}

/** The exact part of an address (the room or the house number): every character starred. */
export function maskExact(value: string): string {
  return value ? '*'.repeat(Math.min(value.length, 4)) : value;
}
