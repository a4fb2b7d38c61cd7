import { describe, expect, it } from 'vitest';
import {
  classifyCategory,
  classifyHierarchical,
  deserializeCategoryModel,
  learnCategory,
  serializeCategoryModel,
  trainCategoryModel,
} from './category-model.js';
import { buildTreeIndex, matchTree, parseCategoryTree } from './category-tree.js';
import type { Example } from './classifier.js';
import { EmptyTextError } from './errors.js';
import { jiebaSegmenter } from './segmenter.js';

const treeCsv = `level1,level2,level3
城乡建设,住房保障与房地产,物业服务
城乡建设,住房保障与房地产,保障性住房
城乡建设,城市建设和市政管理,自来水供应
城乡建设,其他,其他
环境保护,环境污染,噪音污染
环境保护,环境污染,水污染
教育文体,教育收费,乱收费
教育文体,考试招生,招生录取
政法,社会治安,治安案件
`;

const examples: Example[] = [
  { text: { title: '小区停车费太贵', body: '停车收费标准不合理' }, label: '城乡建设' },
  { text: { title: '道路积水', body: '下雨后道路积水严重' }, label: '城乡建设' },
  { text: { title: '工厂夜间扰民', body: '机器轰鸣，晚上睡不着' }, label: '环境保护' },
  { text: { title: '河水发黑发臭', body: '工厂偷排废水' }, label: '环境保护' },
  { text: { title: '孩子入学难', body: '学位不足，孩子无法上学' }, label: '教育文体' },
  { text: { title: '学校收费', body: '学校额外收取资料费' }, label: '教育文体' },
];

describe('category tree', () => {
  it('parses the tree and indexes names with specificity', () => {
    const tree = parseCategoryTree(treeCsv);
    expect(tree.level1).toEqual(['城乡建设', '环境保护', '教育文体', '政法']);
    expect(tree.level2.find((n) => n.name === '环境污染')?.children).toEqual(['噪音污染', '水污染']);
    const index = buildTreeIndex(tree, jiebaSegmenter(), { synonyms: {} });
    const ev = matchTree(index, { title: '小区物业服务差', body: '物业服务公司不作为' });
    expect(ev.level2.get('城乡建设/住房保障与房地产')).toBeGreaterThan(0);
    expect(ev.matched).toContain('物业服务');
    expect(index.terms.some((t) => t.term === '其他')).toBe(false);
  });
});

describe('category model', () => {
  const rows = parseRows(treeCsv);
  const model = trainCategoryModel(examples, { tree: rows });

  it('uses tree keywords beyond the training examples', () => {
    // "物业" never occurs in the training texts; the tree (物业服务) and its synonyms point to 城乡建设
    expect(classifyCategory(model, '物业公司不管事')[0]?.label).toBe('城乡建设');
    expect(classifyCategory(model, { title: '噪音污染', body: '楼下噪音污染' })[0]?.label).toBe('环境保护');
  });

  it('gives level-1 and level-2 rankings summing to 1, level 2 only under trained labels', () => {
    const h = classifyHierarchical(model, { title: '物业服务太差', body: '小区物业服务公司乱收费' });
    expect(h.level1[0]?.name).toBe('城乡建设');
    expect(h.level2[0]).toMatchObject({ name: '住房保障与房地产', parent: '城乡建设' });
    expect(h.level1.reduce((a, x) => a + x.score, 0)).toBeCloseTo(1, 10);
    expect(h.level2.reduce((a, x) => a + x.score, 0)).toBeCloseTo(1, 10);
    expect(h.level2.some((x) => x.parent === '政法')).toBe(false);
    for (let i = 1; i < h.level2.length; i++)
      expect(h.level2[i - 1]?.score).toBeGreaterThanOrEqual(h.level2[i]?.score ?? 0);
  });

  it('round-trips through JSON and learns incrementally', () => {
    const restored = deserializeCategoryModel(JSON.stringify(serializeCategoryModel(model)));
    const text = { title: '学校乱收费', body: '补课费太高' };
    expect(classifyHierarchical(restored, text)).toEqual(classifyHierarchical(model, text));
    const m2 = deserializeCategoryModel(JSON.stringify(serializeCategoryModel(model)));
    for (let i = 0; i < 3; i++) learnCategory(m2, { text: '公交车晚点，线路太少', label: '交通运输' });
    expect(classifyCategory(m2, '公交车总是晚点')[0]?.label).toBe('交通运输');
  });

  it('throws EmptyTextError on blank text', () => {
    expect(() => classifyHierarchical(model, '   ')).toThrow(EmptyTextError);
    expect(() => classifyCategory(model, '')).toThrow(EmptyTextError);
  });
});

function parseRows(csv: string) {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [level1 = '', level2 = '', level3 = ''] = l.split(',');
      return { level1, level2, level3 };
    });
}
