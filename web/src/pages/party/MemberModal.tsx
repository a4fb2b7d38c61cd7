// Adds a member to a party organisation, or edits one: duty, join date, phone, the user account (so the member's
// work shows the 党员 badge) and the 在职党员 flag with the unit.
import { useMutation } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { DUTIES, type PartyMemberView } from './party-api';

export function MemberModal({
  partyOrgId,
  member,
  onClose,
  onDone,
}: {
  partyOrgId?: number;
  member?: PartyMemberView;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const inService = Form.useWatch('inService', form);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const body: Record<string, unknown> = {
        ...v,
        joinedOn: v.joinedOn ? (v.joinedOn as dayjs.Dayjs).format('YYYY-MM-DD') : null,
        userId: v.userId ?? null,
        workUnit: v.inService ? v.workUnit : null,
      };
      // the masked phone is not sent back: only a newly typed number replaces the stored one
      if (member && (body.phone === member.phone || body.phone === undefined)) delete body.phone;
      return member
        ? api(`/api/party/members/${member.id}`, { method: 'PATCH', body: { ...body, version: member.version } })
        : api(`/api/party/orgs/${partyOrgId}/members`, { method: 'POST', body });
    },
    onSuccess: onDone,
  });
  return (
    <Modal
      open
      title={member ? `${t('编辑党员')} · ${member.name}` : t('新增党员')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={
          member
            ? {
                name: member.name,
                phone: member.phone ?? undefined,
                duty: member.duty,
                joinedOn: member.joinedOn ? dayjs(member.joinedOn) : undefined,
                userId: member.userId ?? undefined,
                inService: member.inService,
                workUnit: member.workUnit ?? undefined,
              }
            : { duty: '党员', inService: false }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('姓名')} rules={[{ required: true, message: t('请填写党员姓名') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="duty" label={t('职务')}>
          <Select options={DUTIES.map((d) => ({ value: d, label: t(d) }))} />
        </Form.Item>
        <Form.Item name="phone" label={t('联系电话')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="joinedOn" label={t('入党日期')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
        <Form.Item name="userId" label={t('系统账号 ID（办件显示“党员”标识）')}>
          <InputNumber min={1} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="inService" label={t('在职党员')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {inService && (
          <Form.Item
            name="workUnit"
            label={t('工作单位')}
            rules={[{ required: true, message: t('在职党员请填写工作单位') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
