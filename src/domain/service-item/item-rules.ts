// The rules of the list of service items: what makes an item well formed (a chain's steps are active single
// items of the same list, in order, without repeats), which level a station stands at, what a station may
// offer (an item handled at its level, or one a 代办点 may take in and relay), and what adopting the county's
// template adds to a station's list (a chain brings its steps with it; what the station has is not added twice).
import { err, ok, type Result } from '../result.js';
import {
  type ApplicationMode,
  MAX_CHAIN_STEPS,
  MAX_LEGAL_LIMIT_DAYS,
  SERVICE_LEVELS,
  type ServiceItemFields,
  type ServiceItemRef,
  type ServiceLevel,
  type ServiceRuleError,
  type StationKind,
  serviceError,
} from './types.js';

const invalid = (field: string, message: string) => err(serviceError('SERVICE_ITEM_INVALID', message, { field }));

export function stationLevel(kind: StationKind): ServiceLevel {
  return kind === 'centre' ? 'town' : 'village';
}

/** An item's fields, checked against the other items of its list (for a chain's steps). */
export function validateItem(
  item: ServiceItemFields,
  list: ReadonlyMap<number, ServiceItemRef>,
): Result<void, ServiceRuleError> {
  if (!item.name.trim()) return invalid('name', '请填写事项名称');
  if (!item.category.trim()) return invalid('category', '请填写事项类别');
  if (!Number.isInteger(item.legalLimitDays) || item.legalLimitDays < 1 || item.legalLimitDays > MAX_LEGAL_LIMIT_DAYS) {
    return invalid('legalLimitDays', `法定办结时限须为 1 至 ${MAX_LEGAL_LIMIT_DAYS} 个工作日`);
  }
  if (item.levels.length === 0 || item.levels.some((l) => !SERVICE_LEVELS.includes(l))) {
    return invalid('levels', '请选择可办理的层级（县级、镇街、村社区）');
  }
  const materials = item.materials.map((m) => m.trim());
  if (materials.some((m) => !m)) return invalid('materials', '申请材料不能为空');
  if (new Set(materials).size !== materials.length) return invalid('materials', '申请材料有重复');
  if (item.kind === 'single') {
    if (item.chainItemIds.length > 0) return invalid('chainItemIds', '单项事项不能包含链条步骤');
    if (!item.department.trim()) return invalid('department', '请填写主管部门');
    return ok(undefined);
  }
  if (item.chainItemIds.length < 2 || item.chainItemIds.length > MAX_CHAIN_STEPS) {
    return invalid('chainItemIds', `一链办理须包含 2 至 ${MAX_CHAIN_STEPS} 个事项`);
  }
  if (new Set(item.chainItemIds).size !== item.chainItemIds.length) {
    return invalid('chainItemIds', '一链办理的事项不能重复');
  }
  for (const id of item.chainItemIds) {
    const step = list.get(id);
    if (!step?.active) return invalid('chainItemIds', '一链办理的事项须为本清单中在用的事项');
    if (step.kind !== 'single') return invalid('chainItemIds', '一链办理的步骤不能是另一个一链办理事项');
  }
  return ok(undefined);
}

/** The longest step's limit: what a chain promises as a whole. */
export function chainLimitDays(steps: readonly Pick<ServiceItemFields, 'legalLimitDays'>[]): number {
  return Math.max(1, ...steps.map((s) => s.legalLimitDays));
}

/** A single item a station may offer: handled at its level, or taken in and relayed (代办). */
function offersSingle(item: ServiceItemFields, kind: StationKind): boolean {
  return item.levels.includes(stationLevel(kind)) || item.agent;
}

/** Whether the station can offer the item (a chain: each of its steps). */
export function canOffer(item: ServiceItemRef, kind: StationKind, list: ReadonlyMap<number, ServiceItemRef>): boolean {
  if (!item.active) return false;
  if (item.kind === 'single') return offersSingle(item, kind);
  return item.chainItemIds.every((id) => {
    const step = list.get(id);
    return step?.active && offersSingle(step, kind);
  });
}

/** How an application of the item may be taken at the station: 'handled' at its level, 'relayed' if 可代办. */
export function decideMode(
  item: ServiceItemFields,
  kind: StationKind,
  mode: ApplicationMode,
): Result<ApplicationMode, ServiceRuleError> {
  if (mode === 'handled' && !item.levels.includes(stationLevel(kind))) {
    return err(
      serviceError('SERVICE_MODE_NOT_ALLOWED', `“${item.name}”不能在本站直接办理，可选择代办`, {
        field: 'mode',
        levels: item.levels,
      }),
    );
  }
  if (mode === 'relayed' && !item.agent) {
    return err(
      serviceError('SERVICE_MODE_NOT_ALLOWED', `“${item.name}”不属于可代办事项，请引导群众到有权部门办理`, {
        field: 'mode',
      }),
    );
  }
  return ok(mode);
}

export interface AdoptionPlan {
  /** Template items to copy, steps before the chains that use them, in template order otherwise. */
  readonly add: readonly ServiceItemRef[];
  /** Requested items the station cannot offer, with the reason. */
  readonly refused: readonly { readonly id: number; readonly name: string; readonly reason: string }[];
}

/**
 * What adopting the template adds to a station: the requested items (all of the template when none are named)
 * that the station can offer and does not have yet, with each chain's steps.
 */
export function adoptionPlan(
  template: readonly ServiceItemRef[],
  adoptedTemplateIds: ReadonlySet<number>,
  kind: StationKind,
  requested?: readonly number[],
): Result<AdoptionPlan, ServiceRuleError> {
  const byId = new Map(template.map((t) => [t.id, t]));
  const unknown = (requested ?? []).filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    return err(serviceError('SERVICE_NOT_ADOPTABLE', '所选事项不在县级模板中', { itemIds: unknown }));
  }
  const wanted = requested ? template.filter((t) => requested.includes(t.id)) : template;
  const refused: { id: number; name: string; reason: string }[] = [];
  const picked = new Set<number>();
  for (const item of wanted) {
    if (!canOffer(item, kind, byId)) {
      if (requested) {
        refused.push({
          id: item.id,
          name: item.name,
          reason: !item.active ? '已停用' : `${kind === 'centre' ? '便民服务中心' : '代办点'}不能办理或代办`,
        });
      }
      continue;
    }
    for (const id of item.kind === 'chain' ? item.chainItemIds : []) picked.add(id);
    picked.add(item.id);
  }
  if (requested && refused.length > 0) {
    return err(
      serviceError('SERVICE_NOT_ADOPTABLE', `以下事项本站不能采用：${refused.map((r) => r.name).join('、')}`, {
        refused,
      }),
    );
  }
  const add = template.filter((t) => picked.has(t.id) && !adoptedTemplateIds.has(t.id));
  // steps first, so that a chain's copy can point at its steps' copies
  return ok({ add: [...add.filter((t) => t.kind === 'single'), ...add.filter((t) => t.kind === 'chain')], refused });
}
