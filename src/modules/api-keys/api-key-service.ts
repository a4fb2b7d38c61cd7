// API keys for machine clients (the 12345 hotline, Open311 apps): created and revoked by administrators,
// bound to an organisation (their scope), stored as keyed hashes, shown in full exactly once.
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { AuthService } from '../auth/auth-service.js';
import { API_KEY_PERMISSIONS, type Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import type { OrgService } from '../orgs/org-service.js';

export class ApiKeyService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly orgs: OrgService,
  ) {}

  private query(principal: Principal) {
    return this.db
      .selectFrom('api_keys')
      .innerJoin('orgs', 'orgs.id', 'api_keys.org_id')
      .select([
        'api_keys.id',
        'api_keys.name',
        'api_keys.prefix',
        'api_keys.permissions',
        'api_keys.created_at',
        'api_keys.revoked_at',
        'api_keys.last_used_at',
        'orgs.id as org_id',
        'orgs.name as org_name',
      ])
      .where('orgs.path', 'like', `${principal.scopePath ?? '∅'}%`);
  }

  async list(principal: Principal) {
    const rows = await this.query(principal).orderBy('api_keys.id', 'desc').execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        prefix: r.prefix,
        org: { id: r.org_id, name: r.org_name },
        permissions: r.permissions,
        createdAt: r.created_at,
        revokedAt: r.revoked_at,
        lastUsedAt: r.last_used_at,
      })),
    };
  }

  async create(principal: Principal, input: { name: string; orgId: number; permissions: string[] }) {
    const bad = input.permissions.filter((p) => !API_KEY_PERMISSIONS.includes(p as Permission));
    if (bad.length || input.permissions.length === 0) {
      throw new AppError('VALIDATION_FAILED', {
        message: `权限须从 ${API_KEY_PERMISSIONS.join('、')} 中选择`,
        details: { field: 'permissions', invalid: bad },
      });
    }
    await this.orgs.requireManageable(principal, input.orgId);
    const secret = this.auth.newApiKeySecret();
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('api_keys')
        .values({
          name: input.name,
          prefix: secret.prefix,
          key_hash: secret.keyHash,
          org_id: input.orgId,
          permissions: input.permissions,
          created_by: principal.userId,
          created_at: this.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(
        principal,
        { action: 'apikey.create', targetType: 'api_key', targetId: row.id, details: { name: input.name } },
        trx,
      );
      return row.id;
    });
    const apiKey = (await this.list(principal)).items.find((k) => k.id === id);
    return { key: secret.key, apiKey };
  }

  async revoke(principal: Principal, id: number): Promise<void> {
    const row = await this.query(principal).where('api_keys.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('API_KEY_NOT_FOUND');
    if (row.revoked_at) return;
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('api_keys').set({ revoked_at: this.clock.now() }).where('id', '=', id).execute();
      await this.audit.record(principal, { action: 'apikey.revoke', targetType: 'api_key', targetId: id }, trx);
    });
  }
}
