// Demo data of the small-power list, written inside the demo seed's transaction through the capability's own
// writers: the county's template (the five powers of src/domain/power/county-template.ts); the first community
// (the `village` account's, 文昌社区) adopts it; three exercises — a 集体资产处置 completed with both publicity
// periods, a 工程项目招投标 whose tender notice is up now (公示中), and a 低保 application whose household survey
// was late and whose publicity of the appraisal is missing (the town's view shows both in red).
import type { Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { addDays, COUNTY_POWER_TEMPLATE } from '../../domain/power/index.js';
import { AuditService } from '../audit/audit-service.js';
import { copyTemplateInto } from './adopt-template.js';
import { procedureOf } from './power-rows.js';
import { writeStep } from './record-step.js';
import { writeNewExercise } from './start-exercise.js';

interface DemoExercise {
  item: string;
  title: string;
  subject: string;
  amount: number | null;
  /** days before today */
  started: number;
  /** [step key, days before today, approved by, all documents?] */
  steps: [string, number, string, boolean][];
}

const DEMO_EXERCISES: DemoExercise[] = [
  {
    item: '集体资产处置',
    title: '村集体闲置厂房（原农机站）出租',
    subject: '出租期限 5 年，公开竞租',
    amount: 120000,
    started: 60,
    steps: [
      ['proposal', 60, '村党组织书记', true],
      ['consult', 57, '村两委联席会议', true],
      ['party_review', 52, '党员大会（到会 41 人）', true],
      ['resolution', 47, '村民代表会议（到会 32 人，同意 29 人）', true],
      ['resolution_publicity', 46, '村民委员会', true],
      ['implement', 35, '村民委员会', true],
      ['result_publicity', 30, '村民委员会', true],
    ],
  },
  {
    item: '工程项目招投标',
    title: '文昌路至学府路村道硬化工程',
    subject: '全长 1.2 公里，宽 4.5 米',
    amount: 380000,
    started: 20,
    steps: [
      ['proposal', 20, '村党组织书记', true],
      ['consult', 18, '村两委联席会议', true],
      ['party_review', 14, '党员大会（到会 38 人）', true],
      ['resolution', 10, '村民代表会议（到会 30 人，同意 27 人）', true],
      ['resolution_publicity', 9, '村民委员会', true],
      ['town_review', 3, '街道农村集体三资管理办公室', true],
      ['tender_notice', 1, '村民委员会', true],
    ],
  },
  {
    item: '低保申请评议',
    title: '第1网格一户最低生活保障申请',
    subject: '申请人李某某，共同生活 3 人，因病致贫',
    amount: null,
    started: 40,
    steps: [
      ['application', 39, '村民委员会（代为提出）', true],
      ['investigation', 20, '村两委、街道民政办', true],
      ['appraisal', 18, '村民代表会议（到会 25 人）', false],
    ],
  },
];

export async function seedDemoPowers(
  trx: Transaction<DB>,
  clock: Clock,
  progress: (message: string) => void = () => {},
): Promise<{ items: number; exercises: number }> {
  const village = await trx
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['o.id', 'o.name', 'o.county_code'])
    .where('u.username', '=', 'village')
    .executeTakeFirst();
  if (!village) return { items: 0, exercises: 0 };
  const now = clock.now();
  const today = chinaDayOf(now);
  const audit = new AuditService(trx, clock);
  await trx
    .insertInto('power_items')
    .values(
      COUNTY_POWER_TEMPLATE.map((t, i) => ({
        county_code: village.county_code,
        village_id: null,
        template_item_id: null,
        template_version: null,
        category: t.category,
        name: t.name,
        legal_basis: t.legalBasis,
        description: t.description,
        steps: JSON.stringify(t.steps),
        sort: (i + 1) * 10,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const adopted = await copyTemplateInto(trx, { id: village.id, countyCode: village.county_code }, now);
  const items = await trx.selectFrom('power_items').selectAll().where('id', 'in', adopted).execute();
  for (const demo of DEMO_EXERCISES) {
    const item = items.find((i) => i.name === demo.item);
    if (!item) continue;
    const procedure = procedureOf(item.steps);
    const { id } = await writeNewExercise(
      trx,
      audit,
      null,
      { ...item, village_id: village.id },
      {
        itemId: item.id,
        title: demo.title,
        subject: demo.subject,
        amount: demo.amount,
        startedOn: addDays(today, -demo.started),
      },
      now,
    );
    let version = 1;
    for (const [key, ago, approvedBy, allDocuments] of demo.steps) {
      const documents = procedure.find((s) => s.key === key)?.documents ?? [];
      await writeStep(
        trx,
        audit,
        null,
        id,
        {
          version,
          stepKey: key,
          doneOn: addDays(today, -ago),
          approvedBy,
          documents: allDocuments ? [...documents] : documents.slice(0, 1),
        },
        now,
      );
      version++;
    }
  }
  progress(
    `小微权力清单 ${COUNTY_POWER_TEMPLATE.length} 项（${village.name}已采用），权力运行记录 ${DEMO_EXERCISES.length} 件`,
  );
  return { items: adopted.length, exercises: DEMO_EXERCISES.length };
}
