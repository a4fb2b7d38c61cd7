// 心理服务: the referrals this unit stands to, in boxes (待接收 / 服务中 / 随访 / 已结案). A referring unit sees the
// status only; the counselling organisation sees the person (masked) and the concern's first words — the server
// decides which, and audits every list with content.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { BoxCards, boxCount, InboxTitle, useUrlFilters } from '../../components/BoxCards';
import { AcknowledgementDue, PsychRiskTag, PsychStateTag } from './PsychTags';
import type { PsychBox, PsychListItem } from './psych-api';

const BOXES: { box: PsychBox; label: string; alarm?: boolean }[] = [
  { box: 'to_acknowledge', label: '待接收', alarm: true },
  { box: 'in_service', label: '服务中' },
  { box: 'follow_up', label: '随访' },
  { box: 'concluded', label: '已结案' },
  { box: 'all', label: '全部转介' },
];

export default function PsychListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const box = (params.get('box') ?? 'all') as PsychBox;
  const risk = params.get('risk') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const list = useQuery({
    queryKey: ['psych', 'list', box, risk, page],
    queryFn: () =>
      api<{ items: PsychListItem[]; total: number; boxes: Record<PsychBox, number> }>('/api/psych/referrals', {
        query: { box, risk, page, pageSize: 20 },
      }),
    placeholderData: keepPreviousData,
  });
  const counsellor = (list.data?.items ?? []).some((r) => r.content);

  return (
    <>
      <InboxTitle
        title={t('心理服务')}
        onRefresh={() => void list.refetch()}
        create={
          can('psych.refer')
            ? { label: t('转介心理服务'), onClick: () => navigate('/psych/new'), testId: 'psych-new' }
            : null
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('心理服务转介内容仅接收转介的心理服务机构可见；转介单位只看到办理状态。每次查看均记入审计日志。')}
      </Typography.Paragraph>
      <BoxCards
        testId={{ row: 'psych-boxes', prefix: 'psych-box' }}
        minWidth={110}
        active={box}
        onSelect={(b) => update({ box: b })}
        boxes={BOXES.map((b) => ({
          key: b.box,
          label: t(b.label),
          alarm: b.alarm,
          count: boxCount(list.data?.boxes[b.box], box === b.box, list.data?.total, t('查看')),
        }))}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('风险等级')}
          value={risk || undefined}
          onChange={(v) => update({ risk: v ?? '' })}
          style={{ width: 120 }}
          options={[
            { value: 'crisis', label: t('危机') },
            { value: 'high', label: t('高') },
            { value: 'medium', label: t('中') },
            { value: 'low', label: t('低') },
          ]}
          data-testid="psych-filter-risk"
        />
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<PsychListItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="psych-table"
        onRow={(r) => ({ onDoubleClick: () => navigate(`/psych/${r.id}`) })}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          showTotal: (n) => t('共 {{n}} 项', { n }),
          onChange: (p) => update({ page: String(p) }),
        }}
        columns={[
          {
            title: t('转介编号'),
            key: 'number',
            render: (_, r) => (
              <Link to={`/psych/${r.id}`} data-testid="psych-link">
                {r.number}
              </Link>
            ),
          },
          { title: t('风险'), key: 'risk', render: (_, r) => <PsychRiskTag r={r} /> },
          { title: t('状态'), key: 'state', render: (_, r) => <PsychStateTag r={r} /> },
          ...(counsellor
            ? [
                {
                  title: t('当事人'),
                  key: 'person',
                  render: (_: unknown, r: PsychListItem) => r.content?.personName || '—',
                },
                {
                  title: t('关注的问题'),
                  key: 'concern',
                  render: (_: unknown, r: PsychListItem) => r.content?.concernExcerpt || '—',
                },
              ]
            : []),
          { title: t('转介单位'), key: 'referring', render: (_, r) => r.referringOrg.name },
          { title: t('心理服务机构'), key: 'counselling', render: (_, r) => r.counsellingOrg.name },
          { title: t('来源'), key: 'source', render: (_, r) => t(r.sourceLabel) },
          { title: t('接收时限'), key: 'ack', render: (_, r) => <AcknowledgementDue r={r} /> },
          { title: t('转介时间'), key: 'createdAt', render: (_, r) => dayjs(r.createdAt).format('YYYY-MM-DD HH:mm') },
        ]}
      />
    </>
  );
}
