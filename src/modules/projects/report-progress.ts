// The owner unit's monthly progress report (月度进展): what was done, the indicator values reached, evidence.
// One report per month; reporting a month again revises it. Each indicator's current value is the one of the
// latest month that reported it, so revising an old month never overwrites a newer value.
import { AppError } from '../../core/errors.js';
import { checkReport, type ReportInput } from '../../domain/project/index.js';
import type { Principal } from '../auth/principal.js';
import { ruleError } from '../record-history/index.js';
import { commitProjectChange, type ProjectDeps, projectForChange } from './project-store.js';

export interface ReportProgressInput extends ReportInput {
  readonly version: number;
}

export async function reportProgress(
  deps: ProjectDeps,
  id: number,
  input: ReportProgressInput,
  principal: Principal,
): Promise<void> {
  const foreign = await deps.attachments.notOwnedBy(principal, [...input.attachmentIds]);
  if (foreign.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: `有 ${foreign.length} 个佐证材料不存在或不是您上传的，请删除后重新上传`,
      details: { field: 'attachmentIds', ids: foreign },
    });
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const project = await projectForChange(trx, id, principal, { version: input.version, byKeeper: true });
    const indicators = await trx.selectFrom('project_indicators').select('id').where('project_id', '=', id).execute();
    const checked = checkReport(
      input,
      project.year,
      indicators.map((i) => i.id),
      now,
    );
    if (!checked.ok) throw ruleError(checked.error);
    const report = {
      body: checked.value.text,
      indicator_values: JSON.stringify(checked.value.values),
      attachment_ids: [...checked.value.attachmentIds],
      reported_by: principal.userId,
      reported_by_org: principal.orgId,
      reported_at: now,
    };
    // The project row is locked: reports of one project are written one at a time.
    const before = await trx
      .selectFrom('project_reports')
      .select('id')
      .where('project_id', '=', id)
      .where('month', '=', checked.value.month)
      .executeTakeFirst();
    await trx
      .insertInto('project_reports')
      .values({ project_id: id, month: checked.value.month, ...report })
      .onConflict((oc) => oc.columns(['project_id', 'month']).doUpdateSet(report))
      .execute();
    const reports = await trx
      .selectFrom('project_reports')
      .select(['month', 'indicator_values'])
      .where('project_id', '=', id)
      .orderBy('month')
      .execute();
    const latest = new Map<number, number>();
    for (const r of reports) for (const v of r.indicator_values) latest.set(v.indicatorId, v.value);
    for (const [indicatorId, value] of latest) {
      await trx.updateTable('project_indicators').set({ current_value: value }).where('id', '=', indicatorId).execute();
    }
    const details = { month: checked.value.month, revised: !!before, values: checked.value.values.length };
    await commitProjectChange(trx, deps.audit, principal, project, { type: 'report', at: now, details });
  });
}
