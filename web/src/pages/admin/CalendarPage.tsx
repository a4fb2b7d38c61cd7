// 节假日日历: public holidays and 调休 make-up workdays per year; every working-day deadline depends on it.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
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
  const { message } = App.useApp();
  const qc = useQueryClient();
  const now = useSystemNow();
  const [year, setYear] = useState(() => (now ?? dayjs()).year());
  const [editing, setEditing] = useState<CalendarDay | 'new' | null>(null);
  const [form] = Form.useForm<DayForm>();
  const { data, isLoading, error } = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => api<{ year: number; days: CalendarDay[] }>('/api/calendar', { query: { year } }),
  });
  const save = useMutation({
    mutationFn: async (v: DayForm) => {
      const day = v.day.format('YYYY-MM-DD');
      if (editing && editing !== 'new' && editing.day !== day) {
        await api(`/api/calendar/${editing.day}`, { method: 'DELETE' });
      }
      return api(`/api/calendar/${day}`, { method: 'PUT', body: { kind: v.kind, name: v.name } });
    },
    onSuccess: () => {
      message.success(t('已保存'));
      void qc.invalidateQueries({ queryKey: ['calendar'] });
      setEditing(null);
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const remove = useMutation({
    mutationFn: (day: string) => api(`/api/calendar/${day}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success(t('已删除'));
      void qc.invalidateQueries({ queryKey: ['calendar'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  const days = [...(data?.days ?? [])].sort((a, b) => a.day.localeCompare(b.day));
  const holidays = days.filter((d) => d.kind === 'holiday').length;
  const workdays = days.length - holidays;
  const baseYear = (now ?? dayjs()).year();
  const years = Array.from({ length: 6 }, (_, i) => baseYear - 3 + i);

  const open = (d: CalendarDay | 'new') => {
    setEditing(d);
    form.resetFields();
    if (d === 'new') form.setFieldsValue({ kind: 'holiday', day: dayjs(`${year}-01-01`) });
    else form.setFieldsValue({ day: dayjs(d.day), kind: d.kind, name: d.name });
  };

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
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
              {t('新增')}
            </Button>
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
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
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
              <Space size={0}>
                <Button type="link" size="small" onClick={() => open(d)}>
                  {t('编辑')}
                </Button>
                <Popconfirm title={t('确定删除 {{day}}？', { day: d.day })} onConfirm={() => remove.mutate(d.day)}>
                  <Button type="link" size="small" danger>
                    {t('删除')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('新增日期') : t('编辑日期')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
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
        </Form>
      </Modal>
    </>
  );
}
