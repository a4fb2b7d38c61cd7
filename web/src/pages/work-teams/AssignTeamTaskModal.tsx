// 专班交办: a task for one member unit (others of the team may assist), due at 17:30 of the chosen day; the task
// capability keeps its clock, warnings and escalation, and it shows in the unit's inbox.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useSystemNow } from '../../layout/HeaderClock';
import type { WorkTeam } from './work-team-api';

interface Values {
  title: string;
  description?: string;
  ownerOrgId: number;
  assistingOrgIds?: number[];
  dueDate: Dayjs;
}

export function AssignTeamTaskModal({ team, open, onClose }: { team: WorkTeam; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const now = useSystemNow() ?? dayjs();
  const [error, setError] = useState<string | null>(null);
  const units = team.units.map((u) => ({ value: u.org.id, label: u.org.name }));
  const assign = useMutation({
    mutationFn: (v: Values) =>
      api<{ id: number }>(`/api/work-teams/${team.id}/tasks`, {
        method: 'POST',
        body: {
          title: v.title,
          description: v.description ?? '',
          ownerOrgId: v.ownerOrgId,
          assistingOrgIds: v.assistingOrgIds ?? [],
          dueAt: v.dueDate.hour(17).minute(30).second(0).millisecond(0).toISOString(),
        },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['work-teams'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open={open}
      title={t('专班交办任务')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('交办')}
      confirmLoading={assign.isPending}
      destroyOnHidden
      width={600}
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="team-task-error" />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setError(null);
          assign.mutate(v);
        }}
      >
        <Form.Item name="title" label={t('任务名称')} rules={[{ required: true, message: t('请填写任务名称') }]}>
          <Input maxLength={200} data-testid="team-task-title" />
        </Form.Item>
        <Form.Item name="description" label={t('任务要求')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="ownerOrgId" label={t('责任单位')} rules={[{ required: true, message: t('请选择责任单位') }]}>
          <Select options={units} data-testid="team-task-owner" />
        </Form.Item>
        <Form.Item name="assistingOrgIds" label={t('协办单位')}>
          <Select mode="multiple" options={units} />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={t('完成日期（当日 17:30）')}
          rules={[{ required: true, message: t('请选择完成日期') }]}
        >
          <DatePicker disabledDate={(d) => d.isBefore(now, 'day')} style={{ width: 200 }} data-testid="team-task-due" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
