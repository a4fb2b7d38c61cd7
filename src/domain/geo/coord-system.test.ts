import { describe, expect, it } from 'vitest';
import { convertPoint, forDisplay, parseCoordSystem, toStored } from './coord-system.js';

// Metres between two nearby points (equirectangular; exact enough at these distances).
function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const k = Math.PI / 180;
  const x = (b.lng - a.lng) * k * Math.cos(((a.lat + b.lat) / 2) * k);
  const y = (b.lat - a.lat) * k;
  return Math.hypot(x, y) * 6_371_000;
}

describe('coordinate systems', () => {
  // Published conversions from independent implementations of the same formulas (the GCJ-02 offset
  // published with the R package for 天安门, and wandergis/coordtransform's reference values).
  it('WGS-84 → GCJ-02 at 天安门 gives the known offset point', () => {
    const gcj = forDisplay({ lat: 39.90734, lng: 116.39089 }, 'gcj02');
    expect(gcj.lat).toBeCloseTo(39.90874107, 7);
    expect(gcj.lng).toBeCloseTo(116.39713094, 7);
  });

  it('GCJ-02 → BD-09 and BD-09 → GCJ-02 give the reference values', () => {
    const bd = convertPoint({ lat: 39.915, lng: 116.404 }, 'gcj02', 'bd09');
    expect(bd.lng).toBeCloseTo(116.41036949371029, 9);
    expect(bd.lat).toBeCloseTo(39.92133699351021, 9);
    const gcj = convertPoint({ lat: 39.915, lng: 116.404 }, 'bd09', 'gcj02');
    expect(gcj.lng).toBeCloseTo(116.39762729119315, 9);
    expect(gcj.lat).toBeCloseTo(39.90865673957631, 9);
  });

  it('WGS-84 → BD-09 in Zhejiang gives the reference value to a few centimetres', () => {
    const bd = forDisplay({ lat: 30.6107779, lng: 121.0917077 }, 'bd09');
    expect(metres(bd, { lat: 30.61484572185035, lng: 121.10271732371203 })).toBeLessThan(0.1);
  });

  it('a GCJ-02 point from 高德 is stored as the WGS-84 point it was made from (within a metre)', () => {
    const wgs = { lat: 30.2741, lng: 120.1551 };
    const gcj = forDisplay(wgs, 'gcj02');
    // The offset is hundreds of metres: storing the GCJ-02 point as it came would put it in the wrong place.
    expect(metres(wgs, gcj)).toBeGreaterThan(300);
    expect(metres(toStored(gcj, 'gcj02'), wgs)).toBeLessThan(1);
    expect(metres(toStored(forDisplay(wgs, 'bd09'), 'bd09'), wgs)).toBeLessThan(1);
  });

  it('WGS-84 input and points outside China are left as they are', () => {
    expect(toStored({ lat: 30.2741, lng: 120.1551 })).toEqual({ lat: 30.2741, lng: 120.1551 });
    expect(toStored({ lat: 51.5, lng: -0.12 }, 'gcj02')).toEqual({ lat: 51.5, lng: -0.12 });
  });

  it('reads the names channels use for a system', () => {
    expect(parseCoordSystem(undefined)).toBeUndefined();
    expect(parseCoordSystem('')).toBeUndefined();
    expect(parseCoordSystem('WGS-84')).toBe('wgs84');
    expect(parseCoordSystem('EPSG:4326')).toBe('wgs84');
    expect(parseCoordSystem('CGCS2000')).toBe('wgs84');
    expect(parseCoordSystem('GCJ-02')).toBe('gcj02');
    expect(parseCoordSystem('gcj02')).toBe('gcj02');
    expect(parseCoordSystem('wechat')).toBe('gcj02');
    expect(parseCoordSystem('BD09')).toBe('bd09');
    expect(parseCoordSystem('bd09ll')).toBe('bd09');
    expect(parseCoordSystem('UTM')).toBeNull();
  });
});
