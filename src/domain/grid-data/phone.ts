// Phone numbers of people and organisations: a mainland mobile number (11 digits, 1[3-9]…) or a landline with
// its area code (0xx-xxxxxxxx, the hyphen optional). Spaces and hyphens inside a mobile number are dropped.
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const LANDLINE_PATTERN = /^0\d{2,3}-?\d{7,8}$/;

/** The number in its stored form, or null when it is neither a mobile nor a landline number. */
export function normalisePhone(raw: string): string | null {
  const trimmed = raw.trim().replace(/\s+/g, '');
  const mobile = trimmed.replace(/-/g, '').replace(/^\+?86/, '');
  if (MOBILE_PATTERN.test(mobile)) return mobile;
  if (LANDLINE_PATTERN.test(trimmed)) return trimmed;
  return null;
}

export const PHONE_REASON = '电话号码格式不正确：须为 11 位手机号或带区号的固定电话（如 0571-87654321）';
