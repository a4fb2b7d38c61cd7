// 典型案例 for staff: the area's typical cases by state (a reviewer opens 待审核), and picking a closed case to start
// a new one — the server proposes the de-identified text.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { type Candidate, formatDay, STATE_COLORS, type TypicalCaseDetail, type TypicalCaseSummary } from './public-api';

const FILTERS = [
  { value: '', label: '全部' },
  { value: 'submitted', label: '待审核' },
  { value: 'draft', label: '草稿' },
  { value: 'returned', label: '已退回' },
  { value: 'approved', label: '已审核' },
  { value: 'published', label: '已发布' },
  { value: 'withdrawn', label: '已撤回' },
];

function PickCase({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const candidates = useQuery({
    queryKey: ['showcase', 'candidates', q],
    queryFn: () => api<{ items: Candidate[] }>('/api/showcase/candidates', { query: { q } }),
    enabled: open,
  });
  const propose = useMutation({
    mutationFn: (caseId: number) => api<TypicalCaseDetail>('/api/showcase/cases', { method: 'POST', body: { caseId } }),
    onSuccess: (created) => {
      message.success(t('已生成脱敏建议稿，请修改后提交审核'));
      navigate(`/showcase/cases/${created.id}`);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal open={open} onCancel={onClose} footer={null} width={820} title={t('选用已办结案件')}>
      <Input.Search placeholder={t('按标题查找')} allowClear onSearch={setQ} style={{ marginBottom: 12 }} />
      <Table<Candidate>
        rowKey="id"
        size="small"
        loading={candidates.isLoading}
        dataSource={candidates.data?.items ?? []}
        pagination={{ pageSize: 8 }}
        columns={[
          { title: t('案件编号'), dataIndex: 'number', width: 150 },
          { title: t('标题'), dataIndex: 'title' },
          { title: t('村社区'), dataIndex: 'villageName', width: 120 },
          { title: t('办结'), dataIndex: 'closedAt', width: 110, render: formatDay },
          {
            title: '',
            width: 90,
            render: (_, c) => (
              <Button size="small" type="primary" loading={propose.isPending} onClick={() => propose.mutate(c.id)}>
                {t('选用')}
              </Button>
            ),
          },
        ]}
      />
    </Modal>
  );
}

export default function TypicalCasesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const [picking, setPicking] = useState(false);
  const list = useQuery({
    queryKey: ['showcase', 'cases', state],
    queryFn: () => api<{ items: TypicalCaseSummary[] }>('/api/showcase/cases', { query: { state } }),
  });
  return (
    <>
      <Space style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between' }} wrap>
        <Segmented
          value={state}
          onChange={(v) => setParams(v ? { state: String(v) } : {})}
          options={FILTERS.map((f) => ({ value: f.value, label: t(f.label) }))}
        />
        {can('showcase.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPicking(true)} data-testid="showcase-pick">
            {t('选用已办结案件')}
          </Button>
        )}
      </Space>
      <Table<TypicalCaseSummary>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => navigate(`/showcase/cases/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('标题'), dataIndex: 'title' },
          {
            title: t('状态'),
            dataIndex: 'stateName',
            width: 100,
            render: (v: string, r) => <Tag color={STATE_COLORS[r.state]}>{t(v)}</Tag>,
          },
          { title: t('原案件'), dataIndex: 'caseNumber', width: 150 },
          { title: t('镇街'), dataIndex: 'townName', width: 120 },
          { title: t('撰写'), dataIndex: 'authorName', width: 110 },
          { title: t('审核'), dataIndex: 'reviewerName', width: 130 },
          { title: t('更新'), dataIndex: 'updatedAt', width: 110, render: formatDay },
        ]}
      />
      <PickCase open={picking} onClose={() => setPicking(false)} />
    </>
  );
}
