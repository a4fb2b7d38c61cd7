// 个人信息删除申请 (issue 18, PIPL): citizens' erasure requests — when asked, whether done, how many of their cases
// lost the name and phone, how many still wait for their closing. No personal data: accounts by their number.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Segmented, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { PageTitle } from '../../components/common';
import type { Page } from '../../types';

interface ErasureRow {
  id: number;
  userId: number;
  state: 'pending' | 'completed';
  requestedAt: string;
  completedAt: string | null;
  casesAnonymised: number;
  casesWaiting: number;
}

type StateFilter = 'all' | 'pending' | 'completed';

const when = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

export default function PrivacyErasuresPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<StateFilter>('all');
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const { data, isFetching, error } = useQuery({
    queryKey: ['privacy-erasures', state, page],
    queryFn: () =>
      api<Page<ErasureRow>>('/api/privacy/erasures', {
        query: {
          limit: page.pageSize,
          offset: (page.current - 1) * page.pageSize,
          ...(state === 'all' ? {} : { state }),
        },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageTitle
        title={t('个人信息删除申请')}
        extra={
          <Segmented<StateFilter>
            value={state}
            onChange={(v) => {
              setState(v);
              setPage((p) => ({ ...p, current: 1 }));
            }}
            options={[
              { value: 'all', label: t('全部') },
              { value: 'pending', label: t('待办结') },
              { value: 'completed', label: t('已完成') },
            ]}
          />
        }
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t(
          '群众申请后，其已办结诉求中的姓名改为“已注销”、电话删除；在办诉求办结后自动删除，全部完成后注销账号。诉求内容、办理记录和照片保留。',
        )}
      />
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      <Table<ErasureRow>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.items ?? []}
        data-testid="privacy-erasures-table"
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => t('共 {{total}} 条', { total }),
          onChange: (current, pageSize) => setPage({ current, pageSize }),
        }}
        columns={[
          { title: t('群众账号'), dataIndex: 'userId', width: 120, render: (v: number) => `#${v}` },
          { title: t('申请时间'), dataIndex: 'requestedAt', width: 170, render: when },
          {
            title: t('状态'),
            dataIndex: 'state',
            width: 110,
            render: (v: ErasureRow['state']) =>
              v === 'completed' ? <Tag color="green">{t('已完成')}</Tag> : <Tag color="orange">{t('待办结')}</Tag>,
          },
          { title: t('已删除诉求数'), dataIndex: 'casesAnonymised', width: 130 },
          { title: t('待办结诉求数'), dataIndex: 'casesWaiting', width: 130 },
          { title: t('完成时间'), dataIndex: 'completedAt', width: 170, render: when },
        ]}
      />
    </>
  );
}
