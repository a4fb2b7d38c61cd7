import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, loginStaff, shot, startE2E } from './support/browser.js';

const CITIZEN_PHONE = '13800000001';
const DESKTOP = { width: 1440, height: 900 };
const MOBILE = { width: 390, height: 844 };

let e2e: E2E;
let baseUrl = '';
let browser: Browser;

async function newPage(viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', baseURL: baseUrl });
  const page = await context.newPage();
  return { context, page };
}

beforeAll(async () => {
  // on the embedded database even when the others run on PostgreSQL (CI): the quick start's database, in a browser
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' }, undefined, {
    embedded: true,
  });
  baseUrl = e2e.baseUrl;
  browser = e2e.browser;
});

afterAll(async () => {
  await e2e?.stop();
});

describe('foundation: sign-in, home pages, administration', () => {
  it('shows the login page with the demo accounts and the server error on bad credentials', async () => {
    const { context, page } = await newPage();
    await page.goto('/login');
    await page.getByText('演示账号').click();
    await expect(page.getByText('demo1234').first().isVisible()).resolves.toBe(true);
    await page.getByTestId('username').fill('admin');
    await page.getByTestId('password').fill('wrong-password-1');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/[\u4e00-\u9fff]/);
    await shot(page, 'login');
    await context.close();
  });

  it('leaves out the animations for a user who asked their system for less motion, and keeps them otherwise', async () => {
    // Whether an element took one of antd's motion classes (rc-motion's -enter / -appear / -leave) while the
    // 演示账号 panel opened: the browser of these tests asks for less motion (--force-prefers-reduced-motion).
    const animatedWhenOpening = async (reducedMotion: 'reduce' | 'no-preference') => {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', baseURL: baseUrl, reducedMotion });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { motionSeen: boolean };
        w.motionSeen = false;
        new MutationObserver((records) => {
          const moving = (n: Node) =>
            /-(enter|appear|leave)(-active)?\b/.test((n as Element).getAttribute?.('class') ?? '');
          for (const r of records) if (moving(r.target) || [...r.addedNodes].some(moving)) w.motionSeen = true;
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['class'], childList: true });
      });
      await page.goto('/login');
      await page.getByText('演示账号').click();
      await page.getByText('demo1234').first().waitFor();
      await page.waitForTimeout(300);
      const seen = await page.evaluate(() => (window as unknown as { motionSeen: boolean }).motionSeen);
      await context.close();
      return seen;
    };
    expect(await animatedWhenOpening('reduce')).toBe(false);
    expect(await animatedWhenOpening('no-preference')).toBe(true);
  });

  it('admin sees the county overview, the org tree, the grid map and the users', async () => {
    const { context, page } = await newPage();
    await loginStaff(page, 'admin');
    await page.getByTestId('home-admin').waitFor();
    await page.getByTestId('home-counts').waitFor();
    await page.getByTestId('header-clock').waitFor();
    await shot(page, 'admin-home');

    // English is one click away and the choice survives a reload.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('side-menu').getByText('Organisations', { exact: true }).waitFor();
    await page.reload();
    await page.getByTestId('side-menu').getByText('Organisations', { exact: true }).waitFor();
    await shot(page, 'admin-home-en');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('side-menu').getByText('组织机构').waitFor();

    await page.getByTestId('side-menu').getByText('组织机构').click();
    await page.waitForURL('**/admin/orgs');
    const tree = page.getByTestId('org-tree');
    await tree.locator('.ant-tree-treenode').nth(3).waitFor();
    expect(await tree.locator('.ant-tree-treenode').count()).toBeGreaterThan(5);
    await page.getByTestId('org-detail').waitFor();
    await shot(page, 'admin-orgs');

    await page.getByTestId('side-menu').getByText('网格地图').click();
    await page.waitForURL('**/admin/grids');
    await page.locator('path.leaflet-interactive').nth(100).waitFor({ timeout: 30_000 });
    expect(await page.locator('path.leaflet-interactive').count()).toBeGreaterThan(100);
    await page.locator('path.leaflet-interactive').nth(10).click({ force: true });
    await page.getByTestId('grid-detail').getByText('编码').waitFor();
    await shot(page, 'admin-grids');

    // The locate tool answers with the grid under a point inside the county.
    await page.getByTestId('locate-tool').click();
    const box = await page.locator('path.leaflet-interactive').nth(10).boundingBox();
    if (!box) throw new Error('grid polygon has no box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByTestId('locate-result').getByText('网格').first().waitFor();

    await page.getByTestId('side-menu').getByText('用户管理').click();
    await page.waitForURL('**/admin/users');
    await page.getByTestId('users-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('users-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(5);
    await shot(page, 'admin-users');
    await context.close();
  });

  it('town operator sees its own workbench and only the users of its own town', async () => {
    const { context, page } = await newPage();
    await loginStaff(page, 'town');
    await page.getByTestId('home-town_operator').waitFor();
    await page.getByTestId('home-counts').waitFor();
    await shot(page, 'town-home');

    await page.goto('/admin/users');
    await page.getByTestId('users-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, 'town-users');

    // Every user the town operator is given belongs to an organisation inside the town's own subtree.
    const check = await page.evaluate(async () => {
      const get = async (url: string) => {
        const res = await fetch(url, { credentials: 'same-origin' });
        return res.json();
      };
      type Node = { id: number | string; kind: string; name: string; children?: Node[] };
      const me = await get('/api/auth/me');
      const tree = (await get('/api/orgs/tree?includeGrids=true')) as Node[];
      const ids = new Set<string>();
      const walk = (nodes: Node[]) => {
        for (const n of nodes) {
          ids.add(String(n.id));
          walk(n.children ?? []);
        }
      };
      walk(tree);
      const users = (await get('/api/users?limit=500')) as {
        items: { username: string; org: { id: number | string; name: string } | null }[];
        total: number;
      };
      const outside = users.items.filter((u) => u.org && !ids.has(String(u.org.id))).map((u) => u.username);
      return {
        myOrg: me.org?.name as string,
        total: users.total,
        outside,
        usernames: users.items.map((u) => u.username),
      };
    });
    expect(check.total).toBeGreaterThan(0);
    expect(check.outside).toEqual([]);
    expect(check.usernames).not.toContain('admin');
    expect(check.usernames).not.toContain('town2');

    // The same through the screen: searching for the other town's operator finds nobody.
    await page.getByTestId('user-search').locator('input').fill('town2');
    await page.getByTestId('user-search').locator('input').press('Enter');
    await page.getByTestId('users-table').locator('.ant-empty').waitFor();
    expect(await page.getByTestId('users-table').locator('tbody tr.ant-table-row').count()).toBe(0);
    await context.close();
  });

  it('grid worker gets a phone-sized home page with the grid and its boundary', async () => {
    const { context, page } = await newPage(MOBILE);
    await loginStaff(page, 'grid');
    await page.getByTestId('home-grid_worker').waitFor();
    await page.getByTestId('grid-info').getByText('户数').waitFor();
    await page.locator('path.leaflet-interactive').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, 'grid-home-mobile');
    await context.close();
  });

  it('citizen signs in with the demo one-time code and sees the light mobile home', async () => {
    const { context, page } = await newPage(MOBILE);
    await page.goto('/login');
    await page.getByTestId('tab-citizen').click();
    await page.getByTestId('phone').fill(CITIZEN_PHONE);
    await page.getByTestId('request-code').click();
    const codeText = page.getByTestId('demo-code');
    await codeText.waitFor();
    const code = ((await codeText.textContent()) ?? '').replace(/\D/g, '');
    expect(code).toMatch(/^\d{4,8}$/);
    await shot(page, 'citizen-login-mobile');
    await page.getByTestId('code').fill(code);
    await page.getByTestId('citizen-submit').click();
    await page.getByTestId('home-citizen').waitFor();
    expect(await page.getByTestId('side-menu').count()).toBe(0);
    // 一键反映 is live and leads to the report form.
    await shot(page, 'citizen-home-mobile');
    await page.getByTestId('report-button').click();
    await page.waitForURL((url) => url.pathname.startsWith('/report'));
    await context.close();
  });
});
