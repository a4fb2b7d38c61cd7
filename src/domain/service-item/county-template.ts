// The county's template of the list of convenience services (便民服务事项清单): items residents most often ask
// for at a town's 便民服务中心 or a village's 代办点, with the department in charge, the materials to bring, the
// legal time limit in working days, where they can be handled and whether a 代办员 may take them in; and one
// chain (一链办理), 新生儿出生“一件事”. Limits follow the rules where they fix one (居住证 15 days, 残疾人证 20
// working days after assessment …), otherwise the county's promise; the county platform edits the list.
import type { ServiceLevel } from './types.js';

export interface ServiceTemplateItem {
  readonly category: string;
  readonly name: string;
  readonly department: string;
  readonly description: string;
  readonly materials: readonly string[];
  readonly legalLimitDays: number;
  readonly levels: readonly ServiceLevel[];
  readonly agent: boolean;
  /** a chain: the names of its steps, in order */
  readonly chain?: readonly string[];
}

const TOWN: ServiceLevel[] = ['town'];
const TOWN_VILLAGE: ServiceLevel[] = ['town', 'village'];

export const COUNTY_SERVICE_TEMPLATE: readonly ServiceTemplateItem[] = [
  {
    category: '医疗保障',
    name: '城乡居民基本医疗保险参保登记',
    department: '县医疗保障局',
    description: '未参加职工医保的城乡居民（含新生儿、学生）办理参保登记',
    materials: ['居民身份证或户口簿', '新生儿另附出生医学证明'],
    legalLimitDays: 3,
    levels: TOWN_VILLAGE,
    agent: true,
  },
  {
    category: '社会保障',
    name: '城乡居民基本养老保险参保登记',
    department: '县人力资源和社会保障局',
    description: '年满 16 周岁、未参加职工养老保险的城乡居民参保登记',
    materials: ['居民身份证', '户口簿'],
    legalLimitDays: 3,
    levels: TOWN_VILLAGE,
    agent: true,
  },
  {
    category: '社会保障',
    name: '社会保障卡申领',
    department: '县人力资源和社会保障局',
    description: '首次申领、补领、换领第三代社会保障卡',
    materials: ['居民身份证', '近期免冠照片'],
    legalLimitDays: 5,
    levels: TOWN,
    agent: true,
  },
  {
    category: '养老服务',
    name: '老年人优待证办理',
    department: '县民政局',
    description: '年满 60 周岁的本县户籍老年人及常住老年人',
    materials: ['居民身份证', '近期一寸免冠照片 1 张'],
    legalLimitDays: 5,
    levels: TOWN_VILLAGE,
    agent: true,
  },
  {
    category: '养老服务',
    name: '高龄津贴申领',
    department: '县民政局',
    description: '年满 80 周岁的本县户籍老年人按月领取高龄津贴',
    materials: ['居民身份证', '户口簿', '本人银行账户'],
    legalLimitDays: 10,
    levels: TOWN,
    agent: true,
  },
  {
    category: '残疾人服务',
    name: '残疾人证申领',
    department: '县残疾人联合会',
    description: '经指定医疗机构评残后核发《中华人民共和国残疾人证》',
    materials: ['居民身份证或户口簿', '近期二寸免冠照片 3 张', '残疾评定表'],
    legalLimitDays: 20,
    levels: TOWN,
    agent: true,
  },
  {
    category: '社会救助',
    name: '最低生活保障申请',
    department: '县民政局',
    description: '共同生活的家庭成员人均收入低于当地低保标准且财产符合规定的家庭',
    materials: ['低保申请书', '家庭成员居民身份证和户口簿', '家庭经济状况核对授权书', '收入情况说明'],
    legalLimitDays: 30,
    levels: TOWN,
    agent: true,
  },
  {
    category: '卫生健康',
    name: '生育登记',
    department: '县卫生健康局',
    description: '生育第一、二、三个子女的家庭办理生育登记（服务登记，不作为出生登记的前置）',
    materials: ['夫妻双方居民身份证'],
    legalLimitDays: 1,
    levels: TOWN_VILLAGE,
    agent: true,
  },
  {
    category: '户籍管理',
    name: '户口登记（出生登记）',
    department: '县公安局',
    description: '新生儿出生后一个月内申报出生登记（派出所窗口进驻镇街便民服务中心）',
    materials: ['出生医学证明', '父母双方居民身份证', '户口簿'],
    legalLimitDays: 5,
    levels: TOWN,
    agent: true,
  },
  {
    category: '户籍管理',
    name: '居住证办理',
    department: '县公安局',
    description: '离开常住户口所在地，在本县居住半年以上且有合法稳定就业、住所或连续就读的',
    materials: ['居民身份证', '居住登记满半年的证明', '合法稳定就业、住所或连续就读证明', '近期免冠照片'],
    legalLimitDays: 15,
    levels: TOWN,
    agent: false,
  },
  {
    category: '自然资源',
    name: '农村建房审批代办',
    department: '镇（街道）人民政府、县农业农村局',
    description: '农村宅基地和建房（规划许可）审批，由村代办员帮办申请材料、跟踪审批进度',
    materials: ['农村宅基地和建房（规划许可）申请表', '户口簿', '村民小组会议讨论意见', '建房设计图'],
    legalLimitDays: 20,
    levels: TOWN,
    agent: true,
  },
  {
    category: '就业创业',
    name: '就业创业证申领',
    department: '县人力资源和社会保障局',
    description: '劳动年龄内有劳动能力和就业要求的城乡劳动者办理就业失业登记',
    materials: ['居民身份证'],
    legalLimitDays: 1,
    levels: TOWN_VILLAGE,
    agent: true,
  },
  {
    category: '一件事',
    name: '新生儿出生“一件事”',
    department: '县公安局、县医疗保障局、县人力资源和社会保障局',
    description: '一次提交材料，出生登记、医保参保、社保卡申领一链办理',
    materials: ['出生医学证明', '父母双方居民身份证', '户口簿', '新生儿近期免冠照片'],
    legalLimitDays: 5,
    levels: TOWN,
    agent: true,
    chain: ['户口登记（出生登记）', '城乡居民基本医疗保险参保登记', '社会保障卡申领'],
  },
];
