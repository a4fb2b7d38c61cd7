// 矛盾纠纷排查: my unit's screenings (today's first), the units one level below that missed theirs (in red), and
// everything in my area; each opens the screening with its record or the form to record it.
import { Button, Card, Segmented, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useCan } from '../../auth';
import { PageTitle } from '../../components/common';
import { type ScreeningListItem, STATUS_COLOURS, useScreeningInbox, useScreenings } from './screening-api';

export default function ScreeningListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const scope = params.get('scope') ?? 'mine';
  const status = params.get('status') ?? '';
  const orgId = params.get('orgId') ?? '';
  const page = Number(params.get('page') ?? 1);
  const inbox = useScreeningInbox();
  const list = useScreenings({
    scope,
    status: status || undefined,
    orgId: orgId || undefined,
    page,
    pageSize: 20,
  });
  const set = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) v ? p.set(k, v) : p.delete(k);
    if (!('page' in next)) p.delete('page');
    setParams(p);
  };
  return (
    <>
      <PageTitle
        title={t('矛盾纠纷排查')}
        extra={
          <Space>
            <Link to="/screenings/coverage">
              <Button data-testid="screening-coverage-link">{t('排查覆盖情况')}</Button>
            </Link>
            {can('screening.manage') && (
              <Link to="/screenings/settings">
                <Button>{t('排查设置')}</Button>
              </Link>
            )}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Segmented
            value={scope}
            onChange={(v) => set({ scope: String(v), status: v === 'children' ? 'missed' : '' })}
            options={[
              { value: 'mine', label: `${t('我的排查')}（${t('待排查')} ${inbox.data?.todo ?? '–'}）` },
              { value: 'children', label: `${t('下级未排查')} ${inbox.data?.missedBelow ?? '–'}` },
              { value: 'all', label: t('辖区全部') },
            ]}
            data-testid="screening-scope"
          />
          <Select
            allowClear
            placeholder={t('状态')}
            value={status || undefined}
            onChange={(v) => set({ status: v ?? '' })}
            style={{ width: 140 }}
            options={['open', 'missed', 'on_time', 'late'].map((s) => ({
              value: s,
              label: t({ open: '待排查', missed: '未排查', on_time: '按时完成', late: '逾期完成' }[s] as string),
            }))}
            data-testid="screening-status"
          />
        </Space>
      </Card>
      <Table<ScreeningListItem>
        rowKey="taskId"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="screening-table"
        onRow={(r) => ({ 'data-testid': `screening-row-${r.taskId}`, 'data-status': r.status }) as never}
        rowClassName={(r) => (r.status === 'missed' ? 'gz-row-missed' : '')}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: (p) => set({ page: String(p) }),
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('单位'),
            render: (_, r) => <Link to={`/screenings/${r.taskId}`}>{r.org.name}</Link>,
          },
          { title: t('层级'), render: (_, r) => t(r.levelLabel), width: 100 },
          { title: t('频次'), render: (_, r) => t(r.cadenceLabel), width: 80 },
          { title: t('期间'), dataIndex: 'periodLabel', width: 180 },
          { title: t('截止'), render: (_, r) => dayjs(r.dueAt).format('MM-DD HH:mm'), width: 110 },
          {
            title: t('状态'),
            width: 100,
            render: (_, r) => (
              <Tag color={STATUS_COLOURS[r.status]} data-testid="screening-status-tag">
                {t(r.statusLabel)}
              </Tag>
            ),
          },
          {
            title: '',
            width: 80,
            render: (_, r) => (
              <Link to={`/screenings/${r.taskId}`}>
                {r.status === 'open' || r.status === 'missed' ? t('去填报') : t('查看')}
              </Link>
            ),
          },
        ]}
      />
      <style>{'.gz-row-missed td { background: #fff1f0 !important; color: #cf1322; }'}</style>
    </>
  );
}
