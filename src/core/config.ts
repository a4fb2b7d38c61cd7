// Configuration from the environment: every setting is documented in the README's "Configuration" table.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseDataKey } from './field-crypto.js';

export type Mode = 'demo' | 'production' | 'test';

export interface Config {
  mode: Mode;
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… to use a PostgreSQL server; undefined for the embedded PGlite under dataDir. */
  databaseUrl?: string;
  /**
   * DATABASE_READ_URL: postgres://… of a streaming replica of DATABASE_URL that serves the read-only traffic
   * (dashboards, analysis, assessment, the command centre, the public page); undefined: everything reads the primary.
   */
  databaseReadUrl?: string;
  /** DATABASE_READ_POOL_SIZE: connections to the replica per process. */
  databaseReadPoolSize: number;
  /**
   * DATABASE_PREPARE: the statements run over and over are prepared once per connection (src/db/prepared-statements.ts);
   * false behind a pooler in transaction mode (PgBouncer), which hands a connection's prepared names to another.
   */
  databasePrepare: boolean;
  /** Keys session tokens, API keys and one-time codes; production refuses a weak one. */
  secretKey: string;
  /** DATA_ENCRYPTION_KEY: encrypts personal fields at rest (grid base data); production refuses to start without it. */
  dataEncryptionKey: Buffer;
  /** DATA_ENCRYPTION_KEY_PREVIOUS: the key being rotated away from, read (never written) until keys:rotate is done. */
  dataEncryptionKeyPrevious?: Buffer;
  /** Password of the first administrator created in production mode on an empty database. */
  adminPassword?: string;
  /** The county created on first start in production (GB/T 2260 code and name). */
  countyCode?: string;
  countyName?: string;
  /** Where one-time codes are POSTed as JSON { phone, text } in production (the county's SMS gateway). */
  smsWebhookUrl?: string;
  sessionHours: number;
  lockoutAttempts: number;
  lockoutMinutes: number;
  /** Security hardening (issue 18): a staff session unused this long ends (0: never). */
  sessionIdleMinutes: number;
  /** The most sensitive administrator actions ask for the password again after this long. */
  reauthMinutes: number;
  /** The shortest staff password accepted when one is set. */
  passwordMinLength: number;
  /** PERSONAL_DATA_RETENTION_YEARS: finished cases lose their reporter's name and phone this long after (0: never). */
  personalDataRetentionYears: number;
  /** SCREENING_CATCH_UP_DAYS: how far back a starting process opens the screenings missed since the last pass. */
  screeningCatchUpDays: number;
  /** RATE_LIMITS: 'off', or overrides of the rate limits "name=max/seconds,…" (src/http/rate-limits.ts). */
  rateLimits?: string;
  /** INTAKE_CLASSIFY: 智能分类 in the intake request, written with the case (default on; off in tests). */
  intakeClassify: boolean;
  logLevel: string;
  /** Load the demo county on first start (default: on in demo mode). */
  seedDemo: boolean;
  /** Build the year of demo history from ../shared/data (default on). */
  seedHistory: boolean;
  webDist: string;
  /** An S3-compatible bucket for attachments; undefined keeps them under DATA_DIR/uploads. */
  s3?: S3Config;
}

export interface S3Config {
  /** https://host[:port] of an S3-compatible service (MinIO, OSS, COS …); undefined: AWS's own endpoint. */
  endpoint?: string;
  bucket: string;
  region: string;
  /** Both or neither; neither: the AWS SDK's default credentials (AWS_* variables, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** host/bucket/key instead of bucket.host/key (MinIO and most self-hosted servers need it). */
  forcePathStyle: boolean;
  /** Prepended to every object key ('' or ending in '/'). */
  prefix: string;
}

export const DEMO_SECRET = 'gongzhi-demo-secret-not-for-production-use';

export class ConfigError extends Error {}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

/** Reads the configuration; throws ConfigError with a message an operator can act on. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = (env.GONGZHI_MODE ?? 'demo') as Mode;
  if (!['demo', 'production', 'test'].includes(mode)) {
    throw new ConfigError(`GONGZHI_MODE must be demo or production, got "${mode}"`);
  }
  const secretKey = env.SECRET_KEY ?? (mode === 'production' ? '' : DEMO_SECRET);
  if (mode === 'production') {
    if (secretKey.length < 32 || secretKey === DEMO_SECRET || new Set(secretKey).size < 10) {
      throw new ConfigError(
        'production mode needs SECRET_KEY: at least 32 random characters (e.g. `openssl rand -hex 32`)',
      );
    }
    if (env.ADMIN_PASSWORD !== undefined && !isStrongPassword(env.ADMIN_PASSWORD, 12)) {
      throw new ConfigError('ADMIN_PASSWORD is too weak: at least 12 characters with letters and digits');
    }
    if (!env.DATA_ENCRYPTION_KEY) {
      throw new ConfigError(
        'production mode needs DATA_ENCRYPTION_KEY: 32 random bytes as hex or base64 (e.g. `openssl rand -hex 32`); keep a copy — encrypted ID numbers and phones cannot be read without it',
      );
    }
  }
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const databaseReadUrl = readReplicaUrl(env);
  const databaseReadPoolSize = int(env.DATABASE_READ_POOL_SIZE, 10, 'DATABASE_READ_POOL_SIZE');
  if (databaseReadPoolSize < 1) throw new ConfigError('DATABASE_READ_POOL_SIZE must be at least 1');
  return {
    mode,
    port: int(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl,
    databaseReadPoolSize,
    databasePrepare: bool(env.DATABASE_PREPARE, true),
    secretKey,
    dataEncryptionKey: dataKey(env.DATA_ENCRYPTION_KEY),
    dataEncryptionKeyPrevious: env.DATA_ENCRYPTION_KEY_PREVIOUS
      ? dataKey(env.DATA_ENCRYPTION_KEY_PREVIOUS, 'DATA_ENCRYPTION_KEY_PREVIOUS')
      : undefined,
    adminPassword: env.ADMIN_PASSWORD,
    countyCode: env.COUNTY_CODE,
    countyName: env.COUNTY_NAME,
    smsWebhookUrl: env.SMS_WEBHOOK_URL || undefined,
    sessionHours: int(env.SESSION_HOURS, 12, 'SESSION_HOURS'),
    lockoutAttempts: int(env.LOCKOUT_ATTEMPTS, 5, 'LOCKOUT_ATTEMPTS'),
    lockoutMinutes: int(env.LOCKOUT_MINUTES, 15, 'LOCKOUT_MINUTES'),
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 30, 'SESSION_IDLE_MINUTES'),
    reauthMinutes: int(env.REAUTH_MINUTES, 10, 'REAUTH_MINUTES'),
    passwordMinLength: int(env.PASSWORD_MIN_LENGTH, mode === 'production' ? 10 : 8, 'PASSWORD_MIN_LENGTH'),
    personalDataRetentionYears: int(env.PERSONAL_DATA_RETENTION_YEARS, 3, 'PERSONAL_DATA_RETENTION_YEARS'),
    screeningCatchUpDays: int(env.SCREENING_CATCH_UP_DAYS, 31, 'SCREENING_CATCH_UP_DAYS'),
    rateLimits: env.RATE_LIMITS || undefined,
    intakeClassify: bool(env.INTAKE_CLASSIFY, mode !== 'test'),
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'warn' : 'info'),
    seedDemo: bool(env.SEED_DEMO, mode === 'demo'),
    seedHistory: bool(env.SEED_HISTORY, true),
    webDist: path.resolve(env.WEB_DIST ?? 'web/dist'),
    s3: s3Config(env),
  };
}

/**
 * DATABASE_READ_URL (issue 22): a replica is a copy of a PostgreSQL server, so it needs DATABASE_URL; the embedded
 * database (PGlite) is one process's files and has no replicas.
 */
function readReplicaUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.DATABASE_READ_URL?.trim();
  if (!url) return undefined;
  if (!env.DATABASE_URL) {
    throw new ConfigError(
      'DATABASE_READ_URL needs PostgreSQL: set DATABASE_URL to the primary server it replicates. The embedded ' +
        'database (PGlite, in DATA_DIR) belongs to one process and has no replicas; without DATABASE_URL leave ' +
        'DATABASE_READ_URL unset.',
    );
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new ConfigError(`DATABASE_READ_URL must be a postgres://… URL of a streaming replica, got "${url}"`);
  }
  return url;
}

/** The demo and test key: fixed, derived from a public phrase (never good enough for real data). */
export const DEMO_DATA_KEY = createHash('sha256').update('gongzhi-demo-data-key-not-for-production').digest();

function dataKey(text: string | undefined, name = 'DATA_ENCRYPTION_KEY'): Buffer {
  if (!text) return DEMO_DATA_KEY;
  const key = parseDataKey(text);
  if (!key) throw new ConfigError(`${name} must be 32 bytes: 64 hex characters or 44 base64 characters`);
  return key;
}

const S3_SETTINGS = [
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
  'S3_PREFIX',
] as const;

/** The attachment bucket: on when S3_BUCKET is set; the other S3_* settings alone are a mistake worth saying. */
function s3Config(env: NodeJS.ProcessEnv): S3Config | undefined {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) {
    const stray = S3_SETTINGS.filter((name) => env[name]);
    if (stray.length) throw new ConfigError(`${stray.join(', ')} set but S3_BUCKET is not: set S3_BUCKET too`);
    return undefined;
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ConfigError(
      `S3_BUCKET "${bucket}" is not a bucket name (3–63 lower-case letters, digits, dots, hyphens)`,
    );
  }
  const endpoint = env.S3_ENDPOINT?.trim() || undefined;
  if (endpoint) {
    let url: URL | null = null;
    try {
      url = new URL(endpoint);
    } catch {}
    if (!url || !['http:', 'https:'].includes(url.protocol)) {
      throw new ConfigError(
        `S3_ENDPOINT must be an http(s) URL such as https://oss-cn-hangzhou.aliyuncs.com, got "${endpoint}"`,
      );
    }
  }
  const accessKeyId = env.S3_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY || undefined;
  if (!accessKeyId !== !secretAccessKey) {
    throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither');
  }
  const prefix = (env.S3_PREFIX ?? '').replace(/^\/+/, '');
  if (prefix && !/^[A-Za-z0-9._/-]+$/.test(prefix)) {
    throw new ConfigError(`S3_PREFIX may hold only letters, digits and . _ / -, got "${prefix}"`);
  }
  return {
    endpoint,
    bucket,
    region: env.S3_REGION?.trim() || 'us-east-1',
    accessKeyId,
    secretAccessKey,
    forcePathStyle: bool(env.S3_FORCE_PATH_STYLE, false),
    prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
  };
}

/** The password rule for staff accounts (also used for ADMIN_PASSWORD). */
export function isStrongPassword(password: string, minLength = 8): boolean {
  return password.length >= minLength && /[A-Za-z]/.test(password) && /\d/.test(password);
}
