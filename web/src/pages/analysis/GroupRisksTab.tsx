// 群体性风险: one matter raised by several distinct reporters in a short window.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, InputNumber, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { GroupRisk } from '../../api-types';
import { CaseBriefList } from './CaseBriefList';

export function GroupRisksTab() {
  const { t } = useTranslation();
  const [days, setDays] = useState(7);
  const [minReporters, setMinReporters] = useState(3);
  const { data, error, isLoading } = useQuery({
    queryKey: ['analysis', 'group-risks', days, minReporters],
    queryFn: () => api<{ items: GroupRisk[] }>('/api/analysis/group-risks', { query: { days, minReporters } }),
  });
  return (
    <div data-testid="analysis-group-risks">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('最近')}</span>
        <InputNumber min={1} max={90} value={days} onChange={(v) => setDays(v ?? 7)} addonAfter={t('天')} />
        <span>{t('至少')}</span>
        <InputNumber
          min={2}
          max={100}
          value={minReporters}
          onChange={(v) => setMinReporters(v ?? 3)}
          addonAfter={t('名反映人')}
        />
        <Typography.Text type="secondary">{t('内容相似、地点相近的案件归为同一事项')}</Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon message={(error as Error).message} />}
      <List
        loading={isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('未发现群体性风险')} /> }}
        renderItem={(r, i) => (
          <Card
            key={i}
            size="small"
            style={{ marginBottom: 12 }}
            title={
              <Space wrap>
                <Tag color="volcano">{t('{{n}} 人反映', { n: r.reporters })}</Tag>
                <span>{r.title}</span>
              </Space>
            }
            extra={
              <Typography.Text type="secondary">
                {r.place} · {r.topic ?? ''} · {dayjs(r.firstAt).format('MM-DD HH:mm')} –{' '}
                {dayjs(r.lastAt).format('MM-DD HH:mm')}
              </Typography.Text>
            }
            data-testid="group-risk"
          >
            <CaseBriefList cases={r.cases} />
          </Card>
        )}
      />
    </div>
  );
}
