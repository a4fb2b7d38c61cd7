// Opens a case from any channel: validate what the reporter gave, route it by place (point → grid → village →
// town) to the level that receives that channel, open it through the state machine (with 智能分类's note when the
// classifier runs at intake) and write it all in one statement. The same hotline order or the same phone resubmission returns the case already made.
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import { searchDocument } from '../../domain/analysis/index.js';
import { type CaseLevel, type CaseSource, openCase, type Reporter } from '../../domain/case/index.js';
import { jiebaSegmenter } from '../../domain/text/index.js';
import { PHONE_PATTERN } from '../auth/auth-service.js';
import type { Principal } from '../auth/principal.js';
import type { OrgService } from '../orgs/org-service.js';
import { amendedOutcome } from './amend-case.js';
import { actorOf, SYSTEM_ACTOR } from './case-actor.js';
import type { CaseContextProvider } from './case-context.js';
import type { FreshCase } from './case-queries.js';
import { isCountyRoot } from './case-scope.js';
import { assignmentsOf, deadlineRows, eventRows, newCaseColumns } from './case-store.js';
import { CASE_CHANNELS, type CaseChannel, type CreateCaseInput } from './case-views.js';
import type { IntakeClassifier } from './intake-classifier.js';
import { insertNewCases, type NewCaseWriter, newCaseRows } from './new-case-writer.js';
import { sealReporter } from './reporter-fields.js';

const SOURCE_OF_CHANNEL: Record<CaseChannel, CaseSource> = {
  citizen_app: 'citizen_app',
  hotline: 'hotline_12345',
  grid_patrol: 'grid_patrol',
  screening: 'screening',
  walk_in: 'walk_in',
  petition: 'petition',
  open311: 'open311',
  video: 'video',
};

/** The platform that receives a channel's cases; staff intake lands at the staff member's own level. */
const INTAKE_LEVEL: Record<CaseChannel, CaseLevel | 'creator'> = {
  citizen_app: 'village',
  open311: 'village',
  hotline: 'county',
  petition: 'county',
  grid_patrol: 'grid',
  screening: 'creator',
  walk_in: 'creator',
  // machine-detected events (issue 14 §3) land at their grid, straight into 核实 (VERIFY_FIRST)
  video: 'grid',
};

/** Channels whose cases open at 核实 with their grid's worker instead of waiting to be accepted. */
const VERIFY_FIRST: readonly CaseChannel[] = ['video'];

const CREATOR_LEVELS: Record<string, CaseLevel> = { county: 'county', town: 'town', village: 'village', grid: 'grid' };

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { message, details: { field } });
}

export function validateCreateInput(input: CreateCaseInput): void {
  if (!CASE_CHANNELS.includes(input.channel)) throw invalid('channel', `不支持的来源渠道：${input.channel}`);
  const body = (input.body ?? '').trim();
  if (body.length < 5) throw invalid('body', '请描述您反映的问题（至少 5 个字）');
  if (body.length > 5000) throw invalid('body', '问题描述不能超过 5000 字');
  if ((input.lat == null) !== (input.lng == null)) throw invalid('lat', '位置的经度和纬度必须同时提供');
  if (input.lat != null && (Math.abs(input.lat) > 90 || Math.abs(input.lng as number) > 180)) {
    throw invalid('lat', '位置坐标不正确');
  }
  if (input.lat == null && input.gridId == null)
    throw invalid('location', '请提供问题发生的位置（地图选点或所在网格）');
  const phone = input.reporter?.phone?.trim();
  if (phone && !PHONE_PATTERN.test(phone))
    throw invalid('reporter.phone', '手机号码格式不正确，请输入 11 位中国大陆手机号');
  if ((input.attachmentIds?.length ?? 0) > 9) throw invalid('attachmentIds', '最多上传 9 张照片');
  if (input.title && input.title.length > 200) throw invalid('title', '标题不能超过 200 字');
}

export function titleFrom(body: string): string {
  const first = body.trim().split(/[。！？!?\n]/)[0] ?? body;
  return [...first].slice(0, 40).join('');
}

interface Place {
  countyId: number;
  townId: number;
  villageId: number;
  gridId: number;
  countyCode: string;
  gridPath: string;
}

async function placeOf(db: Kysely<DB>, orgs: OrgService, input: CreateCaseInput): Promise<Place> {
  let gridId = input.gridId ?? null;
  if (input.lat != null && input.lng != null) {
    const located = await orgs.locate(input.lat, input.lng);
    gridId = located.grid.id;
  }
  const grid = await db
    .selectFrom('orgs as g')
    .innerJoin('orgs as v', 'v.id', 'g.parent_id')
    .innerJoin('orgs as t', 't.id', 'v.parent_id')
    .select(['g.id as grid', 'v.id as village', 't.id as town', 't.parent_id as county', 'g.county_code', 'g.path'])
    .where('g.id', '=', gridId ?? -1)
    .where('g.kind', '=', 'grid')
    .executeTakeFirst();
  if (!grid || grid.county === null)
    throw new AppError('ORG_NOT_FOUND', { message: '所选网格不存在', details: { gridId } });
  return {
    gridId: grid.grid,
    villageId: grid.village,
    townId: grid.town,
    countyId: grid.county,
    countyCode: grid.county_code,
    gridPath: grid.path,
  };
}

async function existing(db: Kysely<DB>, input: CreateCaseInput): Promise<number | undefined> {
  if (input.externalRef) {
    const row = await db
      .selectFrom('cases')
      .select('id')
      .where('channel', '=', input.channel)
      .where('external_ref', '=', input.externalRef)
      .executeTakeFirst();
    if (row) return row.id;
  }
  if (input.clientToken) {
    const row = await db
      .selectFrom('cases')
      .select('id')
      .where('client_token', '=', input.clientToken)
      .executeTakeFirst();
    if (row) return row.id;
  }
  return undefined;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === '23505';
}

export interface CreateDeps {
  db: Kysely<DB>;
  /** 智能分类 at intake (intake-classifier.ts); without it the consumer classifies the case afterwards. */
  classifier?: IntakeClassifier | null;
  /** Group commit of concurrent intakes; without it each case is its own statement. */
  writer?: NewCaseWriter;
  /** The reporter's name and phone are stored encrypted, with the phone's blind index (reporter-fields.ts). */
  crypto: FieldCrypto;
  orgs: OrgService;
  contexts: CaseContextProvider;
}

/** Returns the case id and whether it was created now. */
export async function createCase(
  deps: CreateDeps,
  input: CreateCaseInput,
  by: Principal | null,
): Promise<{ id: number; created: boolean; fresh?: FreshCase }> {
  validateCreateInput(input);
  const already = await existing(deps.db, input);
  if (already !== undefined) return { id: already, created: false };
  const place = await placeOf(deps.db, deps.orgs, input);
  if (by?.countyCode && by.countyCode !== place.countyCode) throw new AppError('OUTSIDE_COUNTY');
  // Staff register cases in their own area (the county platform anywhere in the county).
  if (
    by &&
    by.kind === 'user' &&
    by.role !== 'citizen' &&
    !isCountyRoot(by) &&
    !place.gridPath.startsWith(by.scopePath ?? '∅')
  ) {
    throw new AppError('ORG_NOT_FOUND', { message: '该位置不在您的管辖范围内', details: { gridId: place.gridId } });
  }

  let categoryId = input.categoryId ?? null;
  if (categoryId !== null) {
    const cat = await deps.db.selectFrom('categories').select('id').where('id', '=', categoryId).executeTakeFirst();
    if (!cat) throw new AppError('CATEGORY_NOT_FOUND', { details: { categoryId } });
  } else {
    categoryId = 0;
  }

  const intake = INTAKE_LEVEL[input.channel];
  const level: CaseLevel = intake === 'creator' ? (CREATOR_LEVELS[by?.orgKind ?? ''] ?? 'county') : intake;
  const route = {
    grid: String(place.gridId),
    village: String(place.villageId),
    town: String(place.townId),
    county: String(place.countyId),
  };
  const reporter: Reporter =
    by?.role === 'citizen' || input.reporter?.citizenUserId
      ? { kind: 'citizen', citizenId: String(input.reporter?.citizenUserId ?? by?.userId) }
      : input.reporter?.anonymous
        ? { kind: 'anonymous' }
        : by?.kind === 'user' && by.orgId
          ? { kind: 'staff', userId: String(by.userId), orgId: String(by.orgId) }
          : { kind: 'anonymous' };
  const title = input.title?.trim() || titleFrom(input.body);
  const body = input.body.trim();
  const classification = await deps.classifier?.prepare({
    countyCode: place.countyCode,
    townId: place.townId,
    channel: input.channel,
    title,
    body,
    categoryId: categoryId === 0 ? null : categoryId,
    openedDetails: input.openedDetails ?? {},
  });
  const ctx = await deps.contexts.context();
  const anonymous = input.reporter?.anonymous ?? false;
  const staffReporter = by?.kind === 'user' && by.role !== 'citizen' && input.channel === 'grid_patrol';

  try {
    {
      const { id } = await deps.db
        .selectNoFrom((eb) => eb.fn<number>('nextval', [eb.val('cases_id_seq')]).as('id'))
        .executeTakeFirstOrThrow();
      const caseId = Number(id);
      const opened = openCase(
        {
          id: String(caseId),
          categoryId: String(categoryId),
          urgency: input.urgency ?? 'normal',
          source: SOURCE_OF_CHANNEL[input.channel],
          reporter,
          route,
          intakeLevel: level,
          verifyFirst: VERIFY_FIRST.includes(input.channel),
        },
        by ? actorOf(by) : SYSTEM_ACTOR,
        ctx,
      );
      if (!opened.ok)
        throw new AppError('VALIDATION_FAILED', { message: opened.error.message, details: opened.error.details });
      const day = ctx.now.toISOString().slice(0, 10).replace(/-/g, '');
      const address = input.address?.trim() || null;
      // The domain case carries "no category" as "0"; the row keeps NULL (see caseProjection).
      const openedOutcome = input.openedDetails
        ? {
            ...opened.value,
            events: opened.value.events.map((e) => ({ ...e, details: { ...input.openedDetails, ...e.details } })),
          }
        : opened.value;
      // The classifier's note is the case's second entry, written with the first.
      const noted =
        classification &&
        amendedOutcome(openedOutcome.case, SYSTEM_ACTOR, ctx, {
          source: 'intelligence',
          fields: [],
          ...classification.note,
        });
      const outcome = noted
        ? { ...noted, events: [...openedOutcome.events, ...noted.events], deadlines: openedOutcome.deadlines }
        : openedOutcome;
      // Written once, whole: the machine's snapshot and projections, and the search vector made here, so
      // neither a second update nor the search indexer rewrites the new row and its indexes.
      const machine = newCaseColumns(outcome);
      const written = {
        number: `GZ${day}${String(caseId).padStart(7, '0')}`,
        county_code: place.countyCode,
        channel: input.channel,
        town_id: place.townId,
        village_id: place.villageId,
        grid_id: place.gridId,
        external_ref: input.externalRef ?? null,
        reply: machine.reply,
      };
      const reporterName = anonymous
        ? null
        : input.reporter?.name?.trim() || (staffReporter ? by?.displayName : null) || null;
      const reporterPhone = anonymous ? null : input.reporter?.phone?.trim() || null;
      const caseRow = {
        id: caseId,
        ...written,
        title,
        body,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
        address,
        reporter_user_id:
          input.reporter?.citizenUserId ?? (by?.role === 'citizen' || staffReporter ? by?.userId : null) ?? null,
        ...sealReporter(deps.crypto, reporterName, reporterPhone),
        anonymous,
        reported_at: ctx.now,
        created_at: ctx.now,
        client_token: input.clientToken ?? null,
        created_by: by?.kind === 'user' ? by.userId : null,
        extra: JSON.stringify(input.extra ?? {}),
        attachment_ids: input.attachmentIds ?? [],
        ...machine,
        search_vector: sql<string>`to_tsvector('simple', ${searchDocument([title, body, address], jiebaSegmenter())})`,
      };
      const actorUserId = by?.userId ?? null;
      // One statement, atomic by itself, shared with the intakes arriving beside it (new-case-writer.ts): the row,
      // its timeline, clocks, assignments, the suggestion, the outbox.
      const rows = newCaseRows(caseRow, outcome, written, actorUserId, classification?.suggestion(caseId));
      await (deps.writer ? deps.writer.write(rows) : insertNewCases(deps.db, [rows]));
      const c = outcome.case;
      const fresh: FreshCase = {
        row: {
          id: caseId,
          ...written,
          title,
          body,
          status: machine.status,
          category_id: machine.category_id,
          urgency: machine.urgency,
          level: machine.level,
          owner_org_id: machine.owner_org_id,
          lead_org_id: machine.lead_org_id,
          supervision_level: machine.supervision_level,
          listed: machine.listed,
          reported_at: ctx.now,
          updated_at: machine.updated_at,
          closed_at: machine.closed_at,
          version: machine.version,
          lat: input.lat ?? null,
          lng: input.lng ?? null,
          address,
          reporter_name: reporterName,
          reporter_phone: reporterPhone,
          anonymous,
          satisfaction: machine.satisfaction,
          attachment_ids: input.attachmentIds ?? [],
          merged_into_id: machine.merged_into_id,
        },
        machine: c,
        events: eventRows(caseId, outcome.events, actorUserId),
        deadlines: deadlineRows(c, written),
        assignments: assignmentsOf(c),
      };
      return { id: caseId, created: true, fresh };
    }
  } catch (error) {
    // Two identical submissions at once: the unique index let one through; answer with that one.
    if (isUniqueViolation(error)) {
      const winner = await existing(deps.db, input);
      if (winner !== undefined) return { id: winner, created: false };
    }
    throw error;
  }
}
