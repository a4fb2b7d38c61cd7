// 志愿服务统计: activities, volunteers who served and hours by month (a chart) and by village (a table) for a
// year, with the spreadsheet the same numbers come from.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, InputNumber, Row, Space, Statistic, Table } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, withQuery } from '../../api';
import type { VolunteerStats } from './volunteer-api';

export default function StatsPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(new Date().getFullYear());
  const stats = useQuery({
    queryKey: ['volunteers', 'stats', year],
    queryFn: () => api<VolunteerStats>('/api/volunteers/stats', { query: { year } }),
  });
  const s = stats.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <InputNumber value={year} min={2020} max={2100} onChange={(v) => v && setYear(v)} addonAfter={t('年')} />
        <Button href={withQuery('/api/volunteers/stats', { year, format: 'xlsx' })}>{t('导出 Excel')}</Button>
      </Space>
      {stats.error && <Alert type="error" showIcon title={errorMessage(stats.error)} />}
      {s && (
        <>
          <Row gutter={16}>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('注册志愿者（人）')} value={s.totals.registered} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('活动场次')} value={s.totals.activities} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('参与志愿者（人）')} value={s.totals.volunteers} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('服务时长（小时）')} value={s.totals.hours} data-testid="stats-hours" />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('按月份')}>
            <ReactECharts
              style={{ height: 280 }}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { data: [t('服务时长（小时）'), t('活动场次')] },
                xAxis: { type: 'category', data: s.byMonth.map((m) => m.month) },
                yAxis: [{ type: 'value' }, { type: 'value' }],
                series: [
                  { name: t('服务时长（小时）'), type: 'bar', data: s.byMonth.map((m) => m.hours) },
                  { name: t('活动场次'), type: 'line', yAxisIndex: 1, data: s.byMonth.map((m) => m.activities) },
                ],
              }}
            />
          </Card>
          <Card size="small" title={t('按村社区')}>
            <Table
              rowKey={(r) => String(r.villageId ?? 'none')}
              size="small"
              pagination={false}
              dataSource={s.byVillage}
              columns={[
                { title: t('村（社区）'), dataIndex: 'village' },
                { title: t('活动场次'), dataIndex: 'activities' },
                { title: t('参与志愿者（人）'), dataIndex: 'volunteers' },
                { title: t('服务时长（小时）'), dataIndex: 'hours' },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
