// Demo data of the surveys, written inside the demo seed's transaction: each round's life through the
// capability's own use cases (so history, audit and outbox are as real) — two finished rounds of 平安建设
// 群众安全感和满意度 (the second and third quarter; quotas per town drawn from citizen accounts and the grid base
// data; their answers by link, by SMS link and by staff calls, some refusals and unanswered calls, written in bulk;
// ~160 answers across the towns in the third quarter of the full demo, so the intervals show), and a
// fourth-quarter round under way in the first community (文昌社区) with a few people pending, the demo citizen
// (13800000001) among them.
import type { Insertable, Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB, SurveyAnswersTable, SurveyCallsTable } from '../../db/schema.js';
import { MAX_CALL_ATTEMPTS, mulberry32 } from '../../domain/survey/index.js';
import { AuditService } from '../audit/audit-service.js';
import { ROLE_PERMISSIONS } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { answerByLink } from './answer-by-link.js';
import { closeRound } from './close-round.js';
import { drawRoundSample, newToken } from './draw-sample.js';
import { createRound } from './save-round.js';
import { startDistribution } from './start-distribution.js';
import type { SurveyDeps } from './survey-deps.js';

const DAY = 24 * 3600_000;
const DEMO_CITIZEN_PHONE = '13800000001';

export const SAFETY_QUESTIONNAIRE = {
  intro: '为了解群众对本地社会治安和平安建设工作的感受，县委政法委开展本次调查。问卷不记名，约需 3 分钟。',
  script:
    '您好，我是青溪县社会治理服务中心的工作人员，正在开展平安建设群众满意度调查，想占用您 3 分钟时间，可以吗？您的回答只用于统计，不会公开个人信息。',
  questions: [
    {
      key: 'safety',
      type: 'scale',
      title: '您觉得您居住的地方治安状况怎么样？',
      lowLabel: '很不安全',
      highLabel: '很安全',
      score: true,
    },
    {
      key: 'satisfaction',
      type: 'scale',
      title: '您对本地平安建设工作满意吗？',
      lowLabel: '很不满意',
      highLabel: '很满意',
    },
    {
      key: 'worry',
      type: 'single',
      title: '您最担心的治安问题是什么？',
      options: ['电信网络诈骗', '入室盗窃', '交通安全', '邻里纠纷', '其他'],
    },
    {
      key: 'seen',
      type: 'multi',
      title: '近一年您见过哪些平安建设工作？（可多选）',
      options: ['民警巡逻', '网格员走访', '志愿者巡逻', '平安宣传活动'],
      required: false,
    },
    { key: 'suggest', type: 'text', title: '您对平安建设还有什么意见建议？', required: false },
  ],
};

async function countyStaff(trx: Transaction<DB>): Promise<Principal | null> {
  const u = await trx
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.display_name', 'u.org_id', 'o.path', 'o.county_code'])
    .where('u.username', '=', 'county')
    .executeTakeFirst();
  if (!u) return null;
  const role = 'county_operator' as const;
  return {
    kind: 'user',
    userId: u.id,
    apiKeyId: null,
    role,
    displayName: u.display_name,
    orgId: u.org_id,
    orgKind: 'county',
    scopePath: u.path,
    scopeOrgIds: [],
    countyCode: u.county_code,
    permissions: new Set(ROLE_PERMISSIONS[role]),
  };
}

/** Answers leaning to the town's level of satisfaction (0 … 1), from the seeded generator. */
function demoAnswers(rng: () => number, level: number) {
  const scale = () => Math.max(1, Math.min(5, Math.round(2.2 + level * 2.6 + (rng() - 0.5) * 2.4)));
  const worries = SAFETY_QUESTIONNAIRE.questions[2]?.options ?? [];
  const seen = (SAFETY_QUESTIONNAIRE.questions[3]?.options ?? []).filter(() => rng() < 0.45);
  return {
    safety: scale(),
    satisfaction: scale(),
    worry: worries[Math.floor(rng() ** 1.6 * worries.length)] as string,
    ...(seen.length ? { seen } : {}),
    ...(rng() < 0.12 ? { suggest: rng() < 0.5 ? '希望晚上多一些巡逻' : '路口监控和路灯再多一些' } : {}),
  };
}

export async function seedDemoSurveys(
  trx: Transaction<DB>,
  clock: Clock,
  progress: (message: string) => void = () => {},
): Promise<{ rounds: number; answers: number }> {
  const staff = await countyStaff(trx);
  if (!staff?.countyCode) return { rounds: 0, answers: 0 };
  const audit = new AuditService(trx, clock);
  const deps = (daysAgo: number): SurveyDeps => ({
    db: trx,
    clock: { ...clock, now: () => new Date(clock.now().getTime() - daysAgo * DAY) },
    audit,
    sms: { send: async () => {} },
    gridPerson: async () => ({ name: '', phone: null }),
  });
  const towns = await trx
    .selectFrom('orgs')
    .select('id')
    .where('county_code', '=', staff.countyCode)
    .where('kind', '=', 'town')
    .orderBy('id')
    .execute();
  const rng = mulberry32(2026);
  const level = new Map(towns.map((t, i) => [t.id, 0.55 + ((i * 37) % 10) / 25]));
  let answersWritten = 0;

  const finished = async (title: string, perTown: number, startedAgo: number, seed: number, lift: number) => {
    const id = await createRound(deps(startedAgo + 2), staff, {
      title,
      kind: 'safety',
      questionnaire: SAFETY_QUESTIONNAIRE,
      quotas: towns.map((t) => ({ level: 'town', orgId: t.id, size: perTown })),
    });
    await drawRoundSample(deps(startedAgo + 1), staff, id, { version: 1, seed });
    await startDistribution(deps(startedAgo), staff, id, { version: 2 });
    const samples = await trx
      .selectFrom('survey_samples')
      .selectAll()
      .where('round_id', '=', id)
      .orderBy('id')
      .execute();
    // the answers of a finished round are written in bulk (the running round's go through the use cases): a few
    // hundred answers one by one, each with its audit entry, would add seconds to the first start
    const answerRows: Insertable<SurveyAnswersTable>[] = [];
    const callRows: Insertable<SurveyCallsTable>[] = [];
    const byState = new Map<string, { state: string; ids: number[]; attempts: number; sms: boolean }>();
    const mark = (state: string, sampleId: number, attempts: number, sms: boolean) => {
      const key = `${state}:${attempts}:${sms}`;
      const group = byState.get(key) ?? { state, ids: [], attempts, sms };
      group.ids.push(sampleId);
      byState.set(key, group);
    };
    for (const [i, s] of samples.entries()) {
      const at = new Date(clock.now().getTime() - (startedAgo - 1 - (i % 10)) * DAY);
      const answers = demoAnswers(rng, Math.min(1, (level.get(s.town_id) ?? 0.7) + lift));
      const roll = rng();
      const call = (outcome: 'answered' | 'no_answer' | 'refused') =>
        callRows.push({ sample_id: s.id, round_id: id, outcome, caller_user_id: staff.userId, at });
      const answer = (channel: 'link' | 'sms' | 'call') => {
        answerRows.push({
          sample_id: s.id,
          round_id: id,
          county_code: s.county_code,
          town_id: s.town_id,
          village_id: s.village_id,
          channel,
          answers: JSON.stringify(answers),
          recorded_by_user_id: channel === 'call' ? staff.userId : null,
          answered_at: at,
        });
        answersWritten++;
      };
      if (roll < 0.06) {
        call('refused');
        mark('refused', s.id, 1, false);
      } else if (roll < 0.12) {
        for (let k = 0; k < MAX_CALL_ATTEMPTS; k++) call('no_answer');
        mark('unreachable', s.id, MAX_CALL_ATTEMPTS, false);
      } else if (roll < 0.45) {
        call('answered');
        answer('call');
        mark('answered', s.id, 1, false);
      } else {
        const sms = roll < 0.75;
        answer(sms ? 'sms' : 'link');
        mark('answered', s.id, 0, sms);
      }
    }
    for (let k = 0; k < answerRows.length; k += 500) {
      await trx
        .insertInto('survey_answers')
        .values(answerRows.slice(k, k + 500))
        .execute();
    }
    if (callRows.length) await trx.insertInto('survey_calls').values(callRows).execute();
    const sentAt = new Date(clock.now().getTime() - startedAgo * DAY);
    for (const group of byState.values()) {
      await trx
        .updateTable('survey_samples')
        .set({
          state: group.state,
          call_attempts: group.attempts,
          version: 2,
          ...(group.sms ? { sms_sent_at: sentAt } : {}),
          ...(group.attempts > 0 ? { last_call_at: sentAt } : {}),
        })
        .where('id', 'in', group.ids)
        .execute();
    }
    await closeRound(deps(startedAgo - 14), staff, id, { version: 3 });
  };
  await finished('2026年第二季度平安建设群众安全感和满意度调查', 10, 160, 20260401, -0.08);
  await finished('2026年第三季度平安建设群众安全感和满意度调查', 18, 70, 20260701, 0);

  // the fourth quarter, under way in the first community
  const village = await trx
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['o.id', 'o.parent_id'])
    .where('u.username', '=', 'village')
    .executeTakeFirst();
  if (village) {
    const id = await createRound(deps(5), staff, {
      title: '2026年第四季度平安建设群众安全感和满意度调查（文昌社区试点）',
      kind: 'safety',
      questionnaire: SAFETY_QUESTIONNAIRE,
      quotas: [{ level: 'village', orgId: village.id, size: 6 }],
    });
    await drawRoundSample(deps(4), staff, id, { version: 1, seed: 20261001 });
    // the demo citizen is among the sampled (added if the draw passed them by), so 我的 shows a pending survey
    const citizen = await trx
      .selectFrom('users as u')
      .select(['u.id', 'u.phone'])
      .where('u.phone', '=', DEMO_CITIZEN_PHONE)
      .where('u.role', '=', 'citizen')
      .executeTakeFirst();
    const drawn = await trx.selectFrom('survey_samples').select('user_id').where('round_id', '=', id).execute();
    if (citizen && village.parent_id && !drawn.some((d) => d.user_id === citizen.id)) {
      await trx
        .insertInto('survey_samples')
        .values({
          round_id: id,
          county_code: staff.countyCode,
          town_id: village.parent_id,
          village_id: village.id,
          source: 'citizen',
          user_id: citizen.id,
          grid_record_id: null,
          name_masked: '张*',
          phone_masked: '138****0001',
          token: newToken(),
        })
        .execute();
    }
    await startDistribution(deps(3), staff, id, { version: 2 });
    const first = await trx
      .selectFrom('survey_samples')
      .selectAll()
      .where('round_id', '=', id)
      .where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '!=', citizen?.id ?? 0)]))
      .orderBy('id')
      .limit(2)
      .execute();
    for (const s of first) {
      await answerByLink(deps(2), s.token, { answers: demoAnswers(rng, 0.8), via: 'link' });
      answersWritten++;
    }
  }
  progress(`民意调查 3 轮（2 轮已结束、1 轮发放中），答卷 ${answersWritten} 份`);
  return { rounds: 3, answers: answersWritten };
}
