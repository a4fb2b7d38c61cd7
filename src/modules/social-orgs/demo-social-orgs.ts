// Demo data of the social-organisation registry, inside the demo seed's transaction: the county's volunteers'
// association (县志愿者协会, linked to its third-party org, so its assigned cases show) at 成熟 with a purchased
// service bought by the demo town (two deliverables still ahead, each a task of the town), and a young elderly-care
// centre of the town at 孵化 with the support it was given.
import type { Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { AuditService } from '../audit/audit-service.js';
import { CaseContextProvider } from '../cases/case-context.js';
import { principalOfUser } from '../deliberations/demo-deliberations.js';
import { createTask } from '../tasks/create-task.js';
import { createProject } from './projects.js';
import { createSocialOrg } from './register-social-org.js';
import type { SocialOrgDeps } from './social-org-store.js';

const DAY = 86_400_000;

export async function seedDemoSocialOrgs(
  trx: Transaction<DB>,
  clock: Clock,
): Promise<{ associationOrgId: number | null }> {
  const county = await trx.selectFrom('users').select(['id']).where('username', '=', 'county').executeTakeFirst();
  const town = await trx.selectFrom('users').select(['id', 'org_id']).where('username', '=', 'town').executeTakeFirst();
  const association = await trx
    .selectFrom('orgs')
    .select(['id'])
    .where('kind', '=', 'third_party')
    .where('name', '=', '县志愿者协会')
    .executeTakeFirst();
  if (!county || !town?.org_id) return { associationOrgId: null };
  const contexts = new CaseContextProvider(trx, clock);
  const audit = new AuditService(trx, clock);
  const deps: SocialOrgDeps = {
    db: trx,
    clock,
    audit,
    contexts,
    tasks: { create: (input, p, t) => createTask({ db: trx, contexts, audit }, input, p, t) },
  };
  const countyP = await principalOfUser(trx, county.id);
  const townP = await principalOfUser(trx, town.id);
  const now = clock.now();
  const day = (d: number) => chinaDayOf(new Date(now.getTime() + d * DAY));

  const { id: associationId } = await createSocialOrg(deps, countyP, {
    name: '县志愿者协会',
    type: 'social_group',
    registrationNo: '51330788MJ0012345A',
    field: '志愿服务、应急救援、助老助残',
    contactName: '郑志远',
    contactPhone: '0570-8123456',
    rating: '4A',
    stage: 'mature',
    intro: '全县志愿服务的枢纽型社会组织，承接镇街购买的居家养老上门服务。',
    orgId: association?.id ?? null,
  });
  const { id: youngId } = await createSocialOrg(deps, townP, {
    name: '阳光助老服务中心',
    type: 'private_non_enterprise',
    registrationNo: '52330788MJ0067890B',
    field: '居家养老、助餐',
    contactName: '孙晓梅',
    contactPhone: '13905701234',
    rating: 'none',
    stage: 'incubating',
    intro: '由社区热心居民发起，入驻镇社会组织孵化基地。',
  });
  await trx
    .insertInto('social_org_supports')
    .values([
      {
        social_org_id: associationId,
        stage: 'cultivating',
        kind: 'funding',
        description: '县民政局社会组织发展专项资金（能力建设）',
        amount: 50000,
        given_on: day(-400),
        given_by_org_id: countyP.orgId,
        created_at: now,
      },
      {
        social_org_id: youngId,
        stage: 'incubating',
        kind: 'venue',
        description: '孵化基地免费提供 40 平方米办公场地一年',
        amount: null,
        given_on: day(-60),
        given_by_org_id: town.org_id,
        created_at: now,
      },
      {
        social_org_id: youngId,
        stage: 'incubating',
        kind: 'training',
        description: '参加社会组织负责人能力建设培训（财务管理、项目设计）',
        amount: null,
        given_on: day(-20),
        given_by_org_id: town.org_id,
        created_at: now,
      },
    ])
    .execute();
  await createProject(deps, countyP, associationId, {
    purchaserOrgId: town.org_id,
    name: '居家养老上门服务',
    contractNo: `GM-${day(0).slice(0, 4)}-001`,
    budget: 180000,
    startsOn: day(-90),
    endsOn: day(270),
    deliverables: [
      { title: '季度服务台账（上门服务 600 人次）', dueDate: day(14) },
      { title: '年度服务满意度调查报告', dueDate: day(200) },
    ],
  });
  return { associationOrgId: association?.id ?? null };
}
