// The meeting minutes and the mediation agreement as PDFs made on the server (issue 20): each is an A4 PDF with
// the CJK font embedded whose text, read back, is the document the web app prints — the minutes' title,
// sections, items and decisions with their owners; the agreement's number, parties (in full for the committee,
// the reveal audited; masked for others, as on the printed page), terms and signature lines. Outside the
// caller's scope both answer the same 404 as the JSON; an agreement that does not exist yet is a 409.
import { mkdirSync, writeFileSync } from 'node:fs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/system.js';

type Headers = Record<string, string>;
let sys: TestSystem;
const USERS = ['admin', 'county', 'town', 'town2', 'village', 'grid', 'dept', 'leader'] as const;
const as = {} as Record<(typeof USERS)[number], Headers>;

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of USERS) as[name] = await sys.login(name);
}, 300_000);
afterAll(async () => sys?.stop());

async function pdf(url: string, headers: Headers, artifact?: string) {
  const res = await sys.request({ method: 'GET', url, headers });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const bytes = new Uint8Array(res.rawPayload);
  if (artifact) {
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync(`test-artifacts/${artifact}`, bytes); // to look at
  }
  expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
  expect(Buffer.from(bytes).toString('latin1')).toMatch(/FontFile2|FontFile3/); // the CJK font embedded
  const doc = await getDocumentProxy(bytes);
  const page = await doc.getPage(1);
  const [, , width, height] = page.view;
  expect([Math.round(width ?? 0), Math.round(height ?? 0)]).toEqual([595, 842]); // A4 portrait
  const { text } = await extractText(doc, { mergePages: false });
  const pages = text as string[];
  expect(pages[0]?.replace(/\s+/g, '')).toContain(`第1页/共${pages.length}页`);
  return {
    all: pages.join('\n').replace(/\s+/g, ''),
    disposition: decodeURIComponent(String(res.headers['content-disposition'])),
  };
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('meeting minutes PDF', () => {
  it('renders the published county meeting as the page prints it: header, attendance, items, decisions', async () => {
    const kinds = (await sys.json('GET', '/api/meetings/kinds', as.county)).body.items;
    const kind = kinds.find((k: { name: string }) => k.name === '县社会治理联席会议');
    const meetings = (await sys.json('GET', `/api/meetings?kindId=${kind.id}`, as.county)).body.items;
    const id = meetings[0].id as number;
    const minutes = (await sys.json('GET', `/api/meetings/${id}/minutes`, as.dept)).body;
    expect(minutes.items.length).toBeGreaterThan(1);

    const { all, disposition } = await pdf(`/api/meetings/${id}/minutes?format=pdf`, as.dept, 'minutes.pdf');
    expect(disposition).toContain(`${minutes.title}.pdf`);
    let last = -1;
    for (const text of [
      minutes.title,
      `${minutes.header.organiser}·${minutes.header.stateLabel}`,
      `会议时间${squeeze(minutes.header.time)}`,
      '一、出席情况',
      `应到成员单位${minutes.attendance.summary.members}个`,
      '二、议题及决定事项',
      ...minutes.items.flatMap(
        (item: {
          no: string;
          title: string;
          decisions: { no: number; text: string; tasks: { owner: string }[] }[];
        }) => [
          `（${item.no}）${squeeze(item.title)}`,
          ...item.decisions.flatMap((d) => [squeeze(d.text), ...d.tasks.map((t) => t.owner)]),
        ],
      ),
      '三、落实要求',
      `本次会议共形成决定事项${minutes.totals.decisions}项，交办任务${minutes.totals.tasks}项`,
    ]) {
      const at = all.indexOf(text, last + 1);
      expect(at, text).toBeGreaterThan(last);
      last = at;
    }
    expect(all).toContain('序号决定事项责任单位协办单位完成期限当前状态');
  });

  it('answers outside the scope the same 404 as the JSON, and refuses a format it does not make', async () => {
    const kinds = (await sys.json('GET', '/api/meetings/kinds', as.town)).body.items;
    const kind = kinds.find((k: { level: string; organiser?: { id: number } }) => k.level === 'town');
    const created = await sys.json('POST', '/api/meetings', as.town, {
      kindId: kind.id,
      startsAt: new Date(sys.services.clock.now().getTime() + 3600_000).toISOString(),
      place: '街道会议室',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as number;
    await pdf(`/api/meetings/${id}/minutes?format=pdf`, as.town);
    const json = await sys.json('GET', `/api/meetings/${id}/minutes`, as.town2);
    const file = await sys.json('GET', `/api/meetings/${id}/minutes?format=pdf`, as.town2);
    expect(json.status).toBe(404);
    expect(file.status).toBe(404);
    expect(file.body.code).toBe('MEETING_NOT_FOUND');
    expect(file.body.code).toBe(json.body.code);
    expect((await sys.json('GET', `/api/meetings/${id}/minutes?format=docx`, as.town)).status).toBe(400);
  });
});

describe('mediation agreement PDF', () => {
  interface Item {
    id: number;
    state: string;
  }
  async function disputesIn(state: string): Promise<Item[]> {
    return (await sys.json('GET', `/api/disputes?state=${state}&pageSize=200`, as.admin)).body.items;
  }

  it('renders the agreement as the page prints it, the parties in full for the committee (audited)', async () => {
    const agreed = [
      ...(await disputesIn('agreed')),
      ...(await disputesIn('following_up')),
      ...(await disputesIn('closed')),
    ];
    let found: {
      id: number;
      headers: Headers;
      view: Record<string, unknown> & { parties: { name: string; role: string }[] };
    } | null = null;
    for (const d of agreed) {
      for (const user of ['village', 'town'] as const) {
        const res = await sys.json('GET', `/api/disputes/${d.id}/agreement`, as[user] as Headers);
        if (res.status === 200 && res.body.masked === false) {
          found = { id: d.id, headers: as[user] as Headers, view: res.body };
          break;
        }
      }
      if (found) break;
    }
    expect(found, 'a demo dispute with an agreement its committee can print').not.toBeNull();
    if (!found) return;
    const a = found.view as Record<string, string | number | null> & { parties: { name: string; role: string }[] };
    const audits = async () =>
      (
        await sys.services.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'pii.view')
          .where('target_type', '=', 'dispute')
          .where('target_id', '=', String(found?.id))
          .execute()
      ).length;
    const before = await audits();
    const { all, disposition } = await pdf(
      `/api/disputes/${found.id}/agreement?format=pdf`,
      found.headers,
      'agreement.pdf',
    );
    expect(await audits()).toBe(before + 1); // the reveal is audited as the page's is
    expect(disposition).toContain(`人民调解协议书-${a.number}.pdf`);
    let last = -1;
    for (const text of [
      '人民调解协议书',
      String(a.number),
      '当事人',
      ...a.parties.map((p) => `${p.role === 'applicant' ? '申请人' : '被申请人'}：${squeeze(p.name)}`),
      '纠纷主要事实、争议事项',
      `主持调解（共${a.sessions}次）`,
      '协议内容',
      squeeze(String(a.terms)).slice(0, 30),
      '履行方式、时限',
      '申请人（签名）：',
      '人民调解员（签名）：',
      `${a.committee}（盖章）`,
      `纠纷编号${a.disputeNumber}`,
    ]) {
      const at = all.indexOf(text, last + 1);
      expect(at, text).toBeGreaterThan(last);
      last = at;
    }
  });

  it('masks the parties as the page does for a reader who may not see them', async () => {
    // a reader without pii.view who is not the committee gets the names masked, on the page and in the PDF
    let checked = 0;
    const agreed = [...(await disputesIn('following_up')), ...(await disputesIn('closed'))];
    for (const d of agreed) {
      let found: {
        user: (typeof USERS)[number];
        body: { parties: { name: string; kind: string; role: string }[] };
      } | null = null;
      for (const user of USERS) {
        const got = await sys.json('GET', `/api/disputes/${d.id}/agreement`, as[user]);
        if (got.status === 200 && got.body.masked === true) {
          found = { user, body: got.body };
          break;
        }
      }
      if (!found) continue;
      const { all } = await pdf(`/api/disputes/${d.id}/agreement?format=pdf`, as[found.user], 'agreement-masked.pdf');
      const full = (await sys.json('GET', `/api/disputes/${d.id}/agreement`, as.admin)).body;
      // the party lines (the terms are free text the committee wrote, printed as on the page)
      const role = (r: string) => (r === 'applicant' ? '申请人' : '被申请人');
      const people = found.body.parties.filter((p) => p.kind === 'person');
      expect(people.length).toBeGreaterThan(0);
      for (const [i, p] of found.body.parties.entries()) {
        if (p.kind !== 'person') continue;
        const fullName = full.parties[i].name as string;
        expect(p.name).not.toBe(fullName);
        expect(all).toContain(`${role(p.role)}：${squeeze(p.name)}`);
        expect(all).not.toContain(`${role(p.role)}：${squeeze(fullName)}`);
      }
      checked += 1;
      break;
    }
    expect(checked, 'an agreement someone reads masked').toBe(1);
  });

  it('is a 409 with a Chinese message before there is an agreement, and the same 404 as the JSON outside scope', async () => {
    const registered = (await disputesIn('registered'))[0] ?? (await disputesIn('mediating'))[0];
    expect(registered).toBeDefined();
    const none = await sys.json('GET', `/api/disputes/${registered?.id}/agreement?format=pdf`, as.admin);
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({
      code: 'DISPUTE_ACTION_NOT_ALLOWED_IN_STATE',
      message: '该矛盾纠纷尚未达成调解协议',
    });

    const agreed = [...(await disputesIn('following_up')), ...(await disputesIn('closed'))];
    for (const d of agreed) {
      const json = await sys.json('GET', `/api/disputes/${d.id}/agreement`, as.town2);
      if (json.status !== 404) continue;
      const file = await sys.json('GET', `/api/disputes/${d.id}/agreement?format=pdf`, as.town2);
      expect(file.status).toBe(404);
      expect(file.body.code).toBe('DISPUTE_NOT_FOUND');
      return;
    }
    throw new Error('no agreement outside town2’s scope');
  });
});
