// 审计日志: who did what, when — including every view of a full phone number.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { PageTitle } from '../../components/common';
import type { AuditEntry, Page } from '../../types';

export default function AuditPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const { data, isFetching, error } = useQuery({
    queryKey: ['audit', page],
    queryFn: () =>
      api<Page<AuditEntry>>('/api/audit', {
        query: { limit: page.pageSize, offset: (page.current - 1) * page.pageSize },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageTitle title={t('审计日志')} />
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 1000 }}
        data-testid="audit-table"
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('共 {{total}} 条', { total }),
          onChange: (current, pageSize) => setPage({ current, pageSize }),
        }}
        columns={[
          {
            title: t('时间'),
            dataIndex: 'at',
            width: 170,
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
          },
          { title: t('操作人'), dataIndex: 'actor', width: 140, render: (v: string | null) => v ?? t('系统') },
          {
            title: t('动作'),
            dataIndex: 'action',
            width: 200,
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          {
            title: t('对象'),
            key: 'target',
            width: 220,
            render: (_, a) => (a.targetType ? `${a.targetType}${a.targetId ? ` #${a.targetId}` : ''}` : '—'),
          },
          {
            title: t('详情'),
            dataIndex: 'details',
            ellipsis: true,
            render: (v: unknown) =>
              v == null ? (
                '—'
              ) : (
                <Typography.Text style={{ fontSize: 12 }} ellipsis={{ tooltip: JSON.stringify(v, null, 1) }}>
                  {typeof v === 'string' ? v : JSON.stringify(v)}
                </Typography.Text>
              ),
          },
        ]}
      />
    </>
  );
}
