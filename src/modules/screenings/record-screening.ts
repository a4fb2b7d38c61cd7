// Completes a screening with its record (填报排查记录): the checklist answered item by item, what was found —
// each finding becomes a case through the case service (channel 'screening') or a dispute record through the
// dispute service (source 'screening') — or "nothing found", photos, and for a grid the worker's location.
//
// Guard, then act: the task must be visible (else SCREENING_NOT_FOUND), the caller's own unit's (else
// SCREENING_NOT_OWNER), not cancelled and not yet recorded. The findings' cases and disputes are created first,
// each with a key derived from the phone's client token, so that a resend after a dropped connection finds
// them instead of making them twice (the case and dispute services own their transactions); then ONE
// transaction writes the record and its findings, signs and completes the task through the task machine
// (history, clock, notifications, audit, outbox) and the screening's audit entry. A resend with the same client
// token answers with the record already written.

import { AppError } from '../../core/errors.js';
import type { ChecklistItem, FindingRoute, ScreeningLevel } from '../../domain/screening/index.js';
import type { Principal } from '../auth/principal.js';
import type { DisputeService } from '../disputes/index.js';
import type { ScreeningDeps } from './screening-deps.js';
import { screeningsVisibleTo } from './screening-scope.js';
import { readSettings } from './screening-settings.js';

type RegisterDisputeInput = Parameters<DisputeService['register']>[0];

export interface FindingInput {
  /** The checklist item it answers (矛盾纠纷, 安全隐患 …). */
  itemKey: string;
  route: FindingRoute;
  summary: string;
  /** Where it is: a grid of the unit (a grid's own by default), or a point. */
  gridId?: number | null;
  lat?: number | null;
  lng?: number | null;
  address?: string | null;
  categoryId?: number | null;
  /** For a dispute: its type and parties (the dispute service's rules apply). */
  dispute?: {
    typeCode: string;
    parties: RegisterDisputeInput['parties'];
    peopleInvolved?: number;
    amount?: number;
  };
}

export interface RecordScreeningInput {
  /** Made by the phone once per screening: a resend with it is harmless. */
  clientToken: string;
  checklist: { key: string; found: boolean; note?: string }[];
  nothingFound: boolean;
  findings?: FindingInput[];
  note?: string;
  attachmentIds?: string[];
  lat?: number | null;
  lng?: number | null;
}

const OPEN = ['pending_sign', 'in_progress', 'overdue'];

function invalid(field: string, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('VALIDATION_FAILED', { message, details: { field, ...details } });
}

/** The checklist as answered, in the configured order; refuses unknown, missing and repeated items. */
function answeredChecklist(configured: readonly ChecklistItem[], input: RecordScreeningInput) {
  const keys = input.checklist.map((c) => c.key);
  const unknown = keys.filter((k) => !configured.some((c) => c.key === k));
  if (unknown.length > 0) throw invalid('checklist', '排查内容中有未配置的项目，请刷新后重新填写', { unknown });
  if (new Set(keys).size !== keys.length) throw invalid('checklist', '排查内容的每一项只能填写一次');
  const missing = configured.filter((c) => !keys.includes(c.key));
  if (missing.length > 0) {
    throw invalid('checklist', `请逐项填写排查内容，尚未填写：${missing.map((m) => m.label).join('、')}`, {
      missing: missing.map((m) => m.key),
    });
  }
  return configured.map((c) => {
    const answer = input.checklist.find((a) => a.key === c.key) as RecordScreeningInput['checklist'][number];
    return { key: c.key, label: c.label, found: answer.found, note: (answer.note ?? '').trim() };
  });
}

function checkFindings(
  level: ScreeningLevel,
  checklist: ReturnType<typeof answeredChecklist>,
  input: RecordScreeningInput,
): FindingInput[] {
  const findings = input.findings ?? [];
  const found = checklist.filter((c) => c.found);
  if (input.nothingFound) {
    if (findings.length > 0 || found.length > 0) {
      throw invalid('nothingFound', '选择了“未发现问题”，就不能再填写发现的问题');
    }
  } else if (findings.length === 0) {
    throw invalid('findings', '请填写发现的问题，或选择“未发现问题”');
  }
  for (const [i, f] of findings.entries()) {
    if (!found.some((c) => c.key === f.itemKey)) {
      throw invalid(`findings.${i}.itemKey`, '每个发现的问题须对应一项勾选为“发现问题”的排查内容');
    }
    if (f.summary.trim().length < 5) throw invalid(`findings.${i}.summary`, '请描述发现的问题（至少 5 个字）');
    if (f.route === 'dispute' && !f.dispute) {
      throw invalid(`findings.${i}.dispute`, '转为矛盾纠纷须填写纠纷类型和双方当事人');
    }
    if (f.route === 'case' && level !== 'grid' && f.gridId == null && f.lat == null) {
      throw invalid(`findings.${i}.gridId`, '请选择问题所在的网格或在地图上选点');
    }
  }
  const unanswered = found.filter((c) => !findings.some((f) => f.itemKey === c.key));
  if (unanswered.length > 0) {
    throw invalid('findings', `勾选为“发现问题”的项目须填写具体问题：${unanswered.map((u) => u.label).join('、')}`);
  }
  if (level === 'grid' && (input.lat == null || input.lng == null)) {
    throw invalid('location', '网格排查须记录排查时的位置，请允许定位后重新提交');
  }
  return findings;
}

async function loadScreening(deps: ScreeningDeps, taskId: number, principal: Principal) {
  const row = await deps.db
    .selectFrom('screening_tasks')
    .innerJoin('tasks', 'tasks.id', 'screening_tasks.task_id')
    .innerJoin('orgs', 'orgs.id', 'screening_tasks.org_id')
    .select([
      'screening_tasks.task_id',
      'screening_tasks.org_id',
      'screening_tasks.level',
      'screening_tasks.county_code',
      'screening_tasks.due_at',
      'tasks.state',
      'tasks.signed',
      'tasks.version',
      'orgs.name as org_name',
    ])
    .where('screening_tasks.task_id', '=', taskId)
    .where(screeningsVisibleTo(principal))
    .executeTakeFirst();
  if (!row) throw new AppError('SCREENING_NOT_FOUND', { details: { taskId } });
  return row;
}

async function recordOfToken(deps: ScreeningDeps, token: string) {
  return deps.db
    .selectFrom('screening_records')
    .select(['id', 'task_id'])
    .where('client_token', '=', token)
    .executeTakeFirst();
}

/** The case or dispute a finding became; the second attempt finds the first one's by its key. */
async function routeFinding(
  deps: ScreeningDeps,
  principal: Principal,
  screening: { org_id: number; level: string; org_name: string },
  finding: FindingInput,
  label: string,
  key: string,
): Promise<{ caseId: number | null; disputeId: number | null }> {
  if (finding.route === 'case') {
    const gridId = finding.gridId ?? (finding.lat == null && screening.level === 'grid' ? screening.org_id : null);
    const created = await deps.cases.create(
      {
        channel: 'screening',
        title: `排查发现${label}：${[...finding.summary.trim()].slice(0, 30).join('')}`,
        body: finding.summary.trim(),
        gridId,
        lat: finding.lat ?? null,
        lng: finding.lng ?? null,
        address: finding.address ?? null,
        categoryId: finding.categoryId ?? null,
        clientToken: key,
        extra: { screening: { orgId: screening.org_id, item: label } },
      },
      principal,
    );
    return { caseId: created.id, disputeId: null };
  }
  const existing = await deps.db
    .selectFrom('disputes')
    .select('id')
    .where('source', '=', 'screening')
    .where('source_ref', '=', key)
    .executeTakeFirst();
  if (existing) return { caseId: null, disputeId: existing.id };
  const d = finding.dispute as NonNullable<FindingInput['dispute']>;
  const registered = await deps.disputes.register(
    {
      typeCode: d.typeCode,
      title: [...finding.summary.trim()].slice(0, 60).join(''),
      description: `${screening.org_name}排查发现（${label}）：${finding.summary.trim()}`,
      parties: d.parties,
      ...(d.peopleInvolved !== undefined && { peopleInvolved: d.peopleInvolved }),
      ...(d.amount !== undefined && { amount: d.amount }),
      source: 'screening',
      sourceRef: key,
      placeOrgId: finding.gridId ?? (screening.level === 'county' ? null : screening.org_id),
      address: finding.address ?? null,
    },
    principal,
  );
  return { caseId: null, disputeId: registered.id };
}

export async function recordScreening(
  deps: ScreeningDeps,
  taskId: number,
  input: RecordScreeningInput,
  principal: Principal,
): Promise<{ recordId: number; replayed: boolean }> {
  const screening = await loadScreening(deps, taskId, principal);
  const token = input.clientToken.trim();
  const resent = await recordOfToken(deps, token);
  if (resent) {
    if (Number(resent.task_id) !== taskId) throw new AppError('SCREENING_TOKEN_REUSED', { details: { taskId } });
    return { recordId: Number(resent.id), replayed: true };
  }
  if (screening.org_id !== principal.orgId) throw new AppError('SCREENING_NOT_OWNER', { details: { taskId } });
  const already = await deps.db
    .selectFrom('screening_records')
    .select('id')
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  if (already || screening.state === 'done') {
    throw new AppError('SCREENING_ALREADY_RECORDED', { details: { taskId, recordId: already?.id ?? null } });
  }
  if (!OPEN.includes(screening.state)) throw new AppError('SCREENING_TASK_CLOSED', { details: { taskId } });

  const level = screening.level as ScreeningLevel;
  const setting = (await readSettings(deps.db)).get(level);
  const checklist = answeredChecklist(setting?.checklist ?? [], input);
  const findings = checkFindings(level, checklist, input);
  await checkOwnUploads(deps, input.attachmentIds ?? [], principal);

  // The findings' cases and disputes, each keyed by the client token: a resend finds them.
  const routed: { caseId: number | null; disputeId: number | null }[] = [];
  for (const [i, f] of findings.entries()) {
    const label = checklist.find((c) => c.key === f.itemKey)?.label ?? f.itemKey;
    routed.push(await routeFinding(deps, principal, screening, f, label, `screening:${token}:${i + 1}`));
  }

  const ctx = await deps.contexts.context();
  const late = ctx.now > new Date(screening.due_at);
  const result = (() => {
    if (findings.length === 0) return '排查完成：未发现问题';
    const cases = routed.filter((r) => r.caseId !== null).length;
    const disputes = routed.length - cases;
    return `排查完成：发现问题 ${findings.length} 项（转案件 ${cases} 件、登记矛盾纠纷 ${disputes} 件）`;
  })();

  try {
    const recordId = await deps.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('screening_records')
        .values({
          task_id: taskId,
          county_code: screening.county_code,
          org_id: screening.org_id,
          client_token: token,
          checklist: JSON.stringify(checklist),
          nothing_found: input.nothingFound,
          note: (input.note ?? '').trim(),
          attachment_ids: input.attachmentIds ?? [],
          lat: input.lat ?? null,
          lng: input.lng ?? null,
          recorded_by: principal.userId,
          recorded_at: ctx.now,
          late,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(inserted.id);
      if (findings.length > 0) {
        await trx
          .insertInto('screening_findings')
          .values(
            findings.map((f, i) => ({
              record_id: id,
              seq: i + 1,
              item_key: f.itemKey,
              item_label: checklist.find((c) => c.key === f.itemKey)?.label ?? f.itemKey,
              route: f.route,
              summary: f.summary.trim(),
              case_id: routed[i]?.caseId ?? null,
              dispute_id: routed[i]?.disputeId ?? null,
            })),
          )
          .execute();
      }
      // The task: signed for (if it was not) and completed, through the task machine, in this transaction.
      let version = screening.version;
      if (!screening.signed) {
        await deps.tasks.actWithin(trx, taskId, { version, action: { type: 'sign' } }, principal);
        version++;
      }
      await deps.tasks.actWithin(
        trx,
        taskId,
        { version, action: { type: 'complete', result, evidenceIds: input.attachmentIds ?? [] } },
        principal,
      );
      await deps.audit.record(
        principal,
        {
          action: 'screening.record',
          targetType: 'task',
          targetId: taskId,
          details: {
            recordId: id,
            nothingFound: input.nothingFound,
            caseIds: routed.map((r) => r.caseId).filter((v) => v !== null),
            disputeIds: routed.map((r) => r.disputeId).filter((v) => v !== null),
            late,
          },
        },
        trx,
      );
      return id;
    });
    return { recordId, replayed: false };
  } catch (error) {
    // Two sends of the same screening at once: the unique client token (or task) let one through.
    if ((error as { code?: string })?.code === '23505') {
      const winner = await recordOfToken(deps, token);
      if (winner && Number(winner.task_id) === taskId) return { recordId: Number(winner.id), replayed: true };
      throw new AppError('SCREENING_ALREADY_RECORDED', { details: { taskId } });
    }
    if (error instanceof AppError && error.code === 'TASK_VERSION_CONFLICT') {
      throw new AppError('SCREENING_ALREADY_RECORDED', { details: { taskId } });
    }
    throw error;
  }
}

/** Photos must be the caller's own uploads (naming one is what makes it readable to whoever sees the screening). */
async function checkOwnUploads(deps: ScreeningDeps, ids: readonly string[], principal: Principal) {
  if (ids.length === 0) return;
  const own = await deps.db
    .selectFrom('attachments')
    .select('id')
    .where('id', 'in', [...ids])
    .where('uploaded_by_user_id', '=', principal.userId ?? -1)
    .execute();
  const missing = ids.filter((id) => !own.some((o) => o.id === id));
  if (missing.length > 0) throw invalid('attachmentIds', '照片不存在或不是您上传的，请重新上传', { missing });
}
