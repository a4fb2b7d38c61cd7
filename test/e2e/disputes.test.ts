// Browser walk of a neighbour dispute (docs/drafts/disputes.md): the village registers it, accepts it, assigns
// its own 调委会, records a session, reaches an agreement, prints the 调解协议书 (A4 page with the parties in
// full), records the signing — the follow-up task appears — and then the follow-up visit closes it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, DESKTOP, type E2E, loginStaff, pickOption, shot, startE2E } from './support/browser.js';

const STEP_TIMEOUT = 300_000;
let e2e: E2E;
let page: Page;

beforeAll(async () => {
  e2e = await startE2E();
  ({ page } = await e2e.newPage(DESKTOP));
  page.setDefaultTimeout(90_000);
  await loginStaff(page, 'village');
  await page.getByTestId('side-menu').waitFor();
}, STEP_TIMEOUT);
afterAll(async () => e2e?.stop());

async function act(action: string, fill?: () => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  await fill?.();
  await page.getByTestId('action-submit').click();
  await page.getByTestId('action-submit').waitFor({ state: 'hidden' });
}

describe('a neighbour dispute from registration to a printed agreement', () => {
  it(
    'registers, mediates to an agreement, prints the 调解协议书 and records the follow-up visit',
    async () => {
      await page.goto('/disputes');
      await page.getByTestId('dispute-boxes').waitFor();
      await shot(page, 'disputes-queue');
      await page.getByTestId('new-dispute').click();
      await page.getByTestId('dispute-form').waitFor();
      await pickOption(page, page.getByTestId('dispute-type'), '邻里纠纷', { exact: true, search: false });
      await page.getByTestId('dispute-title').fill('楼上卫生间漏水致楼下天花板受损');
      await page.getByTestId('dispute-description').fill('3 栋 402 室卫生间长期渗水，302 室天花板发霉脱落。');
      await page.getByTestId('party-name-0').fill('陈美华');
      await page.getByTestId('party-name-1').fill('赵建国');
      await page.getByTestId('dispute-people').fill('35');
      await expect.poll(() => page.getByTestId('rule-level').textContent()).toBe('重大');
      await page.getByTestId('dispute-people').fill('2');
      await expect.poll(() => page.getByTestId('rule-level').textContent()).toBe('一般');
      await shot(page, 'disputes-register');
      await page.getByTestId('dispute-submit').click();
      await page.getByTestId('dispute-facts').waitFor();
      expect(await page.getByTestId('dispute-state').first().textContent()).toBe('待受理');
      // the parties are masked on the page
      expect(await page.getByTestId('parties').textContent()).toContain('陈**');

      await act('accept');
      await act('assign', async () => {
        await pickOption(page, page.getByTestId('committee-select'), '调委会');
        await page.getByTestId('mediator-name').fill('李秀英');
      });
      expect(await page.getByTestId('dispute-state').first().textContent()).toBe('调解中');
      await page.getByTestId('action-recordSession').click();
      await page.getByTestId('session-place').fill('文昌社区人民调解室');
      await page.getByTestId('session-participants').fill('陈美华、赵建国、调解员李秀英');
      await page.getByTestId('session-notes').fill('查看漏水现场，双方同意由楼上维修并赔偿。');
      await page.getByTestId('action-submit').click();
      await page.getByTestId('sessions').getByText('第 1 次调解').waitFor();
      await act('reachAgreement', async () => {
        await page
          .getByTestId('agreement-terms')
          .fill('一、赵建国于十日内修复卫生间防水。\n二、赵建国赔偿陈美华贰仟元。');
      });
      expect(await page.getByTestId('dispute-state').first().textContent()).toBe('协议待签');
      await shot(page, 'disputes-detail');

      // the 调解协议书, A4, with the parties in full for the committee
      await page.getByTestId('print-agreement').click();
      await page.getByTestId('agreement').waitFor();
      const paper = await page.getByTestId('agreement').textContent();
      expect(paper).toContain('人民调解协议书');
      expect(paper).toContain('申请人：陈美华');
      expect(paper).toContain('被申请人：赵建国');
      expect(paper).toContain('赵建国于十日内修复卫生间防水');
      expect(paper).toMatch(/青溪调〔\d{4}〕\d{4}号/);
      await shot(page, 'disputes-agreement');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
      await page.emulateMedia({ media: 'screen' });
      await page.goBack();

      await act('sign');
      expect(await page.getByTestId('dispute-state').first().textContent()).toBe('待回访');
      await page.getByTestId('task-link').waitFor();
      await act('recordFollowUp', async () => {
        await pickOption(page, page.getByTestId('performance'), '已履行', { exact: true, search: false });
        await page.getByTestId('followup-note').fill('电话回访，已修复并付款。');
      });
      expect(await page.getByTestId('dispute-state').first().textContent()).toBe('已结案');
      await shot(page, 'disputes-closed');
    },
    STEP_TIMEOUT,
  );

  it(
    'a party picked from the grid base data: the record gives the name, phone and ID number',
    async () => {
      const me = await apiAs(e2e, 'grid', 'GET', '/api/auth/me');
      await apiAs(e2e, 'village', 'POST', '/api/grid-data/people', {
        gridId: me.org.id,
        fields: { residenceType: '户籍', name: '欧阳秀兰', idNumber: '330788197503154212', phone: '13905719999' },
      });
      await page.goto('/disputes');
      await page.getByTestId('new-dispute').click();
      await page.getByTestId('dispute-form').waitFor();
      await pickOption(page, page.getByTestId('dispute-type'), '邻里纠纷', { exact: true, search: false });
      await page.getByTestId('dispute-title').fill('楼道堆放杂物引发争执');
      await page.getByTestId('party-pick-0').click();
      await page.keyboard.type('欧阳秀兰');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').getByText('欧阳秀兰').click();
      await expect.poll(() => page.getByTestId('party-name-0').inputValue()).toBe('欧阳秀兰');
      await page.getByTestId('party-name-1').fill('钱立新');
      const [created] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/disputes')),
        page.getByTestId('dispute-submit').click(),
      ]);
      expect(created.status(), await created.text()).toBe(201);
      await page.getByTestId('dispute-facts').waitFor();
      const parties = await page.getByTestId('parties').textContent();
      expect(parties).toContain('欧**');
      expect(parties).toContain('139****9999');
    },
    STEP_TIMEOUT,
  );

  it(
    'the grid map colours the grids by their open disputes’ highest risk',
    async () => {
      await page.goto('/admin/grids');
      await page.getByTestId('map-layer').waitFor();
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/disputes/by-grid')),
        page.getByTestId('map-layer').getByText('在办矛盾纠纷').click(),
      ]);
      const open = ((await answer.json()) as { items: { total: number }[] }).items;
      expect(open.length).toBeGreaterThan(0);
      const legend = page.getByTestId('dispute-legend');
      await legend.waitFor();
      // as many grids coloured as have open disputes (the demo village's), the rest grey
      const coloured = await legend.locator('.ant-tag').evaluateAll((tags) =>
        tags
          .map((t) => t.textContent ?? '')
          .filter((t) => !t.startsWith('无在办'))
          .reduce((n, t) => n + Number(/(\d+) 个网格/.exec(t)?.[1] ?? 0), 0),
      );
      expect(coloured).toBe(open.filter((g) => g.total > 0).length);
      await shot(page, 'disputes-grid-map');
    },
    STEP_TIMEOUT,
  );
});
