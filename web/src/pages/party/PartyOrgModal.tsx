// Sets up a party organisation under its parent (the level and the place it may take are the server's rules;
// the form offers only the fitting choices) or edits one: name, 小区, buildings, the households a 党员中心户 keeps
// in touch with, duties and the office phone of the grid's public card, the secretary from its members.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import {
  CHILD_LEVELS,
  LEVEL_LABELS,
  type PartyLevel,
  type PartyOrgDetail,
  type PartyOrgView,
  type UncoveredGrid,
  usePartyOrgs,
} from './party-api';

export type PartyOrgModalMode =
  | { kind: 'branchOnGrid'; grid: UncoveredGrid }
  | { kind: 'child'; parent: PartyOrgView }
  | { kind: 'edit'; org: PartyOrgDetail };

interface Option {
  id: number;
  name: string;
}

function usePlaces(parentId: number | null | undefined, kind: 'village' | 'grid') {
  return useQuery({
    queryKey: ['orgs', 'children', parentId, kind],
    queryFn: () =>
      api<{ items: Option[] }>('/api/orgs', { query: { parentId: parentId ?? undefined, kind, limit: 200 } }),
    enabled: !!parentId,
  });
}

function useHouseholds(gridId: number | null | undefined) {
  return useQuery({
    queryKey: ['grid-data', 'households', gridId],
    queryFn: () =>
      api<{ items: Option[] }>('/api/grid-data/households', { query: { orgId: gridId ?? undefined, limit: 200 } }),
    enabled: !!gridId,
  });
}

export function PartyOrgModal({
  mode,
  onClose,
  onDone,
}: {
  mode: PartyOrgModalMode;
  onClose: () => void;
  onDone: (id: number) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const editing = mode.kind === 'edit' ? mode.org : null;
  const parent = mode.kind === 'child' ? mode.parent : null;
  const childLevels = parent ? CHILD_LEVELS[parent.level] : [];
  const [level, setLevel] = useState<PartyLevel>(
    editing?.level ?? (mode.kind === 'branchOnGrid' ? 'grid_branch' : (childLevels[0] as PartyLevel)),
  );
  const zongzhi = usePartyOrgs(
    { villageId: mode.kind === 'branchOnGrid' ? mode.grid.village.id : undefined, level: 'village_committee' },
    mode.kind === 'branchOnGrid',
  );
  const villages = usePlaces(parent?.level === 'town_committee' ? parent.town.id : null, 'village');
  const grids = usePlaces(parent?.level === 'village_committee' ? parent.village?.id : null, 'grid');
  const gridOfHouseholds =
    editing?.grid?.id ??
    (parent?.level === 'grid_branch' || parent?.level === 'building_group' ? parent.grid?.id : null);
  const households = useHouseholds(level === 'member_household' ? gridOfHouseholds : null);

  const save = useMutation({
    mutationFn: async (values: Record<string, unknown>) => {
      if (editing) {
        return api<PartyOrgDetail>(`/api/party/orgs/${editing.id}`, {
          method: 'PATCH',
          body: { ...values, version: editing.version },
        });
      }
      const parentId = mode.kind === 'branchOnGrid' ? zongzhi.data?.items[0]?.id : parent?.id;
      const placeId = mode.kind === 'branchOnGrid' ? mode.grid.id : (values.placeId as number | undefined);
      return api<PartyOrgDetail>('/api/party/orgs', {
        method: 'POST',
        body: { ...values, level, parentId, placeId },
      });
    },
    onSuccess: (org) => onDone(org.id),
  });
  const noZongzhi = mode.kind === 'branchOnGrid' && zongzhi.isSuccess && zongzhi.data.items.length === 0;
  const title = editing
    ? `${t('编辑')} · ${editing.name}`
    : mode.kind === 'branchOnGrid'
      ? `${t('建立党支部')} · ${mode.grid.name}`
      : `${t('新建下级党组织')} · ${parent?.name ?? ''}`;
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, disabled: noZongzhi, 'data-testid': 'party-org-save' } as never}
      destroyOnHidden
    >
      {noZongzhi && <Alert type="warning" showIcon title={t('该村（社区）尚未建立党总支，请先在组织体系中建立')} />}
      {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? {
                name: editing.name,
                compound: editing.compound ?? undefined,
                buildings: editing.buildings,
                duties: editing.duties,
                officePhone: editing.officePhone ?? undefined,
                secretaryMemberId: editing.secretary?.id,
                linkedHouseholdIds: editing.linkedHouseholdIds,
              }
            : { duties: '' }
        }
        onFinish={(values) => save.mutate(values)}
      >
        {parent && (
          <Form.Item label={t('层级')}>
            <Select
              value={level}
              onChange={setLevel}
              options={childLevels.map((l) => ({ value: l, label: t(LEVEL_LABELS[l]) }))}
              data-testid="party-level"
            />
          </Form.Item>
        )}
        {parent?.level === 'town_committee' && (
          <Form.Item
            name="placeId"
            label={t('村（社区）')}
            rules={[{ required: true, message: t('请选择村（社区）') }]}
          >
            <Select
              options={(villages.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        )}
        {parent?.level === 'village_committee' && (
          <Form.Item name="placeId" label={t('网格')} rules={[{ required: true, message: t('请选择网格') }]}>
            <Select options={(grids.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('名称')}
          extra={level === 'member_household' || editing ? undefined : t('不填则按所在地自动命名')}
          rules={level === 'member_household' && !editing ? [{ required: true, message: t('请填写名称') }] : []}
        >
          <Input maxLength={100} />
        </Form.Item>
        {level === 'grid_branch' && (
          <Form.Item name="compound" label={t('小区（小区党支部填写）')}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        {level === 'building_group' && (
          <Form.Item
            name="buildings"
            label={t('联系楼栋')}
            rules={[{ required: true, message: t('请填写所联系的楼栋') }]}
          >
            <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder={t('如 1幢、2幢')} />
          </Form.Item>
        )}
        {level === 'member_household' && (
          <>
            {!editing && (
              <Form.Item name="householdRecordId" label={t('中心户本户')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(households.data?.items ?? []).map((h) => ({ value: h.id, label: h.name }))}
                />
              </Form.Item>
            )}
            <Form.Item name="linkedHouseholdIds" label={t('联系住户')} extra={t('从本网格的网格底数中选择')}>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={(households.data?.items ?? []).map((h) => ({ value: h.id, label: h.name }))}
              />
            </Form.Item>
          </>
        )}
        {(level === 'grid_branch' || level === 'village_committee' || level === 'town_committee') && (
          <>
            <Form.Item name="duties" label={t('职责（网格亮责，用“；”分隔）')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item name="officePhone" label={t('办公电话（公开，勿填个人手机）')}>
              <Input maxLength={20} placeholder="0570-1234567" />
            </Form.Item>
          </>
        )}
        {editing && editing.members.length > 0 && (
          <Form.Item name="secretaryMemberId" label={level === 'building_group' ? t('组长') : t('书记')}>
            <Select
              allowClear
              options={editing.members.map((m) => ({ value: m.id, label: `${m.name}（${t(m.duty)}）` }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
