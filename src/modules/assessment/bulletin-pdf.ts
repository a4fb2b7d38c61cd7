// 月度通报 as a PDF made on the server (issue 20): the same sections, numbers and order as the printed page of
// the web app (web/src/pages/assessment/BulletinPage.tsx) — the summary, the towns' and the departments'
// rankings, the overdue cases, the typical cases and the indicators' formulas — on A4 in a CJK font.
import { type Column, PdfWriter } from '../documents/pdf.js';
import type { AssessmentService, RankingView } from './assessment-service.js';

type Bulletin = Awaited<ReturnType<AssessmentService['bulletin']>>;

const SHOWN = [
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
  'onTimeCloseRate',
  'signOnTimeRate',
  'returnRate',
  'reopenRate',
  'overdueCount',
  'supervisedCount',
];
const TREND_TEXT = { up: '↑', down: '↓', same: '→', new: '新' } as const;
const OVERDUE_KIND_TEXT: Record<string, string> = {
  accept: '受理',
  verify: '核实',
  dispatch: '派遣',
  sign_for: '签收',
  check_in: '报到',
  handle: '处置',
  reply: '答复',
  callback: '回访',
  appeal_review: '申诉复核',
  supervision: '督办',
};

const rate = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(2)}%`);
const score = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));
const value = (v: number | null | undefined, kind: 'rate' | 'count') =>
  kind === 'rate' ? rate(v) : v === null || v === undefined ? '—' : String(v);

/** Beijing time as YYYY-MM-DD HH:mm (the server may run in UTC). */
function beijing(iso: string, withDate = true): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return withDate ? `${d.slice(0, 10)} ${d.slice(11, 16)}` : `${d.slice(5, 10)} ${d.slice(11, 16)}`;
}

function ranking(pdf: PdfWriter, view: RankingView): void {
  const indicators = SHOWN.map((k) => view.indicators.find((i) => i.key === k)).filter((i) => !!i);
  const rows = view.rows.filter((r) => r.rank !== null);
  if (!rows.length) {
    pdf.paragraph('本期暂无考核数据');
    return;
  }
  const dept = view.unitType === 'department';
  const columns: Column[] = [
    { title: '排名', width: 4 },
    { title: '单位', width: 14, align: 'left' },
    { title: '综合得分', width: 6 },
    { title: '趋势', width: 4 },
    ...(dept ? [{ title: '镇街评价', width: 6 }] : []),
    ...indicators.map((i) => ({ title: i.name, width: 6.5 })),
  ];
  pdf.table(
    columns,
    rows.map((r) => [
      String(r.rank),
      r.name,
      score(r.score),
      TREND_TEXT[r.trend],
      ...(dept ? [score(r.townRating)] : []),
      ...indicators.map((i) => value(r.values[i.key], i.kind)),
    ]),
    { size: 7.5 },
  );
}

export async function bulletinPdf(bulletin: Bulletin, orgName: string): Promise<Buffer> {
  const pdf = new PdfWriter({ title: `${bulletin.label}基层社会治理工作通报`, subject: '月度通报' });
  const f = bulletin.summary.facts;
  const v = bulletin.summary.values;
  pdf.title('基层社会治理工作通报', `${orgName} · ${bulletin.label} · 生成于 ${beijing(bulletin.generatedAt)}`);
  pdf.heading('一、总体情况');
  pdf.paragraph(
    `本月共受理群众诉求 ${f.received} 件，办结 ${f.closed} 件；响应率 ${rate(v.responseRate)}，解决率 ${rate(v.resolutionRate)}，` +
      `满意率 ${rate(v.satisfactionRate)}，按期办结率 ${rate(v.onTimeCloseRate)}；超期 ${f.overdue} 件，督办 ${f.supervised} 件。`,
    { indent: true },
  );
  pdf.heading('二、乡镇（街道）综合排名');
  ranking(pdf, bulletin.towns);
  pdf.heading('三、县级职能部门综合排名');
  ranking(pdf, bulletin.departments);
  pdf.heading(`四、超期案件（${bulletin.overdueTotal}）`);
  if (bulletin.overdue.length === 0) pdf.paragraph('本月无超期案件。');
  else {
    pdf.table(
      [
        { title: '案件编号', width: 13 },
        { title: '标题', width: 30, align: 'left' },
        { title: '乡镇（街道）', width: 11 },
        { title: '主办单位', width: 14 },
        { title: '超期环节', width: 8 },
        { title: '超期时间', width: 10 },
      ],
      bulletin.overdue.map((o) => [
        o.number,
        o.title,
        o.townName ?? '—',
        o.leadName ?? '—',
        OVERDUE_KIND_TEXT[o.kind ?? ''] ?? o.kind ?? '—',
        beijing(o.at, false),
      ]),
    );
  }
  pdf.heading('五、典型案例');
  if (bulletin.typical.length === 0) pdf.paragraph('本月无典型案例。');
  bulletin.typical.forEach((c, i) => {
    const where = `${c.townName ?? '—'}${c.leadName ? ` · ${c.leadName}` : ''}`;
    pdf.paragraph(
      `${i + 1}. [${c.kind === 'best_rated' ? '群众满意' : '督办'}] ${c.number} ${c.title}（${where}）— ${c.note}`,
    );
  });
  pdf.heading('附：指标说明');
  for (const i of bulletin.towns.indicators) {
    pdf.paragraph(`${i.name}：${i.formula}（权重 ${i.weight}）`, { size: 8.5, color: '#333' });
  }
  pdf.paragraph(`综合得分：${bulletin.towns.compositeFormula}`, { size: 8.5, color: '#333' });
  return pdf.finish(`${orgName} ${bulletin.label}工作通报`);
}
