// 物业亮星 for staff: the compounds in scope with their company and latest stars; register companies and compounds
// (on the community's grids); recompute a month by hand; the public board's link.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, type FormInstance, Input, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { CommunityField, ContactFields, FormModal } from './FormModal';
import { type CompoundView, starText } from './party-service-api';

interface Company {
  id: number;
  name: string;
  contactName: string;
  compounds: number;
}

function useCompanies() {
  return useQuery({
    queryKey: ['party-ratings', 'companies'],
    queryFn: () => api<{ items: Company[] }>('/api/party/ratings/companies'),
  });
}

function CompanyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal open={open} title={t('新增物业企业')} url="/api/party/ratings/companies" onClose={onClose}>
      {() => (
        <>
          <Form.Item name="name" label={t('单位名称')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <ContactFields phoneName="phone" />
        </>
      )}
    </FormModal>
  );
}

function GridField({ form }: { form: FormInstance }) {
  const { t } = useTranslation();
  const villageId = Form.useWatch('villageId', form);
  const grids = useQuery({
    queryKey: ['party-ratings', 'grids', villageId],
    queryFn: () =>
      api<{ items: { id: number; name: string }[] }>('/api/orgs', { query: { parentId: villageId, kind: 'grid' } }),
    enabled: !!villageId,
  });
  return (
    <Form.Item name="gridIds" label={t('所在网格')} rules={[{ required: true }]}>
      <Select mode="multiple" options={(grids.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))} />
    </Form.Item>
  );
}

function CompoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const companies = useCompanies();
  return (
    <FormModal open={open} title={t('新增小区')} url="/api/party/ratings/compounds" onClose={onClose}>
      {(form) => (
        <>
          <CommunityField />
          <Form.Item name="name" label={t('小区')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <GridField form={form} />
          <Form.Item name="companyId" label={t('物业企业')} rules={[{ required: true }]}>
            <Select options={(companies.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

export default function CompoundsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [modal, setModal] = useState<'company' | 'compound' | null>(null);
  const [month, setMonth] = useState(dayjs().subtract(1, 'month'));
  const compounds = useQuery({
    queryKey: ['party-ratings', 'compounds'],
    queryFn: () => api<{ items: CompoundView[] }>('/api/party/ratings/compounds'),
  });
  const companies = useCompanies();
  const recompute = useMutation({
    mutationFn: () => api('/api/party/ratings/recompute', { method: 'POST', body: { month: month.format('YYYY-MM') } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['party-ratings'] }),
  });
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        {can('propertyrating.manage') && (
          <>
            <Button onClick={() => setModal('company')}>{t('新增物业企业')}</Button>
            <Button onClick={() => setModal('compound')}>{t('新增小区')}</Button>
            <DatePicker picker="month" value={month} onChange={(d) => d && setMonth(d)} allowClear={false} />
            <Button loading={recompute.isPending} onClick={() => recompute.mutate()} data-testid="recompute">
              {t('重新计算')}
            </Button>
          </>
        )}
        <Link to="/board/party-ratings" target="_blank">
          {t('公示页')}
        </Link>
      </Space>
      {(compounds.error || recompute.error) && (
        <Alert type="error" showIcon title={errorMessage(compounds.error ?? recompute.error)} />
      )}
      <Table
        rowKey="id"
        size="middle"
        loading={compounds.isLoading}
        dataSource={compounds.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        data-testid="compounds-table"
        columns={[
          {
            title: t('小区'),
            dataIndex: 'name',
            render: (name: string, c: CompoundView) => <Link to={`/party-ratings/compounds/${c.id}`}>{name}</Link>,
          },
          { title: t('社区'), dataIndex: 'villageName' },
          { title: t('物业企业'), dataIndex: 'companyName' },
          {
            title: t('最新星级'),
            key: 'latest',
            render: (_: unknown, c: CompoundView) =>
              c.latest ? (
                <span>
                  <span style={{ color: '#d48806', fontSize: 16 }}>{starText(c.latest.stars)}</span>{' '}
                  <Tag>{c.latest.month}</Tag>
                  {c.latest.score ?? ''}
                </span>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <div style={{ marginTop: 12, color: '#888' }}>
        {t('物业企业')}：{(companies.data?.items ?? []).map((c) => `${c.name}（${c.compounds}）`).join('、') || '—'}
      </div>
      <CompanyModal open={modal === 'company'} onClose={() => setModal(null)} />
      <CompoundModal open={modal === 'compound'} onClose={() => setModal(null)} />
    </div>
  );
}
