import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../case/index.js';
import {
  ERASURE_NOTES,
  erasureMessage,
  hasReporterData,
  isErasable,
  reporterErased,
  retentionCutoff,
  scrubJson,
  scrubReporter,
  withoutCaller,
} from './index.js';

const zhang = { names: ['张三丰'], phones: ['13800000001'] };

describe('which cases may lose their reporter data', () => {
  it('only finished cases: closed, archived, rejected, merged', () => {
    for (const state of ['closed', 'archived', 'rejected', 'merged']) expect(isErasable(state)).toBe(true);
    for (const state of CASE_STATES.filter((s) => !['closed', 'archived', 'rejected', 'merged'].includes(s)))
      expect(isErasable(state)).toBe(false);
  });
});

describe('the retention cutoff', () => {
  it('is the same moment the configured number of years before', () => {
    expect(retentionCutoff(new Date('2026-12-06T10:00:00Z'), 3)?.toISOString()).toBe('2023-12-06T10:00:00.000Z');
  });
  it('moves 29 February to 1 March', () => {
    expect(retentionCutoff(new Date('2028-02-29T00:00:00Z'), 1)?.toISOString()).toBe('2027-03-01T00:00:00.000Z');
  });
  it('is off at 0 years', () => {
    expect(retentionCutoff(new Date(), 0)).toBeNull();
  });
});

describe('removing a reporter from a text', () => {
  it.each([
    ['我是张三丰，电话13800000001，门口路灯坏了', '我是某某，电话***，门口路灯坏了'],
    ['联系人张三丰 138 0000 0001', '联系人某某 ***'],
    ['回访 +86 138-0000-0001 未接通', '回访 *** 未接通'],
    ['张三丰反映：隔壁李四的电话 13900000002 打不通', '某某反映：隔壁李四的电话 13900000002 打不通'],
  ])('%s', (text, expected) => {
    expect(scrubReporter(text, zhang)).toBe(expected);
  });

  it('leaves longer digit runs and other people alone', () => {
    const text = '工单 2138000000015 与王五无关';
    expect(scrubReporter(text, zhang)).toBe(text);
  });

  it('ignores one-character names and short numbers', () => {
    const reporter = { names: ['张', null], phones: ['110', undefined] };
    expect(hasReporterData(reporter)).toBe(false);
    expect(scrubReporter('张家门口 110 报警', reporter)).toBe('张家门口 110 报警');
  });

  it('finds landlines with their area code', () => {
    expect(scrubReporter('座机0571-88886666', { names: [], phones: ['057188886666'] })).toBe('座机***');
  });

  it('reaches every string of a JSON value', () => {
    expect(scrubJson({ note: '张三丰来电', list: ['13800000001', 3], n: 1, nil: null }, zhang)).toEqual({
      note: '某某来电',
      list: ['***', 3],
      n: 1,
      nil: null,
    });
  });
});

describe('what people are told', () => {
  it('the timeline notes carry no data', () => {
    expect(ERASURE_NOTES.erasure).toBe('报告人个人信息已按其申请删除');
    expect(ERASURE_NOTES.retention).not.toMatch(/\d/);
  });
  it('the citizen hears how many cases wait for their closing', () => {
    const waiting = erasureMessage({ anonymised: 1, waiting: 2, completed: false });
    expect(waiting).toContain('已删除您 1 件');
    expect(waiting).toContain('还有 2 件诉求正在办理');
    expect(waiting).not.toContain('账号已注销');
    expect(erasureMessage({ anonymised: 0, waiting: 0, completed: true })).toContain('账号已注销');
    expect(erasureMessage({ anonymised: 0, waiting: 0, completed: false })).toContain('几分钟内');
  });
});

describe('an order pushed again after its caller was erased', () => {
  const order = {
    orderNo: 'GZ-1',
    callerName: '王小明',
    callerPhone: '13900000031',
    content: '我是王小明，电话 139 0000 0031，楼道灯坏了',
  };
  it('is read without the caller, in its fields and in its text', () => {
    expect(withoutCaller(order)).toEqual({
      orderNo: 'GZ-1',
      callerName: null,
      callerPhone: null,
      content: '我是某某，电话 ***，楼道灯坏了',
    });
  });
  it('only a case whose reporter carries the erasure marker counts as erased', () => {
    expect(reporterErased('已注销')).toBe(true);
    expect(reporterErased('王小明')).toBe(false);
    expect(reporterErased(null)).toBe(false);
  });
});
