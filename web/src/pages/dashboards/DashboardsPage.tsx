// 数据看板: volumes and trends, channel and category mix, units, places and durations for a period and an
// organisation, from the rollups; every table downloads as xlsx with the same numbers.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Row, Segmented, Space, Statistic, Table, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api';
import { OrgTreeSelect, PageTitle } from '../../components/common';
import type { Id } from '../../types';
import { DisputeRateCols } from '../disputes/DisputeRates';
import { Bars, LinesChart, PieMix } from './DashboardCharts';
import {
  type BreakdownResult,
  type BreakdownRow,
  type Durations,
  exportUrl,
  type Interval,
  type Summary,
  type Trend,
  useDashboard,
} from './dashboard-api';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

function ExportButton({ href, testId }: { href: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('导出 Excel')}>
      <Button size="small" icon={<DownloadOutlined />} href={href} download data-testid={testId}>
        xlsx
      </Button>
    </Tooltip>
  );
}

function Panel({
  title,
  extra,
  children,
  testId,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card size="small" title={title} extra={extra} style={{ height: '100%' }} data-testid={testId}>
      {children}
    </Card>
  );
}

export default function DashboardsPage() {
  const { t } = useTranslation();
  // No period chosen: the server's default (the last 30 days of the demo clock's today).
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const serverToday = useRef<string | null>(null);
  const [orgId, setOrgId] = useState<Id | undefined>();
  const [interval, setInterval] = useState<Interval>('day');
  const [catLevel, setCatLevel] = useState<'category1' | 'category2'>('category1');
  const q = range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), orgId } : { orgId };

  const summary = useDashboard<Summary>('/api/dashboards/summary', q);
  const trend = useDashboard<Trend>('/api/dashboards/trend', { ...q, interval });
  const channels = useDashboard<BreakdownResult>('/api/dashboards/breakdown', { ...q, by: 'channel' });
  const categories = useDashboard<BreakdownResult>('/api/dashboards/breakdown', { ...q, by: catLevel });
  const units = useDashboard<BreakdownResult>('/api/dashboards/breakdown', { ...q, by: 'unit' });
  const places = useDashboard<BreakdownResult>('/api/dashboards/breakdown', { ...q, by: 'place' });
  const durations = useDashboard<Durations>('/api/dashboards/durations', q);
  const error = [summary, trend, channels, categories, units, places, durations].find((x) => x.error)?.error;
  const s = summary.data;
  if (!range && s) serverToday.current = s.to;
  const today = dayjs(serverToday.current ?? undefined);
  const shown: [Dayjs, Dayjs] | null = range ?? (s ? [dayjs(s.from), dayjs(s.to)] : null);

  const kpis: [string, ReactNode, string][] = s
    ? [
        ['受理', s.received, 'kpi-received'],
        ['办结', s.closed, 'kpi-closed'],
        ['当前在办', s.openNow, 'kpi-open'],
        ['当前超期', s.overdueNow, 'kpi-overdue'],
        ['按时签收率', pct(s.signOnTimeRate), 'kpi-sign-rate'],
        ['按时办结率', pct(s.completedOnTimeRate), 'kpi-complete-rate'],
        ['满意率', pct(s.satisfactionRate), 'kpi-satisfaction'],
        ['平均办结（天）', s.avgCloseDays ?? '—', 'kpi-close-days'],
      ]
    : [];

  const unitRows = units.data?.items ?? [];
  const placeRows = places.data?.items ?? [];

  return (
    <div data-testid="dashboards-page">
      <PageTitle
        title={t('数据看板')}
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              value={shown}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
              presets={[
                { label: t('近7天'), value: [today.subtract(6, 'day'), today] },
                { label: t('近30天'), value: [today.subtract(29, 'day'), today] },
                { label: t('近一年'), value: [today.subtract(364, 'day'), today] },
              ]}
              data-testid="period"
            />
            <OrgTreeSelect value={orgId} onChange={setOrgId} placeholder={t('本单位')} style={{ width: 220 }} />
            <ExportButton href={exportUrl('/api/dashboards/summary', q)} testId="export-summary" />
          </Space>
        }
      />
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {kpis.map(([label, value, id]) => (
          <Col key={id} xs={12} sm={8} md={6} xl={3}>
            <Card size="small">
              <Statistic title={t(label)} value={value as number | string} data-testid={id} />
            </Card>
          </Col>
        ))}
        <DisputeRateCols from={s?.from} to={s?.to} />
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <Panel
            title={t('受理与办结趋势')}
            testId="trend-panel"
            extra={
              <Space>
                <Segmented
                  size="small"
                  value={interval}
                  onChange={(v) => setInterval(v as Interval)}
                  options={[
                    { label: t('按日'), value: 'day' },
                    { label: t('按周'), value: 'week' },
                    { label: t('按月'), value: 'month' },
                  ]}
                />
                <ExportButton href={exportUrl('/api/dashboards/trend', { ...q, interval })} testId="export-trend" />
              </Space>
            }
          >
            <LinesChart
              categories={(trend.data?.items ?? []).map((i) => i.period)}
              series={[
                { name: t('受理'), data: (trend.data?.items ?? []).map((i) => i.received) },
                { name: t('办结'), data: (trend.data?.items ?? []).map((i) => i.closed) },
              ]}
            />
          </Panel>
        </Col>
        <Col xs={24} xl={8}>
          <Panel
            title={t('渠道构成')}
            extra={
              <ExportButton
                href={exportUrl('/api/dashboards/breakdown', { ...q, by: 'channel' })}
                testId="export-channel"
              />
            }
          >
            <PieMix data={(channels.data?.items ?? []).map((i) => ({ name: t(i.name), value: i.received ?? 0 }))} />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel
            title={t('事项分类构成')}
            testId="category-panel"
            extra={
              <Space>
                <Segmented
                  size="small"
                  value={catLevel}
                  onChange={(v) => setCatLevel(v as 'category1' | 'category2')}
                  options={[
                    { label: t('一级分类'), value: 'category1' },
                    { label: t('二级分类'), value: 'category2' },
                  ]}
                />
                <ExportButton
                  href={exportUrl('/api/dashboards/breakdown', { ...q, by: catLevel })}
                  testId="export-category"
                />
              </Space>
            }
          >
            <Bars
              data={(categories.data?.items ?? []).slice(0, 12).map((i) => ({ name: i.name, value: i.received ?? 0 }))}
              height={320}
            />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel
            title={t('下级区域')}
            extra={
              <ExportButton
                href={exportUrl('/api/dashboards/breakdown', { ...q, by: 'place' })}
                testId="export-place"
              />
            }
          >
            <Table<BreakdownRow>
              size="small"
              rowKey="key"
              dataSource={placeRows}
              loading={places.isLoading}
              pagination={placeRows.length > 8 ? { pageSize: 8, size: 'small' } : false}
              data-testid="place-table"
              columns={[
                { title: t('区域'), dataIndex: 'name' },
                {
                  title: t('受理'),
                  dataIndex: 'received',
                  align: 'right',
                  sorter: (a, b) => (a.received ?? 0) - (b.received ?? 0),
                },
                { title: t('办结'), dataIndex: 'closed', align: 'right' },
                { title: t('当前在办'), dataIndex: 'openNow', align: 'right' },
                { title: t('当前超期'), dataIndex: 'overdueNow', align: 'right' },
              ]}
            />
          </Panel>
        </Col>
        <Col xs={24}>
          <Panel
            title={t('承办单位')}
            extra={
              <ExportButton href={exportUrl('/api/dashboards/breakdown', { ...q, by: 'unit' })} testId="export-unit" />
            }
          >
            <Row gutter={12}>
              <Col xs={24} xl={10}>
                <Bars
                  name={t('派遣')}
                  data={[...unitRows]
                    .sort((a, b) => (b.dispatched ?? 0) - (a.dispatched ?? 0))
                    .slice(0, 12)
                    .map((i) => ({ name: i.name, value: i.dispatched ?? 0 }))}
                  height={340}
                />
              </Col>
              <Col xs={24} xl={14}>
                <Table<BreakdownRow>
                  size="small"
                  rowKey="key"
                  dataSource={unitRows}
                  loading={units.isLoading}
                  pagination={{ pageSize: 8, size: 'small' }}
                  scroll={{ x: 640 }}
                  data-testid="unit-table"
                  columns={[
                    { title: t('单位'), dataIndex: 'name', width: 160, ellipsis: true },
                    {
                      title: t('派遣'),
                      dataIndex: 'dispatched',
                      align: 'right',
                      sorter: (a, b) => (a.dispatched ?? 0) - (b.dispatched ?? 0),
                    },
                    { title: t('签收'), dataIndex: 'signed', align: 'right' },
                    { title: t('按时签收'), dataIndex: 'signedOnTime', align: 'right' },
                    { title: t('反馈'), dataIndex: 'replied', align: 'right' },
                    { title: t('办结'), dataIndex: 'completed', align: 'right' },
                    {
                      title: t('满意率'),
                      dataIndex: 'satisfactionRate',
                      align: 'right',
                      render: (v: number | null) => pct(v),
                    },
                    {
                      title: t('超期'),
                      dataIndex: 'overdue',
                      align: 'right',
                      sorter: (a, b) => (a.overdue ?? 0) - (b.overdue ?? 0),
                    },
                    { title: t('退单'), dataIndex: 'returned', align: 'right' },
                  ]}
                />
              </Col>
            </Row>
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel
            title={`${t('签收时长分布')}${durations.data?.sign.averageHours != null ? `（${t('平均')} ${durations.data.sign.averageHours} ${t('小时')}）` : ''}`}
            extra={<ExportButton href={exportUrl('/api/dashboards/durations', q)} testId="export-durations" />}
          >
            <Bars
              horizontal={false}
              data={(durations.data?.sign.buckets ?? []).map((b) => ({ name: t(b.label), value: b.count }))}
              height={260}
            />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel
            title={`${t('办结时长分布')}${durations.data?.close.averageHours != null ? `（${t('平均')} ${(durations.data.close.averageHours / 24).toFixed(1)} ${t('天')}）` : ''}`}
          >
            <Bars
              horizontal={false}
              color="#389e0d"
              data={(durations.data?.close.buckets ?? []).map((b) => ({ name: t(b.label), value: b.count }))}
              height={260}
            />
          </Panel>
        </Col>
      </Row>
    </div>
  );
}
