// 农户积分: the village's households (phone and address masked) with their balances; register one, or import the
// list from a spreadsheet (checked first: every bad row with its number; nothing written unless all are good).
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { HouseholdImportModal } from './HouseholdImportModal';
import { HouseholdModal } from './HouseholdModal';
import { type HouseholdView, useVillageId } from './points-api';

export default function HouseholdsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { search } = useLocation();
  const [villageId] = useVillageId();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const list = useQuery({
    queryKey: ['points', 'households', villageId, q, page],
    queryFn: () =>
      api<{ items: HouseholdView[]; total: number }>('/api/points/households', {
        query: { villageId, q, page, pageSize: 20 },
      }),
    enabled: villageId !== undefined,
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Input.Search
          allowClear
          placeholder={t('搜索户主或门牌号')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 260 }}
          data-testid="household-search"
        />
        {can('points.manage') && villageId !== undefined && (
          <Space>
            <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="household-import">
              {t('导入农户名单')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="household-new"
            >
              {t('登记农户')}
            </Button>
          </Space>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<HouseholdView>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="household-table"
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          showTotal: (n) => t('共 {{n}} 户', { n }),
          onChange: setPage,
        }}
        columns={[
          {
            title: t('门牌号'),
            dataIndex: 'doorNo',
            render: (door: string, h) => (
              <Link to={{ pathname: `/points/households/${h.id}`, search }} data-testid="household-link">
                {door}
              </Link>
            ),
          },
          { title: t('户主'), dataIndex: 'headName' },
          { title: t('人口'), dataIndex: 'members', width: 70 },
          { title: t('网格'), render: (_: unknown, h) => h.grid?.name ?? '—' },
          { title: t('户主手机'), dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
          {
            title: t('积分余额'),
            dataIndex: 'balance',
            align: 'right',
            render: (b: number) => <strong data-testid="household-balance">{b}</strong>,
          },
          {
            title: t('状态'),
            render: (_: unknown, h) => (
              <Space size={4} wrap>
                {h.linkedCitizen && <Tag color="blue">{t('已开通手机端')}</Tag>}
                {h.overdueDebt && <Tag color="red">{t('逾期欠款')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      {villageId !== undefined && (
        <>
          <HouseholdModal villageId={villageId} open={creating} onClose={() => setCreating(false)} />
          <HouseholdImportModal villageId={villageId} open={importing} onClose={() => setImporting(false)} />
        </>
      )}
    </>
  );
}
