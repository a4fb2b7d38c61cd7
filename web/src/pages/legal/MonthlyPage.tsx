// 月度情况: each village's service hours against its adviser's commitment for a month, the villages without
// service highlighted (and first), a bar chart of hours vs commitment, and the table as a spreadsheet.
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Row, Space, Statistic, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, withQuery } from '../../api';
import { useSystemNow } from '../../layout/HeaderClock';
import { KIND_LABELS, type MonthlyReport, type MonthlyRow, STATUS_COLOURS } from './legal-api';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const noService = (r: MonthlyRow) => r.status === 'no_service' || r.status === 'no_adviser';

export default function MonthlyPage() {
  const { t } = useTranslation();
  const now = useSystemNow() ?? dayjs();
  const [picked, setPicked] = useState<dayjs.Dayjs | null>(null);
  const month = (picked ?? now).format('YYYY-MM');
  const report = useQuery({
    queryKey: ['legal', 'monthly', month],
    queryFn: () => api<MonthlyReport>('/api/legal/monthly', { query: { month } }),
  });
  const rows = report.data?.rows ?? [];
  const s = report.data?.summary;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="legal-monthly">
      <Space wrap>
        <DatePicker picker="month" value={picked ?? now} onChange={setPicked} allowClear={false} />
        <Button
          icon={<DownloadOutlined />}
          href={withQuery('/api/legal/monthly', { month, format: 'xlsx' })}
          data-testid="legal-export"
        >
          {t('导出 Excel')}
        </Button>
      </Space>
      {report.error && <Alert type="error" showIcon title={errorMessage(report.error)} />}
      {s && (
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('村（社区）')} value={s.villages} suffix={`/ ${t('配备顾问')} ${s.withAdviser}`} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('本月无服务')}
                value={s.withoutService}
                styles={{ content: { color: s.withoutService ? '#cf1322' : undefined } }}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('服务时长 / 承诺（小时）')} value={`${s.hours} / ${s.committedHours}`} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('总履约率')} value={pct(s.fulfilment)} />
            </Card>
          </Col>
        </Row>
      )}
      <Card size="small" title={t('服务时长与承诺时长')}>
        <ReactEChartsCore
          echarts={echarts}
          style={{ height: 280 }}
          notMerge
          option={{
            color: ['#b7282e', '#bfbfbf'],
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 40, right: 16, top: 32, bottom: 60 },
            xAxis: { type: 'category', data: rows.map((r) => r.village.name), axisLabel: { rotate: 30 } },
            yAxis: { type: 'value', name: t('小时') },
            series: [
              {
                name: t('服务时长'),
                type: 'bar',
                data: rows.map((r) => ({ value: r.hours, itemStyle: noService(r) ? { color: '#cf1322' } : undefined })),
              },
              { name: t('承诺时长'), type: 'bar', data: rows.map((r) => r.committedHours) },
            ],
          }}
        />
      </Card>
      <Table<MonthlyRow>
        rowKey={(r) => String(r.village.id)}
        size="small"
        loading={report.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50 }}
        data-testid="legal-monthly-table"
        onRow={(r) => ({ style: noService(r) ? { background: '#fff1f0' } : undefined })}
        columns={[
          { title: t('村（社区）'), render: (_, r) => r.village.name },
          { title: t('镇街'), render: (_, r) => r.town?.name ?? '' },
          { title: t('法律顾问'), render: (_, r) => r.adviser?.name ?? '—' },
          { title: t('律师事务所'), render: (_, r) => r.firm?.name ?? '—' },
          { title: t('承诺时长'), dataIndex: 'committedHours', align: 'right' },
          { title: t('服务时长'), dataIndex: 'hours', align: 'right' },
          { title: t('履约率'), align: 'right', render: (_, r) => pct(r.fulfilment) },
          {
            title: t('服务次数'),
            align: 'right',
            render: (_, r) => (
              <span
                title={Object.entries(r.byKind)
                  .filter(([, n]) => n > 0)
                  .map(([k, n]) => `${t(KIND_LABELS[k as keyof typeof KIND_LABELS])} ${n}`)
                  .join('，')}
              >
                {r.entries}
              </span>
            ),
          },
          {
            title: t('本季度讲座'),
            align: 'right',
            render: (_, r) => `${r.lecturesInQuarter} / ${r.lecturesCommitted}`,
          },
          {
            title: t('状态'),
            render: (_, r) => (
              <Tag color={STATUS_COLOURS[r.status]} data-testid={`legal-status-${r.village.id}`}>
                {t(r.statusLabel)}
              </Tag>
            ),
          },
        ]}
      />
    </Space>
  );
}
