// 办件统计: per station or town and month — applications, on-time rate, average visits and 最多跑一次率 — as a
// chart, a table and a spreadsheet of the same numbers.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Empty, Radio, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import type { Figures, ServiceStats } from './service-api';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);

export default function StatsPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>([dayjs().subtract(2, 'month'), dayjs()]);
  const [by, setBy] = useState<'station' | 'town'>('station');
  const query = { from: range[0].format('YYYY-MM'), to: range[1].format('YYYY-MM'), by };
  const stats = useQuery({
    queryKey: ['service-items', 'stats', query],
    queryFn: () => api<ServiceStats>('/api/service-items/stats', { query }),
  });
  // one bar per group over the whole range: the figures of its months added up
  const groups = new Map<number, { name: string; lines: Figures[] }>();
  for (const l of stats.data?.lines ?? []) {
    const g = groups.get(l.groupId) ?? { name: l.groupName, lines: [] };
    g.lines.push(l);
    groups.set(l.groupId, g);
  }
  const summary = [...groups.values()].map((g) => {
    const sum = (f: (l: Figures) => number) => g.lines.reduce((s, l) => s + f(l), 0);
    const ended = sum((l) => l.ended);
    const oneVisit = sum((l) => ((l.oneVisitRate ?? 0) * l.ended) / 100);
    const onTime = sum((l) => l.onTime);
    return {
      name: g.name,
      applications: sum((l) => l.applications),
      oneVisitRate: ended ? Math.round((oneVisit * 1000) / ended) / 10 : null,
      onTimeRate: ended ? Math.round((onTime * 1000) / ended) / 10 : null,
    };
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <DatePicker.RangePicker
          picker="month"
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
        <Radio.Group
          value={by}
          onChange={(e) => setBy(e.target.value)}
          options={[
            { value: 'station', label: t('按站点') },
            { value: 'town', label: t('按镇街') },
          ]}
          optionType="button"
        />
        <a href={`/api/service-items/stats.xlsx?${new URLSearchParams(query)}`}>
          <Button>{t('导出 Excel')}</Button>
        </a>
      </Space>
      {stats.error && <Alert type="error" showIcon title={errorMessage(stats.error)} />}
      {stats.data && (
        <Typography.Paragraph data-testid="stats-total">
          {t('合计受理 {{a}} 件，已办结 {{e}} 件，按时办结率 {{o}}，平均跑动 {{v}} 次，最多跑一次率 {{r}}', {
            a: stats.data.total.applications,
            e: stats.data.total.ended,
            o: pct(stats.data.total.onTimeRate),
            v: stats.data.total.averageVisits ?? '—',
            r: pct(stats.data.total.oneVisitRate),
          })}
        </Typography.Paragraph>
      )}
      {summary.length === 0 ? (
        <Empty description={t('暂无数据')} />
      ) : (
        <ReactEChartsCore
          echarts={echarts}
          style={{ height: 320 }}
          notMerge
          option={{
            animation: false,
            color: ['#1d5fa8', '#b7282e', '#389e0d'],
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 48, right: 48, top: 36, bottom: 60 },
            xAxis: {
              type: 'category',
              data: summary.map((s) => s.name),
              axisLabel: { interval: 0, rotate: summary.length > 4 ? 20 : 0 },
            },
            yAxis: [
              { type: 'value', name: t('受理（件）'), minInterval: 1 },
              { type: 'value', name: '%', min: 0, max: 100 },
            ],
            series: [
              { name: t('受理'), type: 'bar', data: summary.map((s) => s.applications), barMaxWidth: 36 },
              { name: t('最多跑一次率'), type: 'line', yAxisIndex: 1, data: summary.map((s) => s.oneVisitRate) },
              { name: t('按时办结率'), type: 'line', yAxisIndex: 1, data: summary.map((s) => s.onTimeRate) },
            ],
          }}
        />
      )}
      <Table<Figures>
        rowKey={(l) => `${l.groupId}-${l.month}`}
        size="small"
        pagination={false}
        dataSource={stats.data?.lines}
        columns={[
          { title: by === 'town' ? t('镇街') : t('站点'), dataIndex: 'groupName' },
          { title: t('月份'), dataIndex: 'month', width: 90 },
          { title: t('受理'), dataIndex: 'applications', width: 70 },
          { title: t('已办结'), dataIndex: 'ended', width: 80 },
          { title: t('按时办结率'), render: (_, l) => pct(l.onTimeRate), width: 110 },
          { title: t('平均跑动次数'), render: (_, l) => l.averageVisits ?? '—', width: 120 },
          { title: t('最多跑一次率'), render: (_, l) => pct(l.oneVisitRate), width: 120 },
        ]}
      />
    </>
  );
}
