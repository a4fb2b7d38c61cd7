import { describe, expect, it } from 'vitest';
import { StatementNames } from './prepared-statements.js';

describe('StatementNames', () => {
  it('names a text once it has come back often enough, and keeps that name', () => {
    const names = new StatementNames(10, 3);
    const text = 'select 1 where id = $1';
    expect(names.nameOf(text)).toBeUndefined();
    expect(names.nameOf(text)).toBeUndefined();
    const name = names.nameOf(text);
    expect(name).toMatch(/^gz_\d+$/);
    expect(names.nameOf(text)).toBe(name);
    expect(names.nameOf('select 2 where id = $1')).toBeUndefined();
  });

  it('gives each text its own name', () => {
    const names = new StatementNames(10, 1);
    const a = names.nameOf('select a');
    const b = names.nameOf('select b');
    expect(a).not.toBe(b);
    expect(names.nameOf('select a')).toBe(a);
  });

  it('names no more than its bound: later texts stay unnamed, the named keep their names', () => {
    const names = new StatementNames(2, 1);
    const a = names.nameOf('select a');
    const b = names.nameOf('select b');
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(names.nameOf('select c')).toBeUndefined();
    expect(names.nameOf('select c')).toBeUndefined();
    expect(names.size).toBe(2);
    expect(names.nameOf('select a')).toBe(a);
  });
});
