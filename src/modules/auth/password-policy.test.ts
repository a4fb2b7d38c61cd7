import { describe, expect, it } from 'vitest';
import { describePasswordProblems, passwordProblems } from './password-policy.js';

describe('the staff password policy', () => {
  it('accepts a long password with letters and digits that is not the username', () => {
    expect(passwordProblems('Lantern-47-river', 'wang.li')).toEqual([]);
    expect(passwordProblems('demo1234', 'town')).toEqual([]); // the demo accounts' password still passes
  });

  it('names every rule a password breaks', () => {
    expect(passwordProblems('ab1', 'x')).toEqual(['too_short']);
    expect(passwordProblems('abcdefghij', 'x')).toEqual(['needs_letters_and_digits']);
    expect(passwordProblems('1234567890', 'x')).toEqual(['needs_letters_and_digits']);
    expect(passwordProblems('TownAdmin123', 'townadmin')).toEqual(['contains_username']);
    expect(passwordProblems('Passw0rd', 'x')).toEqual(['common']);
    expect(passwordProblems('a1a1a1a1a1', 'x')).toEqual(['repetitive']);
  });

  it('takes its minimum length from the options and counts characters, not bytes', () => {
    expect(passwordProblems('abc12345', null, { minLength: 10 })).toEqual(['too_short', 'common']);
    expect(passwordProblems('共治平台安全ab12', null, { minLength: 10 })).toEqual([]);
  });

  it('explains itself in Chinese', () => {
    expect(describePasswordProblems(['too_short', 'contains_username'], { minLength: 10 })).toBe(
      '密码不符合要求：至少 10 位；不能包含用户名',
    );
  });
});
