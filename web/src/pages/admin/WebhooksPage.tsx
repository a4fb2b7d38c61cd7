// Webhook 状态同步: subscriptions that receive every status change of the cases they select (e.g. only 12345
// hotline cases), signed and retried until acknowledged; the deliveries with their attempts, errors and a retry.
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import {
  ErrorAlert,
  FormModal,
  NewButton,
  SecretOnceModal,
  useAdminMutation,
  useEditing,
} from '../../components/admin-forms';
import { PageTitle } from '../../components/common';
import { CASE_ACTION_LABELS, CHANNEL_LABELS } from '../../labels';

interface Subscription {
  id: number;
  name: string;
  url: string;
  channels: string[];
  active: boolean;
  createdAt: string;
  counts: { pending: number; failed: number; delivered: number };
}

interface Delivery {
  id: number;
  subscriptionId: number;
  subscriptionName: string;
  caseId: number | null;
  caseNumber: string | null;
  externalRef: string | null;
  changeId: string;
  type: string | null;
  state: string | null;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  lastStatus: number | null;
  createdAt: string;
  deliveredAt: string | null;
}

interface SubscriptionForm {
  name: string;
  url: string;
  channels: string[];
}

const CHANNELS = ['hotline', 'citizen_app', 'grid_patrol', 'open311', 'screening', 'walk_in', 'petition', 'video'];
/** Changes of records other than cases, delivered only to subscriptions that tick them. */
const RECORD_CHANNELS = ['tasks'];
const STATUS: Record<Delivery['status'], { label: string; color: string }> = {
  pending: { label: '待推送', color: 'blue' },
  delivered: { label: '已送达', color: 'green' },
  failed: { label: '失败待重试', color: 'red' },
};

export default function WebhooksPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<SubscriptionForm>();
  const [secret, setSecret] = useState<string | null>(null);
  const [filter, setFilter] = useState<{ subscriptionId?: number; status?: string }>({});
  const [page, setPage] = useState(1);

  const subs = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => api<{ items: Subscription[] }>('/api/webhooks'),
    refetchInterval: 5000,
  });
  const deliveries = useQuery({
    queryKey: ['webhooks', 'deliveries', filter, page],
    queryFn: () =>
      api<{ items: Delivery[]; total: number }>('/api/webhooks/deliveries', {
        query: { ...filter, limit: 20, offset: (page - 1) * 20 },
      }),
    refetchInterval: 5000,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['webhooks'] });
  const create = useAdminMutation({
    mutationFn: (body: SubscriptionForm) =>
      api<Subscription & { secret: string }>('/api/webhooks', { method: 'POST', body }),
    invalidate: ['webhooks'],
    onSuccess: (res) => {
      close();
      setSecret(res.secret);
    },
    inlineError: true,
  });
  const update = useAdminMutation({
    mutationFn: ({ id, active }: { id: number; active: boolean }) =>
      api(`/api/webhooks/${id}`, { method: 'PATCH', body: { active } }),
    invalidate: ['webhooks'],
  });
  const retry = useAdminMutation({
    mutationFn: (id: number) => api(`/api/webhooks/deliveries/${id}/retry`, { method: 'POST' }),
    invalidate: ['webhooks'],
    success: '已安排立即重试',
  });
  const { editing, open, close } = useEditing<never, SubscriptionForm>(form, () => ({}), create);
  const fmt = (v: string | null) => (v ? dayjs(v).format('MM-DD HH:mm:ss') : '—');

  return (
    <>
      <PageTitle
        title={t('Webhook 状态同步')}
        extra={<NewButton label={t('新建订阅')} onClick={() => open('new')} testId="webhook-create" />}
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('案件每次状态变化都会推送给订阅地址：签名、按案件顺序、失败后按指数退避重试直到对方返回 2xx。')}
        description={t(
          '请求头 X-Gz-Timestamp（Unix 秒）、X-Gz-Signature = "sha256=" + HMAC-SHA256(签名密钥, 时间戳 + "." + 请求体)、X-Gz-Change-Id（变更编号，接收方据此去重）。',
        )}
      />
      <ErrorAlert error={subs.error} />
      <Card size="small" title={t('订阅')} style={{ marginBottom: 16 }}>
        <Table<Subscription>
          rowKey="id"
          size="small"
          loading={subs.isLoading}
          dataSource={subs.data?.items ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          columns={[
            { title: t('名称'), dataIndex: 'name' },
            {
              title: t('推送地址'),
              dataIndex: 'url',
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            {
              title: t('来源渠道'),
              dataIndex: 'channels',
              render: (cs: string[]) =>
                cs.length ? cs.map((c) => <Tag key={c}>{t(CHANNEL_LABELS[c] ?? c)}</Tag>) : <Tag>{t('全部渠道')}</Tag>,
            },
            {
              title: t('推送情况'),
              key: 'counts',
              render: (_, s) => (
                <Space size={4}>
                  <Tag color="green">
                    {t('已送达')} {s.counts.delivered}
                  </Tag>
                  <Tag color="blue">
                    {t('待推送')} {s.counts.pending}
                  </Tag>
                  <Tag color={s.counts.failed ? 'red' : undefined}>
                    {t('失败')} {s.counts.failed}
                  </Tag>
                </Space>
              ),
            },
            {
              title: t('启用'),
              dataIndex: 'active',
              width: 80,
              render: (v: boolean, s) => (
                <Switch checked={v} size="small" onChange={(active) => update.mutate({ id: s.id, active })} />
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('推送记录')}
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder={t('全部订阅')}
              style={{ width: 180 }}
              value={filter.subscriptionId}
              onChange={(v) => {
                setFilter((f) => ({ ...f, subscriptionId: v }));
                setPage(1);
              }}
              options={(subs.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
            <Select
              allowClear
              placeholder={t('全部状态')}
              style={{ width: 140 }}
              value={filter.status}
              onChange={(v) => {
                setFilter((f) => ({ ...f, status: v }));
                setPage(1);
              }}
              options={Object.entries(STATUS).map(([value, s]) => ({ value, label: t(s.label) }))}
            />
            <Button icon={<ReloadOutlined />} onClick={refresh}>
              {t('刷新')}
            </Button>
          </Space>
        }
      >
        <Table<Delivery>
          rowKey="id"
          size="small"
          loading={deliveries.isLoading}
          dataSource={deliveries.data?.items ?? []}
          scroll={{ x: 1200 }}
          pagination={{ current: page, pageSize: 20, total: deliveries.data?.total ?? 0, onChange: setPage }}
          columns={[
            { title: t('案件编号'), dataIndex: 'caseNumber', width: 170 },
            { title: t('热线工单'), dataIndex: 'externalRef', width: 150, render: (v: string | null) => v ?? '—' },
            {
              title: t('变更'),
              key: 'change',
              render: (_, d) => (
                <Tooltip title={d.changeId}>{t(CASE_ACTION_LABELS[d.type ?? ''] ?? d.type ?? '')}</Tooltip>
              ),
            },
            { title: t('订阅'), dataIndex: 'subscriptionName' },
            {
              title: t('状态'),
              dataIndex: 'status',
              width: 110,
              render: (s: Delivery['status']) => <Tag color={STATUS[s].color}>{t(STATUS[s].label)}</Tag>,
            },
            { title: t('尝试次数'), dataIndex: 'attempts', width: 90 },
            {
              title: t('最近错误'),
              dataIndex: 'lastError',
              render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : '—'),
            },
            { title: t('下次尝试'), dataIndex: 'nextAttemptAt', width: 130, render: fmt },
            { title: t('送达时间'), dataIndex: 'deliveredAt', width: 130, render: fmt },
            {
              title: t('操作'),
              key: 'actions',
              width: 90,
              render: (_, d) => (
                <Popconfirm title={t('立即重新推送这条记录？')} onConfirm={() => retry.mutate(d.id)}>
                  <Button type="link" size="small">
                    {t('重试')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <FormModal
        open={editing !== null}
        title={t('新建 Webhook 订阅')}
        form={form}
        onCancel={close}
        onFinish={(v) => create.mutate(v)}
        saving={create.isPending}
        error={create.error}
        initialValues={{ channels: ['hotline'] }}
        testId="webhook-form"
      >
        <Form.Item name="name" label={t('名称')} rules={[{ required: true, message: t('请输入名称') }]}>
          <Input placeholder={t('如：12345 热线状态回传')} />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('推送地址')}
          rules={[{ required: true, pattern: /^https?:\/\/.+/, message: t('请输入 http:// 或 https:// 开头的网址') }]}
        >
          <Input placeholder="https://12345.example.gov.cn/gongzhi/status" />
        </Form.Item>
        <Form.Item name="channels" label={t('来源渠道（不选为全部）')}>
          <Checkbox.Group
            options={[...CHANNELS, ...RECORD_CHANNELS].map((c) => ({ value: c, label: t(CHANNEL_LABELS[c] ?? c) }))}
          />
        </Form.Item>
      </FormModal>
      <SecretOnceModal
        secret={secret}
        title={t('订阅已创建')}
        warning={t('签名密钥只显示这一次，请交给接收方用于校验签名。')}
        testId="webhook-secret"
        onClose={() => setSecret(null)}
      />
    </>
  );
}
