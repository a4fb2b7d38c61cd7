// Purchased services (政府购买服务): a unit buys a service from a social organisation of the registry — contract,
// budget, period and deliverables. Each deliverable still ahead becomes a task (source 'social_org_project')
// owned by the purchasing unit, due at the close of office on its day (work calendar), so its follow-up runs on
// the task capability's clocks. At the end the purchaser records the evaluation (score → grade).
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { checkProject, evaluationGrade, type ProjectInput } from '../../domain/social-org/index.js';
import { closeOfOfficeDay } from '../../domain/work-team/report-weeks.js';
import type { Principal } from '../auth/principal.js';
import { ruleError } from '../record-history/index.js';
import { requireKeeper } from './social-org-scope.js';
import { checkVersion, loadSocialOrg, type SocialOrgDeps, writeSocialOrgChange } from './social-org-store.js';

export interface CreateProjectInput extends ProjectInput {
  purchaserOrgId?: number;
}

export async function createProject(
  deps: SocialOrgDeps,
  principal: Principal,
  socialOrgId: number,
  input: CreateProjectInput,
): Promise<{ id: number; taskIds: number[] }> {
  const checked = checkProject(input);
  if (!checked.ok) throw ruleError(checked.error);
  const project = checked.value;
  const purchaserOrgId = input.purchaserOrgId ?? principal.orgId;
  if (purchaserOrgId === null || !principal.scopeOrgIds.includes(purchaserOrgId)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '购买单位须为本单位或下级单位',
      details: { field: 'purchaserOrgId' },
    });
  }
  const { now, calendar } = await deps.contexts.context();
  const today = chinaDayOf(now);
  const work = async (trx: Transaction<DB>) => {
    const org = await loadSocialOrg(trx, socialOrgId, principal, true);
    const taken = await trx
      .selectFrom('social_org_projects')
      .select('id')
      .where('county_code', '=', org.county_code)
      .where('contract_no', '=', project.contractNo)
      .executeTakeFirst();
    if (taken)
      throw new AppError('SOCIAL_ORG_DUPLICATE', { message: '合同编号已存在', details: { field: 'contractNo' } });
    const { id } = await trx
      .insertInto('social_org_projects')
      .values({
        county_code: org.county_code,
        social_org_id: socialOrgId,
        purchaser_org_id: purchaserOrgId,
        name: project.name,
        contract_no: project.contractNo,
        budget: project.budget,
        starts_on: project.startsOn,
        ends_on: project.endsOn,
        state: 'running',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const taskIds: number[] = [];
    for (const [sort, d] of project.deliverables.entries()) {
      const deliverable = await trx
        .insertInto('social_org_deliverables')
        .values({ project_id: id, title: d.title, due_date: d.dueDate, sort })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (d.dueDate <= today) continue; // already due when registered: kept as a record, no clock to run
      const task = await deps.tasks.create(
        {
          title: `${d.title}（${project.name}）`,
          description: `政府购买服务项目“${project.name}”（合同 ${project.contractNo}，承接：${org.name}）的交付成果，请按期督促验收。`,
          sourceKind: 'social_org_project',
          sourceId: String(deliverable.id),
          sourceLabel: `购买服务：${project.name}`,
          sourceKey: `social_org_project:${id}:deliverable:${deliverable.id}`,
          ownerOrgId: purchaserOrgId,
          assignedByOrgId: purchaserOrgId,
          dueAt: closeOfOfficeDay(d.dueDate, calendar),
        },
        principal,
        trx,
      );
      await trx
        .updateTable('social_org_deliverables')
        .set({ task_id: task.id })
        .where('id', '=', deliverable.id)
        .execute();
      taskIds.push(task.id);
    }
    await writeSocialOrgChange(trx, deps.audit, principal, {
      kind: 'social_org_project',
      id,
      socialOrgId,
      type: 'create_project',
      version: 1,
      at: now,
      details: {
        name: project.name,
        contractNo: project.contractNo,
        budget: project.budget,
        deliverables: project.deliverables.length,
      },
    });
    return { id, taskIds };
  };
  return deps.db.isTransaction ? work(deps.db as Transaction<DB>) : deps.db.transaction().execute(work);
}

export async function evaluateProject(
  deps: SocialOrgDeps,
  principal: Principal,
  projectId: number,
  input: { score: number; note?: string; version: number },
): Promise<void> {
  const grade = evaluationGrade(input.score);
  if (!grade.ok) throw ruleError(grade.error);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const project = await trx
      .selectFrom('social_org_projects')
      .selectAll()
      .where('id', '=', projectId)
      .forUpdate()
      .executeTakeFirst();
    if (!project) throw new AppError('SOCIAL_ORG_PROJECT_NOT_FOUND', { details: { projectId } });
    const org = await loadSocialOrg(trx, project.social_org_id, principal).catch(() => {
      throw new AppError('SOCIAL_ORG_PROJECT_NOT_FOUND', { details: { projectId } });
    });
    if (!principal.scopeOrgIds.includes(project.purchaser_org_id)) requireKeeper(principal, org);
    checkVersion(project, input.version);
    if (project.state === 'evaluated') {
      throw new AppError('CONFLICT', { message: '该项目已评估', details: { projectId } });
    }
    await trx
      .updateTable('social_org_projects')
      .set({
        state: 'evaluated',
        evaluation_score: input.score,
        evaluation_grade: grade.value,
        evaluation_note: input.note?.trim() ?? '',
        evaluated_at: now,
        version: project.version + 1,
        updated_at: now,
      })
      .where('id', '=', projectId)
      .execute();
    await writeSocialOrgChange(trx, deps.audit, principal, {
      kind: 'social_org_project',
      id: projectId,
      socialOrgId: project.social_org_id,
      type: 'evaluate',
      version: project.version + 1,
      at: now,
      details: { score: input.score, grade: grade.value },
    });
  });
}
