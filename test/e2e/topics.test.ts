// 每月一题 in the browser (issue 19): eight reports of one building's lift this month show as a proposal with its
// trend; the county platform adopts it with a lead unit and a task and lands on the topic page, whose chart and
// task list show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type E2E, pickOption, shot, staffPage, startE2E } from './support/browser.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', LOG_LEVEL: 'warn' });
});

afterAll(async () => {
  await e2e?.stop();
});

const LIFT = [
  '幸福小区3号楼电梯又坏了，老人被困在电梯里半个小时',
  '幸福小区三号楼电梯经常故障停运，老人上下楼很困难',
  '反映幸福小区3号楼的电梯频繁出故障，昨天又困人了，物业不管',
  '幸福小区电梯坏了好几天没人修，住高层的老人出不了门',
  '幸福小区3号楼电梯故障，物业拖着不维修，请督促电梯维保单位尽快处理',
  '我家住幸福小区3号楼18层，电梯三天两头坏，希望有关部门管一管',
  '幸福小区3号楼电梯异响后停运，存在安全隐患，请检查',
  '电梯故障困人，幸福小区物业电话打不通，请尽快派人维修',
];

describe('每月一题', () => {
  it('shows the month’s proposal, adopts it as a topic, and opens the topic page', async () => {
    const grids = await apiAs(e2e, 'admin', 'GET', '/api/orgs?kind=grid&limit=1');
    const grid = await apiAs(e2e, 'admin', 'GET', `/api/orgs/${grids.items[0].id}`);
    for (const body of LIFT) {
      const created = await apiAs(e2e, 'county', 'POST', '/api/cases', {
        channel: 'walk_in',
        body,
        lat: grid.centerLat,
        lng: grid.centerLng,
      });
      expect(created.id).toBeTruthy();
    }
    const page = await staffPage(e2e, 'county');
    await page.goto('/topics');
    const card = page.getByTestId('topic-proposal').filter({ hasText: '电梯' }).first();
    await card.waitFor({ timeout: 120_000 });
    expect(await card.textContent()).toContain('快速增长');
    await shot(page, 'topics-proposals');
    await card.getByTestId('proposal-adopt').click();
    await pickOption(page, page.getByTestId('adopt-lead'), '住房和城乡建设局', { tree: true });
    await page.getByTestId('adopt-task-title-0').fill('督促维保单位彻底检修幸福小区电梯');
    await pickOption(page, page.getByTestId('adopt-task-owner-0'), '住房和城乡建设局', { tree: true });
    await page.getByTestId('adopt-task-due-0').click();
    const target = await page.evaluate(() => {
      const d = new Date(Date.now() + 3 * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await page.locator(`.ant-picker-cell[title="${target}"]`).click();
    await page
      .getByRole('button', { name: /采\s*纳/ })
      .last()
      .click();
    await page.getByTestId('topic-detail').waitFor({ timeout: 60_000 });
    await page.getByTestId('topic-chart').locator('canvas').first().waitFor();
    expect(await page.getByTestId('topic-detail').textContent()).toContain('住房和城乡建设局');
    expect(await page.getByTestId('task-link').first().textContent()).toContain('幸福小区电梯');
    await shot(page, 'topics-detail');
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const topic = await apiAs(e2e, 'county', 'GET', `/api/topics/${id}`);
    expect(topic.tasks).toHaveLength(1);
    expect(topic.series[topic.series.length - 1]).toBeGreaterThanOrEqual(6);
    await page.context().close();
  }, 300_000);
});
