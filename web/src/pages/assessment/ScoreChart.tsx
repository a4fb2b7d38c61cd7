// Bar chart of composite scores (ECharts, tree-shaken core).
import { Empty } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import type { RankingRow } from '../../api-types';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export function ScoreChart({
  rows,
  height = 300,
  limit = 25,
}: {
  rows: RankingRow[];
  height?: number;
  limit?: number;
}) {
  const { t } = useTranslation();
  const ranked = rows.filter((r) => r.score !== null).slice(0, limit);
  if (!ranked.length) return <Empty description={t('本期暂无考核数据')} />;
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height }}
      notMerge
      option={{
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 48, right: 16, top: 24, bottom: 72 },
        xAxis: {
          type: 'category',
          data: ranked.map((r) => r.name),
          axisLabel: { interval: 0, rotate: ranked.length > 8 ? 35 : 0, width: 90, overflow: 'truncate' },
        },
        yAxis: { type: 'value', min: 0, max: 100 },
        series: [
          {
            name: t('综合得分'),
            type: 'bar',
            barMaxWidth: 36,
            data: ranked.map((r) => ({
              value: r.score,
              itemStyle: { color: r.rank === 1 ? '#b7282e' : r.rank !== null && r.rank <= 3 ? '#d48806' : '#1d5fa8' },
            })),
            label: { show: ranked.length <= 15, position: 'top', formatter: '{c}' },
          },
        ],
      }}
    />
  );
}
