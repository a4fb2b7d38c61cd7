// The password policy of staff accounts (issue 18 §2): long enough (PASSWORD_MIN_LENGTH, 8 by default), letters
// and digits, not the username (nor containing it), not one of the passwords every guessing list starts with,
// not one character repeated. Pure; user-service applies it when a password is set. Existing passwords (the demo
// accounts' demo1234) are not re-checked at sign-in.

export type PasswordProblem = 'too_short' | 'needs_letters_and_digits' | 'contains_username' | 'common' | 'repetitive';

export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  too_short: '长度不足',
  needs_letters_and_digits: '须同时包含字母和数字',
  contains_username: '不能包含用户名',
  common: '是常见的弱密码',
  repetitive: '不能由同一字符重复组成',
};

// The head of the public leaked-password lists (digits/letters variants), lower-cased.
const COMMON = new Set([
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'abc12345',
  'abc123456',
  'abcd1234',
  'a1234567',
  'a12345678',
  'qwerty123',
  'qwer1234',
  'asdf1234',
  'admin123',
  'admin1234',
  'admin888',
  'root1234',
  '1qaz2wsx',
  'zaq12wsx',
  'woaini1314',
  'aa123456',
  'qq123456',
  'iloveyou1',
  'test1234',
  'welcome1',
  'gongzhi123',
]);

export interface PasswordPolicyOptions {
  minLength: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicyOptions = { minLength: 8 };

/** What is wrong with a new password; empty when it may be used. */
export function passwordProblems(
  password: string,
  username: string | null | undefined,
  options: PasswordPolicyOptions = DEFAULT_PASSWORD_POLICY,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < options.minLength) problems.push('too_short');
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) problems.push('needs_letters_and_digits');
  const name = (username ?? '').trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) problems.push('contains_username');
  if (COMMON.has(password.toLowerCase())) problems.push('common');
  if (password.length > 0 && new Set(password.toLowerCase()).size <= 2) problems.push('repetitive');
  return problems;
}

/** A one-line Chinese explanation of the problems, for the error message. */
export function describePasswordProblems(problems: PasswordProblem[], options = DEFAULT_PASSWORD_POLICY): string {
  return `密码不符合要求：${problems
    .map((p) => (p === 'too_short' ? `至少 ${options.minLength} 位` : PASSWORD_PROBLEM_TEXT[p]))
    .join('；')}`;
}
