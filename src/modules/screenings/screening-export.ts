// The coverage report as a spreadsheet (排查覆盖情况): one row per unit with the same numbers as the page, the
// totals, the formula, and the findings by type.
import ExcelJS from '../../core/exceljs.js';
import type { CoverageReport } from './screening-views.js';

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export async function coverageWorkbook(report: CoverageReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '共治 Gongzhi';
  const sheet = workbook.addWorksheet('排查覆盖情况');
  sheet.addRow([`${report.levelLabel}排查覆盖情况（${report.from} 至 ${report.to}）`]);
  sheet.addRow(['单位', '应排查', '按时完成', '逾期完成', '未排查', '未到期', '排查完成率', '发现问题']);
  for (const r of report.rows) {
    sheet.addRow([r.org.name, r.due, r.onTime, r.late, r.missed, r.open, percent(r.rate), r.findings]);
  }
  const t = report.totals;
  sheet.addRow(['合计', t.due, t.onTime, t.late, t.missed, t.open, percent(t.rate), t.findings]);
  sheet.addRow([]);
  sheet.addRow([report.formula]);
  sheet.getColumn(1).width = 28;
  const types = workbook.addWorksheet('发现问题分类');
  types.addRow(['排查内容', '转案件', '登记矛盾纠纷', '合计']);
  for (const f of report.findingsByType) types.addRow([f.itemLabel, f.cases, f.disputes, f.cases + f.disputes]);
  types.getColumn(1).width = 20;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
