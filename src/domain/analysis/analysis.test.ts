import { describe, expect, it } from 'vitest';
import { jiebaSegmenter } from '../text/segmenter.js';
import { findGroupRisks, type RiskCase } from './group-risk.js';
import { highlightSegments, highlightSnippet } from './highlight.js';
import {
  combineSimilarity,
  cosine,
  documentVector,
  haversineMeters,
  placeSimilarity,
  termVector,
  tsvectorCounts,
} from './similarity.js';
import { buildTsQuery, indexTerms, queryTerms, searchDocument } from './text-terms.js';

const seg = jiebaSegmenter();
const vec = (text: string) => termVector(indexTerms(text, seg), text);

describe('search terms', () => {
  it('indexes the words of a message, with the shorter words inside long ones', () => {
    const terms = indexTerms('青溪街道幸福小区路灯不亮，晚上出行不便！', seg);
    expect(terms).toContain('小区');
    expect(terms).not.toContain('，');
    expect(terms).not.toContain('的');
  });

  it('a query word found in a message is found in its search document', () => {
    const doc = searchDocument(['小区路灯坏了', '幸福小区三号楼前的路灯已经坏了一个月'], seg).split(' ');
    for (const q of queryTerms('路灯坏了', seg)) expect(doc).toContain(q);
    expect(queryTerms('的 路灯 路灯', seg)).toEqual(['路灯']);
    // jieba splits 路灯不亮 as 路 / 灯不亮 here; the bigrams still hold 路灯
    expect(searchDocument(['幸福小区路灯不亮'], seg).split(' ')).toContain('路灯');
  });

  it('builds tsqueries: every word, long words also as their bigrams', () => {
    expect(buildTsQuery(['路灯', '垃圾桶'])).toBe("'路灯' & ('垃圾桶' | ('垃圾' & '圾桶'))");
    expect(buildTsQuery(['路灯', 'led'], 'any')).toBe("'路灯' | 'led'");
    expect(buildTsQuery(['灯'])).toBe("'灯':*");
    expect(buildTsQuery([])).toBeNull();
  });
});

describe('highlighting', () => {
  it('marks every occurrence, longest term first, case-insensitively', () => {
    expect(highlightSegments('路灯不亮，路灯杆倒了 LED', ['路灯', '路灯杆', 'led'])).toEqual([
      { text: '路灯', match: true },
      { text: '不亮，', match: false },
      { text: '路灯杆', match: true },
      { text: '倒了 ', match: false },
      { text: 'LED', match: true },
    ]);
  });

  it('cuts long text to a window around the first match', () => {
    const text = `${'很长的前文'.repeat(50)}噪音扰民${'后文'.repeat(50)}`;
    const s = highlightSnippet(text, ['噪音'], 60);
    expect(s[0]).toEqual({ text: '…', match: false });
    expect(s.some((x) => x.match && x.text === '噪音')).toBe(true);
    expect(s.map((x) => x.text).join('').length).toBeLessThanOrEqual(62);
  });
});

describe('similarity', () => {
  it('near-duplicates are more alike than different matters', () => {
    const a = vec('幸福小区3栋门口路灯不亮，晚上很黑');
    const b = vec('幸福小区三栋路灯坏了不亮，天黑看不见路');
    const c = vec('学校周末强制补课，收取补课费');
    expect(cosine(a, b)).toBeGreaterThan(0.25);
    expect(cosine(a, c)).toBeLessThan(0.1);
    expect(cosine(a, a)).toBeCloseTo(1, 10);
  });

  it('reads term counts from a stored tsvector like from the document it was made of', () => {
    expect(tsvectorCounts("'a3区':4 '小区':3,9 '路灯':1")).toEqual(
      new Map([
        ['a3区', 1],
        ['小区', 2],
        ['路灯', 1],
      ]),
    );
    expect(documentVector('小区 路灯 小区')).toEqual(
      new Map([
        ['小区', 2],
        ['路灯', 1],
      ]),
    );
  });

  it('scores place and explains why', () => {
    expect(haversineMeters(30, 120, 30, 120.01)).toBeCloseTo(963, -1);
    const p = placeSimilarity(
      { gridId: 1, villageId: 2, lat: 30, lng: 120 },
      { gridId: 1, villageId: 2, lat: 30, lng: 120.001 },
    );
    expect(p.sameGrid).toBe(true);
    expect(p.score).toBeGreaterThan(0.8);
    const r = combineSimilarity(0.8, p);
    expect(r.reasons).toEqual(['文本相似 80%', '同一网格', '相距 96 米']);
    expect(r.score).toBeGreaterThan(0.8);
  });
});

describe('group risk', () => {
  const at = (id: number, text: string, reporter: string | null, villageId: number, lng = 120): RiskCase => ({
    id,
    reporter,
    villageId,
    lat: 30,
    lng,
    vector: vec(text),
  });

  it('clusters one matter raised by several reporters, not one reporter repeating it', () => {
    const risks = findGroupRisks([
      at(1, '工地夜间施工噪音扰民，凌晨还在打桩', '13800000001', 1),
      at(2, '附近工地晚上施工打桩噪音太大，无法睡觉', '13800000002', 1, 120.002),
      at(3, '工地夜里打桩施工噪音扰民', null, 1, 120.001),
      at(4, '小区垃圾无人清运', '13800000004', 1),
      // the same matter far away is another matter
      at(5, '工地夜间施工噪音扰民，凌晨还在打桩', '13800000005', 9, 121),
      // one reporter three times is a repeat reporter, not a group
      at(6, '楼上漏水到我家', '13900000000', 2),
      at(7, '楼上漏水到我家天花板', '13900000000', 2),
      at(8, '楼上又漏水到我家', '13900000000', 2),
    ]);
    expect(risks).toHaveLength(1);
    expect(risks[0]?.caseIds.sort()).toEqual([1, 2, 3]);
    expect(risks[0]?.reporters).toBe(3);
  });
});
