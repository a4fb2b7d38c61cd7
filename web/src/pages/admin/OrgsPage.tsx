// 组织机构: the organisation tree on the left, the selected node's detail and edit form on the right.
import {
  ApartmentOutlined,
  DownloadOutlined,
  PlusOutlined,
  ReloadOutlined,
  StopOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Tree,
  Typography,
  Upload,
} from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { PageTitle, useOrgTree } from '../../components/common';
import { CHILD_KINDS, KIND_LABELS, PARTICIPANT_LONG } from '../../labels';
import type {
  Id,
  ImportError,
  ImportResult,
  OrgDetail,
  OrgKind,
  OrgSummary,
  OrgTreeNode,
  Page,
  Participant,
  UserSummary,
} from '../../types';

const KIND_COLORS: Record<OrgKind, string> = {
  county: 'red',
  town: 'volcano',
  village: 'orange',
  grid: 'green',
  department: 'blue',
  office: 'geekblue',
  third_party: 'purple',
  party: 'magenta',
};

function useParticipantOptions() {
  const { t } = useTranslation();
  return (Object.keys(PARTICIPANT_LONG) as Participant[]).map((p) => ({ value: p, label: t(PARTICIPANT_LONG[p]) }));
}

function KindTag({ kind }: { kind: OrgKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {t(KIND_LABELS[kind] ?? kind)}
    </Tag>
  );
}

interface OrgNodeData extends DataNode {
  org: OrgSummary;
}

// The tree endpoint leaves grids out (there are hundreds); a village's grids are fetched when it is expanded.
function buildTree(nodes: OrgTreeNode[], lazyGrids: Record<Id, OrgSummary[]>): OrgNodeData[] {
  return nodes.map((n) => {
    const own = n.children?.length ? buildTree(n.children, lazyGrids) : [];
    const grids = (lazyGrids[n.id] ?? []).map((c) => ({ key: c.id, org: c, title: c.name, isLeaf: true }));
    const children = [...own, ...grids];
    return {
      key: n.id,
      org: n,
      title: n.name,
      isLeaf: n.kind !== 'village' && children.length === 0,
      children,
    };
  });
}

function NodeTitle({ org }: { org: OrgSummary }) {
  return (
    <Space size={4}>
      <span style={org.active ? undefined : { color: '#999', textDecoration: 'line-through' }}>{org.name}</span>
      <KindTag kind={org.kind} />
    </Space>
  );
}

function GridWorkerSelect({
  value,
  onChange,
  current,
}: {
  value?: Id | null;
  onChange?: (v: Id | null) => void;
  current?: { id: Id; displayName: string } | null;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data, isLoading } = useQuery({
    queryKey: ['users', 'grid-workers', q],
    queryFn: () => api<Page<UserSummary>>('/api/users', { query: { role: 'grid_worker', q, limit: 50 } }),
  });
  return (
    <Select
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={isLoading}
      placeholder={t('选择网格员')}
      options={[
        ...(current && !data?.items.some((u) => u.id === current.id)
          ? [{ value: current.id, label: current.displayName }]
          : []),
        ...(data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` })),
      ]}
    />
  );
}

interface OrgForm {
  name: string;
  subkind?: string | null;
  participant?: Participant | null;
  households?: number | null;
  population?: number | null;
  phone?: string | null;
  address?: string | null;
  gridWorkerId?: Id | null;
}

function OrgDetailPanel({ id, onCreateChild }: { id: Id; onCreateChild: (parent: OrgDetail) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const editable = can('org.manage');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgForm>();
  const participantOptions = useParticipantOptions();
  const {
    data: org,
    isLoading,
    error,
  } = useQuery({
    queryKey: ['org', id],
    queryFn: () => api<OrgDetail>(`/api/orgs/${id}`),
  });
  useEffect(() => {
    if (org) {
      form.setFieldsValue({
        name: org.name,
        subkind: org.subkind,
        participant: org.participant,
        households: org.households,
        population: org.population,
        phone: org.phone,
        address: org.address,
        gridWorkerId: org.gridWorker?.id ?? null,
      });
    }
  }, [org, form]);

  const save = useMutation({
    mutationFn: (body: Partial<OrgForm> & { version: number; active?: boolean }) =>
      api<OrgDetail>(`/api/orgs/${id}`, { method: 'PATCH', body }),
    onSuccess: (updated) => {
      qc.setQueryData(['org', id], updated);
      void qc.invalidateQueries({ queryKey: ['orgs'] });
      message.success(t('已保存'));
    },
    onError: (err) => {
      message.error(errorMessage(err));
      if (err instanceof ApiError && err.code === 'CONFLICT') void qc.invalidateQueries({ queryKey: ['org', id] });
    },
  });

  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (isLoading || !org) return <Skeleton active paragraph={{ rows: 10 }} />;

  const onFinish = (values: OrgForm) => {
    const body: Partial<OrgForm> & { version: number } = { version: org.version, ...values };
    if (org.kind !== 'grid') delete body.gridWorkerId;
    save.mutate(body);
  };

  return (
    <Card
      size="small"
      data-testid="org-detail"
      title={
        <Space wrap>
          <ApartmentOutlined />
          <span>{org.name}</span>
          <KindTag kind={org.kind} />
          {!org.active && <Tag>{t('已停用')}</Tag>}
        </Space>
      }
      extra={
        editable && (
          <Space>
            {CHILD_KINDS[org.kind].length > 0 && org.active && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => onCreateChild(org)}
                data-testid="org-add-child"
              >
                {t('新增下级')}
              </Button>
            )}
            {org.active ? (
              <Popconfirm
                title={t('确定停用该组织？')}
                description={t('停用后其下用户无法再选择该组织。')}
                onConfirm={() => save.mutate({ version: org.version, active: false })}
              >
                <Button size="small" danger icon={<StopOutlined />}>
                  {t('停用')}
                </Button>
              </Popconfirm>
            ) : (
              <Button size="small" onClick={() => save.mutate({ version: org.version, active: true })}>
                {t('启用')}
              </Button>
            )}
          </Space>
        )
      }
    >
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[...org.ancestors.map((a) => ({ title: a.name })), { title: org.name }]}
      />
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={8}>
          <Typography.Text type="secondary">{t('编码')}：</Typography.Text>
          <Typography.Text copyable>{org.code}</Typography.Text>
        </Col>
        <Col span={8}>
          <Typography.Text type="secondary">{t('下级组织')}：</Typography.Text>
          {org.counts.children}
        </Col>
        <Col span={8}>
          <Typography.Text type="secondary">{t('用户数')}：</Typography.Text>
          {org.counts.users}
        </Col>
      </Row>
      <Form form={form} layout="vertical" disabled={!editable} onFinish={onFinish}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('名称')} rules={[{ required: true, message: t('请输入名称') }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="subkind" label={t('细分类型')} tooltip={t('如：社区、行政村、综合执法办公室')}>
              <Input allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="participant" label={t('参与主体（党政法民学研社媒）')}>
              <Select allowClear options={participantOptions} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="households" label={t('户数')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="population" label={t('人口')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('联系电话')}>
              <Input allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="address" label={t('地址')}>
              <Input allowClear />
            </Form.Item>
          </Col>
          {org.kind === 'grid' && (
            <Col xs={24} md={12}>
              <Form.Item name="gridWorkerId" label={t('网格员')}>
                <GridWorkerSelect current={org.gridWorker} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {editable && (
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="org-save">
              {t('保存')}
            </Button>
            <Button onClick={() => form.resetFields()} htmlType="button">
              {t('重置')}
            </Button>
          </Space>
        )}
      </Form>
    </Card>
  );
}

function CreateOrgModal({ parent, onClose }: { parent: OrgDetail | null; onClose: (createdId?: Id) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const participantOptions = useParticipantOptions();
  const kinds = parent ? CHILD_KINDS[parent.kind] : [];
  useEffect(() => {
    if (parent) {
      form.resetFields();
      const kind = CHILD_KINDS[parent.kind][0];
      form.setFieldsValue({
        kind,
        code: parent.code,
        participant: kind === 'party' ? 'party' : kind === 'third_party' ? 'social' : 'government',
      });
    }
  }, [parent, form]);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<OrgDetail>('/api/orgs', { method: 'POST', body }),
    onSuccess: (org) => {
      message.success(t('已创建 {{name}}', { name: org.name }));
      void qc.invalidateQueries({ queryKey: ['orgs'] });
      void qc.invalidateQueries({ queryKey: ['org'] });
      onClose(org.id);
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Modal
      open={!!parent}
      title={t('在「{{name}}」下新增组织', { name: parent?.name ?? '' })}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: Record<string, unknown>) => create.mutate({ ...v, parentId: parent?.id })}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="kind" label={t('类型')} rules={[{ required: true }]}>
              <Select options={kinds.map((k) => ({ value: k, label: t(KIND_LABELS[k]) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="participant" label={t('参与主体')} rules={[{ required: true }]}>
              <Select options={participantOptions} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="code" label={t('编码')} rules={[{ required: true, message: t('请输入编码') }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t('名称')} rules={[{ required: true, message: t('请输入名称') }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="subkind" label={t('细分类型')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="households" label={t('户数')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="population" label={t('人口')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={t('联系电话')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="address" label={t('地址')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [errors, setErrors] = useState<ImportError[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setErrors(null);
    setFailure(null);
  };

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    setErrors(null);
    const body = new FormData();
    body.append('file', file);
    try {
      const res = await api<ImportResult>('/api/orgs/import', { method: 'POST', body, query: { dryRun } });
      if (dryRun) {
        setPreview(res);
      } else {
        message.success(t('导入完成：新增 {{created}}，更新 {{updated}}', { ...res }));
        void qc.invalidateQueries({ queryKey: ['orgs'] });
        void qc.invalidateQueries({ queryKey: ['org'] });
        reset();
        onClose();
      }
    } catch (err) {
      setPreview(null);
      const details = err instanceof ApiError ? (err.details as { errors?: ImportError[] } | undefined) : undefined;
      if (details?.errors) setErrors(details.errors);
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      width={720}
      title={t('导入组织机构')}
      onCancel={() => {
        reset();
        onClose();
      }}
      footer={[
        <Button key="tpl" icon={<DownloadOutlined />} href="/api/orgs/import/template" download>
          {t('下载模板')}
        </Button>,
        <Button key="check" onClick={() => void send(true)} disabled={!file} loading={busy && !preview}>
          {t('校验')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          disabled={!preview}
          loading={busy && !!preview}
          onClick={() => void send(false)}
        >
          {t('确认导入')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        {t('支持 .xlsx 或 .csv 文件。先校验，无误后再确认导入；有任何错误时不会导入任何数据。')}
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,.csv"
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          setPreview(null);
          setErrors(null);
          setFailure(null);
          return false;
        }}
        onRemove={() => reset()}
        fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
      >
        <p className="ant-upload-drag-icon">
          <UploadOutlined />
        </p>
        <p>{t('点击或拖拽文件到此处')}</p>
      </Upload.Dragger>
      {preview && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          title={t('校验通过：共 {{rows}} 行，将新增 {{created}}、更新 {{updated}}', { ...preview })}
        />
      )}
      {failure && <Alert style={{ marginTop: 12 }} type="error" showIcon title={failure} />}
      {errors && (
        <Table<ImportError>
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(r) => `${r.row}-${r.column ?? ''}-${r.message}`}
          dataSource={errors}
          pagination={{ pageSize: 8 }}
          columns={[
            { title: t('行号'), dataIndex: 'row', width: 80 },
            { title: t('列'), dataIndex: 'column', width: 120, render: (v?: string) => v ?? '—' },
            { title: t('错误'), dataIndex: 'message' },
          ]}
          data-testid="import-errors"
        />
      )}
    </Modal>
  );
}

export default function OrgsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { data: tree, isLoading, error, refetch } = useOrgTree(false);
  const [selected, setSelected] = useState<Id | null>(null);
  const [expanded, setExpanded] = useState<React.Key[]>([]);
  const [lazyChildren, setLazyChildren] = useState<Record<Id, OrgSummary[]>>({});
  const [createUnder, setCreateUnder] = useState<OrgDetail | null>(null);
  const [importing, setImporting] = useState(false);
  const [search, setSearch] = useState('');

  const treeData = useMemo(() => (tree ? buildTree(tree, lazyChildren) : []), [tree, lazyChildren]);

  useEffect(() => {
    if (tree?.length && expanded.length === 0) {
      const first = tree[0];
      if (first) {
        setExpanded([first.id]);
        setSelected((s) => s ?? first.id);
      }
    }
  }, [tree, expanded.length]);

  const refreshGrids = async (org: OrgSummary) => {
    const page = await api<Page<OrgSummary>>('/api/orgs', { query: { parentId: org.id, kind: 'grid', limit: 500 } });
    setLazyChildren((m) => ({ ...m, [org.id]: page.items }));
  };
  const loadGrids = async (org: OrgSummary) => {
    if (org.kind === 'village' && !lazyChildren[org.id]) await refreshGrids(org);
  };

  const filtered = useMemo(() => {
    if (!search.trim()) return treeData;
    const q = search.trim();
    const walk = (nodes: OrgNodeData[]): OrgNodeData[] =>
      nodes.flatMap((n) => {
        const kids = n.children ? walk(n.children as OrgNodeData[]) : [];
        if (n.org.name.includes(q) || n.org.code.includes(q) || kids.length)
          return [{ ...n, children: kids.length ? kids : n.children }];
        return [];
      });
    return walk(treeData);
  }, [treeData, search]);

  return (
    <>
      <PageTitle
        title={t('组织机构')}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void refetch()}>
              {t('刷新')}
            </Button>
            <Button icon={<DownloadOutlined />} href="/api/orgs/import/template" download>
              {t('下载模板')}
            </Button>
            {can('org.manage') && (
              <Button
                type="primary"
                icon={<UploadOutlined />}
                onClick={() => setImporting(true)}
                data-testid="org-import"
              >
                {t('导入')}
              </Button>
            )}
          </Space>
        }
      />
      <Row gutter={12}>
        <Col xs={24} md={9} lg={8}>
          <Card size="small" styles={{ body: { maxHeight: 'calc(100vh - 190px)', overflow: 'auto' } }}>
            <Input.Search
              allowClear
              placeholder={t('搜索名称或编码')}
              onChange={(e) => setSearch(e.target.value)}
              style={{ marginBottom: 8 }}
            />
            {error && <Alert type="error" showIcon title={errorMessage(error)} />}
            {isLoading ? (
              <Skeleton active />
            ) : (
              <Tree<OrgNodeData>
                data-testid="org-tree"
                showLine
                blockNode
                treeData={filtered}
                expandedKeys={search ? undefined : expanded}
                defaultExpandAll={!!search}
                onExpand={(keys, info) => {
                  setExpanded(keys);
                  if (info.expanded) void loadGrids(info.node.org);
                }}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => keys[0] !== undefined && setSelected(keys[0] as Id)}
                titleRender={(n) => <NodeTitle org={n.org} />}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={15} lg={16}>
          {selected ? (
            <OrgDetailPanel key={selected} id={selected} onCreateChild={setCreateUnder} />
          ) : (
            <Card>
              <Empty description={t('请在左侧选择组织')} />
            </Card>
          )}
        </Col>
      </Row>
      <CreateOrgModal
        parent={createUnder}
        onClose={(id) => {
          if (createUnder && id) {
            if (createUnder.kind === 'village') void refreshGrids(createUnder);
            setExpanded((e) => [...e, createUnder.id]);
            setSelected(id);
          }
          setCreateUnder(null);
        }}
      />
      <ImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
