// 运行记录: the exercises of the chosen village (or of every village in scope), each with its progress, its next
// step and its last day, and red marks for late and missing steps.
import { Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { type ExerciseListItem, STATE_LABELS, useExercises, usePowerVillageId } from './power-api';

export function FlagTags({ item }: { item: ExerciseListItem }) {
  const { t } = useTranslation();
  const name = (key: string) => item.standings.find((s) => s.key === key)?.name ?? key;
  return (
    <Space size={[4, 4]} wrap>
      {item.flags.lateSteps.map((k) => (
        <Tag color="red" key={`late-${k}`} data-testid="flag-late">
          {t('超时')}：{name(k)}
        </Tag>
      ))}
      {item.flags.missingSteps.map((k) => {
        const s = item.standings.find((x) => x.key === k);
        return (
          <Tag color="red" key={`missing-${k}`} data-testid="flag-missing">
            {s?.status === 'overdue' ? t('未办') : t('缺材料')}：{name(k)}
          </Tag>
        );
      })}
    </Space>
  );
}

export function useExerciseColumns() {
  const { t } = useTranslation();
  const location = useLocation();
  return [
    {
      title: t('编号'),
      dataIndex: 'number',
      render: (v: string, r: ExerciseListItem) => (
        <Link to={{ pathname: `/powers/exercises/${r.id}`, search: location.search }} data-testid="exercise-link">
          {v}
        </Link>
      ),
    },
    { title: t('村社区'), dataIndex: 'villageName' },
    { title: t('权力事项'), dataIndex: 'itemName' },
    { title: t('事项名称'), dataIndex: 'title' },
    { title: t('启动日期'), dataIndex: 'startedOn' },
    {
      title: t('状态'),
      dataIndex: 'state',
      render: (s: string) => <Tag color={STATE_LABELS[s]?.color}>{t(STATE_LABELS[s]?.label ?? s)}</Tag>,
    },
    {
      title: t('进度'),
      render: (_: unknown, r: ExerciseListItem) => `${r.stepCount}/${r.totalSteps}`,
    },
    {
      title: t('下一步'),
      render: (_: unknown, r: ExerciseListItem) =>
        r.next ? (
          <span style={{ color: r.next.overdue ? '#cf1322' : undefined }}>
            {r.next.name}
            {r.next.dueOn ? `（${t('期限')} ${r.next.dueOn}）` : ''}
          </span>
        ) : (
          '—'
        ),
    },
    { title: t('缺失或超时'), render: (_: unknown, r: ExerciseListItem) => <FlagTags item={r} /> },
  ];
}

export default function ExercisesPage() {
  const { t } = useTranslation();
  const [villageId] = usePowerVillageId();
  const [state, setState] = useState<string>('all');
  const exercises = useExercises({ villageId, state: state === 'all' ? undefined : state });
  const columns = useExerciseColumns();
  return (
    <>
      <Segmented
        value={state}
        onChange={(v) => setState(String(v))}
        style={{ marginBottom: 12 }}
        options={[
          { value: 'all', label: t('全部') },
          ...Object.entries(STATE_LABELS).map(([value, s]) => ({ value, label: t(s.label) })),
        ]}
      />
      <Table
        rowKey="id"
        size="middle"
        loading={exercises.isLoading}
        dataSource={exercises.data?.items ?? []}
        columns={columns}
        data-testid="exercise-table"
        rowClassName={(r) => (r.flags.late || r.flags.missing ? 'gz-row-flagged' : '')}
      />
    </>
  );
}
