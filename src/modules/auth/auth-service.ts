// Sign-in for staff (password), citizens (phone + one-time code) and machine clients (API keys), and the
// sessions that follow. Security timers (session expiry, lock-out, code expiry) run on real time, not the
// demo clock, so advancing simulated time does not sign everyone out.
import { type Kysely, sql } from 'kysely';
import type { Config } from '../../core/config.js';
import { AppError } from '../../core/errors.js';
import { keyedHash, randomDigits, randomToken } from '../../core/secrets.js';
import type { DB, User } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import { describePasswordProblems, passwordProblems } from './password-policy.js';
import { verifyPassword } from './passwords.js';
import { isRole, type Permission, ROLE_PERMISSIONS } from './permissions.js';
import type { Principal } from './principal.js';
import type { SmsGateway } from './sms-gateway.js';

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
const CODE_TTL_MS = 5 * 60_000;
const CODE_RESEND_MS = 60_000;
const CODE_MAX_ATTEMPTS = 5;
// A real hash, so unknown usernames cost as much time as wrong passwords.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$ssC2mfZ0DQhT5aWdNAsfbg$FQb0d/L6NpVPcvkSajsViz5FPwXXmHW4xfR3SZSgTuA';

export interface SignIn {
  token: string;
  expiresAt: Date;
  user: User;
}

export interface AuthServiceOptions {
  db: Kysely<DB>;
  config: Pick<Config, 'secretKey' | 'sessionHours' | 'lockoutAttempts' | 'lockoutMinutes'> &
    Partial<Pick<Config, 'sessionIdleMinutes' | 'reauthMinutes' | 'passwordMinLength'>>;
  audit: AuditService;
  sms: SmsGateway;
  /** Real time for security timers; injectable for tests. */
  wallNow?: () => Date;
}

export class AuthService {
  private readonly db: Kysely<DB>;
  private readonly wallNow: () => Date;
  constructor(private readonly options: AuthServiceOptions) {
    this.db = options.db;
    this.wallNow = options.wallNow ?? (() => new Date());
  }

  /** Real time, as the security timers see it. */
  now(): Date {
    return this.wallNow();
  }

  isLocked(lockedUntil: Date | string | null): boolean {
    return !!lockedUntil && new Date(lockedUntil) > this.wallNow();
  }

  private hash(value: string): string {
    return keyedHash(this.options.config.secretKey, value);
  }

  async loginWithPassword(username: string, password: string, ip?: string): Promise<SignIn> {
    const user = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    const now = this.wallNow();
    if (!user || user.role === 'citizen') {
      await verifyPassword(DUMMY_HASH, password);
      throw new AppError('INVALID_CREDENTIALS');
    }
    if (user.locked_until && new Date(user.locked_until) > now) {
      throw new AppError('ACCOUNT_LOCKED', { details: { lockedUntil: new Date(user.locked_until).toISOString() } });
    }
    if (!user.active) throw new AppError('ACCOUNT_DISABLED');
    if (!(await this.passwordMatches(user, password, ip))) throw new AppError('INVALID_CREDENTIALS');
    await this.db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: now })
      .where('id', '=', user.id)
      .execute();
    return this.startSession(user, ip);
  }

  /** Checks a staff password, counting failures towards the lock-out (sign-in and re-authentication alike). */
  private async passwordMatches(user: User, password: string, ip?: string): Promise<boolean> {
    const now = this.wallNow();
    if (!(await verifyPassword(user.password_hash, password))) {
      const failures = user.failed_logins + 1;
      const lock = failures >= this.options.config.lockoutAttempts;
      await this.db
        .updateTable('users')
        .set({
          failed_logins: lock ? 0 : failures,
          locked_until: lock ? new Date(now.getTime() + this.options.config.lockoutMinutes * 60_000) : null,
        })
        .where('id', '=', user.id)
        .execute();
      if (lock) {
        await this.options.audit.record(null, {
          action: 'auth.locked',
          targetType: 'user',
          targetId: user.id,
          details: { attempts: failures },
          ip,
        });
        throw new AppError('ACCOUNT_LOCKED');
      }
      throw new AppError('INVALID_CREDENTIALS', {
        details: { remainingAttempts: this.options.config.lockoutAttempts - failures },
      });
    }
    return true;
  }

  /**
   * Re-authentication (issue 18 §2): the signed-in staff member types the password again; the session may then
   * perform the most sensitive administrator actions for REAUTH_MINUTES. Wrong passwords count towards the lock-out.
   */
  async reauthenticate(token: string, password: string, ip?: string): Promise<{ reauthUntil: string }> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.token_hash', 'sessions.revoked_at', 'sessions.expires_at', 'users.id as user_id'])
      .where('sessions.token_hash', '=', this.hash(token))
      .executeTakeFirst();
    if (!row || row.revoked_at || new Date(row.expires_at) <= this.wallNow()) throw new AppError('UNAUTHENTICATED');
    const user = await this.db.selectFrom('users').selectAll().where('id', '=', row.user_id).executeTakeFirstOrThrow();
    if (user.role === 'citizen') throw new AppError('FORBIDDEN');
    if (this.isLocked(user.locked_until)) throw new AppError('ACCOUNT_LOCKED');
    if (!(await this.passwordMatches(user, password, ip))) throw new AppError('INVALID_CREDENTIALS');
    const now = this.wallNow();
    await this.db.updateTable('users').set({ failed_logins: 0 }).where('id', '=', user.id).execute();
    await this.db.updateTable('sessions').set({ reauth_at: now }).where('token_hash', '=', row.token_hash).execute();
    return { reauthUntil: new Date(now.getTime() + this.reauthMs()).toISOString() };
  }

  /** The password policy of staff accounts (password-policy.ts), with the configured minimum length. */
  checkNewPassword(password: string, username: string | null | undefined): void {
    const options = { minLength: this.options.config.passwordMinLength ?? 8 };
    const problems = passwordProblems(password, username, options);
    if (problems.length) {
      throw new AppError('PASSWORD_POLICY', {
        message: describePasswordProblems(problems, options),
        details: { problems },
      });
    }
  }

  private reauthMs(): number {
    return (this.options.config.reauthMinutes ?? 10) * 60_000;
  }

  /** Refuses a sensitive action when the session last proved its password longer ago than REAUTH_MINUTES. */
  requireRecentAuthentication(principal: Principal): void {
    if (principal.kind !== 'user' || principal.authenticatedAt === undefined) return;
    const at = principal.authenticatedAt;
    if (at && this.wallNow().getTime() - at.getTime() <= this.reauthMs()) return;
    throw new AppError('REAUTH_REQUIRED', {
      details: { reauth: 'POST /api/auth/reauth', minutes: this.options.config.reauthMinutes ?? 10 },
    });
  }

  /** Sends a six-digit code; returns it only when the gateway shows codes (demo and test modes). */
  async requestLoginCode(phone: string): Promise<{ sentTo: string; expiresInSeconds: number; demoCode?: string }> {
    if (!PHONE_PATTERN.test(phone)) throw new AppError('INVALID_PHONE');
    const now = this.wallNow();
    const recent = await this.db
      .selectFrom('login_codes')
      .select('created_at')
      .where('phone', '=', phone)
      .where('created_at', '>', new Date(now.getTime() - CODE_RESEND_MS))
      .executeTakeFirst();
    if (recent) throw new AppError('LOGIN_CODE_TOO_FREQUENT');
    const code = randomDigits(6);
    await this.db
      .insertInto('login_codes')
      .values({
        phone,
        code_hash: this.hash(`${phone}:${code}`),
        created_at: now,
        expires_at: new Date(now.getTime() + CODE_TTL_MS),
      })
      .execute();
    await this.options.sms.send(phone, `【共治】您的登录验证码是 ${code}，5 分钟内有效。`);
    return {
      sentTo: maskPhone(phone) ?? '',
      expiresInSeconds: CODE_TTL_MS / 1000,
      ...(this.options.sms.showsCodes ? { demoCode: code } : {}),
    };
  }

  /** Checks the code; signs in the citizen with that phone, registering them on first use. */
  async verifyLoginCode(phone: string, code: string, ip?: string): Promise<SignIn> {
    if (!PHONE_PATTERN.test(phone)) throw new AppError('INVALID_PHONE');
    const now = this.wallNow();
    const pending = await this.db
      .selectFrom('login_codes')
      .selectAll()
      .where('phone', '=', phone)
      .where('used_at', 'is', null)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!pending || new Date(pending.expires_at) <= now || pending.attempts >= CODE_MAX_ATTEMPTS) {
      throw new AppError('INVALID_LOGIN_CODE');
    }
    if (pending.code_hash !== this.hash(`${phone}:${code}`)) {
      await this.db
        .updateTable('login_codes')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', pending.id)
        .execute();
      throw new AppError('INVALID_LOGIN_CODE');
    }
    const user = await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('login_codes').set({ used_at: now }).where('id', '=', pending.id).execute();
      const existing = await trx
        .selectFrom('users')
        .selectAll()
        .where('phone', '=', phone)
        .where('role', '=', 'citizen')
        .executeTakeFirst();
      if (existing) {
        if (!existing.active) throw new AppError('ACCOUNT_DISABLED');
        return existing;
      }
      return trx
        .insertInto('users')
        .values({
          display_name: `群众${phone.slice(-4)}`,
          phone,
          role: 'citizen',
          org_id: null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    await this.db.updateTable('users').set({ last_login_at: now }).where('id', '=', user.id).execute();
    return this.startSession(user, ip);
  }

  private async startSession(user: User, ip?: string, userAgent?: string): Promise<SignIn> {
    const token = randomToken();
    const now = this.wallNow();
    const expiresAt = new Date(now.getTime() + this.options.config.sessionHours * 3600_000);
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: this.hash(token),
        user_id: user.id,
        created_at: now,
        expires_at: expiresAt,
        last_seen_at: now,
        reauth_at: now,
        ip: ip ?? null,
        user_agent: userAgent ?? null,
      })
      .execute();
    return { token, expiresAt, user };
  }

  async logout(token: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: this.wallNow() })
      .where('token_hash', '=', this.hash(token))
      .execute();
  }

  /** Ends every session of a user (password reset, disabling). */
  async revokeSessionsOf(userId: number): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: this.wallNow() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async principalForSession(token: string): Promise<Principal> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .leftJoin('orgs', 'orgs.id', 'users.org_id')
      .select([
        'sessions.expires_at',
        'sessions.revoked_at',
        'sessions.last_seen_at',
        'sessions.reauth_at',
        'sessions.created_at as session_created_at',
        'sessions.token_hash',
        'users.id',
        'users.role',
        'users.display_name',
        'users.active',
        'users.org_id',
        'orgs.path',
        'orgs.kind as org_kind',
        'orgs.county_code',
        subtreeIdsOfJoinedOrg(),
      ])
      .where('sessions.token_hash', '=', this.hash(token))
      .executeTakeFirst();
    if (!row || row.revoked_at) throw new AppError('UNAUTHENTICATED');
    if (new Date(row.expires_at) <= this.wallNow()) throw new AppError('SESSION_EXPIRED');
    if (!row.active) throw new AppError('ACCOUNT_DISABLED');
    if (!isRole(row.role)) throw new AppError('FORBIDDEN');
    // Idle timeout of staff sessions (issue 18 §2); the last use is written at most once a minute.
    const now = this.wallNow();
    const lastSeen = new Date(row.last_seen_at).getTime();
    const idleMs = (this.options.config.sessionIdleMinutes ?? 0) * 60_000;
    if (row.role !== 'citizen' && idleMs > 0 && now.getTime() - lastSeen > idleMs) {
      await this.db.updateTable('sessions').set({ revoked_at: now }).where('token_hash', '=', row.token_hash).execute();
      throw new AppError('SESSION_EXPIRED', { message: '长时间未操作，登录已失效，请重新登录' });
    }
    if (now.getTime() - lastSeen > 60_000) {
      await this.db
        .updateTable('sessions')
        .set({ last_seen_at: now })
        .where('token_hash', '=', row.token_hash)
        .execute();
    }
    return {
      kind: 'user',
      userId: row.id,
      apiKeyId: null,
      role: row.role,
      displayName: row.display_name,
      orgId: row.org_id,
      orgKind: row.org_kind ?? null,
      scopePath: row.path ?? null,
      scopeOrgIds: row.scope_org_ids ?? [],
      countyCode: row.county_code ?? null,
      permissions: new Set(ROLE_PERMISSIONS[row.role]),
      authenticatedAt: new Date(row.reauth_at ?? row.session_created_at),
    };
  }

  async principalForApiKey(key: string): Promise<Principal> {
    const row = await this.db
      .selectFrom('api_keys')
      .innerJoin('orgs', 'orgs.id', 'api_keys.org_id')
      .select([
        'api_keys.id',
        'api_keys.name',
        'api_keys.permissions',
        'api_keys.revoked_at',
        'api_keys.last_used_at',
        'api_keys.org_id',
        'orgs.path',
        'orgs.kind as org_kind',
        'orgs.county_code',
        subtreeIdsOfJoinedOrg(),
      ])
      .where('api_keys.key_hash', '=', this.hash(key))
      .executeTakeFirst();
    if (!row || row.revoked_at) throw new AppError('INVALID_API_KEY');
    // The last use is written at most once a minute, like a session's: a machine client (12345, Open311) calls
    // many times a second, and a write per call was a quarter of the push's database time (issue 22).
    const now = this.wallNow();
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
      await this.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return {
      kind: 'api_key',
      userId: null,
      apiKeyId: row.id,
      role: 'api_client',
      displayName: row.name,
      orgId: row.org_id,
      orgKind: row.org_kind,
      scopePath: row.path,
      scopeOrgIds: row.scope_org_ids ?? [],
      countyCode: row.county_code,
      permissions: new Set(row.permissions as Permission[]),
    };
  }

  /** A new API key: the secret is returned once and only its keyed hash is kept. */
  newApiKeySecret(): { key: string; prefix: string; keyHash: string } {
    const key = `gz_${randomToken(24)}`;
    return { key, prefix: key.slice(0, 10), keyHash: this.hash(key) };
  }
}

/** The ids of the joined organisation's subtree, in the same query as the principal. */
function subtreeIdsOfJoinedOrg() {
  return sql<number[] | null>`array(select s.id from orgs s where s.path like orgs.path || '%')`.as('scope_org_ids');
}

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
