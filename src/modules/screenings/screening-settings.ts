// The cadence and checklist of each level (排查频次、排查内容), kept by the administrator. A change applies
// to the periods opened after it; a screening already recorded keeps the checklist it was recorded with.
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  CADENCE_LABELS,
  type Cadence,
  type ChecklistItem,
  DEFAULT_CADENCE,
  DEFAULT_CHECKLIST,
  SCREENING_LEVEL_LABELS,
  SCREENING_LEVELS,
  type ScreeningLevel,
} from '../../domain/screening/index.js';
import type { Principal } from '../auth/principal.js';
import type { ScreeningDeps } from './screening-deps.js';
import type { LevelSetting } from './screening-views.js';

export type { LevelSetting };

export async function readSettings(db: Kysely<DB> | Transaction<DB>): Promise<Map<ScreeningLevel, LevelSetting>> {
  const rows = await db.selectFrom('screening_settings').selectAll().execute();
  const map = new Map<ScreeningLevel, LevelSetting>();
  for (const level of SCREENING_LEVELS) {
    const row = rows.find((r) => r.level === level);
    const cadence = row?.cadence ?? DEFAULT_CADENCE[level];
    map.set(level, {
      level,
      levelLabel: SCREENING_LEVEL_LABELS[level],
      cadence,
      cadenceLabel: CADENCE_LABELS[cadence],
      checklist: row ? [...row.checklist] : [...DEFAULT_CHECKLIST[level]],
      active: row?.active ?? true,
      version: row?.version ?? 0,
      updatedAt: row ? new Date(row.updated_at).toISOString() : null,
    });
  }
  return map;
}

export interface SaveSettingInput {
  cadence: Cadence;
  checklist: ChecklistItem[];
  active?: boolean;
  /** The version the administrator saw (409 when someone saved in between). */
  version: number;
}

export async function saveSetting(
  deps: Pick<ScreeningDeps, 'db' | 'clock' | 'audit'>,
  level: ScreeningLevel,
  input: SaveSettingInput,
  principal: Principal,
): Promise<LevelSetting> {
  const keys = input.checklist.map((i) => i.key.trim());
  if (input.checklist.length === 0 || keys.some((k) => !/^[a-z0-9_]{1,40}$/.test(k))) {
    throw new AppError('VALIDATION_FAILED', {
      message: '排查内容至少一项，每项的代码只能用小写字母、数字和下划线',
      details: { field: 'checklist' },
    });
  }
  if (new Set(keys).size !== keys.length) {
    throw new AppError('VALIDATION_FAILED', { message: '排查内容的代码不能重复', details: { field: 'checklist' } });
  }
  if (input.checklist.some((i) => !i.label.trim())) {
    throw new AppError('VALIDATION_FAILED', { message: '请填写每一项排查内容的名称', details: { field: 'checklist' } });
  }
  const now = deps.clock.now();
  const checklist = input.checklist.map((i) => ({ key: i.key.trim(), label: i.label.trim() }));
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('screening_settings')
      .set((eb) => ({
        cadence: input.cadence,
        checklist: JSON.stringify(checklist),
        active: input.active ?? true,
        version: eb('version', '+', 1),
        updated_at: now,
        updated_by: principal.userId,
      }))
      .where('level', '=', level)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new AppError('SCREENING_SETTINGS_CONFLICT', { details: { level } });
    }
    await deps.audit.record(
      principal,
      {
        action: 'screening.settings',
        targetType: 'screening_level',
        targetId: level,
        details: { cadence: input.cadence, checklist: keys, active: input.active ?? true },
      },
      trx,
    );
  });
  return (await readSettings(deps.db)).get(level) as LevelSetting;
}
