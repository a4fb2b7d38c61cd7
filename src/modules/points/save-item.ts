// The village's 积分超市: items with a point price and a stock. Changing the stock here is the village
// restocking (an audited change); a redemption takes stock under the item's lock (redeem-item.ts).
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import type { PointsDeps } from './points-deps.js';
import { createAudited, loadInScope, saveVersioned } from './points-rows.js';
import { requireVillage } from './points-scope.js';

export interface ItemFields {
  name: string;
  description?: string;
  price: number;
  stock: number;
  active?: boolean;
  attachmentId?: string | null;
}

export async function createItem(
  deps: PointsDeps,
  principal: Principal,
  villageId: number,
  input: ItemFields,
): Promise<number> {
  const village = await requireVillage(deps.db, principal, villageId);
  const name = input.name.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', { message: '请填写商品名称', details: { field: 'name' } });
  const now = deps.clock.now();
  return createAudited(
    deps,
    principal,
    {
      table: 'points_items',
      values: {
        county_code: village.countyCode,
        village_id: village.id,
        name,
        description: (input.description ?? '').trim(),
        price: input.price,
        stock: input.stock,
        active: input.active ?? true,
        attachment_id: input.attachmentId ?? null,
        created_at: now,
        updated_at: now,
      },
    },
    {
      action: 'points.item.create',
      targetType: 'points_item',
      details: { villageId, name, price: input.price, stock: input.stock },
    },
  );
}

export async function updateItem(
  deps: PointsDeps,
  principal: Principal,
  id: number,
  input: Partial<ItemFields> & { version: number },
): Promise<void> {
  const item = await loadInScope(deps.db, principal, 'points_items', id, 'POINTS_ITEM_NOT_FOUND');
  const name = input.name === undefined ? item.name : input.name.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', { message: '请填写商品名称', details: { field: 'name' } });
  const next = {
    name,
    description: input.description?.trim() ?? item.description,
    price: input.price ?? item.price,
    stock: input.stock ?? item.stock,
    active: input.active ?? item.active,
    attachment_id: input.attachmentId === undefined ? item.attachment_id : input.attachmentId,
  };
  await saveVersioned(
    deps,
    principal,
    { table: 'points_items', id, version: input.version, set: next },
    { action: 'points.item.update', targetType: 'points_item', details: { ...next, stockBefore: item.stock } },
  );
}
