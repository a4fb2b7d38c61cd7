// ECharts for the dashboards and the command centre (tree-shaken core), light or dark.
import { Empty } from 'antd';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import EChartsForReact from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';

// The package is CommonJS: depending on how the chunk is bundled its default export arrives wrapped once more.
const ReactEChartsCore = ((EChartsForReact as unknown as { default?: typeof EChartsForReact }).default ??
  EChartsForReact) as typeof EChartsForReact;

echarts.use([LineChart, BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const PALETTE = [
  '#b7282e',
  '#1d5fa8',
  '#d48806',
  '#389e0d',
  '#722ed1',
  '#13a8a8',
  '#eb2f96',
  '#595959',
  '#2f54eb',
  '#fa541c',
];
const DARK_TEXT = '#c9d6ea';

export function LinesChart({
  categories,
  series,
  height = 300,
  dark = false,
}: {
  categories: string[];
  series: { name: string; data: number[] }[];
  height?: number;
  dark?: boolean;
}) {
  const { t } = useTranslation();
  if (!categories.length) return <Empty description={t('暂无数据')} />;
  const text = dark ? DARK_TEXT : undefined;
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height }}
      notMerge
      option={{
        color: dark ? ['#4fc3f7', '#81c784'] : PALETTE,
        tooltip: { trigger: 'axis' },
        legend: dark ? { top: 0, textStyle: { color: text } } : { top: 0 },
        grid: { left: 44, right: 16, top: 32, bottom: 28 },
        xAxis: { type: 'category', data: categories, boundaryGap: false, axisLabel: { color: text } },
        yAxis: {
          type: 'value',
          minInterval: 1,
          axisLabel: { color: text },
          splitLine: { lineStyle: { opacity: dark ? 0.15 : 1 } },
        },
        series: series.map((s, i) => ({
          name: s.name,
          type: 'line',
          smooth: true,
          data: s.data,
          areaStyle: i === 0 ? { opacity: 0.12 } : undefined,
          symbolSize: categories.length > 60 ? 0 : 5,
        })),
      }}
    />
  );
}

export function PieMix({ data, height = 300 }: { data: { name: string; value: number }[]; height?: number }) {
  const { t } = useTranslation();
  if (!data.length) return <Empty description={t('暂无数据')} />;
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height }}
      notMerge
      option={{
        color: PALETTE,
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { type: 'scroll', bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['36%', '62%'],
            center: ['50%', '44%'],
            data,
            label: { formatter: '{b}\n{d}%' },
          },
        ],
      }}
    />
  );
}

export function Bars({
  data,
  height = 300,
  horizontal = true,
  dark = false,
  name,
  color,
}: {
  data: { name: string; value: number }[];
  height?: number;
  horizontal?: boolean;
  dark?: boolean;
  name?: string;
  color?: string;
}) {
  const { t } = useTranslation();
  if (!data.length) return <Empty description={t('暂无数据')} />;
  const text = dark ? DARK_TEXT : undefined;
  const names = data.map((d) => d.name);
  const values = data.map((d) => d.value);
  const category = {
    type: 'category',
    data: horizontal ? [...names].reverse() : names,
    axisLabel: {
      color: text,
      width: 110,
      overflow: 'truncate',
      interval: 0,
      rotate: horizontal ? 0 : names.length > 6 ? 30 : 0,
    },
  };
  const value = {
    type: 'value',
    minInterval: 1,
    axisLabel: { color: text },
    splitLine: { lineStyle: { opacity: dark ? 0.15 : 1 } },
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height }}
      notMerge
      option={{
        color: [color ?? (dark ? '#ffb74d' : PALETTE[1])],
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: horizontal ? { left: 120, right: 24, top: 8, bottom: 24 } : { left: 44, right: 16, top: 16, bottom: 56 },
        xAxis: horizontal ? value : category,
        yAxis: horizontal ? category : value,
        series: [
          {
            name: name ?? t('件数'),
            type: 'bar',
            data: horizontal ? [...values].reverse() : values,
            barMaxWidth: 22,
            label: { show: data.length <= 12, position: horizontal ? 'right' : 'top', color: text },
          },
        ],
      }}
    />
  );
}
