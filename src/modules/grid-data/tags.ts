// The configurable list of special-group tags. Everyone reading the base data gets the tags they may see;
// the administrator keeps the list (a tag is deactivated, never deleted: records may carry it).
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { can, type Principal } from '../auth/principal.js';
import type { GridDataDeps } from './grid-data-deps.js';

export interface TagView {
  name: string;
  sensitive: boolean;
  active: boolean;
}

export async function listTags(deps: GridDataDeps, principal: Principal): Promise<TagView[]> {
  const rows = await deps.db.selectFrom('grid_data_tags').selectAll().orderBy('sort').orderBy('name').execute();
  const sensitive = can(principal, 'griddata.sensitive');
  return rows
    .filter((t) => sensitive || !t.sensitive)
    .map((t) => ({ name: t.name, sensitive: t.sensitive, active: t.active }));
}

export async function saveTags(deps: GridDataDeps, principal: Principal, tags: TagView[]): Promise<TagView[]> {
  const names = new Set<string>();
  for (const t of tags) {
    const name = t.name.trim();
    if (!name || name.length > 20 || /[、，,;；\s]/.test(name)) {
      throw new AppError('VALIDATION_FAILED', {
        message: `标签「${t.name}」不合法：1–20 个字，不含顿号、逗号或空格`,
        details: { field: 'tags' },
      });
    }
    if (names.has(name))
      throw new AppError('VALIDATION_FAILED', { message: `标签「${name}」重复`, details: { field: 'tags' } });
    names.add(name);
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('grid_data_tags')
      .set({ active: false })
      .where('name', 'not in', [...names, '∅'])
      .execute();
    let sort = 0;
    for (const t of tags) {
      sort++;
      await trx
        .insertInto('grid_data_tags')
        .values({ name: t.name.trim(), sensitive: t.sensitive, active: t.active, sort })
        .onConflict((oc) =>
          oc.column('name').doUpdateSet({ sensitive: t.sensitive, active: t.active, sort: sql`${sort}` }),
        )
        .execute();
    }
    await deps.audit.record(principal, { action: 'griddata.tags', details: { tags } }, trx);
  });
  return listTags(deps, principal);
}
