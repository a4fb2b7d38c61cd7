// The 3-level category tree (level1 / level2 / level3, as used by 12345 hotlines) and a keyword index over it:
// node names, the words of those names, curated synonyms and the names of the departments that handle each
// kind of matter are matched in a message to give tree evidence for first-level categories and a ranking of
// second-level categories. Each term is weighted by how rare it is in general Chinese text (jieba's IDF table),
// so that everyday words of node names (时间, 社会, 使用 …) count little and specific ones (特种设备, 电磁) much.

import { parseCsv } from './csv.js';
import { normalizeText } from './features.js';
import type { Segmenter } from './segmenter.js';

export interface CategoryRow {
  level1: string;
  level2: string;
  level3: string;
}

export interface Level2Node {
  name: string;
  parent: string;
  children: string[];
}

export interface CategoryTree {
  level1: string[];
  level2: Level2Node[];
}

const OTHER = '其他';

/** Builds the tree from rows (duplicates and blank cells ignored, order kept). */
export function buildCategoryTree(rows: readonly CategoryRow[]): CategoryTree {
  const level1: string[] = [];
  const l2 = new Map<string, Level2Node>();
  for (const r of rows) {
    const a = r.level1.trim();
    const b = r.level2.trim();
    const c = r.level3.trim();
    if (!a) continue;
    if (!level1.includes(a)) level1.push(a);
    if (!b) continue;
    const key = `${a}/${b}`;
    let node = l2.get(key);
    if (!node) {
      node = { name: b, parent: a, children: [] };
      l2.set(key, node);
    }
    if (c && !node.children.includes(c)) node.children.push(c);
  }
  return { level1, level2: [...l2.values()] };
}

/** Parses categories.csv text (header level1,level2,level3). */
export function parseCategoryTree(csvText: string): CategoryTree {
  const rows = parseCsv(csvText);
  const body = rows[0]?.[0]?.trim() === 'level1' ? rows.slice(1) : rows;
  return buildCategoryTree(body.map((r) => ({ level1: r[0] ?? '', level2: r[1] ?? '', level3: r[2] ?? '' })));
}

/**
 * Curated cue words per second-level node ("level1/level2"), written from the meaning of the categories
 * (not fitted to any data set): everyday words citizens use for things the official names describe. The
 * departments and public bodies that handle each kind of matter (DEPARTMENTS) join them in DEFAULT_SYNONYMS.
 */
export const CITIZEN_WORDS: Readonly<Record<string, readonly string[]>> = {
  '城乡建设/住房保障与房地产': [
    '物业',
    '业主',
    '业委会',
    '开发商',
    '楼盘',
    '房产证',
    '不动产',
    '公租房',
    '廉租房',
    '经适房',
    '购房',
    '商品房',
    '交房',
    '房价',
  ],
  '城乡建设/国有土地上房屋征收与补偿': ['征收', '拆迁', '棚改', '安置房', '补偿款'],
  '城乡建设/集体土地上房屋拆迁与补偿': ['征地拆迁', '拆迁补偿', '安置'],
  '城乡建设/城乡规划': ['规划', '违建', '违章', '加建', '容积率', '采光'],
  '城乡建设/城市建设和市政管理': [
    '小区',
    '路灯',
    '下水道',
    '排水',
    '积水',
    '停水',
    '停电',
    '供水',
    '供电',
    '燃气',
    '天然气',
    '自来水',
    '绿化',
    '垃圾',
    '环卫',
    '城管',
    '占道',
    '公交',
    '市政',
    '井盖',
    '电梯',
    '供暖',
    '广场',
    '公厕',
  ],
  '城乡建设/安全生产': ['安全隐患', '事故'],
  '城乡建设/工程质量': ['施工', '工地', '质量问题', '开裂', '渗水', '漏水'],
  '城乡建设/建筑市场': ['工程款', '招标', '投标', '资质', '建筑公司', '施工方'],
  '城乡建设/村镇建设': ['新农村', '美丽乡村', '村道'],
  '环境保护/环境污染': [
    '污染',
    '噪音',
    '噪声',
    '扰民',
    '油烟',
    '臭味',
    '异味',
    '粉尘',
    '扬尘',
    '排污',
    '污水',
    '废水',
    '废气',
    '烟尘',
    '黑烟',
    '排放',
    '垃圾焚烧',
    '恶臭',
    '化工厂',
  ],
  '环境保护/环保管理': ['环保', '环保局', '环境保护', '生态环境', '环境监测'],
  '环境保护/建设项目审批': ['环评', '环境影响评价'],
  '交通运输/客货运输': ['客运', '货运', '班车', '大巴', '车站', '客车'],
  '交通运输/出租车管理': ['出租车', '的士', '网约车', '滴滴', '拒载'],
  '交通运输/建设管理': ['公路', '高速', '收费站', '道路', '修路', '路面', '桥梁', '国道', '省道', '县道', '通车'],
  '交通运输/邮政管理': ['邮政', '快递', '邮件', '包裹', '邮局'],
  '交通运输/交通运输': ['交通', '运输', '驾校', '驾驶', '车辆', '交通局', '运管'],
  '教育文体/教育行政管理': [
    '学校',
    '学生',
    '老师',
    '教师',
    '校长',
    '幼儿园',
    '小学',
    '中学',
    '初中',
    '高中',
    '大学',
    '学院',
    '教育局',
    '补课',
    '培训班',
    '学籍',
    '学位',
    '班主任',
    '家长',
    '课程',
  ],
  '教育文体/考试招生': ['招生', '入学', '升学', '高考', '中考', '考试', '录取', '学区'],
  '教育文体/教育收费': ['学费', '择校费', '收费'],
  '教育文体/教师队伍和待遇': ['教师工资', '代课教师', '特岗', '教龄', '职称'],
  '教育文体/文化': ['文化', '图书馆', '博物馆', '演出', '网吧', '广场舞'],
  '教育文体/体育': ['体育', '运动', '健身', '球场', '比赛', '体育馆'],
  '教育文体/文物管理': ['文物', '古建筑', '遗址'],
  '劳动和社会保障/劳动关系': ['劳动合同', '劳动法', '用人单位', '辞退', '开除', '劳务派遣', '员工', '职工', '加班'],
  '劳动和社会保障/工资福利': ['工资', '拖欠工资', '欠薪', '薪酬', '绩效', '公积金', '福利'],
  '劳动和社会保障/城镇职工社会保险': ['社保', '社会保险', '养老保险', '医疗保险', '工伤', '失业金', '五险一金'],
  '劳动和社会保障/城镇居民社会保险': ['医保', '新农合', '城乡居民医保', '参保'],
  '劳动和社会保障/退休政策及待遇': ['退休', '养老金', '退休金', '退休工资'],
  '劳动和社会保障/就业培训': ['就业', '招聘', '人社局', '人才', '职业资格', '技能'],
  '劳动和社会保障/社保基金管理': ['社保基金', '医保基金'],
  '卫生计生/医政监管': [
    '医院',
    '医生',
    '卫生院',
    '诊所',
    '护士',
    '医疗',
    '卫生室',
    '卫健委',
    '卫生局',
    '看病',
    '无证行医',
  ],
  '卫生计生/医患纠纷': ['医疗事故', '误诊', '病人', '患者', '手术'],
  '卫生计生/公共卫生': ['疫苗', '传染病', '防疫', '疾控', '消毒'],
  '卫生计生/人口计生': ['计生', '计划生育', '二胎', '准生证', '独生子女', '超生', '社会抚养费', '失独'],
  '卫生计生/食品药品监管': ['食品', '药品', '药店', '保健品', '过期', '食药监'],
  '商贸旅游/市场监管': [
    '工商',
    '市场监管局',
    '消费者',
    '商家',
    '假货',
    '欺诈',
    '虚假宣传',
    '价格',
    '乱收费',
    '传销',
    '商标',
    '营业执照',
    '无照经营',
    '发票',
  ],
  '商贸旅游/旅游管理': ['旅游', '景区', '景点', '游客', '门票', '旅行社', '导游'],
  '商贸旅游/商业贸易': ['商业', '商场', '超市', '电商', '外贸', '出口', '招商'],
  '商贸旅游/质监检验检疫': ['特种设备', '质监', '检疫', '计量'],
};

/**
 * Government departments and public bodies per second-level node, by the matters they handle in the usual
 * division of a Chinese city's or county's work (as a 12345 hotline routes them). Citizens often name the
 * department they want to act ("市场监督管理局不作为", "人社局"), and a department's name says a lot about the
 * category. Written from that division of work, not from any data set.
 */
export const DEPARTMENTS: Readonly<Record<string, readonly string[]>> = {
  '城乡建设/住房保障与房地产': [
    '住建局',
    '住建委',
    '住房和城乡建设局',
    '住房城乡建设局',
    '房产局',
    '房管局',
    '房地产管理局',
    '房屋交易管理中心',
    '不动产登记中心',
    '住房公积金管理中心',
    '公积金中心',
  ],
  '城乡建设/城乡规划': ['规划局', '自然资源和规划局', '城乡规划局', '规划委员会'],
  '城乡建设/城市建设和市政管理': [
    '城管局',
    '城市管理局',
    '城管执法局',
    '城市管理综合执法局',
    '城管执法大队',
    '市政局',
    '市政管理处',
    '园林局',
    '水务局',
    '供电局',
    '供电公司',
    '电力公司',
    '国家电网',
  ],
  '城乡建设/建筑市场': ['建设局', '建管处'],
  '城乡建设/工程质量': ['质监站', '工程质量监督站'],
  '环境保护/环保管理': [
    '生态环境局',
    '生态环境厅',
    '环境保护局',
    '环保厅',
    '环境监察支队',
    '环境监察大队',
    '环境监测站',
    '环保督察',
    '环保部门',
  ],
  '交通运输/交通运输': ['交通运输局', '交通局', '交通厅', '交通运输厅', '交通运输部', '交通执法'],
  '交通运输/客货运输': [
    '运管处',
    '运管局',
    '运管所',
    '道路运输管理',
    '客运站',
    '汽车站',
    '客运公司',
    '物流公司',
    '港航',
    '海事局',
    '航道',
  ],
  '交通运输/建设管理': ['公路局', '公路管理局', '公路段'],
  '交通运输/邮政管理': ['邮政管理局', '快递公司', '顺丰', 'EMS'],
  '交通运输/出租车管理': ['出租车公司', '出租汽车'],
  '教育文体/教育行政管理': ['教育厅', '教委', '教育体育局', '教体局', '教育部门'],
  '教育文体/考试招生': ['招生办', '考试院'],
  '教育文体/文化': ['文化局', '文化馆', '文化广电'],
  '教育文体/体育': ['体育局'],
  '教育文体/文物管理': ['文物局'],
  '劳动和社会保障/劳动关系': ['劳动监察大队', '劳动保障监察', '劳动监察', '劳动仲裁'],
  '劳动和社会保障/就业培训': [
    '人力资源和社会保障局',
    '人力资源社会保障局',
    '人社厅',
    '人社部门',
    '就业服务中心',
    '人才市场',
    '人才中心',
  ],
  '劳动和社会保障/城镇职工社会保险': ['社保局', '社保中心', '社会保险事业局', '社会保险管理', '社保部门'],
  '劳动和社会保障/城镇居民社会保险': ['医保局', '医疗保障局', '医保中心'],
  '商贸旅游/市场监管': [
    '市场监督管理局',
    '市场监管局',
    '市场监管部门',
    '工商局',
    '工商行政管理局',
    '工商所',
    '市场监管所',
    '物价局',
    '价格监督',
    '消费者协会',
    '消协',
    '12315',
  ],
  '商贸旅游/质监检验检疫': ['质监局', '质量技术监督局', '检验检疫局'],
  '商贸旅游/商业贸易': ['商务局', '商务厅', '烟草专卖局', '盐务局'],
  '商贸旅游/旅游管理': ['旅游局', '旅游发展委员会', '旅游委'],
  '卫生计生/医政监管': [
    '卫健局',
    '卫生健康委员会',
    '卫生健康局',
    '卫计委',
    '卫生和计划生育委员会',
    '卫生监督所',
    '卫生监督局',
    '妇幼保健院',
  ],
  '卫生计生/人口计生': ['计生委', '计生办', '计生局', '计划生育委员会'],
  '卫生计生/公共卫生': ['疾控中心', '疾病预防控制中心'],
  '卫生计生/食品药品监管': ['食药监局', '食品药品监督管理局', '药监局'],
};

function mergeCues(...lists: Readonly<Record<string, readonly string[]>>[]): Record<string, readonly string[]> {
  const out: Record<string, string[]> = {};
  for (const list of lists) {
    for (const [key, words] of Object.entries(list)) {
      const have = out[key] ?? [];
      for (const w of words) if (!have.includes(w)) have.push(w);
      out[key] = have;
    }
  }
  return out;
}

/** The default cue words: the citizens' words and the departments, per second-level node. */
export const DEFAULT_SYNONYMS: Readonly<Record<string, readonly string[]>> = mergeCues(CITIZEN_WORDS, DEPARTMENTS);

/** Generic words of node names that say nothing about a category when found alone. */
const GENERIC = new Set(
  '其他 管理 建设 服务 政策 问题 工作 发展 人员 标准 体制 改革 规划设计 处理 事务 保护 安全 监管 质量 市场 资源 待遇 权益 机构 行业 事业 设施 城市 公共 居民 城镇 职工'.split(
    ' ',
  ),
);

export interface TreeTerm {
  term: string;
  /**
   * Base weight × specificity (1 / number of first-level categories whose nodes use the term) × rarity (from the
   * term's general-corpus IDF, when idfWeighting is on). A term of weight 0 still masks the words inside it.
   */
  weight: number;
  /** Second-level node keys ("level1/level2") the term points to. */
  nodes: string[];
}

export interface TreeIndex {
  tree: CategoryTree;
  terms: TreeTerm[];
  /** Second-level node key → node. */
  nodes: Map<string, Level2Node>;
}

export interface TreeIndexOptions {
  /** Weight of a full node name (level-2 or level-3) found in the text. */
  nameWeight: number;
  /** Weight of a word of a node name (segmented, ≥ 2 characters, not generic). */
  wordWeight: number;
  /** Weight of a curated synonym. */
  synonymWeight: number;
  synonyms: Readonly<Record<string, readonly string[]>>;
  /**
   * Multiply each term's weight by its rarity in general text, rarityOf(IDF) (IDF from the segmenter; a term
   * it does not list counts as rare). Needs a segmenter with idf(); without one the weights are unchanged.
   */
  idfWeighting: boolean;
}

export const DEFAULT_TREE_INDEX_OPTIONS: TreeIndexOptions = {
  nameWeight: 1,
  wordWeight: 0.5,
  synonymWeight: 0.8,
  synonyms: DEFAULT_SYNONYMS,
  idfWeighting: true,
};

/** IDF of a term the general-corpus table does not list (multi-word names, rare words): about its median. */
const UNLISTED_IDF = 12;

/**
 * Rarity factor of a term from its general-corpus IDF (jieba's table: 的 0.9, 问题 4.0, 社会 4.5, 物业 6.7, 电梯
 * 8.9, 特种设备 11.5): 0 up to IDF 4 (words of every text), rising linearly to 1 at IDF 9, at most 1.5.
 */
export function rarityOf(idf: number): number {
  return Math.min(1.5, Math.max(0, (idf - 4) / 5));
}

const nodeKey = (level1: string, level2: string) => `${level1}/${level2}`;

/** Builds the keyword index of a tree. Name parts split at 和/与/及/、 count as names too. */
export function buildTreeIndex(
  tree: CategoryTree,
  segmenter: Segmenter,
  options: Partial<TreeIndexOptions> = {},
): TreeIndex {
  const o = { ...DEFAULT_TREE_INDEX_OPTIONS, ...options };
  const nodes = new Map<string, Level2Node>();
  // term → (node key → base weight); the strongest base weight per node wins
  const raw = new Map<string, Map<string, number>>();
  const add = (term: string, key: string, w: number) => {
    const t = normalizeText(term).trim();
    if (t.length < 2 || GENERIC.has(t)) return;
    let m = raw.get(t);
    if (!m) {
      m = new Map();
      raw.set(t, m);
    }
    m.set(key, Math.max(m.get(key) ?? 0, w));
  };
  const addName = (name: string, key: string) => {
    if (name === OTHER) return;
    add(name, key, o.nameWeight);
    for (const part of name.split(/[和与及、“”]/)) add(part, key, o.nameWeight);
    for (const word of segmenter.cut(name)) add(word, key, o.wordWeight);
  };
  for (const n of tree.level2) {
    const key = nodeKey(n.parent, n.name);
    nodes.set(key, n);
    addName(n.name, key);
    for (const c of n.children) addName(c, key);
  }
  for (const [key, words] of Object.entries(o.synonyms)) {
    if (!nodes.has(key)) continue;
    for (const w of words) add(w, key, o.synonymWeight);
  }
  const idf = o.idfWeighting && segmenter.idf ? segmenter.idf([...raw.keys()]) : undefined;
  const terms: TreeTerm[] = [];
  for (const [term, m] of raw) {
    const parents = new Set([...m.keys()].map((k) => k.slice(0, k.indexOf('/'))));
    const base = Math.max(...m.values());
    const rarity = idf ? rarityOf(idf.get(term) ?? UNLISTED_IDF) : 1;
    terms.push({ term, weight: (base * rarity) / parents.size, nodes: [...m.keys()] });
  }
  // longest first, so that a longer name can mask the shorter words it contains
  terms.sort((a, b) => b.term.length - a.term.length || a.term.localeCompare(b.term));
  return { tree, terms, nodes };
}

export interface TreeEvidence {
  /** Second-level node key → evidence. */
  level2: Map<string, number>;
  /** First-level name → evidence (sum over its second-level nodes). */
  level1: Map<string, number>;
  /** Terms found (those that carry weight), for explanations. */
  matched: string[];
}

/**
 * Finds tree terms in a message. Each term counts once, 1 + titleBonus times if it is in the title; a term inside
 * a longer matched term is not counted again. Evidence of a term is split over the nodes it points to.
 */
export function matchTree(index: TreeIndex, doc: { title?: string; body?: string }, titleBonus = 1): TreeEvidence {
  const title = normalizeText(doc.title ?? '');
  const body = normalizeText(doc.body ?? '');
  const level2 = new Map<string, number>();
  const level1 = new Map<string, number>();
  const matched: string[] = [];
  const found: string[] = [];
  for (const t of index.terms) {
    const inTitle = title.includes(t.term);
    const inBody = body.includes(t.term);
    if (!inTitle && !inBody) continue;
    if (found.some((m) => m.includes(t.term))) continue;
    found.push(t.term);
    if (t.weight <= 0) continue;
    matched.push(t.term);
    const w = (t.weight * (1 + (inTitle ? titleBonus : 0))) / t.nodes.length;
    for (const key of t.nodes) {
      level2.set(key, (level2.get(key) ?? 0) + w);
      const l1 = key.slice(0, key.indexOf('/'));
      level1.set(l1, (level1.get(l1) ?? 0) + w);
    }
  }
  return { level2, level1, matched };
}
