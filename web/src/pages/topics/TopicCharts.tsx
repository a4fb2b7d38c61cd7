// The charts of 每月一题: a proposal's sparkline (its months, the current one last) and a topic's monthly volume
// with the adoption month marked, so the months before and after can be compared at a glance.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

export function Sparkline({ months, series, rising }: { months: string[]; series: number[]; rising: boolean }) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 48, width: 140 }}
      notMerge
      option={{
        animation: false,
        grid: { left: 2, right: 2, top: 4, bottom: 4 },
        tooltip: { trigger: 'axis', confine: true },
        xAxis: { type: 'category', data: months, show: false },
        yAxis: { type: 'value', show: false, min: 0 },
        series: [
          {
            type: 'line',
            data: series,
            smooth: true,
            symbolSize: 4,
            lineStyle: { color: rising ? '#b7282e' : '#1d5fa8' },
            itemStyle: { color: rising ? '#b7282e' : '#1d5fa8' },
            areaStyle: { opacity: 0.15 },
          },
        ],
      }}
    />
  );
}

export function BeforeAfterChart({
  months,
  series,
  adoptedMonth,
}: {
  months: string[];
  series: number[];
  adoptedMonth: string;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid="topic-chart">
      <ReactEChartsCore
        echarts={echarts}
        style={{ height: 280 }}
        notMerge
        option={{
          animation: false,
          tooltip: { trigger: 'axis' },
          grid: { left: 40, right: 16, top: 24, bottom: 32 },
          xAxis: { type: 'category', data: months },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            {
              name: t('同类案件'),
              type: 'bar',
              data: series.map((value, i) => ({
                value,
                itemStyle: { color: (months[i] ?? '') < adoptedMonth ? '#8c8c8c' : '#1d5fa8' },
              })),
              markLine: {
                symbol: 'none',
                label: { formatter: t('采纳') },
                lineStyle: { color: '#b7282e', type: 'dashed' },
                data: [{ xAxis: adoptedMonth }],
              },
            },
          ],
        }}
      />
    </div>
  );
}
