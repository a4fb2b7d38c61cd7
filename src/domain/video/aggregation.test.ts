import { describe, expect, it } from 'vitest';
import { aggregationDecision, type OpenVideoCase } from './aggregation.js';

const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00+08:00`);
const event = { cameraCode: 'CAM-1', type: '占道经营', detectedAt: at('09:30') };
const open: OpenVideoCase = {
  caseId: 7,
  cameraCode: 'CAM-1',
  type: '占道经营',
  open: true,
  lastDetectedAt: at('09:10'),
};

describe('whether an event joins the open case of its camera and type', () => {
  it.each([
    ['same camera and type, 20 min after the last event, window 30', open, 30, { kind: 'attach', caseId: 7 }],
    ['exactly at the window edge', open, 20, { kind: 'attach', caseId: 7 }],
    ['one minute past the window', open, 19, { kind: 'open', reason: 'outside_window' }],
    [
      'a late event 20 min before the last one',
      { ...open, lastDetectedAt: at('09:50') },
      30,
      { kind: 'attach', caseId: 7 },
    ],
    ['the case is finished', { ...open, open: false }, 30, { kind: 'open', reason: 'no_open_case' }],
    ['no case yet', null, 30, { kind: 'open', reason: 'no_open_case' }],
    ['another camera', { ...open, cameraCode: 'CAM-2' }, 30, { kind: 'open', reason: 'other_camera_or_type' }],
    ['another type', { ...open, type: '垃圾满溢' }, 30, { kind: 'open', reason: 'other_camera_or_type' }],
  ] as const)('%s', (_name, candidate, window, expected) => {
    expect(aggregationDecision(event, candidate, window)).toEqual(expected);
  });
});
