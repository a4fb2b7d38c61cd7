// Staff accounts within the administrator's subtree. Phone numbers are masked; reading one in full is a
// separate, audited call.
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import { randomToken } from '../../core/secrets.js';
import type { DB, User } from '../../db/schema.js';
import { roleFitsOrg } from '../../domain/org/org-rules.js';
import type { AuditService } from '../audit/audit-service.js';
import { type AuthService, maskPhone, PHONE_PATTERN } from '../auth/auth-service.js';
import { hashPassword } from '../auth/passwords.js';
import { isRole, ROLE_PERMISSIONS, type Role } from '../auth/permissions.js';
import { inScope, type Principal } from '../auth/principal.js';
import type { OrgService } from '../orgs/org-service.js';

export interface UserSummary {
  id: number;
  username: string | null;
  displayName: string;
  role: string;
  phone: string | null;
  org: { id: number; name: string; kind: string } | null;
  active: boolean;
  locked: boolean;
  lastLoginAt: Date | null;
}

export interface NewUserInput {
  username: string;
  displayName: string;
  role: Role;
  orgId: number;
  phone?: string | null;
  password: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  orgId?: number;
  phone?: string | null;
  active?: boolean;
}

export class UserService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly orgs: OrgService,
  ) {}

  private query() {
    return this.db
      .selectFrom('users')
      .leftJoin('orgs', 'orgs.id', 'users.org_id')
      .selectAll('users')
      .select(['orgs.name as org_name', 'orgs.kind as org_kind', 'orgs.path as org_path'])
      .where('users.role', '!=', 'citizen');
  }

  private summary(row: User & { org_name: string | null; org_kind: string | null }): UserSummary {
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      phone: maskPhone(row.phone),
      org: row.org_id && row.org_name ? { id: row.org_id, name: row.org_name, kind: row.org_kind ?? '' } : null,
      active: row.active,
      locked: this.auth.isLocked(row.locked_until),
      lastLoginAt: row.last_login_at ? new Date(row.last_login_at) : null,
    };
  }

  async list(
    principal: Principal,
    filter: { orgId?: number; role?: string; q?: string; limit: number; offset: number },
  ): Promise<{ items: UserSummary[]; total: number }> {
    let query = this.query().where('orgs.path', 'like', `${principal.scopePath ?? '∅'}%`);
    if (filter.orgId !== undefined) query = query.where('users.org_id', '=', filter.orgId);
    if (filter.role) query = query.where('users.role', '=', filter.role);
    if (filter.q) {
      const like = `%${filter.q}%`;
      query = query.where((eb) => eb.or([eb('users.display_name', 'like', like), eb('users.username', 'like', like)]));
    }
    const [rows, count] = await Promise.all([
      query.orderBy('orgs.path').orderBy('users.id').limit(filter.limit).offset(filter.offset).execute(),
      query
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => this.summary(r)), total: Number(count.n) };
  }

  /** A staff user in the principal's subtree, or USER_NOT_FOUND. */
  private async requireInScope(principal: Principal, id: number) {
    const row = await this.query().where('users.id', '=', id).executeTakeFirst();
    if (!row || !inScope(principal, row.org_path)) throw new AppError('USER_NOT_FOUND');
    return row;
  }

  async get(principal: Principal, id: number): Promise<UserSummary> {
    return this.summary(await this.requireInScope(principal, id));
  }

  private async checkRoleAndOrg(principal: Principal, role: string, orgId: number) {
    if (!isRole(role) || role === 'citizen') {
      throw new AppError('VALIDATION_FAILED', { message: '角色不正确', details: { field: 'role' } });
    }
    const org = await this.orgs.requireManageable(principal, orgId);
    if (!roleFitsOrg(role, org.kind)) {
      throw new AppError('VALIDATION_FAILED', {
        message: `「${org.name}」不能设置该角色的账号`,
        details: { field: 'role' },
      });
    }
    // Nobody hands out more than they hold.
    const extra = ROLE_PERMISSIONS[role].filter((p) => !principal.permissions.has(p));
    if (extra.length) throw new AppError('FORBIDDEN', { message: '不能创建权限高于自己的账号' });
    return org;
  }

  private checkPhone(phone: string | null | undefined) {
    if (phone && !PHONE_PATTERN.test(phone)) throw new AppError('INVALID_PHONE');
  }

  async create(principal: Principal, input: NewUserInput): Promise<UserSummary> {
    if (!/^[A-Za-z0-9_.-]{3,32}$/.test(input.username)) {
      throw new AppError('VALIDATION_FAILED', {
        message: '用户名须为 3–32 位字母、数字、下划线、点或连字符',
        details: { field: 'username' },
      });
    }
    this.auth.checkNewPassword(input.password, input.username); // the staff password policy (issue 18 §2)
    this.checkPhone(input.phone);
    await this.checkRoleAndOrg(principal, input.role, input.orgId);
    const clash = await this.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (clash) throw new AppError('DUPLICATE', { message: `用户名 ${input.username} 已存在` });
    const now = this.clock.now();
    const passwordHash = await hashPassword(input.password);
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('users')
        .values({
          username: input.username,
          display_name: input.displayName,
          role: input.role,
          org_id: input.orgId,
          phone: input.phone ?? null,
          password_hash: passwordHash,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(
        principal,
        {
          action: 'user.create',
          targetType: 'user',
          targetId: row.id,
          details: { username: input.username, role: input.role },
        },
        trx,
      );
      return row.id;
    });
    return this.get(principal, id);
  }

  async update(principal: Principal, id: number, changes: UserChanges): Promise<UserSummary> {
    const current = await this.requireInScope(principal, id);
    if (changes.role !== undefined || changes.orgId !== undefined) {
      await this.checkRoleAndOrg(principal, changes.role ?? current.role, changes.orgId ?? current.org_id ?? 0);
    }
    this.checkPhone(changes.phone);
    if (changes.active === false && id === principal.userId) {
      throw new AppError('VALIDATION_FAILED', { message: '不能停用自己的账号' });
    }
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set((eb) => ({
          ...(changes.displayName !== undefined && { display_name: changes.displayName }),
          ...(changes.role !== undefined && { role: changes.role }),
          ...(changes.orgId !== undefined && { org_id: changes.orgId }),
          ...(changes.phone !== undefined && { phone: changes.phone }),
          ...(changes.active !== undefined && { active: changes.active }),
          version: eb('version', '+', 1),
          updated_at: this.clock.now(),
        }))
        .where('id', '=', id)
        .execute();
      await this.audit.record(
        principal,
        { action: 'user.update', targetType: 'user', targetId: id, details: { fields: Object.keys(changes) } },
        trx,
      );
    });
    if (changes.active === false || changes.role !== undefined || changes.orgId !== undefined) {
      await this.auth.revokeSessionsOf(id);
    }
    return this.get(principal, id);
  }

  /** Sets a new password (a generated one when none is given) and ends the user's sessions. */
  async resetPassword(principal: Principal, id: number, password?: string): Promise<{ temporaryPassword: string }> {
    const target = await this.requireInScope(principal, id);
    const temporaryPassword = password ?? `Gz${randomToken(6).replace(/[^A-Za-z0-9]/g, 'x')}9`;
    this.auth.checkNewPassword(temporaryPassword, target.username); // the staff password policy (issue 18 §2)
    const passwordHash = await hashPassword(temporaryPassword);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: this.clock.now() })
        .where('id', '=', id)
        .execute();
      await this.audit.record(principal, { action: 'user.reset_password', targetType: 'user', targetId: id }, trx);
    });
    await this.auth.revokeSessionsOf(id);
    return { temporaryPassword };
  }

  async unlock(principal: Principal, id: number): Promise<UserSummary> {
    await this.requireInScope(principal, id);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
      await this.audit.record(principal, { action: 'user.unlock', targetType: 'user', targetId: id }, trx);
    });
    return this.get(principal, id);
  }

  /** The full phone number: needs pii.view and leaves an audit entry. */
  async revealPhone(principal: Principal, id: number, ip?: string): Promise<{ phone: string | null }> {
    const row = await this.requireInScope(principal, id);
    await this.audit.record(principal, {
      action: 'pii.view',
      targetType: 'user',
      targetId: id,
      details: { field: 'phone' },
      ip,
    });
    return { phone: row.phone };
  }
}
