import { describe, expect, it } from 'vitest';
import {
  classifyCategory,
  classifyHierarchical,
  deserializeCategoryModel,
  learnCategory,
  messageFromText,
  serializeCategoryModel,
  trainCategoryModel,
  treeEvidence,
} from './category-model.js';
import { buildTreeIndex, matchTree, parseCategoryTree, rarityOf } from './category-tree.js';
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

describe('tree terms weighted by general-corpus rarity', () => {
  it('rarity is 0 for words of every text, 1 at IDF 9, capped at 1.5', () => {
    expect(rarityOf(0.9)).toBe(0);
    expect(rarityOf(4)).toBe(0);
    expect(rarityOf(9)).toBeCloseTo(1, 10);
    expect(rarityOf(11.5)).toBe(1.5);
    expect(rarityOf(20)).toBe(1.5);
  });

  it("looks words up in jieba's IDF table, leaving out words it does not list", () => {
    const idf = jiebaSegmenter().idf?.(['的', '社会', '特种设备', '不存在的词语甲乙丙']) ?? new Map();
    expect(idf.get('的')).toBeLessThan(2);
    expect(idf.get('社会')).toBeLessThan(idf.get('特种设备') ?? 0);
    expect(idf.has('不存在的词语甲乙丙')).toBe(false);
  });

  it('an everyday word of a node name counts for nothing, a specific one and a department name for much', () => {
    const tree = parseCategoryTree(`level1,level2,level3
劳动和社会保障,劳动保护,工作时间和休息休假
商贸旅游,质监检验检疫,特种设备管理
商贸旅游,市场监管,广告监管
`);
    const index = buildTreeIndex(tree, jiebaSegmenter());
    const weight = (term: string) => index.terms.find((t) => t.term === term)?.weight;
    expect(weight('时间')).toBeLessThan(0.02);
    expect(weight('特种设备')).toBeGreaterThan(1);
    const ev = matchTree(index, { title: '市场监督管理局不作为', body: '上班时间找不到人' });
    expect(ev.matched).toContain('市场监督管理局');
    expect(ev.level1.get('商贸旅游')).toBeGreaterThan(1);
    expect(ev.level1.get('劳动和社会保障')).toBeLessThan(0.05);
    // without the weighting every word counts as before
    const flat = buildTreeIndex(tree, jiebaSegmenter(), { idfWeighting: false });
    expect(flat.terms.find((t) => t.term === '时间')?.weight).toBeGreaterThan(0);
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

  it("adds the tree's terms to the classifier's class statistics without counting them as documents", () => {
    const without = trainCategoryModel(examples, { tree: rows, treePseudoWeight: 0 });
    const k = model.classifier.labels.indexOf('环境保护');
    expect(model.treePseudoWeight).toBe(1);
    expect(model.classifier.classSums[k]?.get('噪音')).toBeGreaterThan(0);
    expect(without.classifier.classSums[k]?.has('噪音')).toBe(false);
    // priors and document frequencies stay those of the training messages
    expect(model.classifier.docCount).toBe(without.classifier.docCount);
    expect(model.classifier.classDocs).toEqual(without.classifier.classDocs);
    expect(model.classifier.df).toEqual(without.classifier.df);
  });

  it('counts a tree term in the title treeTitleWeight times', () => {
    const inTitle = treeEvidence(model, { title: '噪音污染', body: '' })?.level1.get('环境保护') ?? 0;
    const inBody = treeEvidence(model, { body: '噪音污染' })?.level1.get('环境保护') ?? 0;
    expect(inBody).toBeGreaterThan(0);
    expect(inTitle / inBody).toBeCloseTo(model.treeTitleWeight, 10);
    expect(trainCategoryModel(examples, { tree: rows, treeTitleWeight: 2 }).treeTitleWeight).toBe(2);
  });

  it('restores a model saved before the title weight and pseudo-evidence options as it scored', () => {
    const { treeTitleWeight: _t, treePseudoWeight: _p, ...old } = serializeCategoryModel(model);
    const restored = deserializeCategoryModel(old);
    expect(restored.treeTitleWeight).toBe(2);
    expect(restored.treePseudoWeight).toBe(0);
    expect(deserializeCategoryModel(serializeCategoryModel(model)).treeTitleWeight).toBe(model.treeTitleWeight);
  });

  it('restores a model saved before rarity weighting as it was (no weighting)', () => {
    const saved = serializeCategoryModel(model);
    const { idfWeighting: _, ...oldTreeOptions } = saved.treeOptions;
    const old = deserializeCategoryModel({ ...saved, treeOptions: oldTreeOptions as typeof saved.treeOptions });
    expect(old.treeOptions.idfWeighting).toBe(false);
    expect(deserializeCategoryModel(saved).treeOptions.idfWeighting).toBe(true);
  });

  it('reads a title-like first line of a plain text as the title', () => {
    expect(messageFromText('小区电梯坏了\n电梯坏了一个月，物业不修。')).toEqual({
      title: '小区电梯坏了',
      body: '电梯坏了一个月，物业不修。',
    });
    expect(messageFromText('小区电梯坏了\r\n\r\n电梯坏了一个月')).toEqual({
      title: '小区电梯坏了',
      body: '电梯坏了一个月',
    });
    for (const text of [
      '尊敬的领导：\n小区电梯坏了',
      '小区电梯坏了一个月',
      `${'长'.repeat(61)}\n正文`,
      '只有标题\n  ',
    ]) {
      expect(messageFromText(text)).toEqual({ body: text });
    }
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
