import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineMetres, trackLengthMetres } from './patrol-track.js';

describe('patrol track length', () => {
  it('measures a degree of latitude as about 111 km', () => {
    const d = haversineMetres({ lat: 29, lng: 120 }, { lat: 30, lng: 120 });
    expect(d).toBeGreaterThan(111_000);
    expect(d).toBeLessThan(111_400);
  });

  it('is zero for no points, one point, or a phone standing still', () => {
    expect(trackLengthMetres([])).toBe(0);
    expect(trackLengthMetres([{ lat: 29.1, lng: 120.1 }])).toBe(0);
    expect(
      trackLengthMetres([
        { lat: 29.1, lng: 120.1 },
        { lat: 29.1, lng: 120.1 },
      ]),
    ).toBe(0);
  });

  it('ignores jitter inside the accuracy radius but counts real moves', () => {
    const a = { lat: 29.1, lng: 120.1, accuracyM: 30 };
    const jitter = { lat: 29.1001, lng: 120.1, accuracyM: 30 }; // about 11 m
    const far = { lat: 29.101, lng: 120.1, accuracyM: 10 }; // about 111 m from a
    expect(trackLengthMetres([a, jitter])).toBe(0);
    const walked = trackLengthMetres([a, jitter, far]);
    expect(walked).toBeGreaterThan(105);
    expect(walked).toBeLessThan(117);
  });

  it('never shrinks when a point is appended, and is never shorter than the straight line', () => {
    const point = fc.record({
      lat: fc.double({ min: 28.5, max: 29.5, noNaN: true }),
      lng: fc.double({ min: 119.5, max: 120.5, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 20 }), point, (track, extra) => {
        const before = trackLengthMetres(track);
        expect(trackLengthMetres([...track, extra])).toBeGreaterThanOrEqual(before);
        const first = track[0] as (typeof track)[0];
        const last = track[track.length - 1] as (typeof track)[0];
        expect(before + 0.1).toBeGreaterThanOrEqual(haversineMetres(first, last));
      }),
    );
  });
});
