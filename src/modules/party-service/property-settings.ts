// Which case categories count as property cases for 物业亮星: a setting (names of categories; a category counts
// with every category below it), kept by the county platform, with the demo tree's property categories as default.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import type { Db, PartyServiceDeps } from './party-service-deps.js';

export const PROPERTY_CATEGORIES_KEY = 'party.ratings.property_categories';
export const DEFAULT_PROPERTY_CATEGORIES = ['小区管理', '物业纠纷', '物业管理'];

export async function propertyCategoryNames(db: Db): Promise<string[]> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', PROPERTY_CATEGORIES_KEY)
    .executeTakeFirst();
  const value = (typeof row?.value === 'string' ? JSON.parse(row.value) : row?.value) as unknown;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : DEFAULT_PROPERTY_CATEGORIES;
}

/** The ids of the property categories and every category below them. */
export async function propertyCategoryIds(db: Db): Promise<number[]> {
  const names = new Set(await propertyCategoryNames(db));
  const all = await db.selectFrom('categories').select(['id', 'name', 'parent_id']).execute();
  const byId = new Map(all.map((c) => [c.id, c]));
  const counts = (id: number | null): boolean => {
    for (
      let c = id === null ? undefined : byId.get(id), hops = 0;
      c && hops < 10;
      c = c.parent_id === null ? undefined : byId.get(c.parent_id), hops++
    ) {
      if (names.has(c.name)) return true;
    }
    return false;
  };
  return all.filter((c) => counts(c.id)).map((c) => c.id);
}

export async function savePropertyCategories(
  deps: PartyServiceDeps,
  principal: Principal,
  categories: string[],
): Promise<string[]> {
  if (!isCountyRoot(principal)) throw new AppError('FORBIDDEN', { message: '物业类事项分类由县平台设置' });
  const names = [...new Set(categories.map((c) => c.trim()).filter(Boolean))];
  if (names.length === 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: '请至少指定一个物业类事项分类',
      details: { field: 'categories' },
    });
  }
  const known = await deps.db.selectFrom('categories').select('name').where('name', 'in', names).execute();
  const unknown = names.filter((n) => !known.some((k) => k.name === n));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: `没有这些事项分类：${unknown.join('、')}`,
      details: { field: 'categories', unknown },
    });
  }
  const now = deps.clock.now();
  await deps.db
    .insertInto('settings')
    .values({ key: PROPERTY_CATEGORIES_KEY, value: JSON.stringify(names), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(names), updated_at: now }))
    .execute();
  await deps.audit.record(principal, {
    action: 'property.settings',
    targetType: 'settings',
    targetId: 0,
    details: { categories: names },
  });
  return names;
}
