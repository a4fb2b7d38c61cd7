// The form of one dispute action (受理, 不予受理, 指派调解, 调解记录, 延期, 调解成功, 签署, 调解不成, 移交, 回访, 司法确认,
// 催办): the fields each needs, posted with the version the user saw.
import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSystemNow } from '../../layout/HeaderClock';
import type { DisputeActionType } from './dispute-api';
import { CommitteeSelect } from './pickers';

export const ACTION_LABELS: Record<Exclude<DisputeActionType, 'escalateOverdue'>, string> = {
  accept: '受理',
  reject: '不予受理',
  assign: '指派调解',
  recordSession: '记录调解',
  extend: '延长调解期限',
  reachAgreement: '调解成功',
  sign: '协议已签署',
  fail: '调解不成',
  transfer: '移交上级',
  recordFollowUp: '记录回访',
  confirmPerformance: '确认履行',
  referJudicial: '申请司法确认',
  urge: '催办',
};

const required = (message: string) => [{ required: true, whitespace: true, message }];

function Fields({ type }: { type: DisputeActionType }) {
  const { t } = useTranslation();
  switch (type) {
    case 'reject':
      return (
        <Form.Item name="reason" label={t('不予受理的理由')} rules={required(t('请填写理由'))}>
          <Input.TextArea rows={3} />
        </Form.Item>
      );
    case 'assign':
      return (
        <>
          <Form.Item
            name="mediatorOrgId"
            label={t('调解组织')}
            rules={[{ required: true, message: t('请选择调解组织') }]}
          >
            <CommitteeSelect />
          </Form.Item>
          <Form.Item name="mediatorName" label={t('调解员')}>
            <Input maxLength={100} data-testid="mediator-name" />
          </Form.Item>
          <Form.Item name="note" label={t('指派说明')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      );
    case 'recordSession':
      return (
        <>
          <Form.Item name="at" label={t('调解时间')} rules={[{ required: true }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="place" label={t('调解地点')} rules={required(t('请填写调解地点'))}>
            <Input data-testid="session-place" />
          </Form.Item>
          <Form.Item name="participants" label={t('参加人员')} rules={required(t('请填写参加人员'))}>
            <Input data-testid="session-participants" />
          </Form.Item>
          <Form.Item name="notes" label={t('调解情况')} rules={required(t('请填写调解情况'))}>
            <Input.TextArea rows={4} data-testid="session-notes" />
          </Form.Item>
        </>
      );
    case 'extend':
      return (
        <>
          <Form.Item name="days" label={t('延长天数（只能延长一次，最多 30 天）')} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} />
          </Form.Item>
          <Form.Item name="reason" label={t('延期理由')} rules={required(t('请填写延期理由'))}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      );
    case 'reachAgreement':
      return (
        <>
          <Form.Item name="terms" label={t('协议内容')} rules={required(t('请填写协议内容'))}>
            <Input.TextArea rows={6} placeholder={t('一、……\n二、……')} data-testid="agreement-terms" />
          </Form.Item>
          <Form.Item name="performBy" label={t('履行期限')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="followUpDays" label={t('回访期限（签署后天数）')}>
            <InputNumber min={1} max={90} />
          </Form.Item>
        </>
      );
    case 'fail':
      return (
        <>
          <Form.Item name="route" label={t('引导当事人')} rules={[{ required: true, message: t('请选择途径') }]}>
            <Select
              options={[
                { value: 'litigation', label: t('诉讼') },
                { value: 'arbitration', label: t('仲裁') },
                { value: 'administrative', label: t('行政处理') },
              ]}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('调解不成的原因')} rules={required(t('请填写原因'))}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      );
    case 'transfer':
      return (
        <Form.Item name="reason" label={t('移交理由')} rules={required(t('请填写移交理由'))}>
          <Input.TextArea rows={3} />
        </Form.Item>
      );
    case 'recordFollowUp':
      return (
        <>
          <Form.Item
            name="performance"
            label={t('协议履行情况')}
            rules={[{ required: true, message: t('请选择履行情况') }]}
          >
            <Select
              options={[
                { value: 'performed', label: t('已履行') },
                { value: 'partial', label: t('部分履行') },
                { value: 'not_performed', label: t('未履行') },
              ]}
              data-testid="performance"
            />
          </Form.Item>
          <Form.Item name="note" label={t('回访情况')} rules={required(t('请填写回访情况'))}>
            <Input.TextArea rows={3} data-testid="followup-note" />
          </Form.Item>
        </>
      );
    case 'referJudicial':
      return (
        <>
          <Form.Item name="court" label={t('受理司法确认的人民法院')} rules={required(t('请填写人民法院'))}>
            <Input />
          </Form.Item>
          <Form.Item name="note" label={t('说明')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      );
    case 'confirmPerformance':
      return (
        <>
          <Form.Item name="performed" label={t('对方是否已按协议履行')} rules={[{ required: true }]}>
            <Select
              options={[
                { value: true, label: t('已履行') },
                { value: false, label: t('未履行') },
              ]}
            />
          </Form.Item>
          <Form.Item name="note" label={t('说明')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      );
    default:
      return (
        <Form.Item name="note" label={t('说明（可选）')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      );
  }
}

/** The form values as the API's action. */
function toAction(type: DisputeActionType, v: Record<string, unknown>): Record<string, unknown> {
  const iso = (d: unknown) => (d ? dayjs(d as string).toISOString() : undefined);
  if (type === 'recordSession') {
    return {
      type,
      session: { at: iso(v.at), place: v.place, participants: v.participants, notes: v.notes },
    };
  }
  if (type === 'reachAgreement') return { ...v, type, performBy: iso(v.performBy) ?? null };
  return { ...v, type };
}

export function DisputeActionModal({
  type,
  pending,
  onCancel,
  onSubmit,
}: {
  type: DisputeActionType | null;
  pending: boolean;
  onCancel: () => void;
  onSubmit: (action: Record<string, unknown>) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const now = (useSystemNow() ?? dayjs()).subtract(1, 'minute');
  return (
    <Modal
      open={type !== null}
      title={type && type !== 'escalateOverdue' ? t(ACTION_LABELS[type]) : ''}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('确定')}
      confirmLoading={pending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'action-submit' } as Record<string, string>}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ at: now, followUpDays: 15, days: 10 }}
        onFinish={(v) => type && onSubmit(toAction(type, v))}
      >
        {type && <Fields type={type} />}
      </Form>
    </Modal>
  );
}
