// Names for the fictional 青溪县: towns and streets, villages and communities, county departments, town
// offices, third-party organisations, and people.
import type { Participant } from '../schema.js';
import { pick, type Rng } from './random.js';

export const STREET_NAMES = ['青溪街道', '城东街道', '城南街道'] as const;
export const TOWN_NAMES = ['白沙镇', '石门镇', '枫林镇', '双溪镇', '梅岭镇', '大源镇', '龙潭镇'] as const;

export const COMMUNITY_NAMES = [
  '文昌', '新华', '解放', '江滨', '溪畔', '城北', '育才', '和平', '人民', '中山', '东湖', '锦绣', '望江', '振兴', '清风',
  '桂花', '翠苑', '朝阳', '华丰', '明珠', '紫金', '滨河', '秀水', '金桥', '永安', '青年', '学士', '春晖', '临溪', '西园',
  '鼓楼', '仁和', '兴隆', '阳光', '晨光', '聚贤', '南门', '东门', '北门', '丰乐',
];

const VILLAGE_FIRST = [
  '东', '西', '南', '北', '上', '下', '前', '后', '大', '小', '新', '石', '梅', '竹', '杨', '柳', '桃', '枫', '金', '银',
  '青', '白', '黄', '龙', '凤', '马', '牛', '高', '里', '外', '横', '长', '双', '三', '五', '塘', '溪', '桥', '岩', '松',
];
const VILLAGE_SECOND = ['岙', '坞', '垟', '畈', '塘', '溪', '岭', '坑', '桥', '湾', '口', '头', '山', '埠', '坂', '源', '田', '庄', '坪', '洋'];

/** Unique, deterministic village names ('东岙村' without the suffix). */
export function villageNames(count: number, rng: Rng, taken: Set<string>): string[] {
  const names: string[] = [];
  let guard = 0;
  while (names.length < count) {
    const name = pick(rng, VILLAGE_FIRST) + pick(rng, VILLAGE_SECOND);
    if (!taken.has(name) && !name.endsWith(name[0] ?? '')) {
      taken.add(name);
      names.push(name);
    }
    if (++guard > 100_000) throw new Error('ran out of village names');
  }
  return names;
}

export interface DepartmentSpec {
  name: string;
  short: string;
  participant: Participant;
}

/** The 25 county departments (codes 330788D01…D25 in this order). */
export const DEPARTMENTS: readonly DepartmentSpec[] = [
  { name: '住房和城乡建设局', short: '住建局', participant: 'government' },
  { name: '综合行政执法局', short: '综合执法局', participant: 'government' },
  { name: '生态环境分局', short: '生态环境分局', participant: 'government' },
  { name: '公安局', short: '公安局', participant: 'legal' },
  { name: '法院', short: '法院', participant: 'legal' },
  { name: '检察院', short: '检察院', participant: 'legal' },
  { name: '司法局', short: '司法局', participant: 'legal' },
  { name: '信访局', short: '信访局', participant: 'government' },
  { name: '民政局', short: '民政局', participant: 'government' },
  { name: '人力资源和社会保障局', short: '人社局', participant: 'government' },
  { name: '教育局', short: '教育局', participant: 'schools' },
  { name: '卫生健康局', short: '卫健局', participant: 'government' },
  { name: '市场监督管理局', short: '市场监管局', participant: 'government' },
  { name: '交通运输局', short: '交通运输局', participant: 'government' },
  { name: '自然资源和规划局', short: '自然资源局', participant: 'government' },
  { name: '农业农村局', short: '农业农村局', participant: 'government' },
  { name: '水利局', short: '水利局', participant: 'government' },
  { name: '应急管理局', short: '应急管理局', participant: 'government' },
  { name: '商务局', short: '商务局', participant: 'government' },
  { name: '文化和广电旅游体育局', short: '文广旅体局', participant: 'government' },
  { name: '医疗保障局', short: '医保局', participant: 'government' },
  { name: '退役军人事务局', short: '退役军人事务局', participant: 'government' },
  { name: '发展和改革局', short: '发改局', participant: 'government' },
  { name: '财政局', short: '财政局', participant: 'government' },
  { name: '融媒体中心', short: '融媒体中心', participant: 'media' },
];

export type DepartmentName = (typeof DEPARTMENTS)[number]['name'];

/** Offices in every town (codes <town code>O1…O4). */
export const TOWN_OFFICES: readonly { name: string; participant: Participant }[] = [
  { name: '综合行政执法队', participant: 'government' },
  { name: '社会治理中心', participant: 'government' },
  { name: '司法所', participant: 'legal' },
  { name: '派出所', participant: 'legal' },
];

/** County-level third-party organisations (codes 330788S01…). */
export const THIRD_PARTIES: readonly { name: string; subkind: string; participant: Participant }[] = [
  { name: '县人民调解委员会', subkind: '调解委员会', participant: 'legal' },
  { name: '县志愿者协会', subkind: '志愿者组织', participant: 'social' },
  { name: '县心理咨询服务中心', subkind: '心理服务机构', participant: 'research' },
  { name: '县法律顾问团', subkind: '法律服务', participant: 'legal' },
  { name: '县职业技术学校', subkind: '学校', participant: 'schools' },
  { name: '社会组织孵化中心', subkind: '社会组织', participant: 'social' },
];

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '潘', '袁', '蒋', '蔡', '余',
  '杜', '叶', '程', '魏', '苏', '吕', '丁', '沈', '钱', '方', '俞', '应', '楼', '金', '汪', '毛', '童', '傅', '施', '邵',
];
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平',
  '刚', '桂', '英', '华', '建', '国', '志', '红', '文', '斌', '海', '燕', '玲', '晨', '宇', '浩', '欣', '婷', '俊', '鹏',
  '雪', '琳', '佳', '慧', '春', '林', '峰', '辉', '亮', '梅', '晓', '瑞', '振', '兴', '德', '荣', '云', '飞', '丹', '萍',
];

export function personName(rng: Rng): string {
  const given = rng() < 0.55 ? pick(rng, GIVEN) + pick(rng, GIVEN) : pick(rng, GIVEN);
  return pick(rng, SURNAMES) + given;
}
