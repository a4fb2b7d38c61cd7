// 时限设置: time limits per stage × category × urgency, in natural hours, working hours or working days, with
// the share of the limit after which the clock turns yellow. The most specific rule wins.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { CategorySelect, useCategoryTree } from '../../components/CategorySelect';
import { PageTitle } from '../../components/common';
import { DEADLINE_KIND_LABELS, DURATION_UNIT_LABELS, URGENCY_LABELS } from '../../labels';
import type { DurationUnit, TimeLimitRule, Urgency } from '../cases/case-types';

const STAGES = [
  'accept',
  'verify',
  'dispatch',
  'sign_for',
  'check_in',
  'handle',
  'reply',
  'callback',
  'appeal_review',
  'supervision',
  'appeal_window',
];

interface RuleForm {
  stage: string;
  categoryId?: number | null;
  urgency?: Urgency | '';
  amount: number;
  unit: DurationUnit;
  warnPercent: number;
}

type RawRule = TimeLimitRule & { warnAtShare?: number };

function normalise(data: { items: RawRule[] } | RawRule[] | undefined): TimeLimitRule[] {
  const items = Array.isArray(data) ? data : (data?.items ?? []);
  return items.map((r) => ({ ...r, warnShare: r.warnShare ?? r.warnAtShare ?? 0.75 }));
}

export default function TimeLimitsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { names } = useCategoryTree();
  const [editing, setEditing] = useState<TimeLimitRule | 'new' | null>(null);
  const [stageFilter, setStageFilter] = useState<string | undefined>();
  const [form] = Form.useForm<RuleForm>();
  const { data, isLoading, error } = useQuery({
    queryKey: ['time-limits'],
    queryFn: () => api<{ items: RawRule[] } | RawRule[]>('/api/time-limits'),
    select: normalise,
  });
  const save = useMutation({
    mutationFn: (v: RuleForm) => {
      const body = {
        stage: v.stage,
        categoryId: v.categoryId ?? null,
        urgency: v.urgency || null,
        amount: v.amount,
        unit: v.unit,
        warnShare: Math.round(v.warnPercent) / 100,
      };
      return editing && editing !== 'new'
        ? api(`/api/time-limits/${editing.id}`, { method: 'PUT', body })
        : api('/api/time-limits', { method: 'POST', body });
    },
    onSuccess: () => {
      message.success(t('已保存'));
      void qc.invalidateQueries({ queryKey: ['time-limits'] });
      setEditing(null);
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api(`/api/time-limits/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success(t('已删除'));
      void qc.invalidateQueries({ queryKey: ['time-limits'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  const open = (r: TimeLimitRule | 'new') => {
    setEditing(r);
    form.resetFields();
    form.setFieldsValue(
      r === 'new'
        ? { stage: stageFilter ?? 'handle', urgency: '', unit: 'working_days', amount: 1, warnPercent: 75 }
        : {
            stage: r.stage,
            categoryId: r.categoryId,
            urgency: r.urgency ?? '',
            amount: r.amount,
            unit: r.unit,
            warnPercent: Math.round(r.warnShare * 100),
          },
    );
  };

  const rows = (data ?? [])
    .filter((r) => !stageFilter || r.stage === stageFilter)
    .sort(
      (a, b) =>
        STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) ||
        (a.categoryId ?? 0) - (b.categoryId ?? 0) ||
        (a.urgency ?? '').localeCompare(b.urgency ?? ''),
    );

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
              options={STAGES.map((s) => ({ value: s, label: t(DEADLINE_KIND_LABELS[s] ?? s) }))}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="time-limit-new">
              {t('新增')}
            </Button>
          </Space>
        }
      />
      <Typography.Paragraph type="secondary">
        {t('每个环节按「分类 + 紧急程度」取最具体的一条规则；工作日、工作小时按节假日日历与工作时间计算。')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
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
              <Space size={0}>
                <Button type="link" size="small" onClick={() => open(r)}>
                  {t('编辑')}
                </Button>
                {r.categoryId === null && r.urgency === null ? (
                  <Tooltip title={t('各环节的默认时限不能删除，只能修改')}>
                    <Button type="link" size="small" disabled>
                      {t('删除')}
                    </Button>
                  </Tooltip>
                ) : (
                  <Popconfirm title={t('确定删除这条时限规则？')} onConfirm={() => remove.mutate(r.id)}>
                    <Button type="link" size="small" danger>
                      {t('删除')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('新增时限规则') : t('编辑时限规则')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="stage" label={t('环节')} rules={[{ required: true }]}>
            <Select
              disabled={editing !== 'new'}
              options={STAGES.map((s) => ({ value: s, label: t(DEADLINE_KIND_LABELS[s] ?? s) }))}
            />
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
        </Form>
      </Modal>
    </>
  );
}
