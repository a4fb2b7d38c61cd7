// The optional category of a report: the system's suggestions from the text (debounced call to the classifier,
// silently absent when it is not available) and the full tree to choose from.
import { BulbOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Cascader, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { Category, Page } from '../../types';

export interface Suggestion {
  categoryId: number;
  name: string;
  score: number;
}

interface Option {
  value: number;
  label: string;
  children?: Option[];
}

/**
 * The classifier's answer (POST /api/analysis/classify): its proposal first, then the ranked second-level and
 * first-level categories, each once. Other shapes (a plain ranked list) are read too.
 */
export function readSuggestions(data: unknown): Suggestion[] {
  const record = (data ?? {}) as Record<string, unknown>;
  const out: Suggestion[] = [];
  const seen = new Set<number>();
  const add = (idValue: unknown, name: unknown, score: unknown) => {
    const id = Number(idValue);
    if (Number.isFinite(id) && id > 0 && typeof name === 'string' && name && !seen.has(id)) {
      seen.add(id);
      out.push({ categoryId: id, name, score: Number(score ?? 0) });
    }
  };
  const proposed = record.proposed as { categoryId?: unknown; categoryName?: unknown } | undefined;
  if (proposed) add(proposed.categoryId, proposed.categoryName, 1);
  const lists = Array.isArray(data) ? [data] : [record.level2, record.level1, record.suggestions, record.items];
  for (const list of lists) {
    for (const item of Array.isArray(list) ? list : []) {
      const x = (item ?? {}) as Record<string, unknown>;
      add(x.id ?? x.categoryId, x.name ?? x.categoryName, x.score);
    }
  }
  return out;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function CategoryField({
  text,
  value,
  onChange,
}: {
  text: string;
  value: number | null;
  onChange: (id: number | null) => void;
}) {
  const { t } = useTranslation();
  const debounced = useDebounced(text.trim(), 700);
  const categories = useQuery({
    queryKey: ['categories'],
    queryFn: () => api<Page<Category>>('/api/categories'),
    staleTime: 30 * 60_000,
  });
  const suggestions = useQuery({
    queryKey: ['classify', debounced],
    queryFn: async () =>
      readSuggestions(await api<unknown>('/api/analysis/classify', { method: 'POST', body: { text: debounced } })),
    enabled: debounced.length >= 8,
    retry: false,
    staleTime: 5 * 60_000,
  });

  const { options, pathOf } = useMemo(() => {
    const items = (categories.data?.items ?? []).filter((c) => c.active);
    const byParent = new Map<string, Category[]>();
    for (const c of items) {
      const key = String(c.parentId ?? '');
      byParent.set(key, [...(byParent.get(key) ?? []), c]);
    }
    const build = (parent: string): Option[] =>
      (byParent.get(parent) ?? []).map((c) => {
        const children = build(String(c.id));
        return { value: Number(c.id), label: c.name, ...(children.length ? { children } : {}) };
      });
    const parents = new Map(items.map((c) => [Number(c.id), c.parentId === null ? null : Number(c.parentId)]));
    const pathOf = (id: number): number[] => {
      const path: number[] = [];
      let cur: number | null | undefined = id;
      while (cur != null && path.length < 5) {
        path.unshift(cur);
        cur = parents.get(cur);
      }
      return path;
    };
    return { options: build(''), pathOf };
  }, [categories.data]);

  const top = (suggestions.data ?? []).slice(0, 3);
  return (
    <div data-testid="category-field">
      {top.length > 0 && (
        <div style={{ marginBottom: 8 }} data-testid="category-suggestions">
          <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 6 }}>
            <BulbOutlined /> {t('系统建议：')}
          </Typography.Text>
          {top.map((s) => (
            <Tag.CheckableTag
              key={s.categoryId}
              checked={value === s.categoryId}
              onChange={(on) => onChange(on ? s.categoryId : null)}
              style={{ border: '1px solid #d9d9d9', marginBottom: 4 }}
            >
              {s.name}
            </Tag.CheckableTag>
          ))}
        </div>
      )}
      <Cascader
        style={{ width: '100%' }}
        options={options}
        loading={categories.isLoading}
        value={value ? pathOf(value) : undefined}
        onChange={(path) => onChange(path?.length ? Number(path[path.length - 1]) : null)}
        changeOnSelect
        showSearch
        placeholder={t('不清楚可以不选，由工作人员分类')}
        data-testid="category-cascader"
      />
    </div>
  );
}
