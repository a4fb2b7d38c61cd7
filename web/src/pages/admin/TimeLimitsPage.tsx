// 时限设置: time limits per stage × category × urgency, in natural hours, working hours or working days, with
// the share of the limit after which the clock turns yellow (the most specific rule wins), and the office hours
// that working hours and working days count.
import { useQuery } from '@tanstack/react-query';
import { Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { DurationUnit, TimeLimitRule, TimeLimitStage, Urgency } from '../../api-types';
import {
  EditDeleteLinks,
  ErrorAlert,
  FormModal,
  NewButton,
  useAdminMutation,
  useEditing,
} from '../../components/admin-forms';
import { CategorySelect, useCategoryTree } from '../../components/CategorySelect';
import { PageTitle } from '../../components/common';
import { DEADLINE_KIND_LABELS, DURATION_UNIT_LABELS, TIME_LIMIT_STAGES, URGENCY_LABELS } from '../../labels';
import { OfficeHoursCard } from './OfficeHoursCard';

interface RuleForm {
  stage: TimeLimitStage;
  categoryId?: number | null;
  urgency?: Urgency | '';
  amount: number;
  unit: DurationUnit;
  warnPercent: number;
}

const stageIndex = (stage: string) => TIME_LIMIT_STAGES.indexOf(stage as TimeLimitStage);

export default function TimeLimitsPage() {
  const { t } = useTranslation();
  const { names } = useCategoryTree();
  const [stageFilter, setStageFilter] = useState<TimeLimitStage | undefined>();
  const [form] = Form.useForm<RuleForm>();
  const { data, isLoading, error } = useQuery({
    queryKey: ['time-limits'],
    queryFn: () => api<{ items: TimeLimitRule[] }>('/api/time-limits'),
  });
  const save = useAdminMutation({
    mutationFn: ({ values: v, rule }: { values: RuleForm; rule: TimeLimitRule | 'new' | null }) => {
      const body = {
        stage: v.stage,
        categoryId: v.categoryId ?? null,
        urgency: v.urgency || null,
        amount: v.amount,
        unit: v.unit,
        warnShare: Math.round(v.warnPercent) / 100,
      };
      return rule && rule !== 'new'
        ? api(`/api/time-limits/${rule.id}`, { method: 'PUT', body })
        : api('/api/time-limits', { method: 'POST', body });
    },
    invalidate: ['time-limits'],
    success: '已保存',
    onSuccess: () => {
      close();
    },
    inlineError: true,
  });
  const remove = useAdminMutation({
    mutationFn: (id: number) => api(`/api/time-limits/${id}`, { method: 'DELETE' }),
    invalidate: ['time-limits'],
    success: '已删除',
  });
  const { editing, open, close } = useEditing<TimeLimitRule, RuleForm>(
    form,
    (r) =>
      r === 'new'
        ? { stage: stageFilter ?? 'handle', urgency: '', unit: 'working_days', amount: 1, warnPercent: 75 }
        : {
            stage: r.stage as TimeLimitStage,
            categoryId: r.categoryId,
            urgency: (r.urgency ?? '') as Urgency | '',
            amount: r.amount,
            unit: r.unit as DurationUnit,
            warnPercent: Math.round(r.warnShare * 100),
          },
    save,
  );

  const rows = (data?.items ?? [])
    .filter((r) => !stageFilter || r.stage === stageFilter)
    .sort(
      (a, b) =>
        stageIndex(a.stage) - stageIndex(b.stage) ||
        (a.categoryId ?? 0) - (b.categoryId ?? 0) ||
        (a.urgency ?? '').localeCompare(b.urgency ?? ''),
    );
  const stageOptions = TIME_LIMIT_STAGES.map((s) => ({ value: s, label: t(DEADLINE_KIND_LABELS[s] ?? s) }));

  return (
    <>
      <PageTitle
        title={t('时限设置')}
        extra={
          <Space>
            <Select
              allowClear
              value={stageFilter}
              onChange={setStageFilter}
              placeholder={t('全部环节')}
              style={{ width: 160 }}
              options={stageOptions}
            />
            <NewButton label={t('新增')} onClick={() => open('new')} testId="time-limit-new" />
          </Space>
        }
      />
      <Typography.Paragraph type="secondary">
        {t('每个环节按「分类 + 紧急程度」取最具体的一条规则；工作日、工作小时按节假日日历与工作时间计算。')}
      </Typography.Paragraph>
      <OfficeHoursCard />
      <ErrorAlert error={error} />
      <Table<TimeLimitRule>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="time-limit-table"
        columns={[
          { title: t('环节'), dataIndex: 'stage', width: 140, render: (s: string) => t(DEADLINE_KIND_LABELS[s] ?? s) },
          {
            title: t('分类'),
            dataIndex: 'categoryId',
            render: (id: number | null, r) =>
              id ? (r.categoryName ?? names.get(id) ?? `#${id}`) : <Tag>{t('全部分类')}</Tag>,
          },
          {
            title: t('紧急程度'),
            dataIndex: 'urgency',
            width: 110,
            render: (u: string | null) => (u ? t(URGENCY_LABELS[u] ?? u) : <Tag>{t('全部')}</Tag>),
          },
          {
            title: t('时限'),
            key: 'limit',
            width: 150,
            render: (_, r) => `${r.amount} ${t(DURATION_UNIT_LABELS[r.unit] ?? r.unit)}`,
          },
          {
            title: t('预警'),
            dataIndex: 'warnShare',
            width: 110,
            render: (v: number) => t('用时 {{p}}% 时', { p: Math.round(v * 100) }),
          },
          {
            title: t('操作'),
            key: 'actions',
            width: 130,
            render: (_, r) => (
              <EditDeleteLinks
                onEdit={() => open(r)}
                onDelete={() => remove.mutate(r.id)}
                confirm={t('确定删除这条时限规则？')}
                locked={r.isDefault ? t('各环节的默认时限不能删除，只能修改') : undefined}
              />
            ),
          },
        ]}
      />
      <FormModal
        open={editing !== null}
        title={editing === 'new' ? t('新增时限规则') : t('编辑时限规则')}
        form={form}
        onCancel={close}
        onFinish={(values) => save.mutate({ values, rule: editing })}
        saving={save.isPending}
        error={save.error}
        testId="time-limit-form"
      >
        <Form.Item name="stage" label={t('环节')} rules={[{ required: true }]}>
          <Select disabled={editing !== 'new'} options={stageOptions} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('分类')} extra={t('不选则适用于全部分类')}>
          <CategorySelect disabled={editing !== 'new'} />
        </Form.Item>
        <Form.Item name="urgency" label={t('紧急程度')}>
          <Select
            disabled={editing !== 'new'}
            options={[
              { value: '', label: t('全部') },
              { value: 'normal', label: t('一般') },
              { value: 'urgent', label: t('紧急') },
            ]}
          />
        </Form.Item>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="amount"
            label={t('时限')}
            rules={[{ required: true, message: t('请填写时限') }]}
            style={{ flex: 1 }}
          >
            <InputNumber min={0.5} max={1000} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="unit" label={t('单位')} rules={[{ required: true }]} style={{ width: 150 }}>
            <Select
              options={Object.entries(DURATION_UNIT_LABELS).map(([value, label]) => ({ value, label: t(label) }))}
            />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="warnPercent"
          label={t('预警比例（%）')}
          extra={t('用时达到时限的该比例时亮黄灯')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={100} style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
