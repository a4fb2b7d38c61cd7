// The form of one counsellor action (接收, 退回, 不予接收, 咨询记录, 转入随访, 随访记录, 结案): the fields each needs,
// posted with the version the user saw.
import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSystemNow } from '../../layout/HeaderClock';
import type { PsychActionType } from './psych-api';

export const ACTION_LABELS: Record<PsychActionType, string> = {
  acknowledge: '接收',
  return: '退回',
  decline: '不予接收',
  recordSession: '记录咨询',
  startFollowUp: '转入随访',
  recordFollowUp: '记录随访',
  close: '结案',
};

const required = (message: string) => [{ required: true, whitespace: true, message }];

function Fields({ type }: { type: PsychActionType }) {
  const { t } = useTranslation();
  switch (type) {
    case 'return':
    case 'decline':
      return (
        <Form.Item
          name="reason"
          label={type === 'return' ? t('退回理由') : t('不予接收的理由')}
          extra={t('理由会告知转介单位，请勿填写当事人隐私')}
          rules={required(t('请填写理由'))}
        >
          <Input.TextArea rows={3} data-testid="psych-reason" />
        </Form.Item>
      );
    case 'recordSession':
      return (
        <>
          <Form.Item name="at" label={t('咨询时间')} rules={[{ required: true }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="durationMinutes" label={t('时长（分钟）')} rules={[{ required: true }]}>
            <InputNumber min={1} max={480} style={{ width: '100%' }} data-testid="psych-duration" />
          </Form.Item>
          <Form.Item name="form" label={t('形式')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'face_to_face', label: t('面谈') },
                { value: 'phone', label: t('电话') },
              ]}
            />
          </Form.Item>
          <Form.Item name="notes" label={t('咨询记录')} rules={required(t('请填写咨询记录'))}>
            <Input.TextArea rows={4} data-testid="psych-notes" />
          </Form.Item>
          <Form.Item name="nextStep" label={t('下一步安排')}>
            <Input maxLength={1000} />
          </Form.Item>
        </>
      );
    case 'recordFollowUp':
      return (
        <>
          <Form.Item name="at" label={t('随访时间')} rules={[{ required: true }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="notes" label={t('随访情况')} rules={required(t('请填写随访情况'))}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      );
    case 'close':
      return (
        <>
          <Form.Item name="outcome" label={t('结案情况')} rules={[{ required: true, message: t('请选择结案情况') }]}>
            <Select
              options={[
                { value: 'improved', label: t('状况好转') },
                { value: 'stable', label: t('情绪稳定') },
                { value: 'medical_referral', label: t('转介医疗机构') },
                { value: 'withdrawn', label: t('本人退出服务') },
                { value: 'other', label: t('其他') },
              ]}
            />
          </Form.Item>
          <Form.Item name="note" label={t('结案说明')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      );
    default:
      return (
        <Form.Item name="note" label={t('说明')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      );
  }
}

export function PsychActionModal({
  type,
  pending,
  onSubmit,
  onCancel,
}: {
  type: PsychActionType | null;
  pending: boolean;
  onSubmit: (action: Record<string, unknown>) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const now = useSystemNow();
  if (!type) return null;
  const submit = (v: Record<string, unknown>) => {
    const at = v.at as dayjs.Dayjs | undefined;
    if (type === 'recordSession') {
      onSubmit({
        type,
        session: {
          at: at?.toISOString(),
          durationMinutes: v.durationMinutes,
          form: v.form,
          notes: v.notes,
          nextStep: v.nextStep ?? '',
        },
      });
    } else if (type === 'recordFollowUp') {
      onSubmit({ type, at: at?.toISOString(), notes: v.notes });
    } else {
      onSubmit({ type, ...v });
    }
  };
  return (
    <Modal
      open
      title={t(ACTION_LABELS[type])}
      okText={t('提交')}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'psych-action-ok' } as Record<string, string>}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{ at: now?.subtract(5, 'minute'), durationMinutes: 50, form: 'face_to_face' }}
      >
        <Fields type={type} />
      </Form>
    </Modal>
  );
}
