import { describe, expect, it } from 'vitest';
import { checkTeam, checkTeamActive, type TeamInput } from './team-rules.js';

const valid: TeamInput = {
  name: ' 信访积案化解专班 ',
  topic: '化解信访积案',
  startDate: '2026-03-01',
  endDate: '2026-12-31',
  units: [
    { orgId: 2, contactName: ' 王五 ', contactPhone: ' ' },
    { orgId: 3, contactName: '赵六' },
  ],
  members: [{ name: '李四', orgId: 2, role: '组长' }],
};

describe('a valid team', () => {
  it('is answered trimmed', () => {
    const checked = checkTeam(valid);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.value.name).toBe('信访积案化解专班');
    expect(checked.value.units[0]).toEqual({ orgId: 2, contactName: '王五', contactPhone: null });
  });
});

describe('an invalid team names the field and what to do', () => {
  it.each([
    ['no name', { name: '  ' }, 'name', '请填写专班名称'],
    ['a bad start date', { startDate: '2026-02-30' }, 'startDate', '开始日期格式'],
    ['an end before the start', { endDate: '2026-02-28' }, 'endDate', '不能早于开始日期'],
    ['a period over three years', { endDate: '2030-01-01' }, 'endDate', '不能超过三年'],
    ['no member unit', { units: [] }, 'units', '至少选择一个成员单位'],
    [
      'a unit twice',
      {
        units: [
          { orgId: 2, contactName: 'a' },
          { orgId: 2, contactName: 'b' },
        ],
      },
      'units',
      '重复',
    ],
    ['a unit without contact', { units: [{ orgId: 2, contactName: '' }] }, 'units[0].contactName', '联络人'],
    ['a member without role', { members: [{ name: '李四', orgId: 2, role: '' }] }, 'members[0].role', '职务'],
  ] as const)('%s', (_, change, field, message) => {
    const checked = checkTeam({ ...valid, ...change } as TeamInput);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.error.field).toBe(field);
    expect(checked.error.message).toContain(message);
  });

  it('refuses changes to an ended team', () => {
    expect(checkTeamActive('active').ok).toBe(true);
    const ended = checkTeamActive('ended');
    expect(!ended.ok && ended.error.message).toContain('已结束');
  });
});
