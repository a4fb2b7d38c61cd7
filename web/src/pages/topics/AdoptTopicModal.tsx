// 采纳为议题: a proposal becomes a governance topic — its title, the lead unit, and the tasks (what, which unit,
// by when) that the task capability then tracks.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { UnitSelect } from '../../components/UnitSelect';
import { useSystemNow } from '../../layout/HeaderClock';
import type { Id } from '../../types';
import type { TopicDetail, TopicProposal } from './topic-api';

interface Values {
  title: string;
  description?: string;
  leadOrgId: Id;
  tasks: { title: string; ownerOrgId: Id; dueAt: Dayjs }[];
}

export function AdoptTopicModal({
  proposal,
  areaOrgId,
  onClose,
}: {
  proposal: TopicProposal | null;
  areaOrgId: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const now = useSystemNow() ?? dayjs();
  const adopt = useMutation({
    mutationFn: (v: Values) =>
      api<TopicDetail>('/api/topics', {
        method: 'POST',
        body: {
          orgId: areaOrgId,
          month: proposal?.month,
          proposalKey: proposal?.key,
          title: v.title,
          description: v.description ?? '',
          leadOrgId: Number(v.leadOrgId),
          tasks: v.tasks.map((task) => ({
            title: task.title,
            ownerOrgId: Number(task.ownerOrgId),
            dueAt: task.dueAt.hour(17).minute(30).second(0).millisecond(0).toISOString(),
          })),
        },
      }),
    onSuccess: (topic) => {
      void qc.invalidateQueries({ queryKey: ['topics'] });
      onClose();
      navigate(`/topics/${topic.id}`);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open={!!proposal}
      title={t('采纳为议题')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('采纳')}
      confirmLoading={adopt.isPending}
      destroyOnHidden
      width={680}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="adopt-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ title: proposal?.title ?? '', tasks: [{ title: '' }] }}
        onFinish={(v) => {
          setError(null);
          adopt.mutate(v);
        }}
      >
        <Form.Item name="title" label={t('议题名称')} rules={[{ required: true, message: t('请填写议题名称') }]}>
          <Input maxLength={200} data-testid="adopt-title" />
        </Form.Item>
        <Form.Item name="description" label={t('治理思路')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="leadOrgId" label={t('牵头单位')} rules={[{ required: true, message: t('请选择牵头单位') }]}>
          <UnitSelect testId="adopt-lead" />
        </Form.Item>
        <Form.List name="tasks">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex' }} data-testid="adopt-task">
                  <Form.Item
                    name={[field.name, 'title']}
                    rules={[{ required: true, message: t('请填写任务名称') }]}
                    style={{ width: 240 }}
                  >
                    <Input placeholder={t('任务名称')} maxLength={200} data-testid={`adopt-task-title-${i}`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'ownerOrgId']}
                    rules={[{ required: true, message: t('请选择责任单位') }]}
                    style={{ width: 200 }}
                  >
                    <UnitSelect placeholder={t('责任单位')} testId={`adopt-task-owner-${i}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'dueAt']} rules={[{ required: true, message: t('请选择完成日期') }]}>
                    <DatePicker
                      placeholder={t('完成期限')}
                      disabledDate={(d) => d.isBefore(now, 'day')}
                      data-testid={`adopt-task-due-${i}`}
                    />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                  )}
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ title: '' })}
                disabled={fields.length >= 20}
              >
                {t('添加任务')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
