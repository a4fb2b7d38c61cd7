// Picks the units work can be given to: the user's own organisation tree and the county's directory of
// departments (which every unit works with), one or several. Task assignment, meeting decisions, work teams
// and projects all pick units with it.
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Id } from '../types';
import { toTreeSelect, useDepartments, useOrgTree } from './common';

type Props =
  | { multiple?: false; value?: Id; onChange?: (v: Id | undefined) => void; placeholder?: string; testId?: string }
  | { multiple: true; value?: Id[]; onChange?: (v: Id[]) => void; placeholder?: string; testId?: string };

export function UnitSelect(props: Props) {
  const { t } = useTranslation();
  const tree = useOrgTree(false);
  const departments = useDepartments();
  const treeData = useMemo(() => {
    const nodes = tree.data ? toTreeSelect(tree.data, t) : [];
    const seen = new Set<Id>();
    const walk = (list: { value: Id; children?: unknown[] }[]) => {
      for (const n of list) {
        seen.add(n.value);
        if (n.children) walk(n.children as { value: Id; children?: unknown[] }[]);
      }
    };
    walk(nodes);
    const extra = (departments.data?.items ?? []).filter((d) => !seen.has(d.id));
    return extra.length
      ? [
          ...nodes,
          {
            value: 'departments',
            title: t('县级部门'),
            selectable: false,
            checkable: false,
            children: extra.map((d) => ({ value: d.id, title: d.name })),
          },
        ]
      : nodes;
  }, [tree.data, departments.data, t]);
  return (
    <TreeSelect
      multiple={props.multiple}
      value={props.value}
      onChange={(v) => (props.onChange as (v: unknown) => void)?.(v ?? (props.multiple ? [] : undefined))}
      treeData={treeData}
      loading={tree.isLoading || departments.isLoading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder={props.placeholder ?? t('选择单位')}
      treeDefaultExpandedKeys={tree.data?.map((n) => n.id)}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      data-testid={props.testId ?? 'unit-select'}
    />
  );
}
