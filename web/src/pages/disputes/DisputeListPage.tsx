import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Input, InputNumber, Select, Space, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { BoxCards, boxCount, InboxTitle, useUrlFilters } from '../../components/BoxCards';
import type { Page } from '../../types';
import { DisputeStatsPanel } from './DisputeStatsPanel';
import { DisputeClock, DisputeStateTag, RiskTag } from './DisputeTags';
import { type DisputeBox, type DisputeListItem, useDisputeInbox, useDisputeTypes } from './dispute-api';

const BOXES: { box: DisputeBox; label: string; alarm?: boolean }[] = [
  { box: 'to_accept', label: '待受理' },
  { box: 'to_assign', label: '待分派' },
  { box: 'to_mediate', label: '调解中' },
  { box: 'to_follow_up', label: '待回访' },
  { box: 'supervising', label: '督办中', alarm: true },
  { box: 'open', label: '在办纠纷' },
  { box: 'concluded', label: '已办结' },
  { box: 'all', label: '全部纠纷' },
];

export default function DisputeListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const view = params.get('view') ?? 'queue';
  const box = (params.get('box') ?? 'open') as DisputeBox;
  const filters = {
    box,
    q: params.get('q') ?? '',
    riskLevel: params.get('riskLevel') ?? '',
    level: params.get('level') ?? '',
    typeCode: params.get('typeCode') ?? '',
    minAgeDays: params.get('minAgeDays') ?? '',
    sort: params.get('sort') ?? 'risk',
    page: Number(params.get('page') ?? 1) || 1,
  };
  const counts = useDisputeInbox();
  const types = useDisputeTypes();
  const list = useQuery({
    queryKey: ['disputes', 'list', filters],
    queryFn: () => api<Page<DisputeListItem>>('/api/disputes', { query: { ...filters, pageSize: 20 } }),
    placeholderData: keepPreviousData,
    enabled: view === 'queue',
  });

  const queue = (
    <>
      {counts.error && <Alert type="error" showIcon title={errorMessage(counts.error)} style={{ marginBottom: 12 }} />}
      <BoxCards
        testId={{ row: 'dispute-boxes', prefix: 'dispute-box' }}
        minWidth={100}
        active={box}
        onSelect={(b) => update({ box: b })}
        boxes={BOXES.map((b) => {
          const n = counts.data?.boxes[b.box];
          return {
            key: b.box,
            label: t(b.label),
            alarm: b.alarm,
            count: boxCount(n, box === b.box, list.data?.total, t('查看')),
          };
        })}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t('搜索纠纷事由或编号')}
          onSearch={(v) => update({ q: v.trim() })}
          style={{ width: 240 }}
          data-testid="dispute-search"
        />
        <Select
          allowClear
          placeholder={t('风险等级')}
          value={filters.riskLevel || undefined}
          onChange={(v) => update({ riskLevel: v ?? '' })}
          style={{ width: 120 }}
          options={[
            { value: 'major', label: t('重大') },
            { value: 'serious', label: t('较大') },
            { value: 'general', label: t('一般') },
          ]}
          data-testid="filter-risk"
        />
        <Select
          allowClear
          placeholder={t('层级')}
          value={filters.level || undefined}
          onChange={(v) => update({ level: v ?? '' })}
          style={{ width: 120 }}
          options={[
            { value: 'village', label: t('村级') },
            { value: 'town', label: t('镇级') },
            { value: 'county', label: t('县级') },
          ]}
        />
        <Select
          allowClear
          placeholder={t('纠纷类型')}
          value={filters.typeCode || undefined}
          onChange={(v) => update({ typeCode: v ?? '' })}
          style={{ width: 160 }}
          options={(types.data?.items ?? []).map((x) => ({ value: x.code, label: t(x.name) }))}
        />
        <InputNumber
          min={0}
          placeholder={t('登记超过（天）')}
          value={filters.minAgeDays ? Number(filters.minAgeDays) : null}
          onChange={(v) => update({ minAgeDays: v ? String(v) : '' })}
          style={{ width: 150 }}
        />
        <Select
          value={filters.sort}
          onChange={(v) => update({ sort: v })}
          style={{ width: 150 }}
          options={[
            { value: 'risk', label: t('按风险排序') },
            { value: 'age', label: t('按时长排序') },
            { value: 'due', label: t('按期限排序') },
          ]}
        />
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<DisputeListItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="dispute-table"
        onRow={(d) => ({ onDoubleClick: () => navigate(`/disputes/${d.id}`) })}
        pagination={{
          current: filters.page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          showTotal: (n) => t('共 {{n}} 项', { n }),
          onChange: (p) => update({ page: String(p) }),
        }}
        columns={[
          {
            title: t('纠纷'),
            key: 'title',
            render: (_, d) => (
              <Space direction="vertical" size={0}>
                <Link to={`/disputes/${d.id}`} data-testid="dispute-link">
                  {d.title}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {d.number} · {t(d.typeName)} · {t(d.sourceLabel)}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('风险'), key: 'risk', width: 80, render: (_, d) => <RiskTag d={d} /> },
          {
            title: t('发生地'),
            key: 'place',
            render: (_, d) => [d.town?.name, d.village?.name].filter(Boolean).join(' · ') || '—',
          },
          {
            title: t('承办'),
            key: 'org',
            render: (_, d) => (
              <Space direction="vertical" size={0}>
                <span>
                  {d.handlingOrg.name}
                  <Typography.Text type="secondary"> （{t(d.levelLabel)}）</Typography.Text>
                </span>
                {d.mediatorOrg && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('调解')}：{d.mediatorOrg.name}
                    {d.mediatorName ? ` ${d.mediatorName}` : ''}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('状态'), key: 'state', render: (_, d) => <DisputeStateTag d={d} /> },
          { title: t('时限'), key: 'clock', render: (_, d) => <DisputeClock d={d} /> },
          {
            title: t('登记'),
            key: 'age',
            width: 110,
            render: (_, d) => (
              <span title={dayjs(d.createdAt).format('YYYY-MM-DD HH:mm')}>{t('{{n}} 天', { n: d.ageDays })}</span>
            ),
          },
        ]}
      />
    </>
  );

  return (
    <>
      <InboxTitle
        title={t('矛盾纠纷')}
        onRefresh={() => {
          void counts.refetch();
          void list.refetch();
        }}
        create={
          can('dispute.register')
            ? { label: t('登记纠纷'), onClick: () => navigate('/disputes/new'), testId: 'new-dispute' }
            : null
        }
      />
      <Tabs
        activeKey={view}
        onChange={(k) => update({ view: k === 'queue' ? '' : k })}
        items={[
          { key: 'queue', label: t('纠纷队列'), children: queue },
          { key: 'stats', label: t('调解成效'), children: view === 'stats' ? <DisputeStatsPanel /> : null },
        ]}
      />
    </>
  );
}
