import { describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_BYTES } from './types.js';
import { checkVideoEvent, decodeSnapshot, parseDetectedAt } from './video-event.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const good = {
  eventId: 'HK-20260302-0001',
  type: '占道经营',
  cameraId: 'QX-CAM-001',
  lat: 29.61,
  lng: 118.99,
  detectedAt: '2026-03-02T09:15:00+08:00',
  snapshot: PNG.toString('base64'),
  confidence: 0.92,
};

describe('checking a pushed event', () => {
  it('takes a good event, decoding the snapshot and reading the time with its zone', () => {
    const r = checkVideoEvent(good, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ eventId: 'HK-20260302-0001', cameraCode: 'QX-CAM-001', confidence: 0.92 });
    expect(r.value.detectedAt.toISOString()).toBe('2026-03-02T01:15:00.000Z');
    expect(r.value.snapshot.equals(PNG)).toBe(true);
  });

  it.each([
    ['eventId', { eventId: '' }],
    ['eventId', { eventId: 'has space' }],
    ['type', { type: '外星人' }],
    ['type', { type: undefined }],
    ['cameraId', { cameraId: null }],
    ['lat', { lat: 91 }],
    ['lat', { lat: '29.6' }],
    ['lng', { lng: Number.NaN }],
    ['detectedAt', { detectedAt: '2026-03-02 09:15' }],
    ['detectedAt', { detectedAt: '2026-03-02T12:00:00+08:00' }],
    ['confidence', { confidence: 1.2 }],
    ['confidence', { confidence: undefined }],
    ['snapshot', { snapshot: undefined }],
    ['snapshot', { snapshot: 'not base64!' }],
  ])('names the field %s when it is wrong', (field, change) => {
    const r = checkVideoEvent({ ...good, ...change }, NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((p) => p.field)).toEqual([field]);
    expect(r.error[0]?.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('lists every wrong field at once', () => {
    const r = checkVideoEvent({}, NOW);
    expect(r.ok || r.error.map((p) => p.field)).toEqual([
      'eventId',
      'type',
      'cameraId',
      'lat',
      'lng',
      'detectedAt',
      'confidence',
      'snapshot',
    ]);
  });

  it('refuses a snapshot over the size limit before decoding it, and accepts a data: URL', () => {
    const big = 'A'.repeat(Math.ceil((MAX_SNAPSHOT_BYTES + 3) / 3) * 4);
    expect(typeof decodeSnapshot(big)).toBe('string');
    const data = decodeSnapshot(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(Buffer.isBuffer(data) && data.equals(PNG)).toBe(true);
  });

  it('reads only ISO times that say their zone', () => {
    expect(parseDetectedAt('2026-03-02T01:15:00Z')?.toISOString()).toBe('2026-03-02T01:15:00.000Z');
    expect(parseDetectedAt('2026-03-02T09:15+0800')?.toISOString()).toBe('2026-03-02T01:15:00.000Z');
    expect(parseDetectedAt('2026-03-02T09:15:00')).toBeNull();
    expect(parseDetectedAt(1772413500)).toBeNull();
  });
});
