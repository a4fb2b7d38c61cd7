// Configuration from the environment: every setting is documented in the README's "Configuration" table.
import path from 'node:path';

export type Mode = 'demo' | 'production' | 'test';

export interface Config {
  mode: Mode;
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… to use a PostgreSQL server; undefined for the embedded PGlite under dataDir. */
  databaseUrl?: string;
  /** Keys session tokens, API keys and one-time codes; production refuses a weak one. */
  secretKey: string;
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
  logLevel: string;
  /** Load the demo county on first start (default: on in demo mode). */
  seedDemo: boolean;
  /** Build the year of demo history from ../shared/data (default on). */
  seedHistory: boolean;
  webDist: string;
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
  }
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    mode,
    port: int(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    secretKey,
    adminPassword: env.ADMIN_PASSWORD,
    countyCode: env.COUNTY_CODE,
    countyName: env.COUNTY_NAME,
    smsWebhookUrl: env.SMS_WEBHOOK_URL || undefined,
    sessionHours: int(env.SESSION_HOURS, 12, 'SESSION_HOURS'),
    lockoutAttempts: int(env.LOCKOUT_ATTEMPTS, 5, 'LOCKOUT_ATTEMPTS'),
    lockoutMinutes: int(env.LOCKOUT_MINUTES, 15, 'LOCKOUT_MINUTES'),
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'warn' : 'info'),
    seedDemo: bool(env.SEED_DEMO, mode === 'demo'),
    seedHistory: bool(env.SEED_HISTORY, true),
    webDist: path.resolve(env.WEB_DIST ?? 'web/dist'),
  };
}

/** The password rule for staff accounts (also used for ADMIN_PASSWORD). */
export function isStrongPassword(password: string, minLength = 8): boolean {
  return password.length >= minLength && /[A-Za-z]/.test(password) && /\d/.test(password);
}
