// Small pieces shared by the administration pages.
import { useQuery } from '@tanstack/react-query';
import { TreeSelect, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { KIND_LABELS } from '../labels';
import type { Id, OrgSummary, OrgTreeNode, Page } from '../types';

export function PageTitle({ title, extra }: { title: string; extra?: ReactNode }) {
  return (
    <div
      style={{
        display: 'flex',
        justifyContent: 'space-between',
        alignItems: 'center',
        marginBottom: 12,
        gap: 8,
        flexWrap: 'wrap',
      }}
    >
      <Typography.Title level={4} className="gz-page-title" style={{ margin: 0 }} data-testid="page-title">
        {title}
      </Typography.Title>
      {extra}
    </div>
  );
}

export function useOrgTree(includeGrids = false) {
  return useQuery({
    queryKey: ['orgs', 'tree', includeGrids],
    queryFn: () => api<OrgTreeNode[]>('/api/orgs/tree', { query: { includeGrids } }),
    staleTime: 60_000,
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: ['orgs', 'departments'],
    queryFn: () => api<Page<OrgSummary>>('/api/orgs', { query: { kind: 'department', limit: 500 } }),
    staleTime: 60_000,
  });
}

interface TreeSelectNode {
  value: Id;
  title: string;
  children?: TreeSelectNode[];
}

export function toTreeSelect(nodes: OrgTreeNode[], t: (s: string) => string): TreeSelectNode[] {
  return nodes.map((n) => ({
    value: n.id,
    title: `${n.name}（${t(KIND_LABELS[n.kind] ?? n.kind)}）`,
    children: n.children?.length ? toTreeSelect(n.children, t) : undefined,
  }));
}

export function OrgTreeSelect({
  value,
  onChange,
  placeholder,
  allowClear = true,
  style,
}: {
  value?: Id;
  onChange?: (v: Id | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}) {
  const { t } = useTranslation();
  const { data, isLoading } = useOrgTree(false);
  return (
    <TreeSelect
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={data ? toTreeSelect(data, t) : []}
      loading={isLoading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder ?? t('选择组织')}
      treeDefaultExpandAll={false}
      treeDefaultExpandedKeys={data?.map((n) => n.id)}
      style={style ?? { width: '100%' }}
      popupMatchSelectWidth={false}
      data-testid="org-tree-select"
    />
  );
}
