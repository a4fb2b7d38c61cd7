// Pickers of the dispute pages: the place of a dispute (a town, village or grid of the user's tree) and the
// committee that mediates it (a village or town platform's 调委会, the county, or a third-party committee of
// the county's directory).
import { useQuery } from '@tanstack/react-query';
import { Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useOrgTree } from '../../components/common';
import { KIND_LABELS } from '../../labels';
import type { Id, OrgSummary, OrgTreeNode, Page } from '../../types';

interface Node {
  value: Id;
  title: string;
  selectable: boolean;
  children?: Node[];
}

const PLACE_KINDS = ['town', 'village', 'grid'];

function places(nodes: OrgTreeNode[], t: (s: string) => string): Node[] {
  return nodes
    .filter((n) => ['county', ...PLACE_KINDS].includes(n.kind))
    .map((n) => ({
      value: n.id,
      title: `${n.name}（${t(KIND_LABELS[n.kind] ?? n.kind)}）`,
      selectable: PLACE_KINDS.includes(n.kind),
      children: n.children?.length ? places(n.children, t) : undefined,
    }));
}

export function PlaceSelect({ value, onChange }: { value?: Id; onChange?: (v: Id | undefined) => void }) {
  const { t } = useTranslation();
  const tree = useOrgTree(true);
  const data = useMemo(() => (tree.data ? places(tree.data, t) : []), [tree.data, t]);
  return (
    <TreeSelect
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={data}
      loading={tree.isLoading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder={t('选择纠纷发生的镇街、村社区或网格')}
      treeDefaultExpandedKeys={tree.data?.map((n) => n.id)}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      data-testid="place-select"
    />
  );
}

function platforms(nodes: OrgTreeNode[], out: { value: Id; label: string }[], t: (s: string) => string) {
  for (const n of nodes) {
    if (['county', 'town', 'village'].includes(n.kind)) {
      out.push({ value: n.id, label: `${n.name}${n.kind === 'county' ? '' : t('调委会')}` });
    }
    if (n.children?.length) platforms(n.children, out, t);
  }
  return out;
}

export function CommitteeSelect({ value, onChange }: { value?: Id; onChange?: (v: Id | undefined) => void }) {
  const { t } = useTranslation();
  const tree = useOrgTree(false);
  const thirdParties = useQuery({
    queryKey: ['orgs', 'third_party'],
    queryFn: () => api<Page<OrgSummary>>('/api/orgs', { query: { kind: 'third_party', limit: 500 } }),
    staleTime: 60_000,
  });
  const options = useMemo(
    () => [
      {
        label: t('县级及第三方调解组织'),
        options: (thirdParties.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
      },
      { label: t('村（社区）、镇（街道）调委会'), options: tree.data ? platforms(tree.data, [], t) : [] },
    ],
    [tree.data, thirdParties.data, t],
  );
  return (
    <Select
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('选择调解组织')}
      style={{ width: '100%' }}
      data-testid="committee-select"
    />
  );
}
