// 节假日日历: public holidays and 调休 make-up workdays per year; every working-day deadline depends on it.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import {
  EditDeleteLinks,
  ErrorAlert,
  FormModal,
  NewButton,
  useAdminMutation,
  useEditing,
} from '../../components/admin-forms';
import { PageTitle } from '../../components/common';
import { useSystemNow } from '../../layout/HeaderClock';
import type { CalendarDay } from '../../types';

interface DayForm {
  day: Dayjs;
  kind: 'holiday' | 'workday';
  name: string;
}

export default function CalendarPage() {
  const { t } = useTranslation();
  const now = useSystemNow();
  const [year, setYear] = useState(() => (now ?? dayjs()).year());
  const [form] = Form.useForm<DayForm>();
  const { data, isLoading, error } = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => api<{ year: number; days: CalendarDay[] }>('/api/calendar', { query: { year } }),
  });
  const save = useAdminMutation({
    mutationFn: async ({ values: v, was }: { values: DayForm; was: CalendarDay | 'new' | null }) => {
      const day = v.day.format('YYYY-MM-DD');
      // moving a day: the old date goes
      if (was && was !== 'new' && was.day !== day) await api(`/api/calendar/${was.day}`, { method: 'DELETE' });
      return api(`/api/calendar/${day}`, { method: 'PUT', body: { kind: v.kind, name: v.name } });
    },
    invalidate: ['calendar'],
    success: '已保存',
    onSuccess: () => {
      close();
    },
    inlineError: true,
  });
  const remove = useAdminMutation({
    mutationFn: (day: string) => api(`/api/calendar/${day}`, { method: 'DELETE' }),
    invalidate: ['calendar'],
    success: '已删除',
  });
  const { editing, open, close } = useEditing<CalendarDay, DayForm>(
    form,
    (d) =>
      d === 'new'
        ? { kind: 'holiday', day: dayjs(`${year}-01-01`) }
        : { day: dayjs(d.day), kind: d.kind, name: d.name },
    save,
  );

  const days = [...(data?.days ?? [])].sort((a, b) => a.day.localeCompare(b.day));
  const holidays = days.filter((d) => d.kind === 'holiday').length;
  const workdays = days.length - holidays;
  const baseYear = (now ?? dayjs()).year();
  const years = Array.from({ length: 6 }, (_, i) => baseYear - 3 + i);

  return (
    <>
      <PageTitle
        title={t('节假日日历')}
        extra={
          <Space>
            <Select
              value={year}
              onChange={setYear}
              style={{ width: 110 }}
              options={years.map((y) => ({ value: y, label: t('{{y}} 年', { y }) }))}
              data-testid="calendar-year"
            />
            <NewButton label={t('新增')} onClick={() => open('new')} testId="calendar-new" />
          </Space>
        }
      />
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('法定节假日（天）')} value={holidays} styles={{ content: { color: '#b7282e' } }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('调休上班（天）')} value={workdays} styles={{ content: { color: '#1d5fa8' } }} />
          </Card>
        </Col>
      </Row>
      <ErrorAlert error={error} />
      <Table<CalendarDay>
        rowKey="day"
        size="small"
        loading={isLoading}
        dataSource={days}
        pagination={false}
        data-testid="calendar-table"
        columns={[
          { title: t('日期'), dataIndex: 'day', width: 140 },
          { title: t('星期'), key: 'weekday', width: 90, render: (_, d) => dayjs(d.day).format('dddd') },
          {
            title: t('类型'),
            dataIndex: 'kind',
            width: 120,
            render: (k: string) =>
              k === 'holiday' ? <Tag color="red">{t('放假')}</Tag> : <Tag color="blue">{t('调休上班')}</Tag>,
          },
          { title: t('名称'), dataIndex: 'name' },
          {
            title: t('操作'),
            key: 'actions',
            width: 140,
            render: (_, d) => (
              <EditDeleteLinks
                onEdit={() => open(d)}
                onDelete={() => remove.mutate(d.day)}
                confirm={t('确定删除 {{day}}？', { day: d.day })}
              />
            ),
          },
        ]}
      />
      <FormModal
        open={editing !== null}
        title={editing === 'new' ? t('新增日期') : t('编辑日期')}
        form={form}
        onCancel={close}
        onFinish={(values) => save.mutate({ values, was: editing })}
        saving={save.isPending}
        error={save.error}
        testId="calendar-form"
      >
        <Form.Item name="day" label={t('日期')} rules={[{ required: true, message: t('请选择日期') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="kind" label={t('类型')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'holiday', label: t('放假') },
              { value: 'workday', label: t('调休上班') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('名称')} rules={[{ required: true, message: t('请输入名称') }]}>
          <Input placeholder={t('如：国庆节')} />
        </Form.Item>
      </FormModal>
    </>
  );
}
