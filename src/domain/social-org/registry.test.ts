import { describe, expect, it } from 'vitest';
import { advanceStage, checkProject, checkRegistrationNo, evaluationGrade } from './index.js';

describe('incubation stages', () => {
  it.each([
    ['incubating', 'cultivating', true],
    ['cultivating', 'mature', true],
    ['incubating', 'mature', false],
    ['cultivating', 'incubating', false],
    ['mature', 'mature', false],
    ['mature', 'incubating', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(advanceStage(from, to).ok).toBe(allowed);
  });
});

describe('registration number', () => {
  it.each([
    ['52330788MJ1234567X', true],
    ['52330788mj1234567x', true],
    ['52330788MJ123456', false],
    ['52330788MJ1234567I', false],
  ])('%s', (value, ok) => expect(checkRegistrationNo(value).ok).toBe(ok));
});

describe('purchased-service project', () => {
  const good = {
    name: '居家养老上门服务',
    contractNo: 'GM-2026-001',
    budget: 120000,
    startsOn: '2026-03-01',
    endsOn: '2026-12-31',
    deliverables: [{ title: '服务台账', dueDate: '2026-06-30' }],
  };
  it('accepts a good project', () => expect(checkProject(good).ok).toBe(true));
  it.each([
    ['name', { name: ' ' }],
    ['budget', { budget: -1 }],
    ['endsOn', { endsOn: '2026-02-01' }],
    ['startsOn', { startsOn: '2026-02-30' }],
    ['deliverables', { deliverables: [] }],
    ['deliverables.0.dueDate', { deliverables: [{ title: '台账', dueDate: '2027-01-01' }] }],
    ['deliverables.0.title', { deliverables: [{ title: '', dueDate: '2026-05-01' }] }],
  ])('refuses a bad %s', (field, change) => {
    const r = checkProject({ ...good, ...change });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe(field);
  });
});

describe('evaluation grade', () => {
  it.each([
    [95, '优秀'],
    [90, '优秀'],
    [80, '良好'],
    [60, '合格'],
    [59, '不合格'],
  ])('%d → %s', (score, grade) => expect(evaluationGrade(score)).toEqual({ ok: true, value: grade }));
  it('refuses a score out of range', () => expect(evaluationGrade(101).ok).toBe(false));
});
