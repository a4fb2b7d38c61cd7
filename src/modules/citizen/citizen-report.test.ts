import { describe, expect, it } from 'vitest';
import { type CitizenReportInput, problemError, reportProblems, villageInAddress } from './citizen-report.js';

const good: CitizenReportInput = {
  clientToken: '2f1c7a0e-5b7e-4c1e-9a55-0d3f4c2b9e11',
  body: '小区门口的路灯坏了一个星期',
  lat: 29.3,
  lng: 120.1,
};

describe('the checks of a citizen report', () => {
  it('passes a complete report, with a point, a grid or an address', () => {
    expect(reportProblems(good)).toEqual([]);
    expect(reportProblems({ ...good, lat: null, lng: null, gridId: 7 })).toEqual([]);
    expect(reportProblems({ ...good, lat: null, lng: null, address: '青溪村东头' })).toEqual([]);
  });

  it('names each problem with its field and a message to act on', () => {
    const fields = (input: Partial<CitizenReportInput>) => reportProblems({ ...good, ...input }).map((p) => p.field);
    expect(fields({ body: '  ' })).toEqual(['body']);
    expect(fields({ body: '灯坏了' })).toEqual(['body']);
    expect(fields({ attachmentIds: Array.from({ length: 10 }, (_, i) => `p${i}`) })).toEqual(['attachmentIds']);
    expect(fields({ attachmentIds: ['a', 'a'] })).toEqual(['attachmentIds']);
    expect(fields({ lat: 29.3, lng: null })).toEqual(['location']);
    expect(fields({ lat: null, lng: null })).toEqual(['location']);
    expect(fields({ phone: '1380000' })).toEqual(['phone']);
    expect(fields({ clientToken: 'x' })).toEqual(['clientToken']);
    // An anonymous report ignores the contact fields.
    expect(fields({ anonymous: true, phone: 'not a phone' })).toEqual([]);
    const [phone] = reportProblems({ ...good, phone: '12345' });
    expect(phone?.code).toBe('INVALID_PHONE');
    expect(reportProblems({ ...good, body: '' })[0]?.message).toMatch(/描述/);
  });

  it('turns the problems into one error naming all of them', () => {
    const error = problemError(reportProblems({ ...good, body: '', phone: '1' }));
    expect(error?.status).toBe(400);
    expect(error?.details).toMatchObject({ field: 'body', fields: [{ field: 'body' }, { field: 'phone' }] });
    expect(problemError([])).toBeNull();
  });

  it('finds the village named in an address, the longest name first', () => {
    const villages = [
      { id: 1, name: '青溪村' },
      { id: 2, name: '青溪村东组' },
      { id: 3, name: '文昌社区' },
    ];
    expect(villageInAddress('青溪村东组3号门口', villages)?.id).toBe(2);
    expect(villageInAddress('文昌社区5幢', villages)?.id).toBe(3);
    expect(villageInAddress('不知道哪里', villages)).toBeNull();
  });
});
