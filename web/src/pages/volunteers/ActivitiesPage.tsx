// 志愿活动 for staff: the activities of the units in scope (filter by state, by the case/task/dispute that asked
// for volunteers), and 发起活动 — organiser, time, place (with a point for on-site check-in), places, skills.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import {
  ACTIVITY_STATE_COLORS,
  type ActivityDetail,
  type ActivityListItem,
  SOURCE_LABELS,
  useTeams,
} from './volunteer-api';

interface ActivityForm {
  title: string;
  description?: string;
  place: string;
  lat?: number;
  lng?: number;
  time: [Dayjs, Dayjs];
  capacity: number;
  skills?: string[];
  teamId?: number;
  awardPoints: boolean;
  publish: boolean;
}

function CreateActivityModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const teams = useTeams();
  const [params] = useSearchParams();
  const [form] = Form.useForm<ActivityForm>();
  const sourceKind = params.get('sourceKind');
  const sourceId = Number(params.get('sourceId'));
  const create = useMutation({
    mutationFn: (v: ActivityForm) =>
      api<ActivityDetail>('/api/volunteers/activities', {
        method: 'POST',
        body: {
          title: v.title,
          description: v.description,
          place: v.place,
          lat: v.lat ?? null,
          lng: v.lng ?? null,
          startsAt: v.time[0].toISOString(),
          endsAt: v.time[1].toISOString(),
          capacity: v.capacity,
          skills: v.skills ?? [],
          teamId: v.teamId ?? null,
          awardPoints: v.awardPoints,
          publish: v.publish,
          source: sourceKind && sourceId ? { kind: sourceKind, id: sourceId } : null,
        },
      }),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: ['volunteers'] });
      onClose();
      navigate(`/volunteers/${a.id}`);
    },
  });
  return (
    <Modal
      open={open}
      title={t('发起志愿活动')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okText={t('保存')}
      width={640}
      destroyOnHidden
    >
      {sourceKind && sourceId ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${t('为')}${t(SOURCE_LABELS[sourceKind] ?? sourceKind)} #${sourceId} ${t('招募志愿者')}`}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ capacity: 10, awardPoints: true, publish: true }}
        onFinish={(v) => create.mutate(v)}
        data-testid="activity-form"
      >
        <Form.Item name="title" label={t('活动名称')} rules={[{ required: true, message: t('请填写活动名称') }]}>
          <Input maxLength={80} data-testid="activity-title" />
        </Form.Item>
        <Form.Item name="time" label={t('活动时间')} rules={[{ required: true, message: t('请选择活动时间') }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label={t('活动地点')} rules={[{ required: true, message: t('请填写活动地点') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space>
          <Form.Item name="lat" label={t('纬度（现场签到）')}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="lng" label={t('经度')}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="capacity" label={t('招募人数')} rules={[{ required: true }]}>
            <InputNumber min={1} max={500} />
          </Form.Item>
        </Space>
        <Form.Item name="skills" label={t('所需技能')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} />
        </Form.Item>
        <Form.Item name="teamId" label={t('服务队')}>
          <Select allowClear options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
        <Form.Item name="description" label={t('活动内容')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
        <Space size="large">
          <Form.Item name="awardPoints" label={t('计文明积分')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="publish" label={t('立即发布报名')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
      {create.error && <Alert type="error" showIcon title={errorMessage(create.error)} />}
    </Modal>
  );
}

export default function ActivitiesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(params.has('sourceKind'));
  const state = params.get('state') ?? undefined;
  const sourceKind = params.get('sourceKind') ?? undefined;
  const sourceId = params.get('sourceId') ?? undefined;
  const list = useQuery({
    queryKey: ['volunteers', 'activities', state, sourceKind, sourceId],
    queryFn: () =>
      api<{ items: ActivityListItem[]; total: number }>('/api/volunteers/activities', {
        query: { state, sourceKind, sourceId, limit: 200 },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          placeholder={t('全部状态')}
          style={{ width: 140 }}
          value={state}
          onChange={(v) => {
            const next = new URLSearchParams(params);
            if (v) next.set('state', v);
            else next.delete('state');
            setParams(next);
          }}
          options={['draft', 'open', 'running', 'finished', 'cancelled'].map((s) => ({
            value: s,
            label: t(
              { draft: '草稿', open: '报名中', running: '进行中', finished: '已结束', cancelled: '已取消' }[s] ?? s,
            ),
          }))}
        />
        {sourceKind && (
          <Tag closable onClose={() => setParams(new URLSearchParams())}>
            {t(SOURCE_LABELS[sourceKind] ?? sourceKind)} #{sourceId}
          </Tag>
        )}
        {can('volunteer.manage') && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="new-activity">
            {t('发起活动')}
          </Button>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Table<ActivityListItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        data-testid="activity-table"
        columns={[
          {
            title: t('活动名称'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <Link to={`/volunteers/${r.id}`} data-testid="activity-link">
                {v}
              </Link>
            ),
          },
          {
            title: t('状态'),
            dataIndex: 'state',
            width: 90,
            render: (s: string, r) => <Tag color={ACTIVITY_STATE_COLORS[s]}>{t(r.stateLabel)}</Tag>,
          },
          {
            title: t('时间'),
            dataIndex: 'startsAt',
            width: 200,
            render: (v: string, r) => `${dayjs(v).format('MM-DD HH:mm')}–${dayjs(r.endsAt).format('HH:mm')}`,
          },
          { title: t('地点'), dataIndex: 'place', ellipsis: true },
          { title: t('组织单位'), dataIndex: ['organiser', 'name'], width: 160, ellipsis: true },
          {
            title: t('报名/名额'),
            dataIndex: 'signedUp',
            width: 100,
            render: (v: number, r) => `${v} / ${r.capacity}`,
          },
          {
            title: t('来源'),
            dataIndex: 'source',
            width: 110,
            render: (s: ActivityListItem['source']) => (s ? `${t(SOURCE_LABELS[s.kind] ?? s.kind)} #${s.id}` : ''),
          },
        ]}
      />
      <CreateActivityModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
