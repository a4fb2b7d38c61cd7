// The survey capability's public face (智慧民调: rounds, samples, the link, SMS and call channels, results):
// each method is one use case of its own file; routes and the demo seed call it; no other module touches its
// tables.
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { RoundKind, RoundState, SampleState } from '../../domain/survey/index.js';
import type { Principal } from '../auth/principal.js';
import { answerByLink } from './answer-by-link.js';
import { claimNext, revealPhone } from './call-screen.js';
import { closeRound } from './close-round.js';
import { drawRoundSample } from './draw-sample.js';
import { resultsWorkbook } from './export-results.js';
import { type CallInput, recordCall } from './record-call.js';
import { createRound, type RoundFields, updateRound } from './save-round.js';
import { sendSmsLinks } from './send-sms.js';
import { startDistribution } from './start-distribution.js';
import type { SurveyDeps } from './survey-deps.js';
import * as queries from './survey-queries.js';
import { inSurveyVillages } from './survey-scope.js';
import { loadRound, questionnaireOf } from './survey-store.js';
import type { CallScreenView } from './survey-views.js';

export class SurveyService {
  constructor(private readonly deps: SurveyDeps & { db: Kysely<DB> }) {}

  // ── rounds ──
  rounds(p: Principal, f: { kind?: RoundKind; state?: RoundState }) {
    return queries.listRounds(this.deps.db, p, f);
  }
  round(p: Principal, id: number) {
    return queries.roundDetail(this.deps.db, p, id);
  }
  async create(p: Principal, input: RoundFields) {
    return this.round(p, await createRound(this.deps, p, input));
  }
  async update(p: Principal, id: number, input: Parameters<typeof updateRound>[3]) {
    await updateRound(this.deps, p, id, input);
    return this.round(p, id);
  }
  draw(p: Principal, id: number, input: { version: number; seed?: number }) {
    return drawRoundSample(this.deps, p, id, input);
  }
  async start(p: Principal, id: number, input: { version: number }) {
    await startDistribution(this.deps, p, id, input);
    return this.round(p, id);
  }
  async close(p: Principal, id: number, input: { version: number }) {
    await closeRound(this.deps, p, id, input);
    return this.round(p, id);
  }
  sendSms(p: Principal, id: number, baseUrl: string) {
    return sendSmsLinks(this.deps, p, id, { baseUrl });
  }
  samples(p: Principal, id: number, f: { state?: SampleState; villageId?: number; page?: number; pageSize?: number }) {
    return queries.listSamples(this.deps.db, p, id, f);
  }

  // ── results ──
  results(p: Principal, id: number) {
    return queries.results(this.deps.db, p, id);
  }
  async resultsXlsx(p: Principal, id: number) {
    const r = await queries.results(this.deps.db, p, id);
    await this.deps.audit.record(p, { action: 'survey.export', targetType: 'survey_round', targetId: id });
    return { title: r.round.title, body: await resultsWorkbook(r) };
  }
  trends(p: Principal, kind: RoundKind) {
    return queries.trends(this.deps.db, p, kind);
  }
  async indicator(p: Principal, id: number) {
    const view = await queries.indicator(this.deps.db, p, id);
    if (!view) {
      throw new AppError('SURVEY_ACTION_NOT_ALLOWED_IN_STATE', {
        message: '调查结束后才能作为考核指标',
        details: { roundId: id },
      });
    }
    return view;
  }

  // ── the call screen ──
  async nextCall(p: Principal, roundId: number): Promise<CallScreenView> {
    const round = await loadRound(this.deps.db, p, roundId);
    const q = questionnaireOf(round);
    const person = await claimNext(this.deps, p, roundId);
    const remaining = await this.deps.db
      .selectFrom('survey_samples')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('round_id', '=', roundId)
      .where('state', '=', 'pending')
      .where(inSurveyVillages(p, 'survey_samples'))
      .executeTakeFirstOrThrow();
    const names = new Map(
      (
        await this.deps.db
          .selectFrom('orgs')
          .select(['id', 'name'])
          .where('id', 'in', person ? [person.town_id, person.village_id] : [0])
          .execute()
      ).map((o) => [o.id, o.name]),
    );
    return {
      round: { id: round.id, title: round.title, script: q.script, questionnaire: q },
      person: person
        ? { ...queries.sampleView(person, names), heldUntil: new Date(person.claimed_until as Date).toISOString() }
        : null,
      remaining: Number(remaining.n),
    };
  }
  reveal(p: Principal, sampleId: number, ip?: string) {
    return revealPhone(this.deps, p, sampleId, ip);
  }
  recordCall(p: Principal, sampleId: number, input: CallInput) {
    return recordCall(this.deps, p, sampleId, input);
  }

  // ── the citizen and the link ──
  mine(p: Principal) {
    return queries.mySurveys(this.deps.db, p);
  }
  async publicSurvey(token: string) {
    const view = await queries.publicSurvey(this.deps.db, token);
    if (!view) throw new AppError('SURVEY_LINK_INVALID');
    return view;
  }
  answer(token: string, input: { answers: unknown; via?: 'link' | 'sms' }) {
    return answerByLink(this.deps, token, input);
  }
}
