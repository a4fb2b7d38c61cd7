// Reading a social organisation within scope, and what every change writes besides its rows: the history and
// audit entry (record_events, kinds 'social_org' and 'social_org_project') and one outbox message on
// 'social_org.changed', in the change's transaction.
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { DB, SocialOrgsTable } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import { announceChange, recordChange } from '../record-history/index.js';
import type { TaskService } from '../tasks/index.js';
import { inSocialOrgScope } from './social-org-scope.js';

export type SocialOrgRow = Selectable<SocialOrgsTable>;
type Db = Kysely<DB> | Transaction<DB>;

export interface SocialOrgDeps {
  db: Kysely<DB> | Transaction<DB>;
  clock: Clock;
  audit: AuditService;
  tasks: Pick<TaskService, 'create'>;
  contexts: Pick<CaseContextProvider, 'context'>;
}

export const SOCIAL_ORG_HISTORY_LABELS: Readonly<Record<string, string>> = {
  create: '登记入库',
  edit: '修改登记信息',
  advance_stage: '进入下一孵化阶段',
  support: '记录扶持',
  create_project: '承接购买服务项目',
  evaluate: '项目评估',
};

export async function loadSocialOrg(db: Db, id: number, principal: Principal, lock = false): Promise<SocialOrgRow> {
  let query = db
    .selectFrom('social_orgs')
    .selectAll()
    .where('id', '=', id)
    .where(inSocialOrgScope(principal, 'social_orgs'));
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('SOCIAL_ORG_NOT_FOUND', { details: { socialOrgId: id } });
  return row;
}

export function checkVersion(row: { id: number; version: number }, version: number | undefined): void {
  if (version !== undefined && row.version !== version) {
    throw new AppError('CONFLICT', {
      details: { id: row.id, current: { version: row.version }, yourVersion: version },
    });
  }
}

export interface SocialOrgChange {
  kind: 'social_org' | 'social_org_project';
  id: number;
  socialOrgId: number;
  type: string;
  version: number;
  at: Date;
  details?: Record<string, unknown>;
}

export async function writeSocialOrgChange(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal | null,
  change: SocialOrgChange,
): Promise<void> {
  await recordChange(trx, audit, principal, {
    kind: change.kind,
    id: change.id,
    type: change.type,
    at: change.at,
    details: change.details,
  });
  await announceChange(trx, {
    topic: 'social_org.changed',
    changeId: `${change.kind}:${change.id}:${change.version}:${change.type}`,
    at: change.at,
    payload: {
      kind: change.kind,
      id: change.id,
      socialOrgId: change.socialOrgId,
      version: change.version,
      type: change.type,
    },
  });
}

/**
 * One change of an entry in the caller's transaction: the row (with `set`) at the next version, its history and
 * audit entry and its outbox message.
 */
export async function commitSocialOrgChange(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal,
  row: SocialOrgRow,
  change: { type: string; at: Date; set?: Updateable<SocialOrgsTable>; details: Record<string, unknown> },
): Promise<void> {
  const version = row.version + 1;
  await trx
    .updateTable('social_orgs')
    .set({ ...change.set, version, updated_at: change.at })
    .where('id', '=', row.id)
    .execute();
  await writeSocialOrgChange(trx, audit, principal, {
    kind: 'social_org',
    id: row.id,
    socialOrgId: row.id,
    type: change.type,
    version,
    at: change.at,
    details: change.details,
  });
}
