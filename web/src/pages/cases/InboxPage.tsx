import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import type { CaseListItem, CaseState, InboxBox, InboxCounts } from '../../api-types';
import { useCan } from '../../auth';
import { BoxCards, InboxTitle, useUrlFilters } from '../../components/BoxCards';
import { ClockBadge, SupervisionTag } from '../../components/CaseClock';
import { CASE_STATUS_LABELS, INBOX_BOX_LABELS, INBOX_BOXES, URGENCY_LABELS } from '../../labels';
import type { Page } from '../../types';
import { ScreeningInboxStrip } from '../screenings/ScreeningInboxStrip';
import { TaskInboxStrip } from '../tasks/TaskInboxStrip';

/** Each state's tag colour, in the order the state filter lists them (a case's life, then its ends). */
const STATE_COLOURS: Record<CaseState, string> = {
  submitted: 'gold',
  verifying: 'blue',
  pending_dispatch: 'orange',
  dispatched: 'geekblue',
  handling: 'blue',
  suspended: 'default',
  replied: 'cyan',
  appealed: 'magenta',
  closed: 'green',
  rejected: 'default',
  merged: 'default',
  archived: 'default',
};
const STATES = Object.keys(STATE_COLOURS) as CaseState[];

/** Boxes that mean trouble are counted in red. */
const ALARM_BOXES: InboxBox[] = ['overdue', 'supervised'];

export function CaseStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOURS[state as CaseState] ?? 'blue'} data-testid="case-state">
      {t(CASE_STATUS_LABELS[state] ?? state)}
    </Tag>
  );
}

export function placeOf(c: Pick<CaseListItem, 'townName' | 'villageName' | 'gridName'>): string {
  return [c.townName, c.villageName, c.gridName].filter(Boolean).join(' / ');
}

export function useInboxCounts() {
  return useQuery({
    queryKey: ['inbox'],
    queryFn: () => api<InboxCounts>('/api/inbox'),
    refetchInterval: 60_000,
  });
}

export default function InboxPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const box = (params.get('box') ?? '') as InboxBox | '';
  const q = params.get('q') ?? '';
  const state = params.get('state') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const sortDue = params.get('sort') === 'due';

  const counts = useInboxCounts();
  const list = useQuery({
    queryKey: ['cases', 'list', { box, q, state, page, pageSize, sortDue }],
    queryFn: () =>
      api<Page<CaseListItem>>('/api/cases', {
        query: { box: box || undefined, q, state, page, pageSize, sort: sortDue ? 'due' : undefined },
      }),
    placeholderData: keepPreviousData,
  });

  // The server sorts by deadline (soonest or most overdue first) when asked.
  const rows = list.data?.items ?? [];

  return (
    <>
      <InboxTitle
        title={t('我的待办')}
        onRefresh={() => {
          void counts.refetch();
          void list.refetch();
        }}
        create={
          can('case.create')
            ? { label: t('新建案件'), onClick: () => navigate('/cases/new'), testId: 'new-case' }
            : null
        }
      />
      {counts.error && <Alert type="error" showIcon title={errorMessage(counts.error)} style={{ marginBottom: 12 }} />}
      <BoxCards
        testId={{ row: 'inbox-boxes', prefix: 'box' }}
        active={box || 'all'}
        onSelect={(b) => update({ box: b === 'all' ? null : b })}
        boxes={(['', ...INBOX_BOXES] as const).map((b) => ({
          key: b || 'all',
          label: b ? t(INBOX_BOX_LABELS[b] ?? b) : t('全部案件'),
          alarm: b !== '' && ALARM_BOXES.includes(b),
          count: b ? (
            (counts.data?.boxes?.[b] ?? '–')
          ) : box === '' ? (
            (list.data?.total ?? '–')
          ) : (
            <span style={{ fontSize: 14, fontWeight: 400, color: '#8c8c8c' }}>{t('查看全部')}</span>
          ),
        }))}
      />
      <TaskInboxStrip />
      <ScreeningInboxStrip />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('搜索编号、标题或内容')}
          onSearch={(v) => update({ q: v.trim() })}
          style={{ width: 280 }}
          data-testid="case-search"
        />
        <Select
          allowClear
          value={state || undefined}
          placeholder={t('状态')}
          onChange={(v) => update({ state: v ?? null })}
          style={{ width: 140 }}
          options={STATES.map((s) => ({ value: s, label: t(CASE_STATUS_LABELS[s] ?? s) }))}
          data-testid="case-state-filter"
        />
        <Tooltip title={t('最近到期（或超期最久）的排在前面')}>
          <Button
            type={sortDue ? 'primary' : 'default'}
            ghost={sortDue}
            onClick={() => update({ sort: sortDue ? null : 'due', page })}
          >
            {t('按时限排序')}
          </Button>
        </Tooltip>
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<CaseListItem>
        rowKey="id"
        size="small"
        loading={list.isFetching && !list.data}
        dataSource={rows}
        scroll={{ x: 1320 }}
        data-testid="case-table"
        onRow={(c) => ({ onDoubleClick: () => navigate(`/cases/${c.id}`) })}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('共 {{total}} 条', { total }),
          onChange: (p, s) => update({ page: p, pageSize: s }),
        }}
        columns={[
          {
            title: t('编号'),
            dataIndex: 'number',
            width: 160,
            fixed: 'left',
            render: (v: string, c) => (
              <Link to={`/cases/${c.id}`} data-testid="case-link">
                {v}
              </Link>
            ),
          },
          {
            title: t('标题'),
            dataIndex: 'title',
            width: 300,
            ellipsis: true,
            render: (v: string, c) => (
              <Space size={4}>
                {c.urgency === 'urgent' && <Tag color="red">{t(URGENCY_LABELS.urgent ?? '紧急')}</Tag>}
                <Typography.Text ellipsis style={{ maxWidth: 280 }}>
                  {v}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('分类'), dataIndex: 'categoryName', width: 140, ellipsis: true },
          { title: t('地点'), key: 'place', width: 200, ellipsis: true, render: (_, c) => placeOf(c) },
          {
            title: t('责任单位'),
            key: 'owner',
            width: 170,
            ellipsis: true,
            render: (_, c) => c.leadOrgName ?? c.ownerOrgName ?? '',
          },
          { title: t('状态'), dataIndex: 'state', width: 96, render: (v: string) => <CaseStateTag state={v} /> },
          {
            title: t('时限'),
            key: 'clock',
            width: 170,
            sorter: true,
            sortOrder: (sortDue ? 'ascend' : null) as SortOrder,
            onHeaderCell: () => ({ onClick: () => update({ sort: sortDue ? null : 'due', page }) }),
            render: (_, c) => <ClockBadge colour={c.clock} dueAt={c.nextDueAt} />,
          },
          {
            title: t('督办'),
            key: 'supervision',
            width: 90,
            render: (_, c) => <SupervisionTag level={c.supervisionLevel} listed={c.listed} />,
          },
          {
            title: t('上报时间'),
            dataIndex: 'reportedAt',
            width: 140,
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
        ]}
      />
    </>
  );
}
