// 工作专班: the teams the user's unit organises or belongs to (running ones first), with how their tasks stand;
// 成立专班 for the units that form teams.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Segmented, Space, Table, type TableProps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { useUrlFilters } from '../../components/BoxCards';
import { PageTitle } from '../../components/common';
import type { WorkTeamRow } from './work-team-api';

export function TeamStateTag({ state, label }: { state: string; label: string }) {
  const { t } = useTranslation();
  return <Tag color={state === 'active' ? 'green' : 'default'}>{t(label)}</Tag>;
}

export default function WorkTeamListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const state = params.get('state') ?? 'active';
  const q = params.get('q') ?? '';
  const list = useQuery({
    queryKey: ['work-teams', 'list', { state, q }],
    queryFn: () =>
      api<{ items: WorkTeamRow[] }>('/api/work-teams', { query: { state: state === 'all' ? undefined : state, q } }),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<WorkTeamRow>['columns'] = [
    {
      title: t('专班名称'),
      key: 'name',
      render: (_, team) => (
        <div>
          <Link to={`/work-teams/${team.id}`} data-testid="team-link">
            {team.name}
          </Link>
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 1 }}
            style={{ margin: 0, fontSize: 12, maxWidth: 420 }}
          >
            {team.topic}
          </Typography.Paragraph>
        </div>
      ),
    },
    { title: t('专班组长'), key: 'lead', render: (_, team) => team.lead.name },
    { title: t('牵头单位'), key: 'organiser', render: (_, team) => team.organiser.name },
    { title: t('成员单位'), dataIndex: 'unitCount', align: 'right' },
    { title: t('运行期限'), key: 'period', render: (_, team) => `${team.startDate} ~ ${team.endDate}` },
    {
      title: t('任务'),
      key: 'tasks',
      render: (_, team) => (
        <Space size={4} wrap>
          <span>
            {t('办理中')} {team.tasks.open}
          </span>
          {team.tasks.overdue > 0 && (
            <Tag color="red" data-testid="team-overdue">
              {t('逾期')} {team.tasks.overdue}
            </Tag>
          )}
          <Typography.Text type="secondary">
            {t('已完成')} {team.tasks.done}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('状态'),
      key: 'state',
      render: (_, team) => <TeamStateTag state={team.state} label={team.stateLabel} />,
    },
  ];
  return (
    <>
      <PageTitle
        title={t('工作专班')}
        extra={
          can('workteam.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/work-teams/new')}
              data-testid="new-team"
            >
              {t('成立专班')}
            </Button>
          )
        }
      />
      <Card>
        <Space style={{ marginBottom: 12 }} wrap>
          <Segmented
            value={state}
            onChange={(v) => update({ state: String(v) })}
            options={[
              { value: 'active', label: t('运行中') },
              { value: 'ended', label: t('已结束') },
              { value: 'all', label: t('全部') },
            ]}
          />
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder={t('搜索专班名称')}
            onSearch={(v) => update({ q: v || null })}
            style={{ width: 240 }}
          />
        </Space>
        {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
        <Table<WorkTeamRow>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="team-table"
        />
      </Card>
    </>
  );
}
