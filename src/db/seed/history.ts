// A year of demo cases built from the real citizen messages in /datasets: each message reused two or three
// times in different grids and on different days, plus grid-patrol cases for the governance categories.
import type { Insertable } from 'kysely';
import type { FieldCrypto } from '../../core/field-crypto.js';
import { sealReporter } from '../../modules/cases/reporter-fields.js';
import type { CasesTable } from '../schema.js';
import { calendarDays } from './calendar.js';
import type { SeededCategory } from './categories.js';
import type { Message } from './datasets.js';
import { type Point, type Ring, randomPointIn } from './geo.js';
import { personName } from './names.js';
import { pick, type Rng, randInt, shuffle, weighted } from './random.js';

export interface HistoryGrid {
  id: number;
  name: string;
  ring: Ring;
  villageId: number;
  villageName: string;
  townId: number;
  townName: string;
  population: number;
  worker: { id: number; name: string; phone: string };
}

export interface HistoryCitizen {
  id: number;
  name: string;
  phone: string;
}

export interface HistoryInput {
  now: Date;
  rng: Rng;
  messages: readonly Message[];
  grids: readonly HistoryGrid[];
  categories: readonly SeededCategory[];
  citizens: readonly HistoryCitizen[];
  countyName: string;
  /** Display names of the owning organisations (departments: '县住房和城乡建设局'). */
  orgNames: ReadonlyMap<number, string>;
  /** Number prefix, 'QX'. */
  prefix: string;
  countyCode: string;
  firstId: number;
  /** Reporters' names and phones are written encrypted, as the intake writes them (issue 18). */
  crypto: FieldCrypto;
}

const DAY = 24 * 3600 * 1000;
const TZ_OFFSET = 8 * 3600 * 1000; // Asia/Shanghai, no daylight saving

/** Keywords → first-level hotline category, for messages without a label. */
const LEVEL1_KEYWORDS: Record<string, readonly string[]> = {
  城乡建设: [
    '物业',
    '小区',
    '拆迁',
    '违建',
    '违章',
    '施工',
    '燃气',
    '停水',
    '停电',
    '路灯',
    '房',
    '业主',
    '开发商',
    '安置',
    '征收',
    '棚改',
  ],
  环境保护: ['污染', '噪音', '噪声', '排放', '垃圾', '臭', '废水', '粉尘', '环保', '油烟', '扰民', '化工'],
  交通运输: ['公交', '交通', '道路', '出租', '车辆', '停车', '高速', '地铁', '红绿灯', '驾校', '客运'],
  教育文体: ['学校', '学生', '教育', '老师', '教师', '幼儿园', '招生', '学位', '实习', '体育', '培训'],
  劳动和社会保障: ['工资', '社保', '养老', '医保', '劳动', '拖欠', '公积金', '退休', '就业', '人才', '补贴'],
  商贸旅游: ['商家', '消费', '退款', '旅游', '景区', '超市', '价格', '传销', '投资', '商户'],
  卫生计生: ['医院', '医生', '卫生', '疫苗', '生育', '计生', '药', '病', '诊所', '二孩'],
};

/** Keywords → a finer category under the message's first-level one (first match wins). */
const REFINE_KEYWORDS: readonly (readonly [string, readonly string[]])[] = [
  ['城乡建设/住房保障与房地产/物业服务', ['物业']],
  ['城乡建设/城市建设和市政管理/小区管理', ['小区', '业主']],
  ['城乡建设/城乡规划/违章建筑', ['违建', '违章建筑', '违章搭建']],
  ['城乡建设/国有土地上房屋征收与补偿/安置补偿', ['拆迁', '征收', '安置']],
  ['城乡建设/住房保障与房地产/房产证登记、办理', ['房产证', '不动产证']],
  ['城乡建设/住房保障与房地产/房地产开发管理', ['开发商', '楼盘', '交房', '购房']],
  ['城乡建设/建筑市场/拖欠工程款', ['工程款']],
  ['城乡建设/工程质量/施工安全', ['施工', '工地']],
  ['城乡建设/城市建设和市政管理/燃气供应', ['燃气', '天然气']],
  ['城乡建设/城市建设和市政管理/自来水供应', ['停水', '自来水', '水压']],
  ['城乡建设/城市建设和市政管理/电力供应', ['停电', '供电']],
  ['城乡建设/城市建设和市政管理/基础设施', ['路灯', '下水道', '井盖', '道路']],
  ['环境保护/环境污染/噪音污染', ['噪音', '噪声', '扰民']],
  ['环境保护/环境污染/大气污染', ['废气', '粉尘', '油烟', '臭', '焚烧']],
  ['环境保护/环境污染/水污染', ['污水', '废水', '河道']],
  ['环境保护/环境污染', ['污染']],
  ['交通运输/出租车管理/网约车问题', ['网约车']],
  ['交通运输/出租车管理', ['出租车', '的士']],
  ['交通运输/客货运输/旅客运输', ['公交', '客运', '班车', '大巴']],
  ['交通运输/邮政管理/快递市场管理', ['快递']],
  ['交通运输/建设管理/设施维护', ['道路', '路面', '公路']],
  ['教育文体/教育收费/乱收费', ['收费', '乱收']],
  ['教育文体/考试招生/招生录取', ['招生', '入学', '学位', '录取']],
  ['教育文体/教师队伍和待遇/工资福利', ['教师工资', '老师工资', '绩效']],
  ['教育文体/教育行政管理/校外机构管理', ['培训机构', '补课']],
  ['教育文体/教育行政管理/校园安全', ['校园安全', '食堂']],
  ['劳动和社会保障/工资福利/工资发放', ['拖欠工资', '工资', '欠薪']],
  ['劳动和社会保障/城镇职工社会保险/职工养老保险', ['养老保险', '社保']],
  ['劳动和社会保障/城镇居民社会保险/城镇居民医疗保险', ['医保']],
  ['劳动和社会保障/退休政策及待遇/退休金发放', ['退休']],
  ['劳动和社会保障/劳动关系/劳动合同纠纷', ['劳动合同', '辞退', '解除']],
  ['劳动和社会保障/就业培训/就业和再就业', ['就业', '招聘', '人才']],
  ['商贸旅游/市场监管/传销', ['传销']],
  ['商贸旅游/市场监管/物价监督', ['价格', '涨价']],
  ['商贸旅游/旅游管理/景区管理', ['景区', '旅游']],
  ['商贸旅游/市场监管/商品质量', ['质量', '假冒']],
  ['卫生计生/食品药品监管/食品安全', ['食品', '餐馆', '饭店']],
  ['卫生计生/医患纠纷/医疗事故争议', ['医疗事故', '误诊']],
  ['卫生计生/医政监管/医疗收费', ['医疗收费', '乱收费']],
  ['卫生计生/人口计生/独生子女父母奖励政策', ['独生子女']],
  ['卫生计生/人口计生', ['生育', '二孩', '计生']],
  ['卫生计生/公共卫生/疾病预防控制', ['疫苗', '疾控', '传染']],
  ['卫生计生/医政监管/医疗机构管理', ['医院', '诊所']],
];

export function guessLevel1(text: string): string {
  let best = '城乡建设';
  let bestScore = 0;
  for (const [name, words] of Object.entries(LEVEL1_KEYWORDS)) {
    let score = 0;
    for (const w of words) if (text.includes(w)) score++;
    if (score > bestScore) {
      bestScore = score;
      best = name;
    }
  }
  return best;
}

/** Replaces the source's anonymised place names ('A市', 'A3区', '西地省') with the demo county's. */
export function localise(text: string, countyName: string, townName: string): string {
  return text
    .replace(/西地省/g, '浙江省')
    .replace(/[A-Z]\d*(市|县)/g, countyName)
    .replace(/[A-Z]\d*(区|镇|乡|街道)/g, townName)
    .replace(new RegExp(`(${countyName})+`, 'g'), countyName)
    .replace(new RegExp(`(${townName})+`, 'g'), townName)
    .replace(/市长/g, '县长')
    .replace(/市政府/g, '县政府');
}

/** Grid-patrol and screening findings for the governance categories: [level-1/level-2, title, body]. */
const GOVERNANCE_FINDINGS: readonly (readonly [string, string, string])[] = [
  [
    '矛盾纠纷/邻里纠纷',
    '两户村民因宅基地滴水檐发生争执',
    '巡查发现{v}两户村民因新建房屋滴水檐越界问题发生口角，双方情绪激动，需村调委会介入调解。',
  ],
  [
    '矛盾纠纷/邻里纠纷',
    '楼上住户装修噪声引发邻里矛盾',
    '{v}居民反映楼上住户长期在夜间装修，多次沟通无果，双方矛盾有激化趋势。',
  ],
  [
    '矛盾纠纷/婚姻家庭纠纷',
    '赡养老人问题引发家庭矛盾',
    '{v}一位八旬老人反映子女互相推诿赡养责任，老人生活困难，请求村里出面协调。',
  ],
  [
    '矛盾纠纷/土地承包纠纷',
    '土地承包经营权流转合同纠纷',
    '{v}村民反映流转给合作社的承包地租金连续两年未支付，涉及农户十余户。',
  ],
  ['矛盾纠纷/劳资纠纷', '工地农民工讨薪', '{v}附近一在建工地十余名务工人员反映被拖欠工资近三个月，聚集在项目部讨要。'],
  [
    '矛盾纠纷/物业纠纷',
    '小区停车收费引发业主与物业矛盾',
    '{v}某小区物业拟上调停车费，部分业主不认可，在小区内张贴告示，存在矛盾激化风险。',
  ],
  [
    '矛盾纠纷/山林权属纠纷',
    '两村交界处山林权属争议',
    '{v}与相邻村在交界山林的权属上存在争议，双方村民因砍伐毛竹发生冲突苗头。',
  ],
  [
    '社会治安/治安隐患',
    '出租房内人员复杂存在治安隐患',
    '巡查发现{v}一处出租房内居住人员流动频繁、登记不全，存在治安隐患。',
  ],
  [
    '社会治安/电信诈骗',
    '村民疑似遭遇电信诈骗',
    '{v}一名老年村民接到自称"公检法"的电话，要求其转账，网格员及时劝阻，需派出所跟进。',
  ],
  ['社会治安/流动人口管理', '新增外来务工人员未登记', '{v}近期新增外来务工人员约二十人，尚未完成居住登记。'],
  ['安全隐患/消防安全', '电动自行车楼道充电', '巡查发现{v}居民楼楼道内有多辆电动自行车飞线充电，存在火灾隐患。'],
  ['安全隐患/消防安全', '消防通道被占用', '{v}消防通道被私家车长期占用，消防车无法通行。'],
  ['安全隐患/燃气安全', '餐饮店液化气瓶存放不规范', '巡查发现{v}沿街一家餐饮店液化气瓶露天存放，未安装报警装置。'],
  ['安全隐患/自建房安全', '农村自建房墙体开裂', '{v}一户农村自建房外墙出现明显裂缝，屋内仍有人居住，需专业机构鉴定。'],
  ['安全隐患/防汛防台', '山塘水库堤坝渗水', '巡查发现{v}一座山塘坝体下游出现渗水点，汛期临近，需尽快排查。'],
  ['安全隐患/地质灾害', '山体滑坡隐患点出现裂缝', '{v}地质灾害隐患点后山出现新的裂缝，下方有三户居民。'],
  ['民生服务/养老服务', '独居老人需要上门照护', '{v}一位独居老人腿脚不便，希望能有志愿者定期上门帮助。'],
  ['民生服务/困难救助', '困难家庭申请临时救助', '{v}一户家庭因主要劳动力患病致贫，申请临时救助。'],
  ['民生服务/未成年人保护', '留守儿童无人照看', '{v}一名留守儿童父母外出务工，由年迈祖母照看，学习生活缺乏照料。'],
  ['市容环境/垃圾清运', '垃圾收集点清运不及时', '{v}垃圾收集点连续多日未清运，气味较大，周边群众意见较大。'],
  ['市容环境/占道经营', '早市摊贩占道经营', '{v}主干道早市摊贩占道经营，影响车辆和行人通行。'],
  ['市容环境/河道保洁', '河道漂浮物较多', '巡查发现{v}段河道漂浮物较多，有生活垃圾倾倒现象。'],
  [
    '基层党建/党员先锋服务',
    '组织党员志愿者开展清洁家园活动',
    '{v}网格党支部计划组织党员志愿者开展清洁家园活动，需协调工具和物资。',
  ],
  [
    '信访维稳/群体性苗头',
    '多户村民对征地补偿标准有异议',
    '{v}多户村民对某项目征地补偿标准有异议，计划集体到县里反映。',
  ],
];

const GENERIC_REPLIES = [
  '您好！您反映的问题已收悉。经{org}工作人员现场核实，已督促相关责任方完成整改，问题已解决。感谢您对我们工作的理解和支持。',
  '您好！关于您反映的情况，{org}高度重视，已安排专人调查处理，相关问题已按规定整改到位。如有其他问题，欢迎继续反映。',
  '您好！经核实，您反映的问题属实。{org}已会同属地镇街进行处理，并将加强日常巡查，防止问题反弹。',
  '您好！您反映的问题已转交{org}办理。经调查，相关情况已向您电话说明并取得理解，后续将持续跟进。',
];

const MEDIATION_REPLIES = [
  '您好！经{org}组织双方调解，双方已达成一致意见并签订调解协议，问题已妥善解决。感谢您的监督。',
  '您好！{org}已会同村（社区）调委会上门走访，说明政策、释法明理，矛盾已化解，后续将持续回访。',
];

function localDay(ms: number): string {
  return new Date(ms + TZ_OFFSET).toISOString().slice(0, 10);
}

/** Builds the cases, sorted by report time, numbered QXyyyymmdd-nnnnn per day. */
export function buildHistory(input: HistoryInput): Insertable<CasesTable>[] {
  const { rng, now } = input;
  const nowMs = now.getTime();
  const catByPath = new Map(input.categories.map((c) => [c.path, c]));
  const children = new Map<string, SeededCategory[]>();
  for (const c of input.categories) {
    const parent = c.path.includes('/') ? c.path.slice(0, c.path.lastIndexOf('/')) : '';
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)?.push(c);
  }

  // A category for a message: level-1 by label or keywords, refined to the level-2/3 whose name appears.
  const categoryFor = (m: Message): SeededCategory | undefined => {
    const l1 = m.category && catByPath.has(m.category) ? m.category : guessLevel1(`${m.title}${m.body}`);
    const text = `${m.title}${m.body}`;
    for (const [path, words] of REFINE_KEYWORDS) {
      if (!path.startsWith(`${l1}/`)) continue;
      const refined = catByPath.get(path);
      if (refined && words.some((w) => text.includes(w))) return refined;
    }
    let best = catByPath.get(l1);
    for (const c2 of children.get(l1) ?? []) {
      for (const c3 of children.get(c2.path) ?? []) {
        if (c3.name.length >= 2 && c3.name !== '其他' && text.includes(c3.name)) return c3;
      }
      if (c2.name !== '其他' && text.includes(c2.name)) best = c2;
    }
    return best;
  };

  // Days of the year with weights: fewer reports at weekends and on holidays, a summer peak and a mild
  // upward trend over the year.
  const holidays = new Set(
    calendarDays([new Date(nowMs - 366 * DAY).getUTCFullYear(), now.getUTCFullYear()])
      .filter((d) => d.kind === 'holiday')
      .map((d) => d.day),
  );
  const todayStart = Math.floor((nowMs + TZ_OFFSET) / DAY) * DAY - TZ_OFFSET;
  const dayWeights: (readonly [number, number])[] = [];
  for (let i = 0; i < 365; i++) {
    const start = todayStart - i * DAY;
    const local = new Date(start + TZ_OFFSET);
    const weekday = local.getUTCDay();
    const doy = Math.floor((start - Date.UTC(local.getUTCFullYear(), 0, 1)) / DAY);
    let w = weekday === 0 || weekday === 6 ? 0.55 : weekday === 1 ? 1.15 : 1;
    if (holidays.has(localDay(start))) w *= 0.5;
    w *= 1 + 0.18 * Math.sin((2 * Math.PI * (doy - 100)) / 365);
    w *= 1.1 - (0.2 * i) / 365;
    dayWeights.push([start, w]);
  }
  const hourWeights: (readonly [number, number])[] = [
    0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 1.6, 2, 2, 1.7, 1, 1, 1.6, 1.8, 1.7, 1.4, 0.9, 1, 1.2, 1.1, 0.7, 0.4,
  ].map((w, h) => [h, w] as const);
  const reportTime = (): number => {
    for (;;) {
      const t = weighted(rng, dayWeights) + weighted(rng, hourWeights) * 3600_000 + Math.floor(rng() * 3600_000);
      if (t < nowMs - 60_000) return t;
    }
  };

  const gridWeights = input.grids.map((g) => [g, g.population] as const);
  const phone = () => `13${String(randInt(rng, 0, 999_999_999)).padStart(9, '0')}`;

  interface Draft {
    title: string;
    body: string;
    reply?: string;
    category?: SeededCategory;
    channel: string;
    governance: boolean;
  }
  const drafts: Draft[] = [];
  for (const m of input.messages) {
    const uses = rng() < 0.12 ? 3 : 2;
    const category = categoryFor(m);
    for (let u = 0; u < uses; u++) {
      const channel = weighted(rng, [
        ['citizen_app', 45],
        ['hotline', 37],
        ['grid_patrol', 8],
        ['walk_in', 10],
      ] as const);
      drafts.push({ title: m.title, body: m.body, reply: m.reply, category, channel, governance: false });
    }
  }
  for (let i = 0; i < 180; i++) {
    const [path, title, body] = pick(rng, GOVERNANCE_FINDINGS);
    const channel = weighted(rng, [
      ['grid_patrol', 65],
      ['screening', 10],
      ['citizen_app', 15],
      ['walk_in', 10],
    ] as const);
    drafts.push({ title, body, category: catByPath.get(path), channel, governance: true });
  }
  shuffle(rng, drafts);

  const rows: Insertable<CasesTable>[] = drafts.map((d) => {
    const grid = weighted(rng, gridWeights);
    const [lng, lat] = randomPointIn(grid.ring, rng) as Point;
    const reported = reportTime();
    const place = `${grid.villageName}`;
    const title = localise(d.title, input.countyName, grid.townName).replace(/\{v\}/g, place);
    const body = localise(d.body, input.countyName, grid.townName).replace(/\{v\}/g, place);
    const deptId = d.category?.responsibleOrgId ?? null;
    const toDept =
      deptId !== null && (d.channel === 'hotline' ? rng() < 0.85 : d.governance ? rng() < 0.35 : rng() < 0.55);
    const owner = toDept ? deptId : grid.townId;

    // reporter
    let reporterUserId: number | null = null;
    let reporterName: string | null = null;
    let reporterPhone: string | null = null;
    let anonymous = false;
    if (d.channel === 'grid_patrol' || d.channel === 'screening') {
      reporterUserId = grid.worker.id;
      reporterName = grid.worker.name;
      reporterPhone = grid.worker.phone;
    } else if (d.channel === 'citizen_app' && rng() < 0.15) {
      anonymous = true;
    } else if (d.channel === 'hotline' && rng() < 0.08) {
      anonymous = true;
    } else if (d.channel === 'citizen_app' && rng() < 0.3 && input.citizens.length > 0) {
      // the demo citizen (first in the list) has a good share of them
      const c = rng() < 0.15 ? (input.citizens[0] as HistoryCitizen) : pick(rng, input.citizens);
      reporterUserId = c.id;
      reporterName = c.name;
      reporterPhone = c.phone;
    } else {
      reporterName = personName(rng);
      reporterPhone = phone();
    }

    // outcome
    const span = (1 + rng() * 9) * DAY * (rng() < 0.7 ? 0.6 : 1);
    const handlingSpan = Math.max(DAY, span);
    const closedAt = reported + handlingSpan;
    const repliedAt = reported + handlingSpan * (0.6 + rng() * 0.3);
    // still open: whatever could not have closed yet, and a share of the last three months' cases
    const open = closedAt > nowMs || (reported > nowMs - 90 * DAY && rng() < 0.22);
    const ownerName = (owner !== null && input.orgNames.get(owner)) || grid.townName;
    const reply = d.reply
      ? localise(d.reply, input.countyName, grid.townName)
      : pick(rng, d.category?.path.startsWith('矛盾纠纷') ? MEDIATION_REPLIES : GENERIC_REPLIES).replace(
          '{org}',
          ownerName,
        );
    const status = open ? (rng() < 0.5 ? 'handling' : 'dispatched') : 'closed';
    const satisfaction = open
      ? null
      : weighted(rng, [
          ['satisfied', 75],
          ['basically_satisfied', 18],
          ['unsatisfied', 7],
        ] as const);
    const updated = open ? reported : closedAt;
    return {
      number: '',
      county_code: input.countyCode,
      channel: d.channel,
      title: title.slice(0, 200),
      body,
      category_id: d.category?.id ?? null,
      status,
      town_id: grid.townId,
      village_id: grid.villageId,
      grid_id: grid.id,
      owner_org_id: owner,
      lat,
      lng,
      address: `${input.countyName}${grid.townName}${grid.villageName}${grid.name.replace(grid.villageName, '')}`,
      reporter_user_id: reporterUserId,
      ...sealReporter(input.crypto, reporterName, reporterPhone),
      anonymous,
      reply: open ? null : reply,
      satisfaction,
      reported_at: new Date(reported),
      replied_at: open ? null : new Date(repliedAt),
      closed_at: open ? null : new Date(closedAt),
      created_at: new Date(reported),
      updated_at: new Date(updated),
    };
  });

  rows.sort((a, b) => (a.reported_at as Date).getTime() - (b.reported_at as Date).getTime());
  const perDay = new Map<string, number>();
  rows.forEach((r, i) => {
    const day = localDay((r.reported_at as Date).getTime());
    const seq = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, seq);
    r.number = `${input.prefix}${day.replace(/-/g, '')}-${String(seq).padStart(5, '0')}`;
    r.id = input.firstId + i;
  });
  return rows;
}
