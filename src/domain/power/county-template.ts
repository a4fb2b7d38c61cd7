// The county's template of the small-power list (小微权力清单): five powers every village exercises, with the
// procedures of practice — "四议两公开" (村党组织提议、村两委商议、党员大会审议、村民代表会议决议；决议公开、实施结果
// 公开) for collective matters, the 低保 procedure of 《社会救助暂行办法》 and the 宅基地 procedure of the rural
// homestead rules. The county platform edits it; a village adopts a copy. Legal bases name an article only
// where it is certain; otherwise the law or rule by name.
import type { PowerActor, ProcedureStep } from './types.js';

export interface PowerTemplate {
  readonly category: string;
  readonly name: string;
  readonly legalBasis: string;
  readonly description: string;
  readonly steps: readonly ProcedureStep[];
}

function step(
  key: string,
  name: string,
  actor: PowerActor,
  documents: string[],
  opts: {
    limitDays?: number;
    publicityDays?: number;
    optional?: boolean;
    canReject?: boolean;
    description?: string;
  } = {},
): ProcedureStep {
  return {
    key,
    name,
    actor,
    documents,
    limitDays: opts.limitDays ?? null,
    publicityDays: opts.publicityDays ?? null,
    optional: opts.optional ?? false,
    canReject: opts.canReject ?? false,
    ...(opts.description ? { description: opts.description } : {}),
  };
}

/** The "四议" of a collective decision, shared by the powers that need one. */
const FOUR_DELIBERATIONS = (subject: string): ProcedureStep[] => [
  step('proposal', '村党组织提议', 'village_party', ['提议书'], {
    limitDays: 5,
    description: `村党组织在充分听取意见的基础上提出${subject}的初步方案`,
  }),
  step('consult', '村两委商议', 'village_committees', ['两委会议记录'], { limitDays: 5 }),
  step('party_review', '党员大会审议', 'party_members', ['党员大会记录', '签到表'], { limitDays: 10 }),
  step('resolution', '村民代表会议决议', 'representatives', ['会议决议', '签到表', '表决票'], {
    limitDays: 10,
    canReject: true,
    description: '到会人员过半数同意方为通过；未通过的，本次事项终止',
  }),
  step('resolution_publicity', '决议公开', 'village_committee', ['公示照片'], {
    limitDays: 2,
    publicityDays: 5,
    description: '在村务公开栏公示决议，公示不少于 5 天',
  }),
];

export const COUNTY_POWER_TEMPLATE: readonly PowerTemplate[] = [
  {
    category: '集体三资',
    name: '集体资产处置',
    legalBasis:
      '《中华人民共和国村民委员会组织法》第二十四条（以借贷、租赁或者其他方式处分村集体财产，经村民会议讨论决定方可办理）、第三十条（村务公开）；《中华人民共和国农村集体经济组织法》',
    description: '村集体资产的出租、出借、转让、报废等处置',
    steps: [
      ...FOUR_DELIBERATIONS('资产处置'),
      step('town_review', '镇街审核', 'town_review', ['审核意见'], {
        limitDays: 5,
        optional: true,
        description: '达到镇街规定金额的，报镇街农村集体三资管理部门审核',
      }),
      step('implement', '组织实施', 'village_committee', ['合同', '交易凭证'], { limitDays: 30 }),
      step('result_publicity', '结果公开', 'village_committee', ['公示照片'], {
        limitDays: 5,
        publicityDays: 7,
        description: '在村务公开栏公开实施结果，接受村务监督委员会和村民监督',
      }),
    ],
  },
  {
    category: '工程项目',
    name: '工程项目招投标',
    legalBasis:
      '《中华人民共和国村民委员会组织法》第二十四条（本村公益事业的兴办和筹资筹劳方案及建设承包方案）；《中华人民共和国招标投标法》',
    description: '村级工程项目的立项、招标（比选）、施工与验收',
    steps: [
      ...FOUR_DELIBERATIONS('项目立项及招标'),
      step('town_review', '镇街审核招标方案', 'town_review', ['招标方案', '审核意见'], { limitDays: 5 }),
      step('tender_notice', '发布招标（比选）公告', 'village_committee', ['招标公告'], {
        limitDays: 5,
        publicityDays: 5,
      }),
      step('bid_opening', '开标评标', 'village_committees', ['评标记录', '村务监督委员会监督记录'], { limitDays: 5 }),
      step('award_publicity', '中标结果公示', 'village_committee', ['公示照片'], { limitDays: 2, publicityDays: 3 }),
      step('contract', '签订合同', 'village_committee', ['施工合同'], { limitDays: 10 }),
      step('acceptance', '竣工验收及结果公开', 'supervision', ['验收报告', '公示照片'], {
        publicityDays: 7,
        description: '村务监督委员会参与验收，结果在村务公开栏公开',
      }),
    ],
  },
  {
    category: '民生保障',
    name: '低保申请评议',
    legalBasis: '《社会救助暂行办法》第十一条（申请、调查核实、公示、审批、公布的程序）；《最低生活保障审核确认办法》',
    description: '最低生活保障的申请受理、入户调查、民主评议与公示',
    steps: [
      step('application', '受理申请', 'village_committee', ['书面申请', '家庭经济状况核对授权书'], {
        limitDays: 3,
        description: '申请人向户籍所在地镇街提出，或委托村（居）民委员会代为提出',
      }),
      step('investigation', '入户调查', 'village_committees', ['入户调查表'], { limitDays: 10 }),
      step('appraisal', '民主评议', 'representatives', ['评议记录', '签到表'], {
        limitDays: 5,
        canReject: true,
        description: '评议不通过的，书面告知申请人理由',
      }),
      step('appraisal_publicity', '评议结果公示', 'village_committee', ['公示照片'], {
        limitDays: 2,
        publicityDays: 7,
      }),
      step('town_review', '镇街审核', 'town_review', ['审核意见'], { limitDays: 10, canReject: true }),
      step('result_publicity', '审批结果公布', 'village_committee', ['公示照片'], {
        limitDays: 5,
        publicityDays: 7,
        description: '在申请人所在村、社区公布（不公开身份证号码、家庭住址等个人信息）',
      }),
    ],
  },
  {
    category: '土地管理',
    name: '宅基地审批初审',
    legalBasis:
      '《中华人民共和国土地管理法》第六十二条（一户一宅；农村村民住宅用地由乡（镇）人民政府审核批准）；《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》',
    description: '农户建房用地申请在村级的讨论、公示与审查，报镇街审批',
    steps: [
      step('application', '农户申请', 'applicant', ['宅基地和建房（规划许可）申请表', '户口簿复印件'], {
        limitDays: 3,
      }),
      step('group_discussion', '村民小组会议讨论', 'group_meeting', ['会议记录'], { limitDays: 10, canReject: true }),
      step('application_publicity', '申请公示', 'village_committee', ['公示照片'], { limitDays: 2, publicityDays: 5 }),
      step('village_review', '村级组织审查', 'village_committees', ['审查意见'], {
        limitDays: 5,
        canReject: true,
        description: '审查是否符合一户一宅、村庄规划和用地标准',
      }),
      step('submit_town', '报镇街审批', 'town_review', ['审批材料清单'], { limitDays: 5 }),
      step('result_publicity', '审批结果公开', 'village_committee', ['公示照片'], { publicityDays: 5 }),
    ],
  },
  {
    category: '村务管理',
    name: '用章管理',
    legalBasis: '《中国共产党农村基层组织工作条例》；本县村级组织印章管理有关规定',
    description: '村党组织、村民委员会、村集体经济组织印章的使用',
    steps: [
      step('request', '用章申请', 'applicant', ['用章申请单'], { limitDays: 1 }),
      step('approval', '审批', 'village_committees', ['审批签字'], {
        limitDays: 2,
        canReject: true,
        description: '村党组织书记或村民委员会主任审批；涉及重大事项的须经村两委集体研究',
      }),
      step('seal', '登记用章', 'seal_keeper', ['用章登记簿'], { limitDays: 1 }),
      step('filing', '村务监督委员会备案', 'supervision', ['备案记录'], { optional: true }),
      step('archive', '归档', 'seal_keeper', ['用章登记簿'], { limitDays: 5 }),
    ],
  },
];
