// The action panel of a case: one button per action the server allows this user now, each opening a form
// with exactly the fields that action takes; POST /api/cases/:id/actions { version, action }.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../api';
import type { CaseActionBody, CaseActionType, CaseDetail, CaseListItem } from '../api-types';
import { useCurrentUser } from '../auth';
import { CASE_ACTION_LABELS, DURATION_UNIT_LABELS, RATING_LABELS } from '../labels';
import type { OrgSummary, Page } from '../types';

/** Actions a person never takes from the workbench: the sweeper's, and the citizen's own. */
const HIDDEN: CaseActionType[] = ['escalateOverdue', 'rate', 'appeal'];
/** Oversight actions are offered after the case's own next steps. */
const OVERSIGHT: CaseActionType[] = ['supervise', 'urge', 'merge', 'attachDuplicate'];
const DANGER: CaseActionType[] = ['reject', 'returnCase', 'refuseExtension', 'refuseAppeal'];
/** The case's usual next step in each situation, shown as the primary button. */
const PRIMARY_ORDER: CaseActionType[] = [
  'accept',
  'signFor',
  'approveExtension',
  'checkIn',
  'dispatch',
  'verify',
  'reply',
  'callback',
  'close',
  'resume',
  'grantAppeal',
];

type OrgOption = { value: number; label: string };

/** Units a case can be sent to: county departments, town offices, third parties (what the user may see). */
export function useDispatchTargets() {
  return useQuery({
    queryKey: ['orgs', 'dispatch-targets'],
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const kinds = [
        ['department', '职能部门'],
        ['office', '镇街站所'],
        ['third_party', '第三方组织'],
      ] as const;
      const pages = await Promise.all(
        kinds.map(([kind]) => api<Page<OrgSummary>>('/api/orgs', { query: { kind, limit: 500 } }).catch(() => null)),
      );
      return kinds.map(([kind, label], i) => ({
        kind,
        label,
        options: (pages[i]?.items ?? [])
          .filter((o) => o.active !== false)
          .map((o) => ({ value: Number(o.id), label: o.name }) as OrgOption),
      }));
    },
  });
}

function OrgPicker({
  multiple = false,
  departmentsOnly = false,
  value,
  onChange,
  testId,
}: {
  multiple?: boolean;
  departmentsOnly?: boolean;
  value?: number | number[];
  onChange?: (v: number | number[]) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const { data, isLoading } = useDispatchTargets();
  const groups = (data ?? []).filter((g) => !departmentsOnly || g.kind === 'department');
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={onChange}
      loading={isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      placeholder={t('选择单位')}
      options={groups.map((g) => ({ label: t(g.label), title: g.label, options: g.options }))}
      data-testid={testId}
    />
  );
}

/** A case given by its number (or id): resolved through the case search. */
async function resolveCaseId(input: string): Promise<number> {
  const text = input.trim();
  const found = await api<Page<CaseListItem>>('/api/cases', { query: { q: text, pageSize: 5 } });
  const exact = found.items.find((c) => c.number === text);
  if (exact) return exact.id;
  if (/^\d+$/.test(text) && text.length < 9) return Number(text);
  if (found.items.length === 1 && found.items[0]) return found.items[0].id;
  throw new ApiError(404, 'CASE_NOT_FOUND', `未找到编号为 ${text} 的案件`);
}

const req = (message: string) => [{ required: true, whitespace: true, message }];

function ActionFields({ type, detail }: { type: CaseActionType; detail: CaseDetail }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const pending = detail.extensions.filter((e) => e.status === 'pending');
  const text = (name: string, label: string, required: boolean, rows = 3) => (
    <Form.Item name={name} label={t(label)} rules={required ? req(t('请填写{{f}}', { f: t(label) })) : undefined}>
      <Input.TextArea rows={rows} maxLength={2000} showCount data-testid={`field-${name}`} />
    </Form.Item>
  );
  switch (type) {
    case 'accept':
    case 'assignVerification':
    case 'resume':
    case 'grantAppeal':
    case 'close':
      return text('note', '备注', false, 2);
    case 'reject':
    case 'returnCase':
    case 'suspend':
    case 'refuseAppeal':
      return text('reason', type === 'returnCase' ? '退单理由' : '理由', true);
    case 'reportUp':
      return text('reason', '上报理由', true);
    case 'closeOnTheSpot':
      return text('answer', '答复内容', true, 4);
    case 'verify':
      return (
        <>
          <Form.Item name="finding" label={t('核实结果')} rules={[{ required: true, message: t('请选择核实结果') }]}>
            <Radio.Group
              options={[
                { value: 'confirmed', label: t('情况属实') },
                { value: 'not_confirmed', label: t('情况不属实') },
              ]}
              data-testid="field-finding"
            />
          </Form.Item>
          {text('notes', '核实情况', true)}
        </>
      );
    case 'handleAtGrid':
      return text('notes', '办理情况', true, 4);
    case 'recordProgress':
      return text('notes', '处置情况', true, 4);
    case 'dispatch':
      return (
        <>
          {detail.proposal?.leadOrgId && (
            <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
              {t('建议主办单位：{{org}}', { org: detail.proposal.leadOrgName ?? '' })}
              {detail.proposal.reason ? `（${detail.proposal.reason}）` : ''}
            </Typography.Paragraph>
          )}
          <Form.Item name="leadOrgId" label={t('主办单位')} rules={[{ required: true, message: t('请选择主办单位') }]}>
            <OrgPicker testId="field-leadOrgId" />
          </Form.Item>
          <Form.Item name="assistingOrgIds" label={t('协办单位')}>
            <OrgPicker multiple testId="field-assistingOrgIds" />
          </Form.Item>
          {text('note', '派遣意见', false, 2)}
        </>
      );
    case 'requestExtension':
      return (
        <>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="amount"
              label={t('延期时长')}
              rules={[{ required: true, message: t('请填写延期时长') }]}
              style={{ flex: 1 }}
            >
              <InputNumber min={1} max={365} style={{ width: '100%' }} data-testid="field-amount" />
            </Form.Item>
            <Form.Item name="unit" label={t('单位')} style={{ width: 140 }}>
              <Select
                options={Object.entries(DURATION_UNIT_LABELS).map(([value, label]) => ({ value, label: t(label) }))}
                data-testid="field-unit"
              />
            </Form.Item>
          </Space.Compact>
          {text('reason', '延期理由', true)}
        </>
      );
    case 'approveExtension':
    case 'refuseExtension':
      return (
        <>
          <Form.Item name="requestId" label={t('延期申请')} rules={[{ required: true, message: t('请选择延期申请') }]}>
            <Radio.Group data-testid="field-requestId">
              <Space orientation="vertical">
                {pending.map((e) => (
                  <Radio key={e.id} value={e.id}>
                    {`${e.byOrgName ?? ''} ${t('申请延期')} ${e.amount} ${t(DURATION_UNIT_LABELS[e.unit] ?? e.unit)}：${e.reason}`}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          {type === 'approveExtension' ? text('note', '审批意见', false, 2) : text('reason', '驳回理由', true)}
        </>
      );
    case 'whistle':
      return (
        <>
          <Form.Item name="orgIds" label={t('吹哨部门')} rules={[{ required: true, message: t('请选择要召集的部门') }]}>
            <OrgPicker multiple departmentsOnly testId="field-orgIds" />
          </Form.Item>
          {text('reason', '吹哨事由', true)}
        </>
      );
    case 'checkIn': {
      const mine = detail.whistles.filter((w) =>
        w.summons.some((s) => String(s.orgId) === String(me.org?.id) && !s.checkedInAt),
      );
      const choices = mine.length ? mine : detail.whistles;
      return (
        <>
          <Form.Item name="whistleId" label={t('吹哨')} rules={[{ required: true, message: t('请选择吹哨') }]}>
            <Radio.Group data-testid="field-whistleId">
              <Space orientation="vertical">
                {choices.map((w) => (
                  <Radio key={w.id} value={w.id}>
                    {`${w.reason}（${w.summons.map((s) => s.orgName).join('、')}）`}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          {text('notes', '报到说明', false, 2)}
        </>
      );
    }
    case 'reply':
      return text('content', '反馈内容', true, 5);
    case 'callback':
      return (
        <>
          <Form.Item name="rating" label={t('满意度')} rules={[{ required: true, message: t('请选择满意度') }]}>
            <Radio.Group
              optionType="button"
              options={Object.entries(RATING_LABELS).map(([value, label]) => ({ value, label: t(label) }))}
              data-testid="field-rating"
            />
          </Form.Item>
          {text('notes', '回访记录', false, 2)}
        </>
      );
    case 'supervise':
      return (
        <>
          {text('reason', '督办事由', true)}
          <Form.Item name="listed" valuePropName="checked">
            <Checkbox data-testid="field-listed">{t('挂牌督办')}</Checkbox>
          </Form.Item>
        </>
      );
    case 'urge':
      return text('message', '催办内容', true, 2);
    case 'merge':
      return (
        <Form.Item
          name="mainCase"
          label={t('主案件编号')}
          rules={req(t('请填写主案件编号'))}
          extra={t('本案将并入主案件，随主案件办理与答复')}
        >
          <Input data-testid="field-mainCase" />
        </Form.Item>
      );
    case 'attachDuplicate':
      return (
        <Form.Item name="duplicateCase" label={t('重复件编号')} rules={req(t('请填写重复件编号'))}>
          <Input data-testid="field-duplicateCase" />
        </Form.Item>
      );
    default:
      return (
        <Typography.Paragraph>
          {t('确认对本案执行「{{a}}」？', { a: t(CASE_ACTION_LABELS[type] ?? type) })}
        </Typography.Paragraph>
      );
  }
}

function initialValues(type: CaseActionType, detail: CaseDetail): Record<string, unknown> {
  const pending = detail.extensions.filter((e) => e.status === 'pending');
  switch (type) {
    case 'dispatch':
      return { leadOrgId: detail.proposal?.leadOrgId ?? undefined, assistingOrgIds: [] };
    case 'requestExtension':
      return { unit: 'working_days' };
    case 'approveExtension':
    case 'refuseExtension':
      return { requestId: pending.length === 1 ? pending[0]?.id : undefined };
    case 'supervise':
      return { listed: false };
    case 'checkIn':
      return { whistleId: detail.whistles.length === 1 ? detail.whistles[0]?.id : undefined };
    default:
      return {};
  }
}

/** Builds the API action from the form: drops empty optional fields, resolves case numbers. */
async function toAction(type: CaseActionType, values: Record<string, unknown>): Promise<CaseActionBody> {
  const action: CaseActionBody = { type };
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0 && k !== 'orgIds') continue;
    action[k] = typeof v === 'string' ? v.trim() : v;
  }
  if (type === 'merge') {
    action.mainCaseId = await resolveCaseId(String(values.mainCase ?? ''));
    delete action.mainCase;
  }
  if (type === 'attachDuplicate') {
    action.duplicateCaseId = await resolveCaseId(String(values.duplicateCase ?? ''));
    delete action.duplicateCase;
  }
  return action;
}

export function usePostAction(detail: CaseDetail, onDone?: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async (action: CaseActionBody) =>
      api<CaseDetail>(`/api/cases/${detail.id}/actions`, {
        method: 'POST',
        body: { version: detail.version, action },
      }),
    onSuccess: (updated, action) => {
      qc.setQueryData(['case', detail.id], updated);
      message.success(t('已{{a}}', { a: t(CASE_ACTION_LABELS[action.type] ?? action.type) }));
      void qc.invalidateQueries({ queryKey: ['inbox'] });
      void qc.invalidateQueries({ queryKey: ['cases'] });
      void qc.invalidateQueries({ queryKey: ['case', detail.id] });
      onDone?.();
    },
    onError: (err, action) => {
      if (err instanceof ApiError && err.code === 'CASE_VERSION_CONFLICT') {
        message.warning(t('案件已被他人处理，已刷新为最新状态'));
        void qc.invalidateQueries({ queryKey: ['case', detail.id] });
        onDone?.();
        return;
      }
      // The action went through but took the case out of this user's reach (a department returning it).
      if (err instanceof ApiError && err.code === 'CASE_NOT_FOUND' && action.type === 'returnCase') {
        message.success(t('已{{a}}，案件已退回派遣单位', { a: t(CASE_ACTION_LABELS[action.type] ?? action.type) }));
        void qc.invalidateQueries({ queryKey: ['inbox'] });
        void qc.invalidateQueries({ queryKey: ['cases'] });
        onDone?.();
        navigate('/cases');
        return;
      }
      message.error(errorMessage(err));
    },
  });
}

export function CaseActionPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState<CaseActionType | null>(null);
  const [form] = Form.useForm();
  const post = usePostAction(detail, () => setOpen(null));
  const me = useCurrentUser();
  const pendingExtension = detail.extensions.some((e) => e.status === 'pending');
  const myOrg = String(me.org?.id);
  const signedHere = detail.units.some(
    (u) => String(u.orgId) === myOrg && (u.role === 'lead' || u.role === 'assisting') && u.status === 'done',
  );
  const summonedHere = detail.whistles.some((w) =>
    w.summons.some((s) => String(s.orgId) === String(me.org?.id) && !s.checkedInAt),
  );
  // The server offers what the state and the user's relation allow; hide forms that would have nothing to choose.
  const actions = detail.allowedActions.filter(
    (a) =>
      !HIDDEN.includes(a) &&
      (pendingExtension || (a !== 'approveExtension' && a !== 'refuseExtension')) &&
      (summonedHere || a !== 'checkIn') &&
      !(signedHere && a === 'signFor'),
  );
  const primary = PRIMARY_ORDER.find((a) => actions.includes(a));
  const own = actions.filter((a) => !OVERSIGHT.includes(a));
  const oversight = actions.filter((a) => OVERSIGHT.includes(a));
  if (detail.readOnly || actions.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="no-actions">
        {detail.readOnly ? t('历史案件，仅供查阅') : t('当前无可办理的操作')}
      </Typography.Text>
    );
  }
  const submit = async (values: Record<string, unknown>) => {
    if (!open) return;
    try {
      post.mutate(await toAction(open, values));
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const button = (a: CaseActionType, primary: boolean) => (
    <Button
      key={a}
      type={primary ? 'primary' : 'default'}
      danger={DANGER.includes(a)}
      onClick={() => {
        form.resetFields();
        form.setFieldsValue(initialValues(a, detail));
        setOpen(a);
      }}
      data-testid={`action-${a}`}
    >
      {t(CASE_ACTION_LABELS[a] ?? a)}
    </Button>
  );
  return (
    <>
      <Space wrap data-testid="action-panel">
        {own.map((a) => button(a, a === primary))}
        {oversight.map((a) => button(a, false))}
      </Space>
      <Modal
        open={open !== null}
        title={open ? `${t(CASE_ACTION_LABELS[open] ?? open)} · ${detail.number}` : ''}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        okText={t('提交')}
        okButtonProps={{ 'data-testid': 'action-submit' }}
        confirmLoading={post.isPending}
        forceRender
        width={560}
      >
        <Form form={form} layout="vertical" onFinish={submit} data-testid="action-form">
          {open && <ActionFields type={open} detail={detail} />}
        </Form>
      </Modal>
    </>
  );
}
