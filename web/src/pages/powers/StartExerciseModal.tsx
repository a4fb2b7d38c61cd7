// 启动办理: one exercise of a power — a title fit for the village's public page (no personal data), the subject
// and the amount for the staff, and the day it started (the first step's time limit runs from it).
import { useMutation } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useSystemNow } from '../../layout/HeaderClock';
import type { PowerItemView } from './power-api';

interface Values {
  title: string;
  subject?: string;
  amount?: number | null;
  startedOn: Dayjs;
}

export function StartExerciseModal({
  item,
  onClose,
  onStarted,
}: {
  item: PowerItemView;
  onClose: () => void;
  onStarted: (id: number) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const now = useSystemNow() ?? dayjs();
  const start = useMutation({
    mutationFn: (v: Values) =>
      api<{ id: number }>('/api/powers/exercises', {
        method: 'POST',
        body: {
          itemId: item.id,
          title: v.title,
          subject: v.subject ?? '',
          amount: v.amount ?? null,
          startedOn: v.startedOn.format('YYYY-MM-DD'),
        },
      }),
    onSuccess: (r) => onStarted(r.id),
  });
  return (
    <Modal
      open
      title={`${t('启动办理')}：${item.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={start.isPending}
      okButtonProps={{ 'data-testid': 'start-ok' }}
    >
      {start.error && <Alert type="error" showIcon title={errorMessage(start.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ startedOn: now }} onFinish={(v) => start.mutate(v)}>
        <Form.Item
          name="title"
          label={t('事项名称（将在村务公开页显示，勿含姓名等个人信息）')}
          rules={[{ required: true, whitespace: true, message: t('请填写事项名称') }]}
        >
          <Input maxLength={200} data-testid="start-title" />
        </Form.Item>
        <Form.Item name="subject" label={t('办理对象或内容（仅工作人员可见）')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="amount" label={t('涉及金额（元）')}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="startedOn" label={t('启动日期')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(now, 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
