// Spreadsheets of the ranking and the monthly bulletin, with exactly the numbers the API returns (rates as
// fractions formatted as percentages, scores with two decimals).
import ExcelJS from '../../core/exceljs.js';
import type { AssessmentService, RankingView } from './assessment-service.js';

const TREND_TEXT = { up: '↑ 上升', down: '↓ 下降', same: '→ 持平', new: '— 新进' } as const;
const UNIT_TYPE_TEXT = { department: '职能部门', town: '乡镇（街道）', village: '村（社区）', grid: '网格' } as const;

function rankingSheet(workbook: ExcelJS.Workbook, title: string, view: RankingView): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(title);
  const dept = view.unitType === 'department';
  const header = [
    '排名',
    '单位',
    '上级',
    '综合得分',
    ...(dept ? ['指标得分', '镇街评价得分'] : []),
    ...view.indicators.map((i) => i.name),
    '受理量',
    '上期排名',
    '趋势',
  ];
  sheet.addRow([`${view.periodLabel} ${UNIT_TYPE_TEXT[view.unitType]}考核排名`]);
  sheet.addRow(header);
  sheet.getRow(2).font = { bold: true };
  for (const row of view.rows) {
    sheet.addRow([
      row.rank,
      row.name,
      row.parentName,
      row.score,
      ...(dept ? [row.indicatorScore, row.townRating] : []),
      ...view.indicators.map((i) => row.values[i.key]),
      row.facts.received,
      row.previousRank,
      TREND_TEXT[row.trend],
    ]);
  }
  const firstIndicatorCol = dept ? 7 : 5;
  view.indicators.forEach((ind, i) => {
    if (ind.kind === 'rate') sheet.getColumn(firstIndicatorCol + i).numFmt = '0.00%';
  });
  sheet.getColumn(4).numFmt = '0.00';
  sheet.getColumn(2).width = 28;
  sheet.getColumn(3).width = 18;
  sheet.addRow([]);
  sheet.addRow(['指标说明']);
  for (const ind of view.indicators) sheet.addRow([ind.name, `${ind.formula}（权重 ${ind.weight}）`]);
  sheet.addRow(['综合得分', view.compositeFormula]);
  if (dept) sheet.addRow(['镇街评价', `${view.questionnaireFormula}（权重 ${view.townRatingWeight}%）`]);
  return sheet;
}

export async function rankingWorkbook(view: RankingView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '共治 Gongzhi';
  rankingSheet(workbook, '考核排名', view);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function bulletinWorkbook(bulletin: Awaited<ReturnType<AssessmentService['bulletin']>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '共治 Gongzhi';
  const summary = workbook.addWorksheet('概况');
  summary.addRow([`${bulletin.label}基层社会治理工作通报`]);
  summary.addRow(['生成时间', bulletin.generatedAt]);
  const f = bulletin.summary.facts;
  const v = bulletin.summary.values;
  for (const [label, value] of [
    ['受理量', f.received],
    ['办结量', f.closed],
    ['超期件数', f.overdue],
    ['督办件数', f.supervised],
    ['响应率', v.responseRate],
    ['解决率', v.resolutionRate],
    ['满意率', v.satisfactionRate],
    ['按期办结率', v.onTimeCloseRate],
  ] as const) {
    summary.addRow([label, value]);
  }
  rankingSheet(workbook, '乡镇街道排名', bulletin.towns);
  rankingSheet(workbook, '职能部门排名', bulletin.departments);
  const overdue = workbook.addWorksheet('超期案件');
  overdue.addRow(['案件编号', '标题', '乡镇（街道）', '主办单位', '超期环节', '超期时间', '当前状态']);
  overdue.getRow(1).font = { bold: true };
  for (const o of bulletin.overdue) overdue.addRow([o.number, o.title, o.townName, o.leadName, o.kind, o.at, o.status]);
  const typical = workbook.addWorksheet('典型案例');
  typical.addRow(['类型', '案件编号', '标题', '乡镇（街道）', '主办单位', '说明']);
  typical.getRow(1).font = { bold: true };
  for (const t of bulletin.typical) {
    typical.addRow([t.kind === 'best_rated' ? '群众满意' : '督办', t.number, t.title, t.townName, t.leadName, t.note]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
