import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import type { TaskBox, TaskListItem } from '../../api-types';
import { useCan } from '../../auth';
import { BoxCards, boxCount, InboxTitle, useUrlFilters } from '../../components/BoxCards';
import { TASK_SOURCE_LABELS, TaskTable } from '../../components/TaskTable';
import type { Page } from '../../types';
import { NewTaskModal } from './NewTaskModal';
import { type TaskInbox, useTaskInbox } from './task-api';

const BOXES: { box: TaskBox; label: string; alarm?: boolean }[] = [
  { box: 'to_sign', label: '待签收' },
  { box: 'in_progress', label: '办理中' },
  { box: 'overdue', label: '已逾期', alarm: true },
  { box: 'assigned', label: '我交办的' },
  { box: 'supervising', label: '督办中', alarm: true },
  { box: 'done', label: '已完成' },
  { box: 'all', label: '全部任务' },
];

export default function TaskListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, update] = useUrlFilters();
  const box = (params.get('box') ?? 'to_sign') as TaskBox;
  const q = params.get('q') ?? '';
  // 来源: the county's 督办中 box also holds every screening missed below; a source narrows the list to one kind.
  const source = params.get('source') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const [creating, setCreating] = useState(false);
  const counts = useTaskInbox();
  const list = useQuery({
    queryKey: ['tasks', 'list', { box, q, source, page }],
    queryFn: () =>
      api<Page<TaskListItem>>('/api/tasks', {
        query: { box, q, page, pageSize: 20, ...(source ? { sourceKind: source } : {}) },
      }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <InboxTitle
        title={t('任务督办')}
        onRefresh={() => {
          void counts.refetch();
          void list.refetch();
        }}
        create={
          can('task.assign') ? { label: t('交办任务'), onClick: () => setCreating(true), testId: 'new-task' } : null
        }
      />
      {counts.error && <Alert type="error" showIcon title={errorMessage(counts.error)} style={{ marginBottom: 12 }} />}
      <BoxCards
        testId={{ row: 'task-boxes', prefix: 'task-box' }}
        minWidth={110}
        active={box}
        onSelect={(b) => update({ box: b })}
        boxes={BOXES.map((b) => {
          const n = counts.data?.boxes[b.box as keyof TaskInbox];
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
          defaultValue={q}
          placeholder={t('搜索任务名称或编号')}
          onSearch={(v) => update({ q: v.trim() })}
          style={{ width: 280 }}
          data-testid="task-search"
        />
        <Select
          allowClear
          value={source || undefined}
          placeholder={t('全部来源')}
          onChange={(v) => update({ source: v ?? '' })}
          options={Object.entries(TASK_SOURCE_LABELS).map(([value, label]) => ({ value, label: t(label) }))}
          style={{ width: 160 }}
          data-testid="task-source"
        />
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <TaskTable
        tasks={list.data?.items ?? []}
        loading={list.isLoading}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          showTotal: (n) => t('共 {{n}} 项', { n }),
          onChange: (p) => update({ page: p }),
        }}
      />
      <NewTaskModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
