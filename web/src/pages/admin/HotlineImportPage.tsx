// 12345 工单导入: upload a hotline export (xlsx/CSV) → preview with every bad row and the category mapping →
// import in the background with progress. Also the hotline-category mapping and the push keys' signing secrets.
import { CopyOutlined, DeleteOutlined, DownloadOutlined, InboxOutlined, KeyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { PageTitle } from '../../components/common';

interface RowError {
  row: number;
  column?: string;
  message: string;
}

interface CategoryResolution {
  hotlineCategory: string;
  categoryId: number | null;
  categoryName: string | null;
  source: 'mapped' | 'name' | 'none';
  rows: number;
}

interface Preview {
  importId: number;
  fileName: string;
  rows: number;
  valid: number;
  alreadyImported: number;
  errors: RowError[];
  categories: CategoryResolution[];
  sample: {
    row: number;
    orderNo: string;
    callTime: string | null;
    callerName: string | null;
    content: string;
    hotlineCategory: string | null;
    address: string | null;
    exists: boolean;
  }[];
}

interface ImportJob {
  id: number;
  fileName: string;
  status: 'preview' | 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: RowError[];
  createdAt: string;
  finishedAt: string | null;
}

interface Mapping {
  hotlineCategory: string;
  categoryId: number;
  categoryName: string;
  updatedAt: string;
}

interface CategoryItem {
  id: number;
  code: string;
  name: string;
  level: number;
  active: boolean;
}

const JOB_STATUS: Record<ImportJob['status'], { label: string; color: string }> = {
  preview: { label: '待确认', color: 'default' },
  running: { label: '导入中', color: 'processing' },
  done: { label: '已完成', color: 'success' },
  failed: { label: '失败', color: 'error' },
};

function useCategoryOptions() {
  const { data } = useQuery({
    queryKey: ['categories'],
    queryFn: () => api<{ items: CategoryItem[] }>('/api/categories'),
    staleTime: 60_000,
  });
  return (data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }));
}

function ImportTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [uploading, setUploading] = useState(false);
  const options = useCategoryOptions();

  const job = useQuery({
    queryKey: ['hotline', 'import', jobId],
    queryFn: () => api<ImportJob>(`/api/hotline/imports/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
  const history = useQuery({
    queryKey: ['hotline', 'imports'],
    queryFn: () => api<{ items: ImportJob[] }>('/api/hotline/imports'),
    refetchInterval: 5000,
  });
  const start = useMutation({
    mutationFn: (id: number) => api<ImportJob>(`/api/hotline/imports/${id}/start`, { method: 'POST' }),
    onSuccess: (res) => {
      setJobId(res.id);
      void qc.invalidateQueries({ queryKey: ['hotline'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const map = useMutation({
    mutationFn: (body: { hotlineCategory: string; categoryId: number }) =>
      api('/api/hotline/category-map', { method: 'PUT', body }),
    onSuccess: (_res, body) => {
      message.success(t('已保存对应关系'));
      const name = options.find((o) => o.value === body.categoryId)?.label ?? null;
      setPreview(
        (p) =>
          p && {
            ...p,
            categories: p.categories.map((c) =>
              c.hotlineCategory === body.hotlineCategory
                ? { ...c, categoryId: body.categoryId, categoryName: name, source: 'mapped' }
                : c,
            ),
          },
      );
      void qc.invalidateQueries({ queryKey: ['hotline', 'map'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  const upload = async (file: File) => {
    setUploading(true);
    setJobId(null);
    try {
      const body = new FormData();
      body.append('file', file);
      setPreview(await api<Preview>('/api/hotline/imports', { method: 'POST', body }));
    } catch (err) {
      setPreview(null);
      message.error(errorMessage(err));
    } finally {
      setUploading(false);
    }
  };

  const current = job.data;
  const percent = current?.total ? Math.round((current.processed / current.total) * 100) : 0;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Upload.Dragger
        accept=".xlsx,.csv"
        showUploadList={false}
        disabled={uploading}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
        data-testid="hotline-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{t('点击或拖入 12345 热线导出的工单表格（xlsx 或 UTF-8 CSV）')}</p>
        <p style={{ color: '#888' }}>
          {t('列：工单编号、来电时间、来电人、联系电话、诉求内容、诉求类型、地址、经度、纬度、紧急程度')}
        </p>
      </Upload.Dragger>
      <a href="/api/hotline/imports/template">
        <DownloadOutlined /> {t('下载导入模板')}
      </a>

      {preview && (
        <Card size="small" title={`${t('预览')}：${preview.fileName}`} data-testid="hotline-preview">
          <Space size={32} wrap style={{ marginBottom: 12 }}>
            <Statistic title={t('数据行')} value={preview.rows} />
            <Statistic title={t('可导入')} value={preview.valid} valueStyle={{ color: '#389e0d' }} />
            <Statistic
              title={t('有错误')}
              value={preview.rows - preview.valid}
              valueStyle={{ color: preview.errors.length ? '#cf1322' : undefined }}
            />
            <Statistic title={t('已导入过（将跳过或更新）')} value={preview.alreadyImported} />
          </Space>
          {preview.errors.length > 0 && (
            <>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 8 }}
                title={t('以下行有错误，不会导入；修正后可重新上传，已导入的工单不会重复。')}
              />
              <Table<RowError>
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                dataSource={preview.errors}
                pagination={{ pageSize: 10 }}
                columns={[
                  { title: t('行号'), dataIndex: 'row', width: 80 },
                  { title: t('列'), dataIndex: 'column', width: 120, render: (v?: string) => v ?? '—' },
                  { title: t('问题'), dataIndex: 'message' },
                ]}
                data-testid="hotline-errors"
              />
            </>
          )}
          <Typography.Title level={5}>{t('诉求类型对应')}</Typography.Title>
          <Table<CategoryResolution>
            size="small"
            rowKey="hotlineCategory"
            dataSource={preview.categories}
            pagination={false}
            columns={[
              { title: t('热线诉求类型'), dataIndex: 'hotlineCategory' },
              { title: t('行数'), dataIndex: 'rows', width: 80 },
              {
                title: t('本系统分类'),
                key: 'category',
                render: (_, c) => (
                  <Space>
                    <Select
                      showSearch
                      optionFilterProp="label"
                      style={{ width: 260 }}
                      placeholder={t('未对应（逐条智能分类，调度员确认）')}
                      value={c.categoryId ?? undefined}
                      options={options}
                      onChange={(categoryId: number) => map.mutate({ hotlineCategory: c.hotlineCategory, categoryId })}
                    />
                    {c.source === 'name' && <Tag>{t('按名称匹配')}</Tag>}
                    {c.source === 'mapped' && <Tag color="blue">{t('已设置')}</Tag>}
                    {c.source === 'none' && (
                      <Tooltip title={t('导入时按每条工单的内容给出建议分类，标为“建议”，由调度员确认或改正')}>
                        <Tag color="orange">{t('智能分类')}</Tag>
                      </Tooltip>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            {t('前 20 行')}
          </Typography.Title>
          <Table
            size="small"
            rowKey="row"
            dataSource={preview.sample}
            pagination={false}
            scroll={{ x: 900 }}
            columns={[
              { title: t('行号'), dataIndex: 'row', width: 60 },
              { title: t('工单编号'), dataIndex: 'orderNo', width: 160 },
              {
                title: t('来电时间'),
                dataIndex: 'callTime',
                width: 140,
                render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
              },
              { title: t('诉求内容'), dataIndex: 'content', ellipsis: true },
              { title: t('诉求类型'), dataIndex: 'hotlineCategory', width: 120 },
              { title: t('地址'), dataIndex: 'address', width: 160, ellipsis: true },
              {
                title: t('状态'),
                dataIndex: 'exists',
                width: 90,
                render: (v: boolean) => (v ? <Tag>{t('已存在')}</Tag> : <Tag color="green">{t('新工单')}</Tag>),
              },
            ]}
          />
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            disabled={preview.valid === 0 || jobId === preview.importId}
            loading={start.isPending}
            onClick={() => start.mutate(preview.importId)}
            data-testid="hotline-start"
          >
            {t('开始导入 {{n}} 条', { n: preview.valid })}
          </Button>
        </Card>
      )}

      {current && (
        <Card size="small" title={t('导入进度')} data-testid="hotline-progress">
          <Progress percent={percent} status={current.status === 'done' ? 'success' : 'active'} />
          <Descriptions size="small" column={{ xs: 2, sm: 5 }}>
            <Descriptions.Item label={t('已处理')}>
              {current.processed} / {current.total}
            </Descriptions.Item>
            <Descriptions.Item label={t('新建案件')}>{current.created}</Descriptions.Item>
            <Descriptions.Item label={t('更新')}>{current.updated}</Descriptions.Item>
            <Descriptions.Item label={t('未变化')}>{current.unchanged}</Descriptions.Item>
            <Descriptions.Item label={t('失败')}>{current.failed}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}

      <Card size="small" title={t('最近导入')}>
        <Table<ImportJob>
          size="small"
          rowKey="id"
          loading={history.isLoading}
          dataSource={history.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('文件'), dataIndex: 'fileName' },
            {
              title: t('状态'),
              dataIndex: 'status',
              width: 100,
              render: (s: ImportJob['status']) => <Tag color={JOB_STATUS[s].color}>{t(JOB_STATUS[s].label)}</Tag>,
            },
            { title: t('行数'), dataIndex: 'total', width: 80 },
            { title: t('新建案件'), dataIndex: 'created', width: 90 },
            { title: t('更新'), dataIndex: 'updated', width: 80 },
            { title: t('未变化'), dataIndex: 'unchanged', width: 80 },
            { title: t('失败'), dataIndex: 'failed', width: 80 },
            {
              title: t('上传时间'),
              dataIndex: 'createdAt',
              width: 140,
              render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function MappingTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ hotlineCategory: string; categoryId: number }>();
  const options = useCategoryOptions();
  const { data, isLoading } = useQuery({
    queryKey: ['hotline', 'map'],
    queryFn: () => api<{ items: Mapping[] }>('/api/hotline/category-map'),
  });
  const save = useMutation({
    mutationFn: (body: { hotlineCategory: string; categoryId: number }) =>
      api('/api/hotline/category-map', { method: 'PUT', body }),
    onSuccess: () => {
      form.resetFields();
      message.success(t('已保存对应关系'));
      void qc.invalidateQueries({ queryKey: ['hotline', 'map'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const remove = useMutation({
    mutationFn: (hotlineCategory: string) =>
      api('/api/hotline/category-map', { method: 'DELETE', query: { hotlineCategory } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['hotline', 'map'] }),
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title={t('推送或导入的工单按此表确定分类；未设置时按同名分类匹配，仍无则留待调度员分类。')}
      />
      <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="hotlineCategory" rules={[{ required: true, message: t('请输入热线诉求类型') }]}>
          <Input placeholder={t('热线诉求类型，如 城乡建设/物业管理')} style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="categoryId" rules={[{ required: true, message: t('请选择分类') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={options}
            placeholder={t('本系统分类')}
            style={{ width: 260 }}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('保存')}
        </Button>
      </Form>
      <Table<Mapping>
        size="small"
        rowKey="hotlineCategory"
        loading={isLoading}
        dataSource={data?.items ?? []}
        columns={[
          { title: t('热线诉求类型'), dataIndex: 'hotlineCategory' },
          { title: t('本系统分类'), dataIndex: 'categoryName' },
          {
            title: t('更新时间'),
            dataIndex: 'updatedAt',
            width: 150,
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: t('操作'),
            key: 'actions',
            width: 80,
            render: (_, m) => (
              <Popconfirm title={t('删除该对应关系？')} onConfirm={() => remove.mutate(m.hotlineCategory)}>
                <Button type="link" danger size="small" icon={<DeleteOutlined />} />
              </Popconfirm>
            ),
          },
        ]}
      />
    </Space>
  );
}

interface PushKey {
  id: number;
  name: string;
  prefix: string;
  revoked: boolean;
  secretCreatedAt: string | null;
}

function KeysTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const { data, isLoading, error } = useQuery({
    queryKey: ['hotline', 'keys'],
    queryFn: () => api<{ items: PushKey[] }>('/api/hotline/keys'),
  });
  const rotate = useMutation({
    mutationFn: (id: number) => api<{ secret: string }>(`/api/hotline/keys/${id}/secret`, { method: 'POST' }),
    onSuccess: (res) => {
      setSecret(res.secret);
      void qc.invalidateQueries({ queryKey: ['hotline', 'keys'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title={t('热线系统推送工单：POST /api/hotline/orders，带 X-API-Key，并用签名密钥签名。')}
        description={t(
          'X-Gz-Timestamp 为 Unix 秒（与服务器相差不超过 5 分钟），X-Gz-Signature = "sha256=" + HMAC-SHA256(签名密钥, 时间戳 + "." + 原始请求体) 的十六进制。同一工单编号重复推送不会重复立案。',
        )}
      />
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Table<PushKey>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        columns={[
          { title: t('名称'), dataIndex: 'name' },
          {
            title: t('前缀'),
            dataIndex: 'prefix',
            render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
          },
          {
            title: t('签名密钥'),
            dataIndex: 'secretCreatedAt',
            render: (v: string | null, k) =>
              k.revoked ? (
                <Tag>{t('已吊销')}</Tag>
              ) : v ? (
                <Tag color="green">
                  {t('已生成')} {dayjs(v).format('YYYY-MM-DD')}
                </Tag>
              ) : (
                <Tag color="orange">{t('未生成')}</Tag>
              ),
          },
          {
            title: t('操作'),
            key: 'actions',
            width: 160,
            render: (_, k) =>
              !k.revoked && (
                <Popconfirm
                  title={k.secretCreatedAt ? t('更换后旧签名密钥立即失效，确定？') : t('生成签名密钥？')}
                  onConfirm={() => rotate.mutate(k.id)}
                >
                  <Button size="small" icon={<KeyOutlined />}>
                    {k.secretCreatedAt ? t('更换签名密钥') : t('生成签名密钥')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={!!secret}
        title={t('签名密钥')}
        onCancel={() => setSecret(null)}
        footer={
          <Button type="primary" onClick={() => setSecret(null)}>
            {t('我已妥善保存')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('请交给热线系统配置，关闭后不再显示。')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          code
          copyable={{ icon: [<CopyOutlined key="c" />, <CopyOutlined key="d" />], tooltips: [t('复制'), t('已复制')] }}
          style={{ wordBreak: 'break-all' }}
        >
          {secret}
        </Typography.Paragraph>
      </Modal>
    </Space>
  );
}

export default function HotlineImportPage() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <>
      <PageTitle title={t('12345 工单导入')} />
      <Tabs
        items={[
          { key: 'import', label: t('批量导入'), children: <ImportTab /> },
          { key: 'map', label: t('诉求类型对应'), children: <MappingTab /> },
          ...(can('apikey.manage') ? [{ key: 'keys', label: t('推送密钥与签名'), children: <KeysTab /> }] : []),
        ]}
      />
    </>
  );
}
