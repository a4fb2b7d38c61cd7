import { describe, expect, it } from 'vitest';
import { attributesOf, checkAttributes, errorBody, Open311Error, parseW3cDate, splitFormat, toXml } from './open311.js';

describe('open311 rules', () => {
  it('splits formats', () => {
    expect(splitFormat('services.json')).toEqual({ path: 'services', format: 'json' });
    expect(splitFormat('requests/GZ1.XML')).toEqual({ path: 'requests/GZ1', format: 'xml' });
    expect(splitFormat('services')).toBeNull();
    expect(splitFormat('services.csv')).toBeNull();
  });
  it('parses W3C dates and rejects others', () => {
    expect(parseW3cDate('2026-03-01T00:00:00+08:00', 'start_date').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(parseW3cDate('2026-03-01', 'x').toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(() => parseW3cDate('yesterday', 'end_date')).toThrow(Open311Error);
  });
  it('reads and checks attributes', () => {
    expect(attributesOf({ 'attribute[urgency]': 'urgent', description: 'x' })).toEqual({ urgency: 'urgent' });
    expect(checkAttributes({ urgency: 'urgent', location_detail: '3 号楼' })).toEqual({
      urgency: 'urgent',
      location_detail: '3 号楼',
    });
    expect(() => checkAttributes({ urgency: 'very' })).toThrow(/must be one of/);
    expect(() => checkAttributes({ colour: 'red' })).toThrow(/not an attribute/);
  });
  it('renders XML and errors', () => {
    const xml = toXml('services', 'service', [{ service_code: 'A', metadata: true, keywords: null }]);
    expect(xml).toContain('<?xml version="1.0" encoding="utf-8"?>');
    expect(xml).toContain('<service_code>A</service_code>');
    expect(errorBody([{ code: 400, description: 'bad' }], 'xml')).toContain('<error>');
    expect(JSON.parse(errorBody([{ code: 404, description: 'x' }], 'json'))).toEqual([{ code: 404, description: 'x' }]);
  });
});
