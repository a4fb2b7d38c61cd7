// 党员名册: the members of the party organisations in scope, phones masked (查看 reveals one, audited), the
// 在职党员 and their units.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Input, message, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { LEVEL_LABELS, type PartyMemberView } from './party-api';

export default function MembersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [q, setQ] = useState('');
  const [inService, setInService] = useState<'all' | 'yes'>('all');
  const [page, setPage] = useState(1);
  const [revealed, setRevealed] = useState<Record<number, string>>({});
  const list = useQuery({
    queryKey: ['party', 'members', q, inService, page],
    queryFn: () =>
      api<{ items: PartyMemberView[]; total: number }>('/api/party/members', {
        query: { q, inService: inService === 'yes' ? true : undefined, page, pageSize: 20 },
      }),
  });
  const reveal = useMutation({
    mutationFn: (id: number) => api<{ phone: string | null }>(`/api/party/members/${id}/reveal`),
    onSuccess: (r, id) => setRevealed((x) => ({ ...x, [id]: r.phone ?? '' })),
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="party-members">
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('按姓名查找')}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 220 }}
        />
        <Segmented
          value={inService}
          onChange={(v) => {
            setInService(v as 'all' | 'yes');
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('全部党员') },
            { value: 'yes', label: t('在职党员') },
          ]}
        />
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { title: t('姓名'), dataIndex: 'name' },
          {
            title: t('所在党组织'),
            render: (_: unknown, m: PartyMemberView) => (
              <span>
                {m.partyOrg.name} <Tag bordered={false}>{t(LEVEL_LABELS[m.partyOrg.level]).replace(/（.*）/, '')}</Tag>
              </span>
            ),
          },
          { title: t('村（社区）'), render: (_: unknown, m: PartyMemberView) => m.village?.name ?? '—' },
          { title: t('职务'), dataIndex: 'duty', render: (v: string) => t(v) },
          { title: t('入党日期'), dataIndex: 'joinedOn' },
          {
            title: t('联系电话'),
            render: (_: unknown, m: PartyMemberView) =>
              revealed[m.id] ?? (
                <Space size={4}>
                  {m.phone}
                  {m.phone && can('pii.view') && (
                    <Button size="small" type="link" onClick={() => reveal.mutate(m.id)}>
                      {t('查看')}
                    </Button>
                  )}
                </Space>
              ),
          },
          {
            title: t('在职党员'),
            render: (_: unknown, m: PartyMemberView) => (m.inService ? <Tag color="blue">{m.workUnit}</Tag> : null),
          },
          {
            title: t('账号'),
            render: (_: unknown, m: PartyMemberView) => (m.userId ? <Tag color="red">{t('党员亮相')}</Tag> : null),
          },
        ]}
      />
    </Space>
  );
}
