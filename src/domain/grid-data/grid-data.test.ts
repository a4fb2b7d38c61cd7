import { describe, expect, it } from 'vitest';
import {
  catalogueOf,
  DEFAULT_TAGS,
  diffRecord,
  idCheckChar,
  inspectionOverdue,
  makeIdNumber,
  maskExact,
  maskIdNumber,
  maskPhone,
  normaliseDate,
  normalisePhone,
  parseIdNumber,
  splitTags,
  tagPermission,
  tagsAfterEdit,
  validateRecord,
  validateRow,
  visibleTags,
} from './index.js';

const TODAY = '2026-12-06';
const catalogue = catalogueOf(DEFAULT_TAGS);
const ctx = { today: TODAY, catalogue, canSeeSensitive: false };

describe('GB 11643 ID numbers', () => {
  it.each([
    // the standard's own example and well-known published samples
    ['11010519491231002X', { birthDate: '1949-12-31', gender: 'female' }],
    ['110101199003074477', { birthDate: '1990-03-07', gender: 'male' }],
    ['11010519491231002x', { birthDate: '1949-12-31', gender: 'female' }],
  ])('%s is valid', (value, expected) => {
    const parsed = parseIdNumber(value, TODAY);
    expect(parsed).toEqual({ ok: true, value: expect.objectContaining(expected) });
    if (parsed.ok) expect(parsed.value.value).toBe(value.toUpperCase());
  });

  it.each([
    ['110105194912310021', 'check_digit'],
    ['110101199003074478', 'check_digit'],
    ['11010519491231002', 'format'],
    ['1101051949123100211', 'format'],
    ['11010519491231002Y', 'format'],
    ['110105194902300026', 'birth_date'], // 30 February
    ['110105189912310020', 'birth_date'], // before 1900
    ['110105202701010026', 'birth_date'], // after today
    ['110105201913010020', 'birth_date'], // month 13
  ])('%s is refused: %s', (value, problem) => {
    expect(parseIdNumber(value, TODAY)).toEqual({ ok: false, error: problem });
  });

  it('the check character is MOD 11-2 with 10 written X', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
    const made = makeIdNumber('330788', '20000229', 35);
    expect(made).toHaveLength(18);
    expect(parseIdNumber(made, TODAY)).toMatchObject({ ok: true, value: { birthDate: '2000-02-29', gender: 'male' } });
    expect(parseIdNumber(makeIdNumber('330788', '20000229', 36), TODAY)).toMatchObject({
      ok: true,
      value: { gender: 'female' },
    });
  });
});

describe('phones', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['0571-87654321', '0571-87654321'],
    ['057187654321', '057187654321'],
    ['12812345678', null],
    ['1381234567', null],
    ['138123456789', null],
    ['87654321', null],
    ['abc', null],
  ])('%s → %s', (raw, expected) => expect(normalisePhone(raw)).toBe(expected));
});

describe('masking', () => {
  it.each([
    [maskIdNumber, '330106199001011234', '3301**********1234'],
    [maskPhone, '13812345678', '138****5678'],
    [maskPhone, '0571-87654321', '0571-****4321'],
    [maskExact, '1203', '****'],
    [maskExact, '12', '**'],
  ])('%#', (mask, value, expected) => expect(mask(value)).toBe(expected));
});

describe('special-group tags', () => {
  it('three tags need griddata.sensitive by default, the rest none', () => {
    expect(tagPermission('刑满释放', catalogue)).toBe('griddata.sensitive');
    expect(tagPermission('社区矫正', catalogue)).toBe('griddata.sensitive');
    expect(tagPermission('严重精神障碍患者', catalogue)).toBe('griddata.sensitive');
    expect(tagPermission('独居老人', catalogue)).toBeNull();
    expect(tagPermission('党员', catalogue)).toBeNull();
  });
  it('a plain reader does not see them; a permitted one does', () => {
    const tags = ['低保', '社区矫正', '党员'];
    expect(visibleTags(tags, catalogue, false)).toEqual(['低保', '党员']);
    expect(visibleTags(tags, catalogue, true)).toEqual(tags);
  });
  it('an edit without the permission keeps the hidden tags and cannot add one', () => {
    expect(tagsAfterEdit(['低保', '刑满释放'], ['党员'], catalogue, false)).toEqual({
      tags: ['党员', '刑满释放'],
      unknown: [],
      refused: [],
    });
    expect(tagsAfterEdit([], ['社区矫正'], catalogue, false).refused).toEqual(['社区矫正']);
    expect(tagsAfterEdit(['刑满释放'], [], catalogue, true).tags).toEqual([]);
    expect(tagsAfterEdit([], ['外星人'], catalogue, true).unknown).toEqual(['外星人']);
  });
  it('a cell of tags splits on 、，, and spaces', () => {
    expect(splitTags('独居老人、低保, 党员 残疾人')).toEqual(['独居老人', '低保', '党员', '残疾人']);
    expect(splitTags('')).toEqual([]);
  });
});

describe('record validation', () => {
  const person = {
    name: '王小明',
    idNumber: '11010519491231002X',
    phone: '13812345678',
    residenceType: '户籍',
    tags: '独居老人',
  };
  it('a good person: gender and birth date come from the ID number', () => {
    const { value, problems } = validateRecord('person', person, ctx);
    expect(problems).toEqual([]);
    expect(value).toMatchObject({ gender: '女', birthDate: '1949-12-31', tags: ['独居老人'], phone: '13812345678' });
  });
  it('every bad field is named with its column and reason', () => {
    const { problems } = validateRecord(
      'person',
      { name: '', idNumber: '110105194912310021', phone: '123', residenceType: '外来', gender: '男', tags: '外星人' },
      ctx,
    );
    expect(problems.map((p) => [p.field, p.column])).toEqual([
      ['name', '姓名'],
      ['idNumber', '身份证号'],
      ['phone', '联系电话'],
      ['residenceType', '人口类型'],
      ['tags', '特殊人群标签'],
    ]);
    expect(problems[1]?.reason).toContain('校验位');
  });
  it('a typed gender or birth date must agree with the ID number', () => {
    const { problems } = validateRecord('person', { ...person, gender: '男', birthDate: '1950-01-01' }, ctx);
    expect(problems.map((p) => p.field)).toEqual(['gender', 'birthDate']);
  });
  it('a row reports its row number; a sensitive tag from a plain worker is refused', () => {
    const { problems } = validateRow(
      'person',
      7,
      { 姓名: '李四', 身份证号: '110101199003074477', 人口类型: '流动', 特殊人群标签: '社区矫正' },
      ctx,
    );
    expect(problems).toEqual([{ row: 7, column: '特殊人群标签', reason: '无权登记敏感标签「社区矫正」' }]);
    const allowed = validateRow(
      'person',
      7,
      { 姓名: '李四', 身份证号: '110101199003074477', 人口类型: '流动', 特殊人群标签: '社区矫正' },
      { ...ctx, canSeeSensitive: true },
    );
    expect(allowed.problems).toEqual([]);
  });
  it('places: category from the list, coordinates in pairs, dates normalised', () => {
    expect(validateRecord('place', { code: 'P1', name: '学校', category: '学校', lat: 30 }, ctx).problems).toEqual([
      { field: 'lng', column: '经度', reason: '经度和纬度须同时填写' },
    ]);
    expect(validateRecord('place', { code: 'P1', name: 'x', category: '庙' }, ctx).problems[0]?.field).toBe('category');
    expect(
      validateRecord('thing', { code: 'T', name: '栓', category: '消防栓', nextInspection: '2026/1/5' }, ctx).value
        .nextInspection,
    ).toBe('2026-01-05');
    expect(normaliseDate('2026年2月30日')).toBeNull();
    expect(normaliseDate(new Date('2026-03-01T00:00:00Z'))).toBe('2026-03-01');
  });
  it('the history diff masks masked fields', () => {
    const changes = diffRecord(
      'person',
      { name: '甲', phone: '13812345678', room: '101', tags: ['低保'] },
      { name: '乙', phone: '13912345678', room: '101', tags: ['低保'] },
      (_spec, v) => `*${String(v).slice(-2)}`,
    );
    expect(changes).toEqual([
      { field: 'name', label: '姓名', from: '甲', to: '乙' },
      { field: 'phone', label: '联系电话', from: '*78', to: '*78' },
    ]);
  });
});

describe('inspection', () => {
  it.each([
    [null, false],
    ['2026-12-05', true],
    ['2026-12-06', false],
    ['2027-01-01', false],
  ])('next %s → overdue %s', (next, overdue) => expect(inspectionOverdue(next, TODAY)).toBe(overdue));
});
