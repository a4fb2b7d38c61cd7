import { describe, expect, it } from 'vitest';
import { matchAddress } from './address-match.js';
import { changedFields, checkHotlineOrder, parseCallTime, signPayload, verifySignature } from './hotline-order.js';

const good = {
  orderNo: 'HL20260301-0001',
  callTime: '2026-03-01 09:30',
  callerName: '张三',
  callerPhone: '138 0000 1111',
  content: '小区门口路灯坏了一个月',
  hotlineCategory: '城乡建设',
  address: '青溪街道某某社区',
  urgency: '一般',
};

describe('checkHotlineOrder', () => {
  it('normalises a good order', () => {
    const r = checkHotlineOrder(good);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.order).toMatchObject({
        orderNo: 'HL20260301-0001',
        callerPhone: '13800001111',
        urgency: 'normal',
        lat: null,
      });
      expect(r.order.callTime).toBe('2026-03-01T01:30:00.000Z');
    }
  });
  it('accepts landlines and urgent words', () => {
    const r = checkHotlineOrder({ ...good, callerPhone: '0579-88001234', urgency: '紧急' });
    expect(r.ok && r.order.callerPhone === '0579-88001234' && r.order.urgency === 'urgent').toBe(true);
  });
  it('names every problem', () => {
    const r = checkHotlineOrder({
      orderNo: '',
      content: '',
      callerPhone: '12345',
      callTime: '昨天',
      lat: 30,
      urgency: '超级急',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const fields = r.problems.map((p) => p.field).sort();
      expect(fields).toEqual(['callTime', 'callerPhone', 'content', 'lat', 'orderNo', 'urgency']);
      expect(r.problems.find((p) => p.field === 'callerPhone')?.message).toContain('12345');
    }
  });
  it('rejects impossible dates', () => {
    expect(parseCallTime('2026-02-30 10:00')).toBeUndefined();
    expect(parseCallTime('2026/3/1')).toBe('2026-02-28T16:00:00.000Z');
    expect(parseCallTime('2026-03-01T09:30:00+08:00')).toBe('2026-03-01T01:30:00.000Z');
    expect(parseCallTime(new Date('2026-03-01T01:30:00Z'))).toBe('2026-03-01T01:30:00.000Z');
  });
  it('lists changed fields', () => {
    const a = checkHotlineOrder(good);
    const b = checkHotlineOrder({ ...good, content: '小区门口路灯坏了两个月' });
    if (!a.ok || !b.ok) throw new Error('bad fixture');
    expect(Object.keys(changedFields(a.order, b.order))).toEqual(['content']);
    expect(changedFields(a.order, a.order)).toEqual({});
  });
});

describe('signatures', () => {
  const body = JSON.stringify(good);
  it('verifies a fresh signature and rejects stale, tampered and missing ones', () => {
    const ts = '1790000000';
    const sig = signPayload('s3cret', ts, body);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature({ secret: 's3cret', timestamp: ts, signature: sig, body, nowSeconds: 1790000100 })).toBe(
      'ok',
    );
    expect(verifySignature({ secret: 's3cret', timestamp: ts, signature: sig, body, nowSeconds: 1790000400 })).toBe(
      'stale',
    );
    expect(
      verifySignature({ secret: 's3cret', timestamp: ts, signature: sig, body: `${body} `, nowSeconds: 1790000000 }),
    ).toBe('invalid');
    expect(verifySignature({ secret: 'other', timestamp: ts, signature: sig, body, nowSeconds: 1790000000 })).toBe(
      'invalid',
    );
    expect(
      verifySignature({ secret: 's3cret', timestamp: undefined, signature: sig, body, nowSeconds: 1790000000 }),
    ).toBe('missing');
  });
});

describe('matchAddress', () => {
  const places = [
    { id: 1, name: '青溪街道', kind: 'town' as const, parentId: null },
    { id: 2, name: '东溪镇', kind: 'town' as const, parentId: null },
    { id: 11, name: '新华社区', kind: 'village' as const, parentId: 1 },
    { id: 21, name: '新华社区', kind: 'village' as const, parentId: 2 },
    { id: 22, name: '上塘村', kind: 'village' as const, parentId: 2 },
  ];
  it('prefers the most specific place, disambiguated by its town', () => {
    expect(matchAddress('东溪镇新华社区3幢', places)?.id).toBe(21);
    expect(matchAddress('青溪街道新华社区', places)?.id).toBe(11);
    expect(matchAddress('上塘村村口', places)?.id).toBe(22);
    expect(matchAddress('青溪街道人民路', places)?.id).toBe(1);
    expect(matchAddress('外县某地', places)).toBeNull();
  });
});
