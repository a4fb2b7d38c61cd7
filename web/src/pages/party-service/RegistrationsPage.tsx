// 报到登记: the units and in-service members registered with the communities in scope; the community confirms or
// declines; a unit's staff register their own unit with a community; the community enters an outside unit.
// Phones are masked; 查看 shows a member's phone to holders of pii.view (audited).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { CommunityField, ContactFields, FormModal } from './FormModal';
import { type MemberView, REGISTRATION_STATES, type UnitView } from './party-service-api';

function Decide({ which, row }: { which: 'units' | 'members'; row: { id: number; version: number; state: string } }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const decide = useMutation({
    mutationFn: (decision: 'confirm' | 'decline') =>
      api(`/api/party/service/${which}/${row.id}/decide`, { method: 'POST', body: { version: row.version, decision } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['party-service'] }),
    onError: (e) => Modal.error({ title: errorMessage(e) }),
  });
  if (row.state !== 'pending') return null;
  return (
    <Space size={4}>
      <Button
        size="small"
        type="primary"
        loading={decide.isPending}
        onClick={() => decide.mutate('confirm')}
        data-testid={`confirm-${which}-${row.id}`}
      >
        {t('确认')}
      </Button>
      <Button size="small" loading={decide.isPending} onClick={() => decide.mutate('decline')}>
        {t('退回')}
      </Button>
    </Space>
  );
}

function RevealPhone({ id, masked }: { id: number; masked: string }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => api<{ phone: string }>(`/api/party/service/members/${id}/reveal`, { method: 'POST' }),
    onSuccess: (r) => setPhone(r.phone),
  });
  const can = useCan();
  return (
    <span>
      {phone ?? masked}{' '}
      {!phone && can('pii.view') && masked && (
        <Button type="link" size="small" onClick={() => reveal.mutate()}>
          {t('查看')}
        </Button>
      )}
    </span>
  );
}

function RegisterUnitModal({ open, outside, onClose }: { open: boolean; outside: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal
      open={open}
      title={outside ? t('登记外部单位') : t('本单位到社区报到')}
      url="/api/party/service/units"
      onClose={onClose}
    >
      {() => (
        <>
          <CommunityField />
          {outside && (
            <Form.Item name="name" label={t('单位名称')} rules={[{ required: true, max: 100 }]}>
              <Input />
            </Form.Item>
          )}
          <ContactFields phoneName="contactPhone" />
        </>
      )}
    </FormModal>
  );
}

export default function RegistrationsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [modal, setModal] = useState<'own' | 'outside' | null>(null);
  const units = useQuery({
    queryKey: ['party-service', 'units'],
    queryFn: () => api<{ items: UnitView[] }>('/api/party/service/units'),
  });
  const members = useQuery({
    queryKey: ['party-service', 'members'],
    queryFn: () => api<{ items: MemberView[] }>('/api/party/service/members'),
  });
  const stateTag = (s: string) => (
    <Tag color={REGISTRATION_STATES[s]?.color}>{t(REGISTRATION_STATES[s]?.label ?? s)}</Tag>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={t('报到单位')}
        size="small"
        extra={
          <Space>
            {can('partyservice.join') && <Button onClick={() => setModal('own')}>{t('本单位到社区报到')}</Button>}
            {can('partyservice.manage') && <Button onClick={() => setModal('outside')}>{t('登记外部单位')}</Button>}
          </Space>
        }
      >
        {units.error && <Alert type="error" showIcon title={errorMessage(units.error)} />}
        <Table
          rowKey="id"
          size="small"
          loading={units.isLoading}
          dataSource={units.data?.items ?? []}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('单位'), dataIndex: 'name' },
            { title: t('社区'), dataIndex: 'villageName' },
            { title: t('联系人'), dataIndex: 'contactName' },
            { title: t('联系电话'), dataIndex: 'contactPhone' },
            { title: t('报到党员'), dataIndex: 'members', width: 90 },
            { title: t('状态'), dataIndex: 'state', width: 90, render: stateTag },
            {
              title: '',
              key: 'decide',
              width: 140,
              render: (_: unknown, r: UnitView) => can('partyservice.manage') && <Decide which="units" row={r} />,
            },
          ]}
        />
      </Card>
      <Card title={t('在职党员')} size="small">
        {members.error && <Alert type="error" showIcon title={errorMessage(members.error)} />}
        <Table
          rowKey="id"
          size="small"
          loading={members.isLoading}
          dataSource={members.data?.items ?? []}
          pagination={{ pageSize: 10 }}
          data-testid="members-table"
          columns={[
            { title: t('姓名'), dataIndex: 'name' },
            { title: t('工作单位'), dataIndex: 'unitName' },
            { title: t('所在党组织'), dataIndex: 'branch' },
            { title: t('社区'), dataIndex: 'villageName' },
            {
              title: t('手机号'),
              dataIndex: 'phone',
              render: (p: string, r: MemberView) => <RevealPhone id={r.id} masked={p} />,
            },
            { title: t('状态'), dataIndex: 'state', width: 90, render: stateTag },
            {
              title: '',
              key: 'decide',
              width: 140,
              render: (_: unknown, r: MemberView) => can('partyservice.manage') && <Decide which="members" row={r} />,
            },
          ]}
        />
      </Card>
      <RegisterUnitModal open={modal !== null} outside={modal === 'outside'} onClose={() => setModal(null)} />
    </Space>
  );
}
