// Tasks as a table: number and title (linking to the task page), source, owner unit, the running clock, state
// and progress. Used by 任务督办 and by every record that assigns tasks (meeting decisions, teams, projects).

import type { TableProps } from 'antd';
import { Progress, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TaskListItem, TaskState } from '../api-types';
import { ClockBadge } from './CaseClock';

const STATE_COLOURS: Record<TaskState, string> = {
  pending_sign: 'gold',
  in_progress: 'blue',
  overdue: 'red',
  done: 'green',
  cancelled: 'default',
};

export const TASK_SOURCE_LABELS: Record<string, string> = {
  meeting_decision: '会议决定',
  work_team: '工作专班',
  project_milestone: '项目节点',
  screening: '排查',
  dispute_followup: '纠纷回访',
  case: '案件',
  manual: '交办',
  psych_referral: '心理转介',
  deliberation_decision: '议事决定',
  power_step: '小微权力',
  legal_review: '法律审查',
  video_event: '视频事件',
  first_secretary: '第一书记',
  service_application: '便民代办',
  party_need: '双报到服务',
  volunteer_request: '志愿需求',
  social_org_project: '购买服务项目',
  governance_topic: '每月一题', // issue 19
};

export function TaskStateTag({
  task,
}: {
  task: Pick<TaskListItem, 'state' | 'stateLabel' | 'listed' | 'escalationLevel'>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={STATE_COLOURS[task.state]} data-testid="task-state">
        {t(task.stateLabel)}
      </Tag>
      {task.listed ? (
        <Tag color="magenta">{t('挂牌督办')}</Tag>
      ) : task.escalationLevel > 0 && task.state !== 'done' && task.state !== 'cancelled' ? (
        <Tag color="volcano">{t('升级督办')}</Tag>
      ) : null}
    </>
  );
}

/** The clock if one runs; else when it was due or done. */
export function TaskClock({ task }: { task: TaskListItem }) {
  const { t } = useTranslation();
  if (task.clock?.kind === 'supervision') {
    // Overdue already: the supervising level's own deadline runs; say both.
    return (
      <div>
        <ClockBadge colour="red" dueAt={task.dueAt} label={t('完成期限')} />
        <div style={{ fontSize: 12, color: '#8c8c8c', marginTop: 2 }} data-testid="task-supervision-due">
          {t('督办时限')} {dayjs(task.clock.dueAt).format('MM-DD HH:mm')}
        </div>
      </div>
    );
  }
  if (task.clock) return <ClockBadge colour={task.clock.color} dueAt={task.clock.dueAt} label={t('完成期限')} />;
  if (task.completedAt) {
    return (
      <Typography.Text type={task.completedLate ? 'danger' : 'success'}>
        {task.completedLate ? t('逾期完成') : t('按期完成')} {dayjs(task.completedAt).format('MM-DD HH:mm')}
      </Typography.Text>
    );
  }
  return <Typography.Text type="secondary">{dayjs(task.dueAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>;
}

export function TaskTable({
  tasks,
  loading,
  showSource = true,
  pagination = false,
}: {
  tasks: TaskListItem[];
  loading?: boolean;
  showSource?: boolean;
  pagination?: TableProps<TaskListItem>['pagination'];
}) {
  const { t } = useTranslation();
  const columns: TableProps<TaskListItem>['columns'] = [
    {
      title: t('任务'),
      key: 'title',
      render: (_, task) => (
        <div>
          <Link to={`/tasks/${task.id}`} data-testid="task-link">
            {task.title}
          </Link>
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>{task.number}</div>
        </div>
      ),
    },
    ...(showSource
      ? [
          {
            title: t('来源'),
            key: 'source',
            render: (_: unknown, task: TaskListItem) => (
              <span>
                <Tag>{t(TASK_SOURCE_LABELS[task.sourceKind] ?? task.sourceKind)}</Tag>
                <span style={{ fontSize: 12, color: '#595959' }}>{task.sourceLabel}</span>
              </span>
            ),
          },
        ]
      : []),
    {
      title: t('责任单位'),
      key: 'owner',
      render: (_, task) => (
        <div>
          {task.ownerOrg.name}
          {task.assistingOrgs.length > 0 && (
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>
              {t('协办')}：{task.assistingOrgs.map((o) => o.name).join('、')}
            </div>
          )}
        </div>
      ),
    },
    { title: t('时限'), key: 'clock', render: (_, task) => <TaskClock task={task} /> },
    { title: t('状态'), key: 'state', render: (_, task) => <TaskStateTag task={task} /> },
    {
      title: t('进度'),
      key: 'progress',
      width: 120,
      render: (_, task) => (
        <Progress
          percent={task.progressPercent}
          size="small"
          status={task.state === 'overdue' ? 'exception' : undefined}
        />
      ),
    },
  ];
  return (
    <Table<TaskListItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={tasks}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 760 }}
      data-testid="task-table"
      rowClassName={(task) => (task.state === 'overdue' ? 'gz-row-overdue' : '')}
    />
  );
}
