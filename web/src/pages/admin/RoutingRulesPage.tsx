// 派遣规则: which unit a category of case is dispatched to (optionally per town). Dispatch proposes it; the
// dispatcher may still choose another. Without a rule the category's responsible department is proposed.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useDispatchTargets } from '../../components/CaseActionPanel';
import { CategorySelect, useCategoryTree } from '../../components/CategorySelect';
import { PageTitle } from '../../components/common';
import type { OrgSummary, Page } from '../../types';
import type { RoutingRule } from '../cases/case-types';

interface RuleForm {
  categoryId: number;
  townId?: number | null;
  orgId: number;
}

export default function RoutingRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { names } = useCategoryTree();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<RuleForm>();
  const targets = useDispatchTargets();
  const towns = useQuery({
    queryKey: ['orgs', 'towns'],
    queryFn: () => api<Page<OrgSummary>>('/api/orgs', { query: { kind: 'town', limit: 500 } }),
    staleTime: 5 * 60_000,
  });
  const { data, isLoading, error } = useQuery({
    queryKey: ['routing-rules'],
    queryFn: () => api<{ items: RoutingRule[] } | RoutingRule[]>('/api/routing-rules'),
    select: (d) => (Array.isArray(d) ? d : (d?.items ?? [])),
  });
  const orgName = (id: number) =>
    targets.data?.flatMap((g) => g.options).find((o) => o.value === id)?.label ??
    towns.data?.items.find((o) => Number(o.id) === id)?.name;
  const save = useMutation({
    mutationFn: (v: RuleForm) =>
      api('/api/routing-rules', {
        method: 'POST',
        body: { categoryId: v.categoryId, townId: v.townId ?? null, orgId: v.orgId },
      }),
    onSuccess: () => {
      message.success(t('已保存'));
      void qc.invalidateQueries({ queryKey: ['routing-rules'] });
      setCreating(false);
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api(`/api/routing-rules/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success(t('已删除'));
      void qc.invalidateQueries({ queryKey: ['routing-rules'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  return (
    <>
      <PageTitle
        title={t('派遣规则')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setCreating(true);
            }}
            data-testid="routing-rule-new"
          >
            {t('新增')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">
        {t('派遣时按「分类 + 镇街」推荐主办单位：先看本镇街的规则，再看全县规则，最后取分类的责任单位。派遣人可改选。')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      <Table<RoutingRule>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="routing-rule-table"
        columns={[
          {
            title: t('分类'),
            dataIndex: 'categoryId',
            render: (id: number, r) => r.categoryName ?? names.get(id) ?? `#${id}`,
          },
          {
            title: t('镇街'),
            dataIndex: 'townId',
            width: 180,
            render: (id: number | null, r) => (id ? (r.townName ?? orgName(id) ?? `#${id}`) : <Tag>{t('全县')}</Tag>),
          },
          {
            title: t('派遣至'),
            dataIndex: 'orgId',
            width: 240,
            render: (id: number, r) => r.orgName ?? orgName(id) ?? `#${id}`,
          },
          {
            title: t('操作'),
            key: 'actions',
            width: 90,
            render: (_, r) => (
              <Popconfirm title={t('确定删除这条派遣规则？')} onConfirm={() => remove.mutate(r.id)}>
                <Button type="link" size="small" danger>
                  {t('删除')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('新增派遣规则')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="categoryId" label={t('分类')} rules={[{ required: true, message: t('请选择分类') }]}>
            <CategorySelect />
          </Form.Item>
          <Form.Item name="townId" label={t('镇街')} extra={t('不选则适用于全县')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={towns.isLoading}
              options={(towns.data?.items ?? []).map((o) => ({ value: Number(o.id), label: o.name }))}
            />
          </Form.Item>
          <Form.Item name="orgId" label={t('派遣至')} rules={[{ required: true, message: t('请选择单位') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={targets.isLoading}
              options={(targets.data ?? []).map((g) => ({ label: t(g.label), title: g.label, options: g.options }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
