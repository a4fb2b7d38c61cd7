// 登记农户 / 修改农户: door number, head of household, members, address, the head's phone (links the citizen
// account on the phone), grid; when editing also the village's record of an overdue debt and active.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import type { OrgSummary, Page } from '../../types';
import type { HouseholdView } from './points-api';

interface Values {
  doorNo: string;
  headName: string;
  members?: number;
  address?: string;
  phone?: string;
  gridId?: number | null;
  overdueDebt?: boolean;
  overdueDebtNote?: string;
  active?: boolean;
}

export function HouseholdModal({
  villageId,
  household,
  open,
  onClose,
  onSaved,
}: {
  villageId: number;
  /** editing this one; creating without */
  household?: HouseholdView;
  open: boolean;
  onClose: () => void;
  onSaved?: (h: HouseholdView) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const grids = useQuery({
    queryKey: ['orgs', 'grids', villageId],
    queryFn: () => api<Page<OrgSummary>>('/api/orgs', { query: { parentId: villageId, kind: 'grid', limit: 200 } }),
    enabled: open,
  });
  const debt = Form.useWatch('overdueDebt', form);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const fields = {
        ...v,
        phone: v.phone?.trim() || null,
        address: v.address?.trim() || null,
        gridId: v.gridId ?? null,
      };
      return household
        ? api<HouseholdView>(`/api/points/households/${household.id}`, {
            method: 'PATCH',
            body: {
              ...fields,
              version: household.version,
              ...(household.masked && !v.phone ? { phone: undefined } : {}),
              ...(household.masked && !v.address ? { address: undefined } : {}),
            },
          })
        : api<HouseholdView>('/api/points/households', { method: 'POST', body: { ...fields, villageId } });
    },
    onSuccess: (h) => {
      void qc.invalidateQueries({ queryKey: ['points'] });
      form.resetFields();
      onSaved?.(h);
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open={open}
      title={household ? t('修改农户') : t('登记农户')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('保存')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="household-error" />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          household
            ? {
                doorNo: household.doorNo,
                headName: household.headName,
                members: household.members,
                gridId: household.grid?.id ?? null,
                overdueDebt: household.overdueDebt,
                overdueDebtNote: household.overdueDebtNote ?? '',
                active: household.active,
              }
            : { members: 3 }
        }
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="doorNo" label={t('门牌号')} rules={[{ required: true, message: t('请填写门牌号') }]}>
          <Input maxLength={50} data-testid="household-door" />
        </Form.Item>
        <Form.Item name="headName" label={t('户主姓名')} rules={[{ required: true, message: t('请填写户主姓名') }]}>
          <Input maxLength={50} data-testid="household-head" />
        </Form.Item>
        <Form.Item name="members" label={t('家庭人口')}>
          <InputNumber min={1} max={99} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('户主手机')}
          extra={household?.masked ? t('已脱敏：留空则不修改') : t('户主用此手机号登录“码上办”即可查看本户积分')}
        >
          <Input maxLength={11} placeholder={household?.phone ?? ''} data-testid="household-phone" />
        </Form.Item>
        <Form.Item name="address" label={t('地址')} extra={household?.masked ? t('已脱敏：留空则不修改') : undefined}>
          <Input maxLength={200} placeholder={household?.address ?? ''} />
        </Form.Item>
        <Form.Item name="gridId" label={t('所属网格')}>
          <Select
            allowClear
            loading={grids.isLoading}
            options={(grids.data?.items ?? []).map((g) => ({ value: Number(g.id), label: g.name }))}
          />
        </Form.Item>
        {household && (
          <>
            <Form.Item name="overdueDebt" valuePropName="checked">
              <Checkbox>{t('村委会登记有逾期欠款（影响诚信户评定）')}</Checkbox>
            </Form.Item>
            {debt && (
              <Form.Item
                name="overdueDebtNote"
                label={t('欠款情况说明')}
                rules={[{ required: true, message: t('请写明情况') }]}
              >
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            )}
            <Form.Item name="active" valuePropName="checked">
              <Checkbox>{t('在册（取消则停用该户）')}</Checkbox>
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
