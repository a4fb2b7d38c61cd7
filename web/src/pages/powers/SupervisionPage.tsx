// 缺失与超时: what the town (and the county) watches — its villages' exercises with a step done after its limit,
// a step not done by its last day, or a step recorded without its documents; each step of each such exercise
// as a mark, the faulty ones red; filtered by village.
import { Select, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useExerciseColumns } from './ExercisesPage';
import { type ExerciseListItem, STEP_STATUS_LABELS, useExercises, usePowerVillages } from './power-api';

function StepMarks({ item }: { item: ExerciseListItem }) {
  const { t } = useTranslation();
  return (
    <Space size={[2, 4]} wrap>
      {item.standings
        .filter((s) => s.status !== 'not_reached' && s.status !== 'closed')
        .map((s) => {
          const bad = s.status === 'overdue' || s.status === 'done_late' || s.missingDocuments.length > 0;
          const label = STEP_STATUS_LABELS[s.status];
          return (
            <Tooltip
              key={s.key}
              title={[
                t(label?.label ?? s.status),
                s.dueOn ? `${t('期限')} ${s.dueOn}` : '',
                s.daysLate ? t('超 {{n}} 个工作日', { n: s.daysLate }) : '',
                s.missingDocuments.length ? `${t('缺少材料')}：${s.missingDocuments.join('、')}` : '',
              ]
                .filter(Boolean)
                .join('；')}
            >
              <Tag color={bad ? 'red' : (label?.color ?? 'default')} data-testid={bad ? 'mark-red' : 'mark'}>
                {s.name}
              </Tag>
            </Tooltip>
          );
        })}
    </Space>
  );
}

export default function SupervisionPage() {
  const { t } = useTranslation();
  const villages = usePowerVillages();
  const [villageId, setVillageId] = useState<number | undefined>();
  const exercises = useExercises({ villageId, flagged: true });
  const columns = useExerciseColumns().filter((c) => c.title !== t('缺失或超时') && c.title !== t('进度'));
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 260 }}
          placeholder={t('全部村社区')}
          value={villageId}
          onChange={setVillageId}
          data-testid="supervision-village"
          options={(villages.data?.items ?? []).map((v) => ({
            value: v.id,
            label: v.flagged ? `${v.name}（${v.flagged}）` : v.name,
          }))}
        />
        <span>{t('共 {{n}} 件存在缺失或超时步骤', { n: exercises.data?.total ?? 0 })}</span>
      </Space>
      <Table
        rowKey="id"
        size="middle"
        loading={exercises.isLoading}
        dataSource={exercises.data?.items ?? []}
        data-testid="supervision-table"
        columns={[
          ...columns,
          { title: t('各步骤'), render: (_: unknown, r: ExerciseListItem) => <StepMarks item={r} /> },
        ]}
      />
    </>
  );
}
