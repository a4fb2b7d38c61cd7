import { describe, expect, it } from 'vitest';
import { addExample, classify, deserializeModel, type Example, serializeModel, train } from './classifier.js';
import { ClassifierInputError, EmptyTextError } from './errors.js';
import { charSegmenter, jiebaSegmenter } from './segmenter.js';

const examples: Example[] = [
  { text: { title: '小区物业乱收费', body: '物业公司强行收取停车费，业主不满' }, label: '城乡建设' },
  { text: { title: '物业不作为', body: '小区电梯坏了物业不修' }, label: '城乡建设' },
  { text: { title: '道路积水', body: '小区门口道路积水严重，下水道堵塞' }, label: '城乡建设' },
  { text: { title: '学校乱收费', body: '学校向学生收取补课费，老师强制补课' }, label: '教育文体' },
  { text: { title: '幼儿园入学难', body: '孩子上幼儿园学位不足，老师太少' }, label: '教育文体' },
  { text: { title: '学生课业负担重', body: '学校作业太多，学生睡眠不足' }, label: '教育文体' },
  { text: { title: '工厂噪音扰民', body: '工厂夜间噪音污染严重，排放废气' }, label: '环境保护' },
  { text: { title: '河道污染', body: '化工厂向河里排放污水，水污染严重' }, label: '环境保护' },
];

describe('text classifier', () => {
  const model = train(examples, { segmenter: jiebaSegmenter() });

  it('gives the obvious answer on a tiny training set', () => {
    expect(classify(model, '物业公司乱收停车费')[0]?.label).toBe('城乡建设');
    expect(classify(model, { title: '学校强制补课', body: '老师让学生周末补课' })[0]?.label).toBe('教育文体');
    expect(classify(model, '化工厂排放污水，河水污染')[0]?.label).toBe('环境保护');
  });

  it('returns every label, sorted by score, scores summing to 1', () => {
    const ranked = classify(model, { title: '小区噪音', body: '楼下工地施工噪音' });
    expect(ranked.map((r) => r.label).sort()).toEqual(['城乡建设', '教育文体', '环境保护']);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]?.score).toBeGreaterThanOrEqual(ranked[i]?.score ?? 0);
    expect(ranked.reduce((a, r) => a + r.score, 0)).toBeCloseTo(1, 10);
    for (const r of ranked) expect(r.score).toBeGreaterThan(0);
  });

  it('serialise → JSON → deserialise gives the same predictions', () => {
    const restored = deserializeModel(JSON.stringify(serializeModel(model)), jiebaSegmenter());
    for (const t of ['物业公司乱收停车费', '学校补课', '噪音污染', 'hello world', '今天天气不错']) {
      const a = classify(model, t);
      const b = classify(restored, t);
      expect(b.map((r) => r.label)).toEqual(a.map((r) => r.label));
      b.forEach((r, i) => {
        expect(r.score).toBeCloseTo(a[i]?.score ?? Number.NaN, 6);
      });
    }
  });

  it('throws a typed error on empty or whitespace text', () => {
    expect(() => classify(model, '')).toThrow(EmptyTextError);
    expect(() => classify(model, '  \n\t　')).toThrow(EmptyTextError);
    expect(() => classify(model, { title: ' ', body: '' })).toThrow(EmptyTextError);
    try {
      classify(model, '');
    } catch (e) {
      expect((e as EmptyTextError).code).toBe('VALIDATION_FAILED');
      expect((e as EmptyTextError).status).toBe(400);
    }
  });

  it('still ranks a non-Chinese text', () => {
    const ranked = classify(model, 'The noise from the factory is terrible!');
    expect(ranked).toHaveLength(3);
    expect(ranked.reduce((a, r) => a + r.score, 0)).toBeCloseTo(1, 10);
  });

  it('learns incrementally, including a new label', () => {
    const m = train(examples, { segmenter: charSegmenter });
    const text = '医院看病排队太久，医生态度差';
    expect(classify(m, text).some((r) => r.label === '卫生计生')).toBe(false);
    addExample(m, { text: { title: '医院乱收费', body: '医院医生乱开药，看病贵' }, label: '卫生计生' });
    addExample(m, { text: '卫生院医生不在岗，病人看病难', label: '卫生计生' });
    expect(classify(m, text)[0]?.label).toBe('卫生计生');
  });

  it('rejects an empty training set and a bad serialised model', () => {
    expect(() => train([])).toThrow(ClassifierInputError);
    expect(() => deserializeModel('{"format":"x"}')).toThrow(ClassifierInputError);
  });
});
