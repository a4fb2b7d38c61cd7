// 交办任务: title, what is asked, the owner unit and assisting units, and the due time — a date, or a limit on
// the working calendar (the server counts it over holidays and 调休 days as it does for cases).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import type { DurationUnit, TaskDetail } from '../../api-types';
import { UnitSelect } from '../../components/UnitSelect';
import { useSystemNow } from '../../layout/HeaderClock';
import type { Id } from '../../types';

interface Values {
  title: string;
  description?: string;
  ownerOrgId: Id;
  assistingOrgIds?: Id[];
  dueMode: 'date' | 'limit';
  dueAt?: Dayjs;
  amount?: number;
  unit?: DurationUnit;
}

/** `caseId`: the task is about this case (its page links back to it). */
export function NewTaskModal({ open, onClose, caseId }: { open: boolean; onClose: () => void; caseId?: number }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const dueMode = Form.useWatch('dueMode', form) ?? 'date';
  // the system's time (the demo clock may run ahead of the wall clock)
  const now = useSystemNow() ?? dayjs();
  const create = useMutation({
    mutationFn: (v: Values) =>
      api<TaskDetail>('/api/tasks', {
        method: 'POST',
        body: {
          title: v.title,
          description: v.description ?? '',
          ownerOrgId: Number(v.ownerOrgId),
          assistingOrgIds: (v.assistingOrgIds ?? []).map(Number),
          ...(caseId ? { caseId } : {}),
          ...(v.dueMode === 'date'
            ? { dueAt: v.dueAt?.hour(17).minute(30).second(0).millisecond(0).toISOString() }
            : { limit: { amount: v.amount, unit: v.unit } }),
        },
      }),
    onSuccess: (task) => {
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      form.resetFields();
      onClose();
      navigate(`/tasks/${task.id}`);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open={open}
      title={t('交办任务')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('交办')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={620}
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="task-form-error" />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ dueMode: 'date', unit: 'working_days', amount: 5 }}
        onFinish={(v) => {
          setError(null);
          create.mutate(v);
        }}
      >
        <Form.Item name="title" label={t('任务名称')} rules={[{ required: true, message: t('请填写任务名称') }]}>
          <Input maxLength={200} data-testid="task-title" />
        </Form.Item>
        <Form.Item name="description" label={t('任务要求')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="ownerOrgId" label={t('责任单位')} rules={[{ required: true, message: t('请选择责任单位') }]}>
          <UnitSelect testId="task-owner" />
        </Form.Item>
        <Form.Item name="assistingOrgIds" label={t('协办单位')}>
          <UnitSelect multiple testId="task-assisting" />
        </Form.Item>
        <Form.Item name="dueMode" label={t('完成期限')}>
          <Radio.Group>
            <Radio value="date">{t('指定日期（当日 17:30）')}</Radio>
            <Radio value="limit">{t('办理时限')}</Radio>
          </Radio.Group>
        </Form.Item>
        {dueMode === 'date' ? (
          <Form.Item name="dueAt" rules={[{ required: true, message: t('请选择完成日期') }]}>
            <DatePicker
              disabledDate={(d) => d.isBefore(now, 'day')}
              style={{ width: 200 }}
              data-testid="task-due-date"
            />
          </Form.Item>
        ) : (
          <Space>
            <Form.Item name="amount" rules={[{ required: true, message: t('请填写时限') }]}>
              <InputNumber min={0.5} max={1000} step={1} />
            </Form.Item>
            <Form.Item name="unit">
              <Select
                style={{ width: 140 }}
                options={[
                  { value: 'working_days', label: t('个工作日') },
                  { value: 'working_hours', label: t('工作小时') },
                  { value: 'natural_hours', label: t('自然小时') },
                ]}
              />
            </Form.Item>
          </Space>
        )}
      </Form>
    </Modal>
  );
}
