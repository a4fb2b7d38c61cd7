// 联席会议: the meetings the user's unit organises or sits in, by kind, state and year, with how their decisions
// stand (open and overdue tasks); 召集会议 for organisers.
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { PageTitle } from '../../components/common';
import { useSystemNow } from '../../layout/HeaderClock';
import { type Meeting, type MeetingRow, useMeetingKinds } from './meeting-api';
import { MeetingStateTag, STATE_OPTIONS } from './meeting-labels';

interface NewMeetingValues {
  kindId: number;
  startsAt: Dayjs;
  title?: string;
  place?: string;
  chair?: string;
  secretary?: string;
}

function NewMeetingModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewMeetingValues>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const kinds = useMeetingKinds();
  const now = useSystemNow() ?? dayjs();
  const [error, setError] = useState<string | null>(null);
  const kindId = Form.useWatch('kindId', form);
  const startsAt = Form.useWatch('startsAt', form);
  const kind = kinds.data?.items.find((k) => k.id === kindId);
  const manageable = (kinds.data?.items ?? []).filter((k) => k.canManage && k.active);
  const create = useMutation({
    mutationFn: (v: NewMeetingValues) =>
      api<Meeting>('/api/meetings', {
        method: 'POST',
        body: {
          kindId: v.kindId,
          startsAt: v.startsAt.second(0).millisecond(0).toISOString(),
          ...(v.title?.trim() && { title: v.title.trim() }),
          ...(v.place && { place: v.place }),
          ...(v.chair && { chair: v.chair }),
          ...(v.secretary && { secretary: v.secretary }),
        },
      }),
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: ['meetings', 'list'] });
      form.resetFields();
      onClose();
      navigate(`/meetings/${m.id}`);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open={open}
      title={t('召集会议')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('召集')}
      okButtonProps={{ 'data-testid': 'meeting-create-ok' } as never}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={600}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<NewMeetingValues>
        form={form}
        layout="vertical"
        initialValues={{ startsAt: now.add(1, 'day').hour(9).minute(30) }}
        onFinish={(v) => {
          setError(null);
          create.mutate(v);
        }}
      >
        <Form.Item name="kindId" label={t('会议类型')} rules={[{ required: true, message: t('请选择会议类型') }]}>
          <Select
            data-testid="meeting-kind"
            options={manageable.map((k) => ({ value: k.id, label: `${k.name}（${k.organiser.name}）` }))}
            loading={kinds.isLoading}
          />
        </Form.Item>
        <Form.Item name="startsAt" label={t('会议时间')} rules={[{ required: true, message: t('请选择会议时间') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="meeting-starts-at" />
        </Form.Item>
        <Form.Item name="title" label={t('会议名称')} extra={t('不填则按“年月 + 会议类型”命名')}>
          <Input
            maxLength={200}
            placeholder={kind && startsAt ? `${startsAt.year()}年${startsAt.month() + 1}月${kind.name}` : ''}
            data-testid="meeting-title"
          />
        </Form.Item>
        <Form.Item name="place" label={t('会议地点')}>
          <Input maxLength={200} data-testid="meeting-place" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
          <Form.Item name="chair" label={t('主持人')}>
            <Input maxLength={100} placeholder={kind?.chair} />
          </Form.Item>
          <Form.Item name="secretary" label={t('记录人')}>
            <Input maxLength={100} placeholder={t('默认为本人')} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}

export default function MeetingListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const kinds = useMeetingKinds();
  const now = useSystemNow() ?? dayjs();
  const kindId = params.get('kindId') ?? undefined;
  const state = params.get('state') ?? undefined;
  const year = params.get('year') ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const list = useQuery({
    queryKey: ['meetings', 'list', { kindId, state, year, page }],
    queryFn: () =>
      api<{ items: MeetingRow[]; total: number }>('/api/meetings', {
        query: { kindId, state, year, page, pageSize: 20 },
      }),
    placeholderData: keepPreviousData,
  });
  const update = (key: string, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const years = Array.from({ length: 4 }, (_, i) => now.year() - i);
  const columns: TableProps<MeetingRow>['columns'] = [
    {
      title: t('会议'),
      key: 'title',
      render: (_, m) => (
        <div>
          <Link to={`/meetings/${m.id}`} data-testid="meeting-link">
            {m.title}
          </Link>
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>
            {m.kind.name} · {m.organiser.name}
          </div>
        </div>
      ),
    },
    {
      title: t('时间地点'),
      key: 'time',
      render: (_, m) => (
        <div>
          {dayjs(m.startsAt).format('YYYY-MM-DD HH:mm')}
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>{m.place || '—'}</div>
        </div>
      ),
    },
    { title: t('主持人'), dataIndex: 'chair', key: 'chair', render: (v: string) => v || '—' },
    { title: t('状态'), key: 'state', render: (_, m) => <MeetingStateTag state={m.state} label={m.stateLabel} /> },
    { title: t('议题'), dataIndex: 'itemCount', key: 'items', align: 'right' },
    {
      title: t('决定事项 / 任务'),
      key: 'tasks',
      render: (_, m) =>
        m.decisionCount === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Space size={4} wrap>
            <span>
              {m.decisionCount} {t('项决定')}
            </span>
            {m.tasks.open > 0 && <Tag color="blue">{t('未完成 {{n}}', { n: m.tasks.open })}</Tag>}
            {m.tasks.overdue > 0 && <Tag color="red">{t('逾期 {{n}}', { n: m.tasks.overdue })}</Tag>}
            {m.tasks.total > 0 && m.tasks.open === 0 && <Tag color="green">{t('已全部完成')}</Tag>}
          </Space>
        ),
    },
  ];
  return (
    <>
      <PageTitle
        title={t('联席会议')}
        extra={
          <Space>
            <Link to="/meetings/kinds">
              <Button icon={<SettingOutlined />} data-testid="meeting-kinds">
                {t('会议类型')}
              </Button>
            </Link>
            {can('meeting.manage') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="new-meeting"
              >
                {t('召集会议')}
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            allowClear
            style={{ width: 260 }}
            placeholder={t('全部会议类型')}
            value={kindId ? Number(kindId) : undefined}
            onChange={(v) => update('kindId', v)}
            options={(kinds.data?.items ?? []).map((k) => ({ value: k.id, label: k.name }))}
            data-testid="filter-kind"
          />
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('全部状态')}
            value={state}
            onChange={(v) => update('state', v)}
            options={STATE_OPTIONS.map((o) => ({ value: o.value, label: t(o.label) }))}
            data-testid="filter-state"
          />
          <Select
            allowClear
            style={{ width: 120 }}
            placeholder={t('全部年度')}
            value={year ? Number(year) : undefined}
            onChange={(v) => update('year', v)}
            options={years.map((y) => ({ value: y, label: t('{{y}}年', { y }) }))}
            data-testid="filter-year"
          />
        </Space>
      </Card>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<MeetingRow>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        scroll={{ x: 860 }}
        data-testid="meeting-table"
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => update('page', p),
        }}
      />
      <NewMeetingModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
