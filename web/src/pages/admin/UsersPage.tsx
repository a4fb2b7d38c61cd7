// 用户管理: filterable table of users with create, edit, disable, password reset, unlock and audited phone view.
import { EyeOutlined, KeyOutlined, LockOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { OrgTreeSelect, PageTitle } from '../../components/common';
import { KIND_LABELS, ROLE_LABELS, ROLES } from '../../labels';
import type { Id, Page, Role, UserSummary } from '../../types';

interface Filters {
  orgId?: Id;
  role?: Role;
  q?: string;
}

function PhoneCell({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  if (!user.phone) return <Typography.Text type="secondary">—</Typography.Text>;
  const reveal = async () => {
    setLoading(true);
    try {
      setFull((await api<{ phone: string }>(`/api/users/${user.id}/phone`)).phone);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Space size={4}>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{full ?? user.phone}</span>
      {!full && (
        <Tooltip title={t('查看完整号码（此操作将记入审计日志）')}>
          <Button
            type="link"
            size="small"
            icon={<EyeOutlined />}
            loading={loading}
            onClick={() => void reveal()}
            data-testid="reveal-phone"
          >
            {t('查看')}
          </Button>
        </Tooltip>
      )}
    </Space>
  );
}

interface UserForm {
  username: string;
  displayName: string;
  role: Role;
  orgId: Id;
  phone?: string;
  password?: string;
}

function UserModal({ user, open, onClose }: { user: UserSummary | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<UserForm>();
  const editing = !!user;
  const save = useMutation({
    mutationFn: (v: UserForm) => {
      if (user) {
        const body: Partial<UserForm> = { displayName: v.displayName, role: v.role, orgId: v.orgId };
        if (v.phone && v.phone !== user.phone) body.phone = v.phone;
        return api(`/api/users/${user.id}`, { method: 'PATCH', body });
      }
      return api('/api/users', { method: 'POST', body: v });
    },
    onSuccess: () => {
      message.success(t('已保存'));
      void qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Modal
      open={open}
      title={editing ? t('编辑用户 {{name}}', { name: user.username }) : t('新建用户')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      forceRender
      afterOpenChange={(o) => {
        if (o) {
          form.resetFields();
          if (user)
            form.setFieldsValue({
              username: user.username,
              displayName: user.displayName,
              role: user.role,
              orgId: user.org?.id,
              phone: user.phone ?? undefined,
            });
        }
      }}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="user-form">
        <Form.Item
          name="username"
          label={t('用户名')}
          rules={[
            { required: true, message: t('请输入用户名') },
            { pattern: /^[a-zA-Z0-9_.-]{3,32}$/, message: t('3–32 位字母、数字、下划线') },
          ]}
        >
          <Input disabled={editing} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('姓名')} rules={[{ required: true, message: t('请输入姓名') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('角色')} rules={[{ required: true, message: t('请选择角色') }]}>
          <Select options={ROLES.filter((r) => r !== 'citizen').map((r) => ({ value: r, label: t(ROLE_LABELS[r]) }))} />
        </Form.Item>
        <Form.Item name="orgId" label={t('所属组织')} rules={[{ required: true, message: t('请选择组织') }]}>
          <OrgTreeSelect allowClear={false} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('手机号')}
          extra={editing ? t('显示为脱敏号码；如需修改请输入完整新号码') : undefined}
        >
          <Input allowClear />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label={t('初始密码')}
            rules={[
              { required: true, message: t('请输入初始密码') },
              { min: 8, message: t('密码至少 8 位，须同时包含字母和数字') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('user.manage');
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [modalOpen, setModalOpen] = useState(false);

  const { data, isFetching, error } = useQuery({
    queryKey: ['users', filters, page],
    queryFn: () =>
      api<Page<UserSummary>>('/api/users', {
        query: { ...filters, limit: page.pageSize, offset: (page.current - 1) * page.pageSize },
      }),
    placeholderData: keepPreviousData,
  });

  const action = useMutation({
    mutationFn: async ({ user, kind }: { user: UserSummary; kind: 'toggle' | 'reset' | 'unlock' }) => {
      if (kind === 'toggle') return api(`/api/users/${user.id}`, { method: 'PATCH', body: { active: !user.active } });
      if (kind === 'unlock') return api(`/api/users/${user.id}/unlock`, { method: 'POST', body: {} });
      return api<{ temporaryPassword: string }>(`/api/users/${user.id}/reset-password`, { method: 'POST', body: {} });
    },
    onSuccess: (res, { user, kind }) => {
      void qc.invalidateQueries({ queryKey: ['users'] });
      if (kind === 'reset') {
        const pw = (res as { temporaryPassword: string }).temporaryPassword;
        modal.success({
          title: t('已重置 {{name}} 的密码', { name: user.displayName }),
          content: (
            <>
              <Typography.Paragraph>{t('临时密码只显示这一次，请转告用户并要求其登录后修改：')}</Typography.Paragraph>
              <Typography.Text code copyable style={{ fontSize: 18 }} data-testid="temp-password">
                {pw}
              </Typography.Text>
            </>
          ),
        });
      } else {
        message.success(t('操作成功'));
      }
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, current: 1 }));
  };

  return (
    <>
      <PageTitle
        title={t('用户管理')}
        extra={
          manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing(null);
                setModalOpen(true);
              }}
              data-testid="user-create"
            >
              {t('新建用户')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgTreeSelect
          value={filters.orgId}
          onChange={(orgId) => setFilter({ orgId })}
          placeholder={t('按组织筛选')}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          placeholder={t('按角色筛选')}
          style={{ width: 160 }}
          value={filters.role}
          onChange={(role) => setFilter({ role })}
          options={ROLES.map((r) => ({ value: r, label: t(ROLE_LABELS[r]) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('用户名 / 姓名')}
          style={{ width: 220 }}
          onSearch={(q) => setFilter({ q: q || undefined })}
          data-testid="user-search"
        />
      </Space>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      <Table<UserSummary>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 1100 }}
        data-testid="users-table"
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('共 {{total}} 人', { total }),
          onChange: (current, pageSize) => setPage({ current, pageSize }),
        }}
        columns={[
          { title: t('用户名'), dataIndex: 'username', width: 150, ellipsis: true },
          { title: t('姓名'), dataIndex: 'displayName', width: 110 },
          { title: t('角色'), dataIndex: 'role', width: 120, render: (r: Role) => <Tag>{t(ROLE_LABELS[r] ?? r)}</Tag> },
          {
            title: t('所属组织'),
            key: 'org',
            width: 240,
            ellipsis: true,
            render: (_, u) =>
              u.org ? (
                <span data-testid="user-org">
                  {u.org.name}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' '}
                    {t(KIND_LABELS[u.org.kind] ?? u.org.kind)}
                  </Typography.Text>
                </span>
              ) : (
                '—'
              ),
          },
          { title: t('手机号'), key: 'phone', width: 190, render: (_, u) => <PhoneCell user={u} /> },
          {
            title: t('状态'),
            key: 'status',
            width: 130,
            render: (_, u) => (
              <Space size={4}>
                {u.active ? <Tag color="green">{t('正常')}</Tag> : <Tag>{t('已停用')}</Tag>}
                {u.locked && (
                  <Tag color="red" icon={<LockOutlined />}>
                    {t('已锁定')}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('最近登录'),
            dataIndex: 'lastLoginAt',
            width: 140,
            render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
          },
          ...(manage
            ? [
                {
                  title: t('操作'),
                  key: 'actions',
                  width: 250,
                  fixed: 'right' as const,
                  render: (_: unknown, u: UserSummary) => (
                    <Space size={0} wrap>
                      <Button
                        type="link"
                        size="small"
                        onClick={() => {
                          setEditing(u);
                          setModalOpen(true);
                        }}
                      >
                        {t('编辑')}
                      </Button>
                      <Popconfirm
                        title={u.active ? t('确定停用该用户？') : t('确定启用该用户？')}
                        onConfirm={() => action.mutate({ user: u, kind: 'toggle' })}
                      >
                        <Button type="link" size="small" danger={u.active}>
                          {u.active ? t('停用') : t('启用')}
                        </Button>
                      </Popconfirm>
                      <Popconfirm
                        title={t('重置该用户的密码？')}
                        description={t('将生成一个临时密码，原密码立即失效。')}
                        onConfirm={() => action.mutate({ user: u, kind: 'reset' })}
                      >
                        <Button type="link" size="small" icon={<KeyOutlined />}>
                          {t('重置密码')}
                        </Button>
                      </Popconfirm>
                      {u.locked && (
                        <Button
                          type="link"
                          size="small"
                          icon={<UnlockOutlined />}
                          onClick={() => action.mutate({ user: u, kind: 'unlock' })}
                        >
                          {t('解锁')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <UserModal user={editing} open={modalOpen} onClose={() => setModalOpen(false)} />
    </>
  );
}
