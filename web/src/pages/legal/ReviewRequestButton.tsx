// 请求法律审核: a village's staff (or the town above) ask the village's adviser to review a decision or a
// contract; the request is a task of the law firm (任务督办), answered when the adviser records the review.
import { App, Button, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCurrentUser } from '../../auth';
import { UnitSelect } from '../../components/UnitSelect';

export function ReviewRequestButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  if (!['village', 'town', 'county'].includes(me.org?.kind ?? '')) return null;
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await api<{ taskId: number; number: string }>('/api/legal/review-requests', {
        method: 'POST',
        body: { ...v, villageId: v.villageId ?? me.org?.id },
      });
      message.success(t('已请求法律审核，任务编号 {{number}}', { number: r.number }));
      setOpen(false);
      form.resetFields();
      navigate(`/tasks/${r.taskId}`);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="legal-request-review">
        {t('请求法律审核')}
      </Button>
      <Modal open={open} title={t('请求法律审核')} onCancel={() => setOpen(false)} onOk={submit} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ dueDays: 5 }}>
          {me.org?.kind !== 'village' && (
            <Form.Item name="villageId" label={t('村（社区）')} rules={[{ required: true }]}>
              <UnitSelect />
            </Form.Item>
          )}
          <Form.Item name="documentTitle" label={t('需审核的决策或合同')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="note" label={t('说明')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="dueDays" label={t('审核期限（工作日）')}>
            <InputNumber min={1} max={30} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
