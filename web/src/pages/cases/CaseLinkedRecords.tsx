// What else hangs on a case: the tasks assigned about it (任务督办) and the dispute records made from it or
// linked to it (矛盾纠纷); and, for platforms that assign work, 交办任务 naming the case.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { useCan } from '../../auth';
import { TaskClock, TaskStateTag } from '../../components/TaskTable';
import type { Page } from '../../types';
import { NewTaskModal } from '../tasks/NewTaskModal';
import { useTasksOfSource } from '../tasks/task-api';

interface LinkedDispute {
  id: number;
  number: string;
  title: string;
  stateLabel: string;
  riskLabel: string;
}

export function CaseLinkedRecords({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const [assigning, setAssigning] = useState(false);
  const tasks = useTasksOfSource('case', can('task.read') ? caseId : undefined);
  const disputes = useQuery({
    queryKey: ['disputes', 'of-case', caseId],
    queryFn: () => api<Page<LinkedDispute>>('/api/disputes', { query: { caseId, box: 'all', pageSize: 50 } }),
    enabled: can('dispute.read'),
    retry: false,
  });
  const taskItems = tasks.data?.items ?? [];
  const disputeItems = disputes.data?.items ?? [];
  if (!taskItems.length && !disputeItems.length && !can('task.assign')) return null;
  return (
    <Card
      size="small"
      title={t('关联任务与纠纷')}
      style={{ marginBottom: 12 }}
      data-testid="case-linked"
      extra={
        can('task.assign') && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAssigning(true)}
            data-testid="case-assign-task"
          >
            {t('交办任务')}
          </Button>
        )
      }
    >
      <List
        size="small"
        locale={{ emptyText: t('暂无关联任务或纠纷') }}
        dataSource={[
          ...taskItems.map((task) => ({
            key: `t${task.id}`,
            node: (
              <Space wrap>
                <Tag>{t('任务')}</Tag>
                <Link to={`/tasks/${task.id}`}>{task.title}</Link>
                <span style={{ color: '#8c8c8c' }}>{task.ownerOrg.name}</span>
                <TaskStateTag task={task} />
                <TaskClock task={task} />
              </Space>
            ),
          })),
          ...disputeItems.map((d) => ({
            key: `d${d.id}`,
            node: (
              <Space wrap>
                <Tag color="purple">{t('矛盾纠纷')}</Tag>
                <Link to={`/disputes/${d.id}`}>{`${d.number} ${d.title}`}</Link>
                <Tag>{d.riskLabel}</Tag>
                <Tag>{d.stateLabel}</Tag>
              </Space>
            ),
          })),
        ]}
        renderItem={(item) => <List.Item key={item.key}>{item.node}</List.Item>}
      />
      <NewTaskModal open={assigning} onClose={() => setAssigning(false)} caseId={caseId} />
    </Card>
  );
}
