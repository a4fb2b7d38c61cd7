// The latest cases the user may see, as a table on the workbench or a list on a phone.
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, List, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../api';
import { CASE_STATUS_LABELS, CHANNEL_LABELS } from '../labels';
import type { CaseSummary, Page } from '../types';

const STATUS_COLORS: Record<string, string> = {
  closed: 'green',
  archived: 'default',
  rejected: 'default',
  suspended: 'orange',
  replied: 'cyan',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status] ?? 'blue'}>{t(CASE_STATUS_LABELS[status] ?? status)}</Tag>;
}

export function useRecentCases(limit = 10) {
  return useQuery({
    queryKey: ['cases', 'recent', limit],
    queryFn: () => api<Page<CaseSummary>>('/api/cases', { query: { pageSize: limit, sort: 'reported' } }),
  });
}

export function RecentCases({ limit = 10, mobile = false }: { limit?: number; mobile?: boolean }) {
  const { t } = useTranslation();
  const { data, isLoading, error } = useRecentCases(limit);
  if (error) return <Alert type="warning" showIcon title={errorMessage(error)} />;
  const place = (c: CaseSummary) => [c.townName, c.villageName, c.gridName].filter(Boolean).join(' / ');
  if (mobile) {
    return (
      <List
        loading={isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无诉求')} /> }}
        renderItem={(c) => (
          <List.Item key={c.id} extra={<StatusTag status={c.state} />}>
            <List.Item.Meta
              title={c.title}
              description={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.number} · {dayjs(c.reportedAt).format('MM-DD HH:mm')}
                  {c.categoryName ? ` · ${c.categoryName}` : ''}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
        data-testid="recent-cases"
      />
    );
  }
  return (
    <Table<CaseSummary>
      size="small"
      rowKey="id"
      loading={isLoading}
      dataSource={data?.items ?? []}
      pagination={false}
      scroll={{ x: 720 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无诉求')} /> }}
      data-testid="recent-cases"
      columns={[
        { title: t('编号'), dataIndex: 'number', width: 150 },
        { title: t('标题'), dataIndex: 'title', ellipsis: true },
        { title: t('分类'), dataIndex: 'categoryName', width: 140, ellipsis: true },
        { title: t('来源'), dataIndex: 'channel', width: 100, render: (v: string) => t(CHANNEL_LABELS[v] ?? v) },
        { title: t('地点'), key: 'place', width: 200, ellipsis: true, render: (_: unknown, c) => place(c) },
        { title: t('状态'), dataIndex: 'state', width: 90, render: (v: string) => <StatusTag status={v} /> },
        {
          title: t('上报时间'),
          dataIndex: 'reportedAt',
          width: 140,
          render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
        },
      ]}
    />
  );
}
