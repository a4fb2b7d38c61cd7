// The browser-test harness: a real server on a fresh demo database (child process), Debian's Chromium
// driven by playwright-core, pages at desktop or phone size, screenshots in test-artifacts/screenshots/.
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { ROOT, type ServerProcess, startServerProcess } from '../../support/server-process.js';

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

/**
 * Starts the server (env overrides: e.g. SEED_HISTORY=true) and the browser; `prepare` may fill the fresh
 * data directory first (e.g. generated cases) before the server starts on it.
 */
export async function startE2E(
  env: Record<string, string> = {},
  prepare?: (dataDir: string) => Promise<void>,
): Promise<E2E> {
  mkdirSync(SHOTS, { recursive: true });
  if (!existsSync(path.join(ROOT, 'web/dist/index.html')))
    execSync('npm run build:web', { cwd: ROOT, stdio: 'inherit' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-e2e-'));
  if (prepare) await prepare(dataDir);
  else await copyPreparedDataDir(env, dataDir);
  const server = await startServerProcess({ DATA_DIR: dataDir, ...env });
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
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Fills `dataDir` with a copy of the run's prepared demo data directory — the demo county as the server's first
 * start seeds it, with or without the year of history — making it on the first call: every file but the first
 * of its kind skips the 20–40 s seed (with the history, a minute or more). Browser test files run two at a time,
 * so the first to come makes it under a lock (a directory made atomically) and the others wait for its `ready`
 * mark. Files that fill the directory themselves or set other options seed their own.
 */
async function copyPreparedDataDir(env: Record<string, string>, dataDir: string): Promise<void> {
  const root = inject('e2ePreparedDir');
  const demo = (env.GONGZHI_MODE ?? 'demo') === 'demo';
  // The base map's settings (issue 20) change nothing in the database: such a server starts on the prepared copy too.
  const known = Object.keys(env).every(
    (k) => ['GONGZHI_MODE', 'SEED_HISTORY', 'LOG_LEVEL'].includes(k) || k.startsWith('BASEMAP_'),
  );
  if (!root || !demo || !known) return;
  const variant = (env.SEED_HISTORY ?? 'false') === 'true' ? 'history' : 'demo';
  const prepared = path.join(root, variant);
  const ready = path.join(prepared, 'ready');
  if (!existsSync(ready)) {
    let mine = false;
    try {
      mkdirSync(`${prepared}.lock`);
      mine = true;
    } catch {
      // another file is preparing it: wait below
    }
    if (mine) {
      rmSync(prepared, { recursive: true, force: true });
      mkdirSync(prepared, { recursive: true });
      const first = await startServerProcess({ DATA_DIR: prepared, SEED_HISTORY: 'false', ...env });
      await first.stop();
      writeFileSync(ready, new Date().toISOString());
    } else {
      const deadline = Date.now() + 600_000;
      while (!existsSync(ready)) {
        if (Date.now() > deadline) throw new Error(`the prepared ${variant} data directory was not made in 10 minutes`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
  cpSync(prepared, dataDir, { recursive: true });
  rmSync(path.join(dataDir, 'ready'), { force: true });
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

/** Calls the API as a staff user (signing in for the call) and answers the parsed JSON. */
export async function apiAs(e2e: E2E, username: string, method: string, path: string, body?: unknown) {
  const login = await fetch(`${e2e.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const response = await fetch(`${e2e.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return response.json();
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
