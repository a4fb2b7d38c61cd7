import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { signPayload } from '../src/domain/intake/hotline-order.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-shots-'));
const port = 3917;
const base = `http://127.0.0.1:${port}`;
const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  env: { ...process.env, GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
try {
  for (let i = 0; i < 1000; i++) {
    try { if ((await fetch(`${base}/health`)).ok) break; } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo1234' }) });
  const token = (await login.json()).token;
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  await fetch(`${base}/api/webhooks`, { method: 'POST', headers: auth, body: JSON.stringify({ name: '12345 状态回传', url: 'http://127.0.0.1:9/none', channels: ['hotline'] }) });
  for (let i = 0; i < 3; i++) {
    const raw = JSON.stringify({ orderNo: `HL-SHOT-${i}`, content: `第 ${i} 件：小区门口路灯坏了一个多月，晚上出行不便。`, address: '青溪街道文昌社区', hotlineCategory: '城乡建设' });
    const ts = String(Math.floor(Date.now() / 1000));
    const r = await fetch(`${base}/api/hotline/orders`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'gz_demo_hotline_qingxi_330788', 'x-gz-timestamp': ts, 'x-gz-signature': signPayload('whsec_demo_hotline_qingxi_330788', ts, raw) }, body: raw });
    console.log('push', r.status, await r.text());
  }
  const o311 = await fetch(`${base}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'api_key=gz_demo_open311_qingxi_330788&service_code=01.02.04&lat=29.342951&long=120.121867&description=' + encodeURIComponent('人行道井盖缺失，夜里容易踩空') });
  console.log('open311', o311.status, await o311.text());
  await new Promise((r) => setTimeout(r, 4000));
  const csv = path.join(dataDir, 'orders.csv');
  const rows = ['工单编号,来电时间,来电人,联系电话,诉求内容,诉求类型,地址'];
  for (let i = 0; i < 30; i++) rows.push(`IMP-${i},2026-03-02 10:15,李先生,13700002222,第 ${i} 号楼下水道堵塞，污水外溢。,城乡建设,青溪街道文昌社区`);
  rows.push('IMP-bad,2026-03-02 10:15,赵,1234,,环境保护,青溪街道');
  fs.writeFileSync(csv, `\uFEFF${rows.join('\n')}\n`);

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  await context.addCookies([{ name: 'gz_session', value: token, url: base }]);
  const page = await context.newPage();
  await page.goto(`${base}/admin/hotline`);
  await page.waitForSelector('[data-testid="hotline-upload"]', { state: 'attached' });
  await page.setInputFiles('input[type=file]', csv);
  await page.waitForSelector('[data-testid="hotline-preview"]');
  await page.screenshot({ path: 'test-artifacts/screenshots/hotline-import-preview.png', fullPage: true });
  await page.click('[data-testid="hotline-start"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="hotline-progress"]')?.textContent?.includes('30 / 30'), null, { timeout: 60000 });
  await page.screenshot({ path: 'test-artifacts/screenshots/hotline-import-done.png', fullPage: true });
  await page.goto(`${base}/admin/webhooks`);
  await page.waitForSelector('.ant-table-row', { timeout: 30000 }).catch(() => {});
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'test-artifacts/screenshots/webhooks.png', fullPage: true });
  await browser.close();
} finally {
  proc.kill('SIGTERM');
}
