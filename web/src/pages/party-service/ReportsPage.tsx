// 年度报告 (county platform): each unit's year — members registered, needs done, hours, mean rating — issued to the
// units (each unit of the county tree is notified) and exported as a spreadsheet; a bar chart of hours by unit.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, InputNumber, message, Space, Table } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import type { UnitReportView } from './party-service-api';

export default function ReportsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [year, setYear] = useState(new Date().getFullYear());
  const reports = useQuery({
    queryKey: ['party-service', 'reports', year],
    queryFn: () => api<{ items: UnitReportView[] }>('/api/party/service/reports', { query: { year } }),
  });
  const issue = useMutation({
    mutationFn: () =>
      api<{ issued: number; notified: number }>('/api/party/service/reports/issue', { method: 'POST', body: { year } }),
    onSuccess: (r) => {
      void message.success(`${r.issued} / ${r.notified}`);
      void qc.invalidateQueries({ queryKey: ['party-service', 'reports'] });
    },
  });
  const items = reports.data?.items ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Space>
        {t('年度')}
        <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
        <Button type="primary" loading={issue.isPending} onClick={() => issue.mutate()} data-testid="issue-reports">
          {t('出具年度报告')}
        </Button>
        <Button href={`/api/party/service/reports/export?year=${year}`}>{t('导出')}</Button>
      </Space>
      {(reports.error || issue.error) && (
        <Alert type="error" showIcon title={errorMessage(reports.error ?? issue.error)} />
      )}
      {items.length > 0 && (
        <Card size="small" title={t('服务时长（小时）')}>
          <ReactECharts
            style={{ height: 240 }}
            option={{
              grid: { left: 140, right: 24, top: 10, bottom: 24 },
              tooltip: {},
              xAxis: { type: 'value' },
              yAxis: { type: 'category', data: items.map((r) => r.unitName) },
              series: [{ type: 'bar', data: items.map((r) => r.hours), itemStyle: { color: '#c4302b' } }],
            }}
          />
        </Card>
      )}
      <Table
        rowKey="unitName"
        size="small"
        loading={reports.isLoading}
        dataSource={items}
        pagination={false}
        columns={[
          { title: t('单位'), dataIndex: 'unitName' },
          { title: t('报到党员'), dataIndex: 'members' },
          { title: t('完成服务'), dataIndex: 'needsDone' },
          { title: t('服务时长（小时）'), dataIndex: 'hours' },
          { title: t('平均评价'), dataIndex: 'averageRating', render: (v: number | null) => v ?? '—' },
          {
            title: t('出具时间'),
            dataIndex: 'issuedAt',
            render: (v: string | null) => (v ? v.slice(0, 10) : t('未出具')),
          },
        ]}
      />
    </Space>
  );
}
