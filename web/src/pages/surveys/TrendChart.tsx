// The satisfaction score of each round of a kind, the county in bold with its 95 % interval as a band, each
// town a thin line: where a person would rather look than read.
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import type { TrendPoint } from './survey-api';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const round1 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10);

export function TrendChart({ points }: { points: TrendPoint[] }) {
  const { t } = useTranslation();
  const labels = points.map(
    (p) => p.title.replace(/平安建设群众安全感和满意度调查/, '').replace(/（.*）/, '') || p.title,
  );
  const towns = new Map<number, string>();
  for (const p of points) for (const town of p.towns) towns.set(town.orgId, town.orgName);
  const county = t('全县');
  const option = {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
    legend: { type: 'scroll', bottom: 0, data: [county, ...towns.values()] },
    grid: { left: 48, right: 24, top: 24, bottom: 56 },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      // the county's interval as a band: the low line, then the width stacked on it
      {
        name: t('95%置信区间下限'),
        type: 'line',
        stack: 'ci',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        data: points.map((p) => round1(p.county.ci?.low)),
        tooltip: { show: false },
      },
      {
        name: t('95%置信区间'),
        type: 'line',
        stack: 'ci',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: 'rgba(22,119,255,0.15)' },
        data: points.map((p) => (p.county.ci ? round1(p.county.ci.high - p.county.ci.low) : null)),
      },
      {
        name: county,
        type: 'line',
        data: points.map((p) => round1(p.county.score)),
        lineStyle: { width: 3 },
        itemStyle: { color: '#1677ff' },
        z: 3,
      },
      ...[...towns.entries()].map(([id, name]) => ({
        name,
        type: 'line',
        symbolSize: 4,
        lineStyle: { width: 1 },
        data: points.map((p) => round1(p.towns.find((x) => x.orgId === id)?.score)),
      })),
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300 }} notMerge />;
}
