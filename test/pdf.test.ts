// The monthly bulletin as a PDF made on the server (issue 20): the file is a PDF in A4 with the CJK font
// embedded, and the text read back from it is the bulletin's — its title, sections, the month's numbers and
// the towns in the order of the ranking the API returns.
import { mkdirSync, writeFileSync } from 'node:fs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCjkFont } from '../src/modules/documents/pdf.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
let leader: Record<string, string>;

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false, history: true });
  leader = await sys.login('leader');
}, 300_000);
afterAll(async () => sys?.stop());

async function pdfText(bytes: Uint8Array) {
  const raw = Buffer.from(bytes).toString('latin1'); // before pdf.js takes the bytes over
  const doc = await getDocumentProxy(bytes);
  const { text } = await extractText(doc, { mergePages: false });
  const page = await doc.getPage(1);
  const [, , width, height] = page.view;
  return { pages: text as string[], width, height, fonts: raw };
}

describe('bulletin PDF', () => {
  it('has a CJK font on this machine (Debian fonts-wqy-microhei, or PDF_FONT)', () => {
    expect(findCjkFont()).not.toBeNull();
    expect(findCjkFont({ PDF_FONT: '/nonexistent/font.ttf' })).toBeNull();
  });

  it('renders the month of the API with its sections, numbers and ranking', async () => {
    const periods = await sys.json('GET', '/api/assessment/periods', leader);
    const month = periods.body.lastMonth as string;
    const json = (await sys.json('GET', `/api/assessment/bulletin?month=${month}`, leader)).body;
    expect(json.summary.facts.received).toBeGreaterThan(0);

    const res = await sys.request({
      method: 'GET',
      url: `/api/assessment/bulletin?month=${month}&format=pdf`,
      headers: leader,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent(`工作通报-${json.label}.pdf`));
    const bytes = new Uint8Array(res.rawPayload);
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/bulletin.pdf', bytes); // to look at
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');

    const { pages, width, height, fonts } = await pdfText(bytes);
    // A4 portrait (595 × 842 points), the CJK font embedded as a subset.
    expect(Math.round(width ?? 0)).toBe(595);
    expect(Math.round(height ?? 0)).toBe(842);
    expect(fonts).toMatch(/FontFile2|FontFile3/);
    const all = pages.join('\n').replace(/\s+/g, '');
    for (const text of [
      '基层社会治理工作通报',
      '一、总体情况',
      '二、乡镇（街道）综合排名',
      '三、县级职能部门综合排名',
      '四、超期案件',
      '五、典型案例',
      '附：指标说明',
    ]) {
      expect(all).toContain(text);
    }
    expect(all).toContain(json.label);
    expect(all).toContain(`本月共受理群众诉求${json.summary.facts.received}件，办结${json.summary.facts.closed}件`);
    // The towns in the ranking's order, each with its score as on the page.
    const towns = (json.towns.rows as { rank: number | null; name: string; score: number | null }[]).filter(
      (r) => r.rank !== null,
    );
    expect(towns.length).toBeGreaterThan(1);
    let last = -1;
    for (const row of towns) {
      const at = all.indexOf(`${row.rank}${row.name}${row.score === null ? '—' : row.score.toFixed(2)}`);
      expect(at, row.name).toBeGreaterThan(last);
      last = at;
    }
    // Page numbers on every page.
    expect(pages[0]?.replace(/\s+/g, '')).toContain(`第1页/共${pages.length}页`);
  });

  it('refuses a format it does not make', async () => {
    const res = await sys.request({
      method: 'GET',
      url: '/api/assessment/bulletin?month=2026-04&format=docx',
      headers: leader,
    });
    expect(res.statusCode).toBe(400);
  });
});
