// 会议纪要 as a PDF made on the server (issue 20): the sections and order of the printed page of the web app
// (web/src/pages/meetings/MinutesPage.tsx) — the header, 一、出席情况, 二、议题及决定事项 with each item's
// reason, description, discussion, dispatch and decisions table, 三、落实要求 — on A4 in a CJK font.
import { chinaDateTime, type Minutes } from '../../domain/meeting/index.js';
import { PdfWriter } from '../documents/pdf.js';
import { formGrid, note } from '../documents/pdf-form.js';

function attendance(pdf: PdfWriter, a: Minutes['attendance']): void {
  pdf.heading('一、出席情况');
  pdf.paragraph(
    `应到成员单位 ${a.summary.members} 个，实到 ${a.summary.present + a.summary.substitute} 个（其中委托出席 ${a.summary.substitute} 个），缺席 ${a.summary.absent} 个。`,
  );
  const lines: [string, string[]][] = [
    ['出席单位', [...a.present]],
    ['委托出席', a.substitute.map((s) => `${s.unit}（${s.attendee}）`)],
    ['缺席单位', a.absent.map((s) => (s.note ? `${s.unit}（${s.note}）` : s.unit))],
    ['未登记', [...a.unrecorded]],
  ];
  for (const [label, units] of lines) if (units.length) pdf.paragraph(`${label}：${units.join('、')}`);
}

function item(pdf: PdfWriter, it: Minutes['items'][number]): void {
  pdf.ensure(60);
  pdf.doc.moveDown(0.3);
  pdf.paragraph(`（${it.no}）${it.title}`, { size: 12 });
  if (it.reason) pdf.paragraph(`提请理由：${it.reason}`, { color: '#555' });
  if (it.description) pdf.paragraph(it.description);
  if (it.discussion) pdf.paragraph(`讨论情况：${it.discussion}`);
  if (it.dispatch) pdf.paragraph(it.dispatch);
  if (!it.decisions.length) return;
  pdf.table(
    [
      { title: '序号', width: 8 },
      { title: '决定事项', width: 34, align: 'left' },
      { title: '责任单位', width: 15 },
      { title: '协办单位', width: 15 },
      { title: '完成期限', width: 15 },
      { title: '当前状态', width: 13 },
    ],
    // the page spans a decision's number and text over its tasks' rows; here they stand on the first row
    it.decisions.flatMap((d) =>
      (d.tasks.length ? d.tasks : [null]).map((t, ti) => [
        ti === 0 ? String(d.no) : '',
        ti === 0 ? d.text : '',
        t?.owner ?? '—',
        t?.assisting || '—',
        t?.due ?? '—',
        t?.stateLabel ?? '—',
      ]),
    ),
    { size: 9 },
  );
}

export function minutesPdf(minutes: Minutes): Promise<Buffer> {
  const h = minutes.header;
  const pdf = new PdfWriter({ title: minutes.title, subject: '会议纪要' });
  pdf.title(minutes.title, `${h.organiser} · ${h.stateLabel}${h.published ? ` · 发布于 ${h.published}` : ''}`);
  formGrid(pdf, [
    [
      { text: '会议时间', width: 12, label: true },
      { text: h.time, width: 38 },
      { text: '会议地点', width: 12, label: true },
      { text: h.place || '—', width: 38 },
    ],
    [
      { text: '主持人', width: 12, label: true },
      { text: h.chair || '—', width: 38 },
      { text: '记录人', width: 12, label: true },
      { text: h.secretary || '—', width: 38 },
    ],
  ]);
  attendance(pdf, minutes.attendance);
  pdf.heading('二、议题及决定事项');
  for (const it of minutes.items) item(pdf, it);
  pdf.heading('三、落实要求');
  pdf.paragraph(
    `本次会议共形成决定事项 ${minutes.totals.decisions} 项，交办任务 ${minutes.totals.tasks} 项。各责任单位须在完成期限内办结并在平台报告办理结果；逾期未完成的，由上一级平台督办，并提交下次会议督查。`,
    { indent: true },
  );
  note(pdf, `生成于 ${chinaDateTime(new Date(minutes.generatedAt))}`);
  return pdf.finish(minutes.title);
}
