// The category tree: the 12345-style hotline tree from datasets/categories.csv (family 'hotline') and a
// governance tree for grid work (矛盾纠纷, 社会治安, 基层党建, 安全隐患, 民生服务 …; family 'governance'),
// each category with the county department responsible for it where one fits.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema.js';
import { type CategoryRow, readCategoryRows } from './datasets.js';

/** The seven first-level hotline categories of the labelled messages, in this order (codes 01…07). */
export const HOTLINE_LEVEL1 = [
  '城乡建设',
  '环境保护',
  '交通运输',
  '教育文体',
  '劳动和社会保障',
  '商贸旅游',
  '卫生计生',
] as const;

/** Responsible department by category path ('一级' or '一级/二级' or '一级/二级/三级'); the most specific wins. */
export const RESPONSIBLE: Record<string, string> = {
  城乡建设: '住房和城乡建设局',
  '城乡建设/城市建设和市政管理': '综合行政执法局',
  '城乡建设/城市建设和市政管理/小区管理': '住房和城乡建设局',
  '城乡建设/城市建设和市政管理/燃气供应': '住房和城乡建设局',
  '城乡建设/城市建设和市政管理/自来水供应': '住房和城乡建设局',
  '城乡建设/城市建设和市政管理/公共汽车': '交通运输局',
  '城乡建设/城乡规划': '自然资源和规划局',
  '城乡建设/城乡规划/违章建筑': '综合行政执法局',
  '城乡建设/安全生产': '应急管理局',
  '城乡建设/集体土地上房屋拆迁与补偿': '自然资源和规划局',
  环境保护: '生态环境分局',
  交通运输: '交通运输局',
  教育文体: '教育局',
  '教育文体/文化': '文化和广电旅游体育局',
  '教育文体/体育': '文化和广电旅游体育局',
  '教育文体/文物管理': '文化和广电旅游体育局',
  劳动和社会保障: '人力资源和社会保障局',
  商贸旅游: '商务局',
  '商贸旅游/市场监管': '市场监督管理局',
  '商贸旅游/质监检验检疫': '市场监督管理局',
  '商贸旅游/旅游管理': '文化和广电旅游体育局',
  卫生计生: '卫生健康局',
  '卫生计生/食品药品监管': '市场监督管理局',
  党务政务: '信访局',
  '党务政务/宣传舆论': '融媒体中心',
  农村农业: '农业农村局',
  '农村农业/水利水电': '水利局',
  '农村农业/水库移民': '水利局',
  '农村农业/林业管理': '自然资源和规划局',
  国土资源: '自然资源和规划局',
  '国土资源/海洋气象地震': '应急管理局',
  政法: '司法局',
  '政法/交通管理': '公安局',
  '政法/社会治安': '公安局',
  '政法/刑案侦破': '公安局',
  '政法/户籍证件': '公安局',
  '政法/警务督察': '公安局',
  '政法/诉讼': '法院',
  '政法/刑罚执行': '检察院',
  民政: '民政局',
  '民政/优抚': '退役军人事务局',
  '民政/复退安置': '退役军人事务局',
  科技与信息产业: '发展和改革局',
  纪检监察: '信访局',
  经济管理: '发展和改革局',
  '经济管理/金融财税': '财政局',
  '经济管理/安全生产': '应急管理局',
  // governance family
  矛盾纠纷: '司法局',
  '矛盾纠纷/土地承包纠纷': '农业农村局',
  '矛盾纠纷/劳资纠纷': '人力资源和社会保障局',
  '矛盾纠纷/物业纠纷': '住房和城乡建设局',
  '矛盾纠纷/山林权属纠纷': '自然资源和规划局',
  '矛盾纠纷/征地拆迁纠纷': '自然资源和规划局',
  '矛盾纠纷/医疗纠纷': '卫生健康局',
  '矛盾纠纷/消费纠纷': '市场监督管理局',
  '矛盾纠纷/交通事故纠纷': '公安局',
  社会治安: '公安局',
  基层党建: '', // the county platform itself (县社会治理服务中心)
  安全隐患: '应急管理局',
  '安全隐患/燃气安全': '住房和城乡建设局',
  '安全隐患/自建房安全': '住房和城乡建设局',
  '安全隐患/地质灾害': '自然资源和规划局',
  '安全隐患/防汛防台': '水利局',
  '安全隐患/道路交通安全': '公安局',
  '安全隐患/食品安全': '市场监督管理局',
  '安全隐患/特种设备': '市场监督管理局',
  民生服务: '民政局',
  '民生服务/就业帮扶': '人力资源和社会保障局',
  '民生服务/医疗救助': '医疗保障局',
  '民生服务/残疾人服务': '民政局',
  市容环境: '综合行政执法局',
  '市容环境/河道保洁': '水利局',
  '市容环境/污水乱排': '生态环境分局',
  信访维稳: '信访局',
};

/** The governance tree: level-1 → level-2 names. */
export const GOVERNANCE_TREE: Record<string, readonly string[]> = {
  矛盾纠纷: [
    '邻里纠纷',
    '婚姻家庭纠纷',
    '土地承包纠纷',
    '劳资纠纷',
    '物业纠纷',
    '山林权属纠纷',
    '征地拆迁纠纷',
    '医疗纠纷',
    '消费纠纷',
    '交通事故纠纷',
    '其他纠纷',
  ],
  社会治安: ['治安隐患', '电信诈骗', '涉毒线索', '黄赌线索', '流动人口管理', '重点人员关爱帮扶', '其他'],
  基层党建: ['党员管理', '党组织建设', '党员先锋服务', '其他'],
  安全隐患: [
    '消防安全',
    '燃气安全',
    '自建房安全',
    '危险化学品',
    '地质灾害',
    '防汛防台',
    '道路交通安全',
    '食品安全',
    '特种设备',
  ],
  民生服务: ['养老服务', '困难救助', '残疾人服务', '未成年人保护', '就业帮扶', '医疗救助', '便民服务'],
  市容环境: ['垃圾清运', '占道经营', '乱搭乱建', '河道保洁', '污水乱排'],
  信访维稳: ['信访诉求', '群体性苗头', '重复信访'],
};

export interface CategoryNode {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  family: 'hotline' | 'governance';
  /** '城乡建设/城乡规划/违章建筑' */
  path: string;
  parentPath: string | null;
  sort: number;
}

/** The full category tree, parents before children, with dotted codes ('01', '01.03', '01.03.02'; governance 'G01' …). */
export function categoryTree(rows: readonly CategoryRow[] = readCategoryRows()): CategoryNode[] {
  const level1: string[] = [...HOTLINE_LEVEL1];
  for (const r of rows) if (r.level1 && !level1.includes(r.level1)) level1.push(r.level1);
  const nodes: CategoryNode[] = [];
  const two = (n: number) => String(n).padStart(2, '0');
  level1.forEach((l1, i) => {
    const c1 = two(i + 1);
    nodes.push({ code: c1, name: l1, level: 1, family: 'hotline', path: l1, parentPath: null, sort: i + 1 });
    const level2: string[] = [];
    for (const r of rows) if (r.level1 === l1 && r.level2 && !level2.includes(r.level2)) level2.push(r.level2);
    level2.forEach((l2, j) => {
      const c2 = `${c1}.${two(j + 1)}`;
      const p2 = `${l1}/${l2}`;
      nodes.push({ code: c2, name: l2, level: 2, family: 'hotline', path: p2, parentPath: l1, sort: j + 1 });
      const level3: string[] = [];
      for (const r of rows)
        if (r.level1 === l1 && r.level2 === l2 && r.level3 && !level3.includes(r.level3)) level3.push(r.level3);
      level3.forEach((l3, k) => {
        nodes.push({
          code: `${c2}.${two(k + 1)}`,
          name: l3,
          level: 3,
          family: 'hotline',
          path: `${p2}/${l3}`,
          parentPath: p2,
          sort: k + 1,
        });
      });
    });
  });
  Object.entries(GOVERNANCE_TREE).forEach(([l1, children], i) => {
    const c1 = `G${two(i + 1)}`;
    nodes.push({ code: c1, name: l1, level: 1, family: 'governance', path: l1, parentPath: null, sort: 100 + i + 1 });
    children.forEach((l2, j) => {
      nodes.push({
        code: `${c1}.${two(j + 1)}`,
        name: l2,
        level: 2,
        family: 'governance',
        path: `${l1}/${l2}`,
        parentPath: l1,
        sort: j + 1,
      });
    });
  });
  return nodes;
}

/** The responsible department's name for a category path ('' = the county platform; undefined = none). */
export function responsibleFor(path: string): string | undefined {
  const parts = path.split('/');
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('/');
    if (key in RESPONSIBLE) return RESPONSIBLE[key];
  }
  return undefined;
}

export interface SeedCategoriesOptions {
  /** Department ids by full name; without it (production) categories get no responsible unit. */
  departmentsByName?: ReadonlyMap<string, number>;
  /** The county platform's id, responsible for 基层党建. */
  countyOrgId?: number;
  rows?: readonly CategoryRow[];
}

export interface SeededCategory {
  id: number;
  code: string;
  name: string;
  level: number;
  family: 'hotline' | 'governance';
  path: string;
  responsibleOrgId: number | null;
}

/**
 * Inserts the category tree when the table is empty. When categories already exist it inserts nothing and
 * only fills in missing responsible units. Returns every category with its path either way.
 */
export async function seedCategories(
  db: Kysely<DB>,
  options: SeedCategoriesOptions = {},
): Promise<{ inserted: number; categories: SeededCategory[] }> {
  const nodes = categoryTree(options.rows);
  const resolve = (path: string): number | null => {
    const name = responsibleFor(path);
    if (name === undefined) return null;
    if (name === '') return options.countyOrgId ?? null;
    return options.departmentsByName?.get(name) ?? null;
  };
  const existing = await db
    .selectFrom('categories')
    .select(['id', 'code', 'name', 'parent_id', 'level', 'family', 'responsible_org_id'])
    .execute();
  if (existing.length > 0) {
    const byId = new Map(existing.map((c) => [c.id, c]));
    const pathOf = (id: number): string => {
      const c = byId.get(id);
      if (!c) return '';
      return c.parent_id === null ? c.name : `${pathOf(c.parent_id)}/${c.name}`;
    };
    const categories: SeededCategory[] = existing.map((c) => {
      const path = pathOf(c.id);
      return {
        id: c.id,
        code: c.code,
        name: c.name,
        level: c.level,
        family: c.family,
        path,
        responsibleOrgId: c.responsible_org_id ?? resolve(path),
      };
    });
    const fill = categories.filter((c) => c.responsibleOrgId !== null && byId.get(c.id)?.responsible_org_id === null);
    for (let i = 0; i < fill.length; i += 200) {
      const values = sql.join(fill.slice(i, i + 200).map((c) => sql`(${c.id}::int, ${c.responsibleOrgId}::int)`));
      await sql`UPDATE categories SET responsible_org_id = v.org FROM (VALUES ${values}) AS v(id, org) WHERE categories.id = v.id`.execute(
        db,
      );
    }
    return { inserted: 0, categories };
  }
  const max = await db
    .selectFrom('categories')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  let nextId = Number(max?.max ?? 0) + 1;
  const idByPath = new Map<string, number>();
  const categories: SeededCategory[] = [];
  for (const node of nodes) {
    const id = nextId++;
    idByPath.set(node.path, id);
    categories.push({
      id,
      code: node.code,
      name: node.name,
      level: node.level,
      family: node.family,
      path: node.path,
      responsibleOrgId: resolve(node.path),
    });
  }
  const rows = categories.map((c, i) => {
    const node = nodes[i] as CategoryNode;
    return {
      id: c.id,
      code: c.code,
      name: c.name,
      parent_id: node.parentPath ? (idByPath.get(node.parentPath) ?? null) : null,
      level: c.level,
      family: c.family,
      responsible_org_id: c.responsibleOrgId,
      sort: node.sort,
    };
  });
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('categories')
      .values(rows.slice(i, i + 200))
      .execute();
  await sql`SELECT setval(pg_get_serial_sequence('categories', 'id'), (SELECT max(id) FROM categories))`.execute(db);
  return { inserted: rows.length, categories };
}
