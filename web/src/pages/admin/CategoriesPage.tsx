// 事项分类: the three-level category tree and the department responsible for each category.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Input, Segmented, Select, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { PageTitle, useDepartments } from '../../components/common';
import type { Category, Id } from '../../types';

interface CategoryRow extends Category {
  children?: CategoryRow[];
}

function buildTree(items: Category[]): CategoryRow[] {
  const byId = new Map<Id, CategoryRow>();
  for (const c of items) byId.set(c.id, { ...c });
  const roots: CategoryRow[] = [];
  for (const row of byId.values()) {
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    if (parent) {
      parent.children = parent.children ?? [];
      parent.children.push(row);
    } else roots.push(row);
  }
  const sort = (rows: CategoryRow[]) => {
    rows.sort((a, b) => a.code.localeCompare(b.code));
    for (const r of rows) if (r.children) sort(r.children);
  };
  sort(roots);
  return roots;
}

export default function CategoriesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const editable = can('category.manage');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [family, setFamily] = useState<'all' | 'governance' | 'hotline'>('all');
  const [q, setQ] = useState('');
  const { data, isLoading, error } = useQuery({
    queryKey: ['categories'],
    queryFn: () => api<{ items: Category[] }>('/api/categories'),
  });
  const { data: departments } = useDepartments();
  const update = useMutation({
    mutationFn: ({ id, body }: { id: Id; body: { responsibleOrgId?: Id | null; active?: boolean } }) =>
      api(`/api/categories/${id}`, { method: 'PATCH', body }),
    onSuccess: () => {
      message.success(t('已保存'));
      void qc.invalidateQueries({ queryKey: ['categories'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  const rows = useMemo(() => {
    let items = data?.items ?? [];
    if (family !== 'all') items = items.filter((c) => c.family === family);
    if (q.trim()) {
      const keep = new Set<Id>();
      const byId = new Map<Id, Category>(items.map((c) => [c.id, c]));
      for (const c of items) {
        if (c.name.includes(q.trim()) || c.code.includes(q.trim())) {
          let cur: Category | undefined = c;
          while (cur) {
            keep.add(cur.id);
            cur = cur.parentId ? byId.get(cur.parentId) : undefined;
          }
        }
      }
      items = items.filter((c) => keep.has(c.id));
    }
    return buildTree(items);
  }, [data, family, q]);

  const deptOptions = (departments?.items ?? []).map((d) => ({ value: d.id, label: d.name }));

  return (
    <>
      <PageTitle
        title={t('事项分类')}
        extra={
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Segmented
              value={family}
              onChange={(v) => setFamily(v as typeof family)}
              options={[
                { value: 'all', label: t('全部') },
                { value: 'governance', label: t('基层治理') },
                { value: 'hotline', label: t('12345 热线') },
              ]}
            />
            <Input.Search allowClear placeholder={t('搜索分类')} style={{ width: 200 }} onSearch={setQ} />
          </div>
        }
      />
      {!editable && (
        <Typography.Paragraph type="secondary">
          {t('您可以查看分类；修改需要「事项分类管理」权限。')}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      <Table<CategoryRow>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        expandable={{ defaultExpandAllRows: false }}
        key={`${family}-${q}-${rows.length}`}
        data-testid="categories-table"
        columns={[
          { title: t('分类名称'), dataIndex: 'name', render: (v: string, c) => (c.level === 1 ? <b>{v}</b> : v) },
          { title: t('编码'), dataIndex: 'code', width: 130 },
          { title: t('级别'), dataIndex: 'level', width: 80, render: (v: number) => t('{{n}} 级', { n: v }) },
          {
            title: t('体系'),
            dataIndex: 'family',
            width: 110,
            render: (v: string) =>
              v === 'hotline' ? <Tag color="blue">{t('12345 热线')}</Tag> : <Tag color="volcano">{t('基层治理')}</Tag>,
          },
          {
            title: t('责任部门'),
            key: 'responsibleOrg',
            width: 260,
            render: (_, c) =>
              editable ? (
                <Select
                  size="small"
                  style={{ width: 240 }}
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('未指定')}
                  value={c.responsibleOrg?.id}
                  options={
                    c.responsibleOrg && !deptOptions.some((o) => o.value === c.responsibleOrg?.id)
                      ? [{ value: c.responsibleOrg.id, label: c.responsibleOrg.name }, ...deptOptions]
                      : deptOptions
                  }
                  onChange={(v) => update.mutate({ id: c.id, body: { responsibleOrgId: v ?? null } })}
                />
              ) : (
                (c.responsibleOrg?.name ?? <Typography.Text type="secondary">{t('未指定')}</Typography.Text>)
              ),
          },
          {
            title: t('启用'),
            dataIndex: 'active',
            width: 80,
            render: (v: boolean, c) => (
              <Switch
                size="small"
                checked={v}
                disabled={!editable}
                onChange={(active) => update.mutate({ id: c.id, body: { active } })}
              />
            ),
          },
        ]}
      />
    </>
  );
}
