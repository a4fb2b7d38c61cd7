import { describe, expect, it } from 'vitest';
import { ACTORS, at, DEPT, newCase, run } from '../../domain/case/test-support.js';
import { deserializeCase, serializeCase } from './case-snapshot.js';

describe('case snapshot', () => {
  it('round-trips a case with dates in nested records', () => {
    const opened = newCase(at('2025-09-26', '10:00'), { intakeLevel: 'village' }).case;
    const c = run(opened, [
      [at('2025-09-26', '10:30'), ACTORS.village, { type: 'accept' }],
      [at('2025-09-26', '11:00'), ACTORS.village, { type: 'reportUp', reason: '需镇街协调' }],
      [
        at('2025-09-26', '11:30'),
        ACTORS.town,
        { type: 'dispatch', leadOrgId: DEPT.zhifa, assistingOrgIds: [DEPT.zhujian] },
      ],
      [at('2025-09-26', '12:00'), ACTORS.zhifa, { type: 'signFor' }],
    ]).case;
    expect(c.dispatch?.lead.signedAt).toBeInstanceOf(Date);
    const back = deserializeCase(JSON.parse(serializeCase(c)));
    expect(back).toEqual(c);
    expect(back.openedAt).toBeInstanceOf(Date);
    expect(back.deadlines[0]?.dueAt).toBeInstanceOf(Date);
  });

  it('leaves strings that only look like dates alone outside date fields', () => {
    const c = { ...newCase(at('2025-09-26', '10:00')).case, rejectionReason: '2025-09-26T02:00:00.000Z' };
    expect(deserializeCase(serializeCase(c)).rejectionReason).toBe('2025-09-26T02:00:00.000Z');
  });
});
