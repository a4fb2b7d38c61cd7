// The charts of 工作专班 and 突破项目 (ECharts, tree-shaken core): stacked bars of weekly report punctuality, and a
// pie of project statuses with their own colours.
import { Empty } from 'antd';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import EChartsForReact from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';

// The package is CommonJS: in a lazily loaded chunk its default export may arrive wrapped once more.
const ReactEChartsCore = ((EChartsForReact as unknown as { default?: typeof EChartsForReact }).default ??
  EChartsForReact) as typeof EChartsForReact;

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  colour: string;
  values: number[];
}

/** One chart, or a note that there is nothing to draw. */
function Chart({ empty, height, testId, option }: { empty: boolean; height: number; testId?: string; option: object }) {
  const { t } = useTranslation();
  if (empty) return <Empty description={t('暂无数据')} />;
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} style={{ height }} notMerge option={option} />
    </div>
  );
}

/** Bars per category, the series stacked (e.g. per week: on time, late, missing, pending). */
export function StackedBars({
  categories,
  series,
  height = 260,
  testId,
}: {
  categories: string[];
  series: BarSeries[];
  height?: number;
  testId?: string;
}) {
  return (
    <Chart
      empty={!categories.length}
      height={height}
      testId={testId}
      option={{
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { bottom: 0 },
        grid: { left: 36, right: 16, top: 16, bottom: 56 },
        xAxis: {
          type: 'category',
          data: categories,
          axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 },
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: series.map((s) => ({
          name: s.name,
          type: 'bar',
          stack: 'all',
          barMaxWidth: 36,
          itemStyle: { color: s.colour },
          data: s.values,
        })),
      }}
    />
  );
}

/** A ring of named parts, each in its own colour (e.g. projects by status). */
export function ColouredPie({
  data,
  height = 240,
  testId,
}: {
  data: { name: string; value: number; colour: string }[];
  height?: number;
  testId?: string;
}) {
  return (
    <Chart
      empty={!data.some((d) => d.value > 0)}
      height={height}
      testId={testId}
      option={{
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['40%', '68%'],
            center: ['50%', '44%'],
            label: { formatter: '{b}\n{c}' },
            data: data.map((d) => ({ name: d.name, value: d.value, itemStyle: { color: d.colour } })),
          },
        ],
      }}
    />
  );
}
