// 排查覆盖情况: for a period and a level, each unit's due, on-time, late and missed screenings with 排查完成率 and
// its formula, the findings by type, an xlsx of the same numbers, and a unit's year as a calendar heat map.
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Row, Segmented, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { HeatmapChart } from 'echarts/charts';
import { CalendarComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { PageTitle } from '../../components/common';
import { type CoverageReport, type CoverageRow, type HeatMap, LEVEL_LABELS } from './screening-api';

echarts.use([HeatmapChart, CalendarComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const STATUS_VALUE: Record<string, number> = { missed: 1, late: 2, on_time: 3, open: 0 };

function HeatMapCard({ orgId, year }: { orgId: number; year: number }) {
  const { t } = useTranslation();
  const heat = useQuery({
    queryKey: ['screenings', 'heatmap', orgId, year],
    queryFn: () => api<HeatMap>('/api/screenings/heatmap', { query: { orgId, year } }),
  });
  if (!heat.data) return null;
  const option = {
    tooltip: {
      formatter: (p: { value: [string, number] }) =>
        `${p.value[0]}：${t(['待排查', '未排查', '逾期完成', '按时完成'][p.value[1]] ?? '')}`,
    },
    visualMap: {
      type: 'piecewise',
      orient: 'horizontal',
      left: 'center',
      top: 0,
      pieces: [
        { value: 3, label: t('按时完成'), color: '#52c41a' },
        { value: 2, label: t('逾期完成'), color: '#faad14' },
        { value: 1, label: t('未排查'), color: '#f5222d' },
        { value: 0, label: t('待排查'), color: '#91caff' },
      ],
    },
    calendar: { top: 50, left: 30, right: 30, cellSize: ['auto', 14], range: String(year), yearLabel: { show: false } },
    series: [
      {
        type: 'heatmap',
        coordinateSystem: 'calendar',
        data: heat.data.days.map((d) => [d.day, STATUS_VALUE[d.status] ?? 0]),
      },
    ],
  };
  return (
    <Card size="small" title={`${t('日历热力图')} · ${heat.data.org.name}`} data-testid="screening-heatmap">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 200 }} notMerge />
    </Card>
  );
}

export default function CoveragePage() {
  const { t } = useTranslation();
  const [level, setLevel] = useState('grid');
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const [unit, setUnit] = useState<number | null>(null);
  const query = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), level };
  const report = useQuery({
    queryKey: ['screenings', 'coverage', query],
    queryFn: () => api<CoverageReport>('/api/screenings/coverage', { query }),
  });
  const r = report.data;
  const xlsx = `/api/screenings/coverage?${new URLSearchParams({ ...query, format: 'xlsx' })}`;
  return (
    <>
      <PageTitle
        title={t('排查覆盖情况')}
        extra={
          <a href={xlsx}>
            <Button icon={<DownloadOutlined />}>{t('导出')}</Button>
          </a>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={level}
          onChange={(v) => {
            setLevel(String(v));
            setUnit(null);
          }}
          options={['grid', 'village', 'town', 'county'].map((l) => ({ value: l, label: t(LEVEL_LABELS[l] ?? l) }))}
          data-testid="coverage-level"
        />
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
      </Space>
      {report.error && <Alert type="error" showIcon title={errorMessage(report.error)} />}
      {r && (
        <Row gutter={12}>
          <Col xs={24} lg={16}>
            <Card size="small" style={{ marginBottom: 12 }}>
              <Space size="large" wrap data-testid="coverage-totals">
                <span>
                  {t('应排查')} <b>{r.totals.due}</b>
                </span>
                <span>
                  {t('按时完成')} <b>{r.totals.onTime}</b>
                </span>
                <span>
                  {t('逾期完成')} <b>{r.totals.late}</b>
                </span>
                <span style={{ color: r.totals.missed ? '#cf1322' : undefined }}>
                  {t('未排查')} <b>{r.totals.missed}</b>
                </span>
                <span>
                  {t('排查完成率')} <b data-testid="coverage-rate">{pct(r.totals.rate)}</b>
                </span>
              </Space>
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                {t('计算公式')}：{r.formula}
              </Typography.Paragraph>
            </Card>
            <Table<CoverageRow>
              rowKey={(x) => x.org.id}
              size="small"
              dataSource={r.rows}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              onRow={(x) => ({ onClick: () => setUnit(x.org.id), style: { cursor: 'pointer' } })}
              data-testid="coverage-table"
              columns={[
                { title: t('单位'), render: (_, x) => x.org.name },
                { title: t('应排查'), dataIndex: 'due', width: 80 },
                { title: t('按时完成'), dataIndex: 'onTime', width: 90 },
                { title: t('逾期完成'), dataIndex: 'late', width: 90 },
                {
                  title: t('未排查'),
                  width: 80,
                  render: (_, x) => <span style={{ color: x.missed ? '#cf1322' : undefined }}>{x.missed}</span>,
                },
                { title: t('排查完成率'), width: 110, render: (_, x) => pct(x.rate) },
                { title: t('发现问题'), dataIndex: 'findings', width: 90 },
              ]}
            />
          </Col>
          <Col xs={24} lg={8}>
            <Card size="small" title={t('发现问题分类')} style={{ marginBottom: 12 }}>
              <Table
                rowKey="itemKey"
                size="small"
                pagination={false}
                dataSource={r.findingsByType}
                columns={[
                  { title: t('排查内容'), render: (_, f) => t(f.itemLabel) },
                  { title: t('案件'), dataIndex: 'cases' },
                  { title: t('矛盾纠纷'), dataIndex: 'disputes' },
                ]}
              />
            </Card>
          </Col>
          <Col span={24}>
            {unit ? (
              <HeatMapCard orgId={unit} year={range[1].year()} />
            ) : (
              <Typography.Text type="secondary">{t('选择单位查看日历')}</Typography.Text>
            )}
          </Col>
        </Row>
      )}
    </>
  );
}
