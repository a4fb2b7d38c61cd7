// A searchable tree of the event categories (GET /api/categories), for case intake and the rule pages.
import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { Category, Id } from '../types';

export function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: () => api<{ items: Category[] }>('/api/categories'),
    staleTime: 5 * 60_000,
  });
}

interface Node {
  value: number;
  title: string;
  children?: Node[];
}

export function useCategoryTree(): { tree: Node[]; names: Map<number, string>; loading: boolean } {
  const { data, isLoading } = useCategories();
  return useMemo(() => {
    const items = (data?.items ?? []).filter((c) => c.active);
    const byParent = new Map<Id | null, Category[]>();
    for (const c of items) {
      const key = c.parentId ?? null;
      const list = byParent.get(key) ?? [];
      list.push(c);
      byParent.set(key, list);
    }
    const ids = new Set(items.map((c) => c.id));
    const build = (parent: Id | null): Node[] =>
      (byParent.get(parent) ?? []).map((c) => {
        const children = build(c.id);
        return { value: Number(c.id), title: c.name, children: children.length ? children : undefined };
      });
    // Roots: no parent, or a parent that is inactive (so nothing disappears).
    const roots = items.filter((c) => c.parentId === null || !ids.has(c.parentId)).map((c) => c.parentId ?? null);
    const tree = [...new Set(roots)].flatMap((p) => build(p));
    const names = new Map(items.map((c) => [Number(c.id), c.name]));
    return { tree, names, loading: isLoading };
  }, [data, isLoading]);
}

export function CategorySelect({
  value,
  onChange,
  placeholder,
  testId = 'category-select',
  disabled = false,
}: {
  disabled?: boolean;
  value?: number | null;
  onChange?: (v: number | null) => void;
  placeholder?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { tree, loading } = useCategoryTree();
  return (
    <TreeSelect
      value={value ?? undefined}
      disabled={disabled}
      onChange={(v) => onChange?.(v ?? null)}
      treeData={tree}
      loading={loading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder={placeholder ?? t('选择事项分类')}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
