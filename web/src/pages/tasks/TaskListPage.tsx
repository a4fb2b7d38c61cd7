// 任务督办: the boxes of the user's unit (待签收, 办理中, 已逾期, 我交办的, 督办中, 已完成, 全部) with counts, the tasks of
// the chosen box (overdue first), search, and 交办任务 for platforms that assign work.
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import type { TaskBox, TaskListItem } from '../../api-types';
import { useCan } from '../../auth';
import { PageTitle } from '../../components/common';
import { TaskTable } from '../../components/TaskTable';
import type { Page } from '../../types';
import { NewTaskModal } from './NewTaskModal';
import { useTaskInbox } from './task-api';

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
  const [params, setParams] = useSearchParams();
  const box = (params.get('box') ?? 'to_sign') as TaskBox;
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const [creating, setCreating] = useState(false);
  const counts = useTaskInbox();
  const list = useQuery({
    queryKey: ['tasks', 'list', { box, q, page }],
    queryFn: () => api<Page<TaskListItem>>('/api/tasks', { query: { box, q, page, pageSize: 20 } }),
    placeholderData: keepPreviousData,
  });
  const update = (patch: Record<string, string | number | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageTitle
        title={t('任务督办')}
        extra={
          <Space>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                void counts.refetch();
                void list.refetch();
              }}
            >
              {t('刷新')}
            </Button>
            {can('task.assign') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-task">
                {t('交办任务')}
              </Button>
            )}
          </Space>
        }
      />
      {counts.error && <Alert type="error" showIcon title={errorMessage(counts.error)} style={{ marginBottom: 12 }} />}
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(110px, 1fr))',
          gap: 8,
          marginBottom: 12,
        }}
        data-testid="task-boxes"
      >
        {BOXES.map((b) => {
          const n =
            b.box in (counts.data?.boxes ?? {})
              ? counts.data?.boxes[b.box as keyof typeof counts.data.boxes]
              : undefined;
          const active = box === b.box;
          return (
            <Card
              key={b.box}
              size="small"
              hoverable
              onClick={() => update({ box: b.box })}
              data-testid={`task-box-${b.box}`}
              styles={{ body: { padding: '8px 12px' } }}
              style={{ borderColor: active ? '#b7282e' : undefined, background: active ? '#fff1f0' : undefined }}
            >
              <div style={{ fontSize: 13, color: '#555' }}>{t(b.label)}</div>
              <div
                style={{
                  fontSize: 22,
                  fontWeight: 600,
                  color: b.alarm && (n ?? 0) > 0 ? '#cf1322' : active ? '#b7282e' : '#1f1f1f',
                  fontVariantNumeric: 'tabular-nums',
                }}
                data-testid={`task-box-count-${b.box}`}
              >
                {n ??
                  (active ? (
                    (list.data?.total ?? '–')
                  ) : (
                    <span style={{ fontSize: 14, color: '#8c8c8c' }}>{t('查看')}</span>
                  ))}
              </div>
            </Card>
          );
        })}
      </div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('搜索任务名称或编号')}
          onSearch={(v) => update({ q: v.trim() })}
          style={{ width: 280 }}
          data-testid="task-search"
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
