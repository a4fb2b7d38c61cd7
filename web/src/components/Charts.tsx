// Dashboard charts on a tree-shaken ECharts core.

import { Empty } from 'antd';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';

echarts.use([LineChart, BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const PALETTE = ['#b7282e', '#1d5fa8', '#d48806', '#389e0d', '#722ed1', '#13a8a8', '#eb2f96', '#595959'];

export function TrendChart({ data, height = 280 }: { data: { month: string; count: number }[]; height?: number }) {
  const { t } = useTranslation();
  if (!data.length) return <Empty description={t('暂无数据')} />;
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height }}
      notMerge
      option={{
        color: PALETTE,
        tooltip: { trigger: 'axis' },
        grid: { left: 40, right: 16, top: 24, bottom: 28 },
        xAxis: { type: 'category', data: data.map((d) => d.month), boundaryGap: false },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: t('诉求量'),
            type: 'line',
            smooth: true,
            data: data.map((d) => d.count),
            areaStyle: { opacity: 0.12 },
            symbolSize: 6,
          },
        ],
      }}
    />
  );
}

export function CategoryChart({
  data,
  height = 280,
  kind = 'bar',
  seriesName,
}: {
  data: { name: string; count: number }[];
  height?: number;
  kind?: 'bar' | 'pie';
  /** The bars' name in the tooltip (诉求量 by default). */
  seriesName?: string;
}) {
  const { t } = useTranslation();
  if (!data.length) return <Empty description={t('暂无数据')} />;
  const top = [...data].sort((a, b) => b.count - a.count).slice(0, 10);
  const option =
    kind === 'pie'
      ? {
          color: PALETTE,
          tooltip: { trigger: 'item' },
          legend: { type: 'scroll', bottom: 0 },
          series: [
            {
              type: 'pie',
              radius: ['38%', '65%'],
              center: ['50%', '45%'],
              data: top.map((d) => ({ name: d.name, value: d.count })),
              label: { formatter: '{b}\n{d}%' },
            },
          ],
        }
      : {
          color: PALETTE,
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          grid: { left: 110, right: 24, top: 8, bottom: 24 },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: {
            type: 'category',
            data: top.map((d) => d.name).reverse(),
            axisLabel: { width: 100, overflow: 'truncate' },
          },
          series: [
            { name: seriesName ?? t('诉求量'), type: 'bar', data: top.map((d) => d.count).reverse(), barMaxWidth: 18 },
          ],
        };
  return <ReactEChartsCore echarts={echarts} style={{ height }} notMerge option={option} />;
}
