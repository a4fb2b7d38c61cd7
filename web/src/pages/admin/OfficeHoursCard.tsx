// 工作时间: the office periods of a working day. Limits in working hours count only these periods, and a limit in
// working days falls due at the end of the last one (GET / PUT /api/office-hours).
import { ClockCircleOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { OfficeHours, OfficePeriod } from '../../api-types';
import { ErrorAlert, FormModal, useAdminMutation, useEditing } from '../../components/admin-forms';

const MAX_PERIODS = 4;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** The two fields of a period. */
const ENDS = [
  { key: 'start', label: '开始', missing: '请填写开始时间', placeholder: '08:30' },
  { key: 'end', label: '结束', missing: '请填写结束时间', placeholder: '12:00' },
] as const;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The office time of one working day, e.g. "7 小时" or "7.5 小时". */
function dayLength(periods: OfficePeriod[]): number {
  return periods.reduce((sum, p) => sum + minutes(p.end) - minutes(p.start), 0) / 60;
}

export function OfficeHoursCard() {
  const { t } = useTranslation();
  const [form] = Form.useForm<OfficeHours>();
  const { data, error } = useQuery({
    queryKey: ['office-hours'],
    queryFn: () => api<OfficeHours>('/api/office-hours'),
  });
  const save = useAdminMutation({
    mutationFn: (v: OfficeHours) =>
      api<OfficeHours>('/api/office-hours', {
        method: 'PUT',
        body: { periods: v.periods.map((p) => ({ start: p.start.trim(), end: p.end.trim() })) },
      }),
    invalidate: ['office-hours'],
    success: '工作时间已保存',
    onSuccess: () => {
      close();
    },
    inlineError: true,
  });
  const { editing, open, close } = useEditing<OfficeHours, OfficeHours>(
    form,
    (hours) => ({ periods: hours === 'new' ? [{ start: '', end: '' }] : hours.periods }),
    save,
  );
  const periods = data?.periods ?? [];
  const timeRule = { pattern: HHMM, message: t('格式为 HH:MM，如 08:30') };

  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Space>
          <ClockCircleOutlined />
          {t('工作时间')}
        </Space>
      }
      extra={
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => data && open(data)}
          disabled={!data}
          data-testid="office-hours-edit"
        >
          {t('修改')}
        </Button>
      }
      data-testid="office-hours"
    >
      <ErrorAlert error={error} />
      <Space wrap>
        <Typography.Text>{t('工作日')}</Typography.Text>
        {periods.map((p) => (
          <Tag key={p.start} color="blue" data-testid="office-hours-period">
            {p.start}–{p.end}
          </Tag>
        ))}
        {data && (
          <Typography.Text type="secondary">
            {t('每个工作日共 {{h}} 小时；按工作小时、工作日计的时限只计算这些时段。', {
              h: Number(dayLength(periods).toFixed(2)),
            })}
          </Typography.Text>
        )}
      </Space>
      <FormModal
        open={editing !== null}
        title={t('修改工作时间')}
        form={form}
        onCancel={close}
        onFinish={(v) => save.mutate(v)}
        saving={save.isPending}
        error={save.error}
        testId="office-hours-form"
      >
        <Typography.Paragraph type="secondary">
          {t('填写工作日的上班时段（24 小时制），最多 4 段，不能重叠。修改后新计算的时限立即按新时段计算。')}
        </Typography.Paragraph>
        <Form.List
          name="periods"
          rules={[
            {
              validator: async (_, value: OfficePeriod[] | undefined) => {
                if (!value?.length) throw new Error(t('至少需要一个上班时段'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" style={{ display: 'flex' }} data-testid={`office-period-${i}`}>
                  {ENDS.map((end) => (
                    <Form.Item
                      key={end.key}
                      name={[field.name, end.key]}
                      label={i === 0 ? t(end.label) : undefined}
                      rules={[{ required: true, message: t(end.missing) }, timeRule]}
                      style={{ width: 130 }}
                    >
                      <Input placeholder={end.placeholder} data-testid={`office-period-${end.key}`} />
                    </Form.Item>
                  ))}
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('删除')}
                    onClick={() => remove(field.name)}
                    style={{ marginTop: i === 0 ? 30 : 0 }}
                  />
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_PERIODS}
                onClick={() => add({ start: '', end: '' })}
                data-testid="office-period-add"
              >
                {t('添加时段')}
              </Button>
            </>
          )}
        </Form.List>
      </FormModal>
    </Card>
  );
}
