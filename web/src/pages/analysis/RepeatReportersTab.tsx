// 重复反映: phones (masked) that reported many cases recently.
import { useQuery } from '@tanstack/react-query';
import { Alert, InputNumber, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { RepeatReporter } from '../../api-types';
import { CaseBriefList } from './CaseBriefList';

export function RepeatReportersTab() {
  const { t } = useTranslation();
  const [days, setDays] = useState(90);
  const [min, setMin] = useState(3);
  const { data, error, isLoading } = useQuery({
    queryKey: ['analysis', 'repeat-reporters', days, min],
    queryFn: () => api<{ items: RepeatReporter[] }>('/api/analysis/repeat-reporters', { query: { days, min } }),
  });
  return (
    <div data-testid="analysis-repeat-reporters">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('最近')}</span>
        <InputNumber min={1} max={730} value={days} onChange={(v) => setDays(v ?? 90)} addonAfter={t('天')} />
        <span>{t('至少')}</span>
        <InputNumber min={2} max={1000} value={min} onChange={(v) => setMin(v ?? 3)} addonAfter={t('次')} />
        <Typography.Text type="secondary">{t('号码与姓名已脱敏')}</Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon message={(error as Error).message} />}
      <Table<RepeatReporter>
        size="small"
        rowKey="phone"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        expandable={{ expandedRowRender: (r) => <CaseBriefList cases={r.cases} /> }}
        columns={[
          { title: t('电话'), dataIndex: 'phone' },
          { title: t('反映人'), dataIndex: 'name' },
          { title: t('次数'), dataIndex: 'count', width: 80 },
          { title: t('涉及分类数'), dataIndex: 'categories', width: 110 },
          {
            title: t('最近反映'),
            dataIndex: 'lastReportedAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
        ]}
      />
    </div>
  );
}
