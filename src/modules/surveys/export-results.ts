// A round's results as a spreadsheet: the figures by town and by village (sample, answers, response rate,
// satisfaction score with its interval), then every question per unit — the same numbers as the page.
import type { QuestionResult } from '../../domain/survey/index.js';
import { type Sheet, toXlsx } from '../dashboards/xlsx.js';
import type { RoundResultsView, UnitResultView } from './survey-views.js';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));

function unitRows(units: UnitResultView[]) {
  return units.map((u) => [
    u.orgName,
    u.sampled,
    u.n,
    pct(u.responseRate),
    pct(u.score?.share),
    u.score?.ci ? `${pct(u.score.ci.low)} – ${pct(u.score.ci.high)}` : '—',
  ]);
}

function questionRows(unit: UnitResultView): (string | number)[][] {
  return unit.questions.flatMap((q: QuestionResult) => {
    if (q.type === 'scale') {
      const ci = q.meanCi ? `${num(q.meanCi.low)} – ${num(q.meanCi.high)}` : '—';
      return [[unit.orgName, q.title, '均值', q.n, num(q.mean), ci]];
    }
    if (q.type === 'text') return [[unit.orgName, q.title, '文字回答', q.n, '', '']];
    return (q.options ?? []).map((o) => [
      unit.orgName,
      q.title,
      o.option,
      q.n,
      pct(o.share),
      o.ci ? `${pct(o.ci.low)} – ${pct(o.ci.high)}` : '—',
    ]);
  });
}

export function resultsWorkbook(r: RoundResultsView): Promise<Buffer> {
  const columns = ['单位', '样本量', '有效答卷', '应答率', '满意度得分', '95% 置信区间'];
  const sheets: Sheet[] = [
    { name: '分镇街', title: `${r.round.title} · 分镇街结果`, columns, rows: unitRows([r.county, ...r.towns]) },
    { name: '分村社区', title: `${r.round.title} · 分村（社区）结果`, columns, rows: unitRows(r.villages) },
    {
      name: '分题结果',
      title: `${r.round.title} · 分题结果（${r.method}）`,
      columns: ['单位', '题目', '选项 / 指标', '作答人数', '比例 / 均值', '95% 置信区间'],
      rows: [r.county, ...r.towns].flatMap(questionRows),
    },
  ];
  return toXlsx(sheets);
}
