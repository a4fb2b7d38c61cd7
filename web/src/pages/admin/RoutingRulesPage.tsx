// 派遣规则: which unit a category of case is dispatched to (optionally per town). Dispatch proposes it; the
// dispatcher may still choose another. Without a rule the category's responsible department is proposed.
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { RoutingRule } from '../../api-types';
import { ErrorAlert, FormModal, NewButton, useAdminMutation, useEditing } from '../../components/admin-forms';
import { useDispatchTargets } from '../../components/CaseActionPanel';
import { CategorySelect, useCategoryTree } from '../../components/CategorySelect';
import { PageTitle } from '../../components/common';
import type { OrgSummary, Page } from '../../types';

interface RuleForm {
  categoryId: number;
  townId?: number | null;
  orgId: number;
}

export default function RoutingRulesPage() {
  const { t } = useTranslation();
  const { names } = useCategoryTree();
  const [form] = Form.useForm<RuleForm>();
  const targets = useDispatchTargets();
  const towns = useQuery({
    queryKey: ['orgs', 'towns'],
    queryFn: () => api<Page<OrgSummary>>('/api/orgs', { query: { kind: 'town', limit: 500 } }),
    staleTime: 5 * 60_000,
  });
  const { data, isLoading, error } = useQuery({
    queryKey: ['routing-rules'],
    queryFn: () => api<{ items: RoutingRule[] }>('/api/routing-rules'),
  });
  const orgName = (id: number) =>
    targets.data?.flatMap((g) => g.options).find((o) => o.value === id)?.label ??
    towns.data?.items.find((o) => Number(o.id) === id)?.name;
  const save = useAdminMutation({
    mutationFn: (v: RuleForm) =>
      api('/api/routing-rules', {
        method: 'POST',
        body: { categoryId: v.categoryId, townId: v.townId ?? null, orgId: v.orgId },
      }),
    invalidate: ['routing-rules'],
    success: '已保存',
    onSuccess: () => {
      close();
    },
    inlineError: true,
  });
  const remove = useAdminMutation({
    mutationFn: (id: number) => api(`/api/routing-rules/${id}`, { method: 'DELETE' }),
    invalidate: ['routing-rules'],
    success: '已删除',
  });
  const { editing, open, close } = useEditing<never, RuleForm>(form, () => ({}), save);

  return (
    <>
      <PageTitle
        title={t('派遣规则')}
        extra={<NewButton label={t('新增')} onClick={() => open('new')} testId="routing-rule-new" />}
      />
      <Typography.Paragraph type="secondary">
        {t('派遣时按「分类 + 镇街」推荐主办单位：先看本镇街的规则，再看全县规则，最后取分类的责任单位。派遣人可改选。')}
      </Typography.Paragraph>
      <ErrorAlert error={error} />
      <Table<RoutingRule>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
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
      <FormModal
        open={editing !== null}
        title={t('新增派遣规则')}
        form={form}
        onCancel={close}
        onFinish={(v) => save.mutate(v)}
        saving={save.isPending}
        error={save.error}
        testId="routing-rule-form"
      >
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
      </FormModal>
    </>
  );
}
