// Demo disputes of the demo county, played through the dispute machine at their historical times (so each has
// its real history, sessions, clocks and agreement): one of each state in the first street's first community
// and town, a 重大 wage dispute mediated by the county mediation committee, one in the second street (to show
// that towns do not see each other's). Called by the seed inside its transaction; a handful of rows, fast.
import type { Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import {
  applyDisputeAction,
  assessRisk,
  type DisputeAction,
  type DisputeActor,
  type DisputeContext,
} from '../../domain/dispute/index.js';
import { AuditService } from '../audit/audit-service.js';
import { CaseContextProvider } from '../cases/case-context.js';
import { createTask } from '../tasks/create-task.js';
import { loadDispute, nextAgreementNumber } from './act-on-dispute.js';
import { disputeContext } from './dispute-context.js';
import { placeOf } from './dispute-orgs.js';
import { persistDisputeOutcome } from './dispute-store.js';
import type { Party } from './parties.js';
import type { RegisterDisputeInput } from './register-dispute.js';
import { writeNewDispute } from './register-dispute.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const EVERYONE: DisputeActor = {
  kind: 'user',
  orgId: null,
  relations: new Set(['intake', 'mediator', 'supervisor', 'applicant']),
};

const person = (role: Party['role'], name: string, phone: string, address: string): Party => ({
  role,
  kind: 'person',
  name,
  phone,
  idNumber: null,
  address,
});

interface Demo {
  input: Omit<RegisterDisputeInput, 'parties'> & { parties: Party[] };
  /** days before now it was registered */
  ago: number;
  place: 'village' | 'town' | 'village2';
  handling: 'village' | 'town' | 'village2';
  steps: ((orgs: DemoOrgs, at: Date) => DisputeAction)[];
}

interface DemoOrgs {
  county: number;
  town: number;
  village: number;
  village2: number;
  committee: number;
}

const session =
  (notes: string) =>
  (_: DemoOrgs, at: Date): DisputeAction => ({
    type: 'recordSession',
    session: { at, place: '村（社区）人民调解室', participants: '双方当事人、人民调解员', notes },
  });
const accept = (): DisputeAction => ({ type: 'accept' });
const assignTo =
  (key: keyof DemoOrgs, mediatorName: string) =>
  (o: DemoOrgs): DisputeAction => ({
    type: 'assign',
    mediatorOrgId: o[key],
    mediatorName,
  });

const DEMOS: Demo[] = [
  {
    ago: 0.1,
    place: 'village',
    handling: 'village',
    input: {
      typeCode: 'neighbour',
      title: '楼上卫生间漏水致楼下天花板受损',
      description: '3 栋 402 室卫生间长期渗水，楼下 302 室天花板发霉脱落，双方就维修及赔偿协商未果。',
      parties: [
        person('applicant', '陈美华', '13905711201', '青溪街道文昌社区3栋302室'),
        person('respondent', '赵建国', '13905711202', '青溪街道文昌社区3栋402室'),
      ],
      amount: 3000,
      peopleInvolved: 2,
      source: 'walk_in',
    },
    steps: [],
  },
  {
    ago: 6,
    place: 'village',
    handling: 'village',
    input: {
      typeCode: 'homestead',
      title: '宅基地界址争议',
      description: '两户相邻宅基地翻建房屋时对界址有争议，一方已砌围墙，另一方要求拆除。',
      parties: [
        person('applicant', '王大勇', '13905711211', '文昌社区5组'),
        person('respondent', '王小平', '13905711212', '文昌社区5组'),
      ],
      peopleInvolved: 2,
      source: 'screening',
    },
    steps: [
      accept,
      assignTo('village', '李秀英'),
      session('实地查看界址，调取 1998 年宅基地审批图，双方初步同意以图为准。'),
    ],
  },
  {
    ago: 9,
    place: 'town',
    handling: 'town',
    input: {
      typeCode: 'wages',
      title: '某建筑工地 42 名农民工讨要欠薪',
      description: '工程已完工，分包方拖欠 42 名农民工工资约 86 万元，工人表示若年底前不解决将到市里上访。',
      parties: [
        person('applicant', '刘长江（工人代表）', '13905711221', '青溪街道'),
        {
          role: 'respondent',
          kind: 'org',
          name: '青溪某建筑劳务有限公司',
          phone: '0570-5551234',
          address: '青溪县工业园区',
        },
      ],
      amount: 860_000,
      peopleInvolved: 42,
      threatOfPetition: true,
      source: 'petition',
      sourceRef: '青信转〔2026〕17号',
    },
    steps: [
      accept,
      assignTo('committee', '县调委会 周律师'),
      session('召集劳务公司、总包方、工人代表三方面谈，核对工资表，劳务公司承认欠款 80.2 万元。'),
    ],
  },
  {
    ago: 25,
    place: 'village',
    handling: 'village',
    input: {
      typeCode: 'traffic',
      title: '电动车与行人碰撞赔偿纠纷',
      description: '电动车在小区门口与一名老人相撞，老人手腕骨折，就医疗费和误工费协商不成。',
      parties: [
        person('applicant', '孙桂芳', '13905711231', '文昌社区8栋'),
        person('respondent', '钱晓东', '13905711232', '文昌社区12栋'),
      ],
      amount: 18_000,
      peopleInvolved: 2,
      source: 'police',
      sourceRef: '青公交调〔2026〕052号',
    },
    steps: [
      accept,
      assignTo('village', '李秀英'),
      session('双方陈述事故经过，出示医疗票据 12,400 元。'),
      session('就误工费标准达成一致。'),
      () => ({
        type: 'reachAgreement',
        agreementNumber: '',
        terms:
          '一、钱晓东一次性赔偿孙桂芳医疗费、误工费、营养费等共计人民币壹万伍仟元整（¥15,000）。\n二、上述款项于协议签订之日起十日内付清。\n三、双方就本次事故再无其他纠纷。',
        followUpDays: 15,
      }),
      () => ({ type: 'sign' }),
    ],
  },
  {
    ago: 40,
    place: 'village',
    handling: 'village',
    input: {
      typeCode: 'property_mgmt',
      title: '物业费与电梯维修费争议',
      description: '业主以电梯长期故障为由拒交物业费，物业公司要求补缴。',
      parties: [
        person('applicant', '周丽', '13905711241', '文昌社区2栋'),
        {
          role: 'respondent',
          kind: 'org',
          name: '青溪物业服务有限公司',
          phone: '0570-5557788',
          address: '文昌社区物业中心',
        },
      ],
      amount: 4_800,
      peopleInvolved: 2,
      source: 'walk_in',
    },
    steps: [
      accept,
      assignTo('village', '李秀英'),
      session('物业承诺一个月内完成电梯大修，业主同意补缴。'),
      () => ({
        type: 'reachAgreement',
        agreementNumber: '',
        terms: '一、物业公司于 30 日内完成 2 栋电梯大修。\n二、业主于电梯修复后 7 日内补缴物业费 4,800 元。',
        followUpDays: 20,
      }),
      () => ({ type: 'sign' }),
      () => ({ type: 'recordFollowUp', performance: 'performed', note: '电话回访：电梯已修复，物业费已缴清。' }),
    ],
  },
  {
    ago: 18,
    place: 'village',
    handling: 'village',
    input: {
      typeCode: 'family',
      title: '离婚后子女抚养费纠纷',
      description: '双方离婚后对子女抚养费数额分歧较大。',
      parties: [
        person('applicant', '吴芳', '13905711251', '文昌社区'),
        person('respondent', '郑强', '13905711252', '外地'),
      ],
      peopleInvolved: 2,
      source: 'walk_in',
    },
    steps: [
      accept,
      assignTo('village', '李秀英'),
      session('双方对抚养费数额差距较大，一方坚持诉讼。'),
      () => ({
        type: 'fail',
        route: 'litigation',
        reason: '双方分歧较大，告知当事人可向人民法院起诉，并提供法律援助联系方式。',
      }),
    ],
  },
  {
    ago: 2,
    place: 'village2',
    handling: 'village2',
    input: {
      typeCode: 'land_forest',
      title: '山林承包边界纠纷',
      description: '两个村民小组对一片山林的承包边界有争议。',
      parties: [
        person('applicant', '何志明', '13905711261', '第二街道'),
        person('respondent', '何志强', '13905711262', '第二街道'),
      ],
      peopleInvolved: 12,
      source: 'screening',
    },
    steps: [],
  },
];

/** The demo county's disputes; needs its organisations, users and calendar in the same transaction. */
export async function seedDemoDisputes(trx: Transaction<DB>, clock: Clock): Promise<number> {
  const orgRows = await trx
    .selectFrom('orgs')
    .select(['id', 'kind', 'name', 'parent_id', 'county_code', 'sort', 'code'])
    .where('kind', 'in', ['county', 'town', 'village', 'grid', 'third_party'])
    .orderBy('code')
    .execute();
  const county = orgRows.find((o) => o.kind === 'county');
  const towns = orgRows.filter((o) => o.kind === 'town');
  const committee = orgRows.find((o) => o.kind === 'third_party' && o.name === '县人民调解委员会');
  if (!county || towns.length < 2 || !committee) return 0;
  const firstVillage = (townId: number) => orgRows.find((o) => o.kind === 'village' && o.parent_id === townId);
  const firstGrid = (villageId: number) => orgRows.find((o) => o.kind === 'grid' && o.parent_id === villageId);
  const v1 = firstVillage(towns[0]?.id ?? -1);
  const v2 = firstVillage(towns[1]?.id ?? -1);
  if (!v1 || !v2) return 0;
  const orgs: DemoOrgs = {
    county: county.id,
    town: towns[0]?.id as number,
    village: v1.id,
    village2: v2.id,
    committee: committee.id,
  };
  const placeOrg = { village: firstGrid(v1.id)?.id ?? v1.id, town: v1.id, village2: firstGrid(v2.id)?.id ?? v2.id };
  const contexts = new CaseContextProvider(trx, clock);
  const base = await disputeContext(contexts);
  const audit = new AuditService(trx, clock);
  const now = base.now.getTime();
  for (const demo of DEMOS) {
    let at = new Date(now - demo.ago * DAY);
    const ctxAt = (t: Date): DisputeContext => ({ ...base, now: t });
    const handlingId = orgs[demo.handling];
    const { id, number } = await writeNewDispute(trx, ctxAt(at), {
      countyCode: county.county_code,
      input: demo.input,
      parties: demo.input.parties,
      risk: assessRisk({
        peopleInvolved: demo.input.peopleInvolved ?? 2,
        amount: demo.input.amount ?? 0,
        threatOfViolence: demo.input.threatOfViolence ?? false,
        threatOfPetition: demo.input.threatOfPetition ?? false,
        typeCode: demo.input.typeCode,
      }),
      place: await placeOf(trx, placeOrg[demo.place], county.county_code),
      handling: { id: handlingId, level: demo.handling === 'town' ? 'town' : 'village' },
      countyRootId: county.id,
      applicantUserId: null,
      by: { userId: null, orgId: handlingId },
    });
    // the steps spread over the dispute's life so far
    const gap = (demo.ago * DAY * 0.8) / Math.max(1, demo.steps.length);
    for (const step of demo.steps) {
      at = new Date(at.getTime() + gap);
      const loaded = await loadDispute(trx, id, null, true);
      let action = step(orgs, new Date(at.getTime() - HOUR));
      if (action.type === 'reachAgreement') {
        action = { ...action, agreementNumber: await nextAgreementNumber(trx, county.county_code, at) };
      }
      const r = applyDisputeAction(loaded.dispute, action, EVERYONE, ctxAt(at));
      if (!r.ok) throw new Error(`demo dispute ${number} ${action.type}: ${r.error.message}`);
      const actorOrgId = loaded.dispute.mediatorOrgId ?? handlingId;
      await persistDisputeOutcome(trx, r.value, {
        id,
        number,
        title: loaded.title,
        unitIds: loaded.unitIds,
        applicantUserId: null,
        actorUserId: null,
        actorOrgId: action.type === 'assign' ? handlingId : actorOrgId,
        expectedVersion: loaded.dispute.version,
      });
      // the follow-up visit task, unless the demo records the visit already
      if (r.value.followUp && !demo.steps.some((s) => s(orgs, at).type === 'recordFollowUp')) {
        await createTask(
          { db: trx, contexts, audit },
          {
            title: `调解协议回访：${loaded.title}`,
            sourceKind: 'dispute_followup',
            sourceId: String(id),
            sourceLabel: `${number} ${loaded.title}`,
            sourceKey: `dispute:${id}:followup`,
            ownerOrgId: r.value.followUp.orgId,
            assignedByOrgId: r.value.followUp.orgId,
            limit: { amount: r.value.followUp.days * 24, unit: 'natural_hours' },
          },
          null,
          trx,
        );
      }
    }
  }
  return DEMOS.length;
}
