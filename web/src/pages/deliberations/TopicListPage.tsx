// 议事议题 for staff: the queue of the villages in scope as boxes (待受理, 待议事, 表决中, 待决定, 落实中, 待审意见 …),
// the list, and 提出议题 at the desk for a resident who came in person.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { BoxCards, InboxTitle, useUrlFilters } from '../../components/BoxCards';
import { STATE_COLORS, type TopicBox, type TopicDetail, type TopicPage, useStations } from './deliberation-api';

const BOXES: { box: TopicBox; label: string; alarm?: boolean }[] = [
  { box: 'to_accept', label: '待受理', alarm: true },
  { box: 'to_hear', label: '待议事' },
  { box: 'voting', label: '表决中' },
  { box: 'to_decide', label: '待决定' },
  { box: 'implementing', label: '落实中' },
  { box: 'comments', label: '待审意见', alarm: true },
  { box: 'closed', label: '已结束' },
  { box: 'all', label: '全部议题' },
];

function RaiseTopicModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const stations = useStations();
  const [form] = Form.useForm();
  const raise = useMutation({
    mutationFn: (v: { stationId: number; title: string; proposal: string; background?: string; options?: string }) =>
      api<TopicDetail>('/api/deliberations/topics', {
        method: 'POST',
        body: {
          ...v,
          options: v.options
            ? v.options
                .split(/[\n,，、]/)
                .map((o) => o.trim())
                .filter(Boolean)
            : undefined,
        },
      }),
    onSuccess: (topic) => {
      void qc.invalidateQueries({ queryKey: ['deliberations'] });
      onClose();
      navigate(`/deliberations/${topic.id}`);
    },
  });
  return (
    <Modal
      open={open}
      title={t('提出议题')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={raise.isPending}
      okButtonProps={{ 'data-testid': 'topic-submit' }}
      destroyOnHidden
    >
      {raise.error && <Alert type="error" showIcon title={errorMessage(raise.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => raise.mutate(v)} data-testid="topic-form">
        <Form.Item name="stationId" label={t('议事站')} rules={[{ required: true }]}>
          <Select
            data-testid="topic-station"
            options={(stations.data?.items ?? [])
              .filter((s) => s.active)
              .map((s) => ({ value: s.id, label: `${s.village.name} · ${s.name}` }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('议题名称')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="topic-title" />
        </Form.Item>
        <Form.Item name="proposal" label={t('议题内容（建议）')} rules={[{ required: true }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} data-testid="topic-proposal" />
        </Form.Item>
        <Form.Item name="background" label={t('背景情况')}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="options" label={t('表决选项')} extra={t('留空为 同意 / 反对 / 弃权')}>
          <Input placeholder="方案一，方案二，暂缓" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function TopicListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [params, update] = useUrlFilters();
  const [raising, setRaising] = useState(false);
  const box = (params.get('box') ?? 'all') as TopicBox;
  const page = Number(params.get('page') ?? 1) || 1;
  const q = params.get('q') ?? '';
  const list = useQuery({
    queryKey: ['deliberations', 'topics', box, page, q],
    queryFn: () =>
      api<TopicPage>('/api/deliberations/topics', { query: { box, page, q: q || undefined, pageSize: 20 } }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <InboxTitle
        title={t('议事议题')}
        onRefresh={() => void qc.invalidateQueries({ queryKey: ['deliberations'] })}
        create={
          can('deliberation.manage')
            ? { label: t('提出议题'), onClick: () => setRaising(true), testId: 'new-topic' }
            : null
        }
      />
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <BoxCards
        testId={{ row: 'topic-boxes', prefix: 'topic-box' }}
        active={box}
        onSelect={(b) => update({ box: b })}
        boxes={BOXES.map((b) => ({
          key: b.box,
          label: t(b.label),
          count: list.data?.boxes[b.box] ?? '–',
          alarm: b.alarm,
        }))}
      />
      <Input.Search
        allowClear
        defaultValue={q}
        placeholder={t('议题名称')}
        onSearch={(v) => update({ q: v })}
        style={{ width: 280, marginBottom: 12 }}
      />
      <Table
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid="topic-table"
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: (p) => update({ page: p }),
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('议题名称'),
            dataIndex: 'title',
            render: (title: string, r) => (
              <>
                <Link to={`/deliberations/${r.id}`} data-testid="topic-link">
                  {title}
                </Link>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.number}
                  </Typography.Text>
                </div>
              </>
            ),
          },
          { title: t('议事站'), render: (_, r) => `${r.village.name} · ${r.station.name}` },
          {
            title: t('状态'),
            dataIndex: 'stateLabel',
            render: (label: string, r) => (
              <Tag color={STATE_COLORS[r.state]} data-testid="topic-state">
                {t(label)}
              </Tag>
            ),
          },
          { title: t('提出人'), render: (_, r) => (r.proposerKind === 'citizen' ? t('群众') : t('工作人员')) },
          {
            title: t('议事日期'),
            dataIndex: 'hearingAt',
            render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '–'),
          },
          {
            title: t('待审意见'),
            dataIndex: 'pendingComments',
            render: (n: number) => (n ? <Tag color="red">{n}</Tag> : '–'),
          },
          { title: t('更新时间'), dataIndex: 'updatedAt', render: (v: string) => dayjs(v).format('MM-DD HH:mm') },
        ]}
      />
      <RaiseTopicModal open={raising} onClose={() => setRaising(false)} />
    </>
  );
}
