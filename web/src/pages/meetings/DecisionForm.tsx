// 记录决定事项: the decision's text and its tasks — owner unit, assisting units and the due day (a working day,
// due at the end of its office hours) or a limit in working days. The tasks are created with the decision.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSystemNow } from '../../layout/HeaderClock';
import { type Meeting, type MeetingItem, useMeetingChange } from './meeting-api';
import { ChangeError } from './meeting-labels';

interface TaskValues {
  ownerOrgId?: number;
  assistingOrgIds?: number[];
  dueMode: 'date' | 'limit';
  dueDate?: Dayjs;
  amount?: number;
  title?: string;
}

interface Values {
  text: string;
  tasks: TaskValues[];
}

export function DecisionForm({ meeting, item, onDone }: { meeting: Meeting; item: MeetingItem; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const change = useMeetingChange(meeting);
  const now = useSystemNow() ?? dayjs();
  const units = meeting.members.map((m) => ({ value: m.id, label: m.name }));
  const tasks = Form.useWatch('tasks', form) ?? [];
  return (
    <Card size="small" type="inner" title={t('记录决定事项')} data-testid="decision-form">
      <ChangeError error={change.error} testId="decision-error" />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ tasks: [{ dueMode: 'date' }] }}
        onFinish={(v) =>
          change.mutate(
            {
              method: 'POST',
              path: `/items/${item.id}/decisions`,
              body: {
                text: v.text,
                tasks: v.tasks.map((task) => ({
                  ownerOrgId: task.ownerOrgId,
                  assistingOrgIds: task.assistingOrgIds ?? [],
                  ...(task.title?.trim() && { title: task.title.trim() }),
                  ...(task.dueMode === 'date'
                    ? { dueDate: task.dueDate?.format('YYYY-MM-DD') }
                    : { limit: { amount: task.amount, unit: 'working_days' } }),
                })),
              },
            },
            {
              onSuccess: () => {
                form.resetFields();
                onDone();
              },
            },
          )
        }
      >
        <Form.Item name="text" label={t('决定内容')} rules={[{ required: true, message: t('请填写决定事项的内容') }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="decision-text" />
        </Form.Item>
        <Form.List name="tasks">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 8, background: '#fafafa' }}
                  title={t('任务 {{n}}', { n: index + 1 })}
                  extra={
                    fields.length > 1 ? (
                      <Button
                        size="small"
                        type="text"
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(field.name)}
                      />
                    ) : null
                  }
                  data-testid={`decision-task-${index}`}
                >
                  <div
                    style={{
                      display: 'grid',
                      gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
                      columnGap: 12,
                    }}
                  >
                    <Form.Item
                      name={[field.name, 'ownerOrgId']}
                      label={t('责任单位')}
                      rules={[{ required: true, message: t('请选择责任单位') }]}
                    >
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        options={units}
                        data-testid={`task-owner-${index}`}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'assistingOrgIds']} label={t('协办单位')}>
                      <Select
                        mode="multiple"
                        showSearch={{ optionFilterProp: 'label' }}
                        options={units}
                        data-testid={`task-assisting-${index}`}
                      />
                    </Form.Item>
                  </div>
                  <Space wrap align="start">
                    <Form.Item name={[field.name, 'dueMode']} label={t('完成期限')}>
                      <Radio.Group>
                        <Radio value="date">{t('指定工作日')}</Radio>
                        <Radio value="limit">{t('工作日时限')}</Radio>
                      </Radio.Group>
                    </Form.Item>
                    {tasks[index]?.dueMode === 'limit' ? (
                      <Form.Item
                        name={[field.name, 'amount']}
                        label={t('工作日')}
                        rules={[{ required: true, message: t('请填写时限') }]}
                      >
                        <InputNumber min={1} max={250} addonAfter={t('个工作日')} />
                      </Form.Item>
                    ) : (
                      <Form.Item
                        name={[field.name, 'dueDate']}
                        label={t('完成日期（当日下班前）')}
                        rules={[{ required: true, message: t('请选择完成日期') }]}
                      >
                        <DatePicker disabledDate={(d) => d.isBefore(now, 'day')} data-testid={`task-due-${index}`} />
                      </Form.Item>
                    )}
                    <Form.Item
                      name={[field.name, 'title']}
                      label={t('任务名称（默认为决定内容）')}
                      style={{ minWidth: 260 }}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              {fields.length < 10 && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ dueMode: 'date' })}
                  data-testid="add-decision-task"
                >
                  {t('再交办一个单位')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="save-decision">
            {t('保存决定并交办任务')}
          </Button>
          <Button onClick={onDone}>{t('取消')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
