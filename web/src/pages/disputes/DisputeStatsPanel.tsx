// 调解成效: 调解成功率 and 矛盾纠纷化解率 of the user's scope over a period (this month by default), with their
// formulas, the open disputes by risk, and a chart and table by type, level and committee.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, DatePicker, Empty, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import type { DisputeStats, IndicatorCounts } from './dispute-api';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

type Group = 'byType' | 'byLevel' | 'byRisk' | 'byCommittee';
const rate = (v: number | null) => (v === null ? '—' : `${v}%`);

export function DisputeStatsPanel() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const [group, setGroup] = useState<Group>('byType');
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const stats = useQuery({
    queryKey: ['disputes', 'stats', from, to],
    queryFn: () => api<DisputeStats>('/api/disputes/stats', { query: { from, to } }),
  });
  const s = stats.data;
  const rows = s ? s[group] : [];
  return (
    <div data-testid="dispute-stats">
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
        <Segmented<Group>
          value={group}
          onChange={setGroup}
          options={[
            { value: 'byType', label: t('按类型') },
            { value: 'byLevel', label: t('按层级') },
            { value: 'byRisk', label: t('按风险') },
            { value: 'byCommittee', label: t('按调解组织') },
          ]}
        />
      </Space>
      {stats.error && <Alert type="error" showIcon title={errorMessage(stats.error)} />}
      {s && (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('调解成功率')} value={rate(s.overall.successRate)} data-testid="success-rate" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('矛盾纠纷化解率')} value={rate(s.overall.resolutionRate)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('登记 / 受理')} value={`${s.overall.registered} / ${s.overall.accepted}`} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('在办（重大 / 较大 / 一般）')}
                  value={`${s.openByRisk.major} / ${s.openByRisk.serious} / ${s.openByRisk.general}`}
                  valueStyle={{ color: s.openByRisk.major ? '#cf1322' : undefined }}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" style={{ marginBottom: 12 }}>
            {rows.length ? (
              <ReactEChartsCore
                echarts={echarts}
                style={{ height: 280 }}
                notMerge
                option={{
                  color: ['#1d5fa8', '#389e0d'],
                  tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
                  legend: { top: 0 },
                  grid: { left: 40, right: 16, top: 32, bottom: 48 },
                  xAxis: {
                    type: 'category',
                    data: rows.map((r) => t(r.label)),
                    axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
                  },
                  yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                  series: [
                    { name: t('调解成功率'), type: 'bar', data: rows.map((r) => r.successRate), barMaxWidth: 22 },
                    {
                      name: t('矛盾纠纷化解率'),
                      type: 'bar',
                      data: rows.map((r) => r.resolutionRate),
                      barMaxWidth: 22,
                    },
                  ],
                }}
              />
            ) : (
              <Empty description={t('暂无数据')} />
            )}
          </Card>
          <Table<IndicatorCounts & { key: string; label: string }>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: t('分组'), dataIndex: 'label', render: (v: string) => t(v) },
              { title: t('登记'), dataIndex: 'registered' },
              { title: t('受理'), dataIndex: 'accepted' },
              { title: t('已化解'), dataIndex: 'resolved' },
              { title: t('调解成功'), dataIndex: 'succeeded' },
              { title: t('调解不成'), dataIndex: 'failed' },
              { title: t('调解成功率'), dataIndex: 'successRate', render: rate },
              { title: t('矛盾纠纷化解率'), dataIndex: 'resolutionRate', render: rate },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
            {t(s.formulas.successRate)}
            <br />
            {t(s.formulas.resolutionRate)}
          </Typography.Paragraph>
        </>
      )}
    </div>
  );
}
