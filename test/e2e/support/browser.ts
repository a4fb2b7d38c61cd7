// The browser-test harness: a real server on a fresh demo database (child process), Debian's Chromium
// driven by playwright-core, pages at desktop or phone size, screenshots in test-artifacts/screenshots/.
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterEach, expect, inject } from 'vitest';
import { ROOT, type ServerProcess, startServerProcess } from '../../support/server-process.js';
import { createTestDatabase } from '../../support/test-database.js';

export const SHOTS = path.join(ROOT, 'test-artifacts/screenshots');
export const PASSWORD = 'demo1234';
export const CITIZEN_PHONE = '13800000001';
export const DESKTOP = { width: 1440, height: 900 };
export const MOBILE = { width: 390, height: 844 };

export interface E2E {
  baseUrl: string;
  server: ServerProcess;
  browser: Browser;
  newPage(
    viewport?: { width: number; height: number },
    options?: { mobile?: boolean },
  ): Promise<{ context: BrowserContext; page: Page }>;
  stop(): Promise<void>;
}

/** The server of the file running (one per file), whose log a failed test prints. */
let running: ServerProcess | null = null;

// A failed test prints the end of its server's log (warnings and errors: the browser tests run it at LOG_LEVEL=warn),
// which CI keeps with its output: a request that never answered (stop 25's psych test) left nothing else to read.
afterEach((context) => {
  if (context.task.result?.state === 'fail' && running)
    console.error(`the server's log, last 6,000 characters:\n${running.log().slice(-6000)}`);
});

/**
 * Starts the server (env overrides: e.g. SEED_HISTORY=true) and the browser; `prepare` may fill the fresh
 * data directory first (e.g. generated cases) before the server starts on it. The server runs on the embedded
 * database (PGlite in the data directory), or with E2E_DATABASE_URL on a PostgreSQL database of its own — unless
 * `embedded` keeps it on PGlite (one file does, so that CI's browser tests walk the quick start's database too).
 */
export async function startE2E(
  env: Record<string, string> = {},
  prepare?: (dataDir: string) => Promise<void>,
  { embedded = false }: { embedded?: boolean } = {},
): Promise<E2E> {
  mkdirSync(SHOTS, { recursive: true });
  if (!existsSync(path.join(ROOT, 'web/dist/index.html')))
    execSync('npm run build:web', { cwd: ROOT, stdio: 'inherit' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-e2e-'));
  let database: { url: string; drop: () => Promise<void> } | undefined;
  if (prepare) await prepare(dataDir);
  else if (process.env.E2E_DATABASE_URL && !embedded) database = await preparedPostgresDatabase(env);
  else await copyPreparedDataDir(env, dataDir);
  const server = await startServerProcess({
    DATA_DIR: dataDir,
    ...(database && { DATABASE_URL: database.url }),
    ...env,
  });
  // the harness checks itself: the server runs on the database this file was meant to have
  const { database: kind } = (await (await fetch(`${server.baseUrl}/health`)).json()) as { database: string };
  if (kind !== (database ? 'postgres' : 'pglite')) throw new Error(`the server runs on ${kind}, not the one asked for`);
  running = server;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // --force-prefers-reduced-motion: as a user who asked their system for less motion, in every context of the
    // browser. The pages then leave out antd's animations (web/src/AppTheme.tsx): a click never lands on a list or
    // dialog still opening, and the two cores of CI draw fewer frames.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--force-prefers-reduced-motion',
    ],
  });
  return {
    baseUrl: server.baseUrl,
    server,
    browser,
    async newPage(viewport = DESKTOP, options = {}) {
      const context = await browser.newContext({
        viewport,
        locale: 'zh-CN',
        // the county's time, as its staff's and citizens' browsers have it: the pages count days and months in the
        // browser's zone (a CI machine on UTC put the evening's events on the next day's side of "today")
        timezoneId: 'Asia/Shanghai',
        baseURL: server.baseUrl,
        ...(options.mobile && { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
      });
      return { context, page: await context.newPage() };
    },
    async stop() {
      await browser.close();
      await server.stop();
      running = null;
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The known options whose server can start on the run's prepared demo data; the others seed their own. */
function preparedVariant(env: Record<string, string>): 'demo' | 'history' | null {
  const demo = (env.GONGZHI_MODE ?? 'demo') === 'demo';
  // The base map's settings (issue 20) change nothing in the database: such a server starts on the prepared copy too.
  const known = Object.keys(env).every(
    (k) => ['GONGZHI_MODE', 'SEED_HISTORY', 'LOG_LEVEL'].includes(k) || k.startsWith('BASEMAP_'),
  );
  if (!inject('e2ePreparedDir') || !demo || !known) return null;
  return (env.SEED_HISTORY ?? 'false') === 'true' ? 'history' : 'demo';
}

/**
 * Runs `make` once per run for `name` (the first test file to come makes it under a lock, a directory made
 * atomically; the others wait for its `ready` mark, which holds what `make` answered) and answers that mark.
 */
async function preparedOnce(name: string, make: () => Promise<string>): Promise<string> {
  const ready = path.join(inject('e2ePreparedDir'), `${name}.ready`);
  if (!existsSync(ready)) {
    let mine = false;
    try {
      mkdirSync(path.join(inject('e2ePreparedDir'), `${name}.lock`));
      mine = true;
    } catch {
      // another file is preparing it: wait below
    }
    if (mine) writeFileSync(ready, await make());
    else {
      const deadline = Date.now() + 600_000;
      while (!existsSync(ready)) {
        if (Date.now() > deadline) throw new Error(`the prepared ${name} data was not made in 10 minutes`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
  return readFileSync(ready, 'utf8');
}

/**
 * With E2E_DATABASE_URL (CI: the machine's PostgreSQL), the server runs on its own new database: a copy of the
 * run's template database of the demo county (made by the first file that asks, by a server's first start; a
 * copy took 0.9 s here). Options the template does not fit get an empty database, seeded by the server. The
 * template databases are dropped at the end of the run (global-setup.ts).
 */
async function preparedPostgresDatabase(env: Record<string, string>) {
  const variant = preparedVariant(env);
  if (!variant) return createTestDatabase('gz_e2e', undefined, process.env.E2E_DATABASE_URL);
  const template = await preparedOnce(`${variant}-postgres`, async () => {
    const created = await createTestDatabase('gz_e2e_template', undefined, process.env.E2E_DATABASE_URL);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-e2e-template-'));
    const first = await startServerProcess({
      DATA_DIR: dataDir,
      DATABASE_URL: created.url,
      SEED_HISTORY: 'false',
      ...env,
    });
    await first.stop();
    rmSync(dataDir, { recursive: true, force: true });
    return new URL(created.url).pathname.slice(1);
  });
  return createTestDatabase('gz_e2e', template, process.env.E2E_DATABASE_URL);
}

/**
 * Fills `dataDir` with a copy of the run's prepared demo data directory — the demo county as the server's first
 * start seeds it, with or without the year of history — making it on the first call: every file but the first
 * of its kind skips the 20–40 s seed (with the history, a minute or more). Browser test files run two at a time,
 * so the first to come makes it under a lock (a directory made atomically) and the others wait for its `ready`
 * mark. Files that fill the directory themselves or set other options seed their own.
 */
async function copyPreparedDataDir(env: Record<string, string>, dataDir: string): Promise<void> {
  const variant = preparedVariant(env);
  if (!variant) return;
  const prepared = path.join(inject('e2ePreparedDir'), variant);
  await preparedOnce(variant, async () => {
    rmSync(prepared, { recursive: true, force: true });
    mkdirSync(prepared, { recursive: true });
    const first = await startServerProcess({ DATA_DIR: prepared, SEED_HISTORY: 'false', ...env });
    await first.stop();
    return new Date().toISOString();
  });
  cpSync(prepared, dataDir, { recursive: true });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

export async function loginStaff(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('login-submit').click();
  // Wait for the session: a test that navigates right after the click would abort the sign-in request when the
  // server is busy (CI: the first page after a week of simulated time opened on the login page again).
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Signs a resident in on the phone with the demo one-time code, then opens the 服务 tab's tile `tile` (a test id). */
export async function openCitizenService(page: Page, tile: string, phone = CITIZEN_PHONE): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('tab-citizen').click();
  await page.getByTestId('phone').fill(phone);
  await page.getByTestId('request-code').click();
  const code = (await page.getByTestId('demo-code').textContent())?.trim() ?? '';
  await page.getByTestId('code').fill(code);
  await page.getByTestId('citizen-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.getByTestId('tab-services').click();
  await page.getByTestId(tile).click();
}

/** A desktop page signed in as a staff user, page errors printed (the co-governance browser tests share it). */
export async function staffPage(e2e: E2E, username: string): Promise<Page> {
  const { page } = await e2e.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await loginStaff(page, username);
  return page;
}

/** Each server's signed-in API sessions, by username: a test signs a user in once, as a real client keeps its session. */
const apiSessions = new WeakMap<E2E, Map<string, string>>();

/**
 * Calls the API as a staff user and answers the parsed JSON. The user is signed in at the first call only (again
 * if the session ends): signing in at every call, a test that polled the API spent the server's limit of 20
 * sign-ins per user in 15 minutes within seconds, and after it everyone's from 127.0.0.1 (300).
 */
export async function apiAs(e2e: E2E, username: string, method: string, path: string, body?: unknown) {
  const sessions = apiSessions.get(e2e) ?? new Map<string, string>();
  apiSessions.set(e2e, sessions);
  for (let attempt = 1; ; attempt++) {
    let token = sessions.get(username);
    if (!token) {
      const login = await fetch(`${e2e.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (login.status !== 200) throw new Error(`signing ${username} in: ${login.status} ${await login.text()}`);
      token = ((await login.json()) as { token: string }).token;
      sessions.set(username, token);
    }
    const response = await fetch(`${e2e.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (response.status === 401 && attempt === 1) {
      sessions.delete(username);
      continue;
    }
    return response.json();
  }
}

/**
 * Picks an option of an antd Select (or, with `tree`, a TreeSelect): types it into the search so it is the only
 * option, clicks it in the list that is open, and checks the select shows it — on a loaded machine a click can land
 * while the list is still moving; then it tries again. `exact` matches the option's whole text (邻里纠纷, not
 * 邻里纠纷调解); `search: false` for a select without a search box.
 */
export async function pickOption(
  page: Page,
  select: Locator,
  option: string,
  { exact = false, tree = false, search = true }: { exact?: boolean; tree?: boolean; search?: boolean } = {},
) {
  const list = page.locator('.ant-select-dropdown:visible');
  const item = tree ? list.locator('.ant-select-tree-title') : list.locator('.ant-select-item-option');
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (search) await page.keyboard.type(option);
    await (exact ? item.getByText(option, { exact: true }) : item.filter({ hasText: option })).first().click();
    try {
      await expect.poll(() => select.textContent(), { timeout: 3_000 }).toContain(option);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}
