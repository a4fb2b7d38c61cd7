// API 密钥: keys for hotline and Open311 integrations; the secret is shown exactly once.
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, Popconfirm, Table, Tag, Typography } from 'antd';
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
import { OrgTreeSelect, PageTitle } from '../../components/common';
import { PERMISSION_LABELS } from '../../labels';
import type { ApiKey, Id } from '../../types';

const KEY_PERMISSIONS = ['case.create', 'case.read', 'open311', 'hotline.push', 'video.push'];

interface KeyForm {
  name: string;
  orgId: Id;
  permissions: string[];
}

export default function ApiKeysPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<KeyForm>();
  const [secret, setSecret] = useState<string | null>(null);
  const { data, isLoading, error } = useQuery({
    queryKey: ['api-keys'],
    queryFn: () => api<{ items: ApiKey[] }>('/api/api-keys'),
  });
  const create = useAdminMutation({
    mutationFn: (body: KeyForm) => api<{ key: string; apiKey: ApiKey }>('/api/api-keys', { method: 'POST', body }),
    invalidate: ['api-keys'],
    onSuccess: (res) => {
      close();
      setSecret(res.key);
    },
    inlineError: true,
  });
  const revoke = useAdminMutation({
    mutationFn: (id: Id) => api(`/api/api-keys/${id}`, { method: 'DELETE' }),
    invalidate: ['api-keys'],
    success: '已吊销',
  });
  const { editing, open, close } = useEditing<never, KeyForm>(form, () => ({}), create);
  const fmt = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

  return (
    <>
      <PageTitle
        title={t('API 密钥')}
        extra={<NewButton label={t('新建密钥')} onClick={() => open('new')} testId="apikey-create" />}
      />
      <ErrorAlert error={error} />
      <Table<ApiKey>
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        scroll={{ x: 1000 }}
        columns={[
          { title: t('名称'), dataIndex: 'name' },
          {
            title: t('前缀'),
            dataIndex: 'prefix',
            render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
          },
          { title: t('所属组织'), key: 'org', render: (_, k) => k.org?.name ?? '—' },
          {
            title: t('权限'),
            dataIndex: 'permissions',
            render: (ps: string[]) => ps.map((p) => <Tag key={p}>{t(PERMISSION_LABELS[p] ?? p)}</Tag>),
          },
          { title: t('创建时间'), dataIndex: 'createdAt', width: 140, render: fmt },
          { title: t('最近使用'), dataIndex: 'lastUsedAt', width: 140, render: fmt },
          {
            title: t('状态'),
            key: 'state',
            width: 150,
            render: (_, k) =>
              k.revokedAt ? (
                <Tag>
                  {t('已吊销')} {dayjs(k.revokedAt).format('MM-DD')}
                </Tag>
              ) : (
                <Tag color="green">{t('有效')}</Tag>
              ),
          },
          {
            title: t('操作'),
            key: 'actions',
            width: 90,
            render: (_, k) =>
              !k.revokedAt && (
                <Popconfirm
                  title={t('确定吊销该密钥？')}
                  description={t('吊销后使用该密钥的系统将立即无法访问。')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke.mutate(k.id)}
                >
                  <Button type="link" danger size="small">
                    {t('吊销')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <FormModal
        open={editing !== null}
        title={t('新建 API 密钥')}
        form={form}
        onCancel={close}
        onFinish={(v) => create.mutate(v)}
        saving={create.isPending}
        error={create.error}
        initialValues={{ permissions: ['case.create', 'case.read'] }}
        testId="apikey-form"
      >
        <Form.Item name="name" label={t('名称')} rules={[{ required: true, message: t('请输入名称') }]}>
          <Input placeholder={t('如：12345 热线对接')} />
        </Form.Item>
        <Form.Item name="orgId" label={t('所属组织')} rules={[{ required: true, message: t('请选择组织') }]}>
          <OrgTreeSelect allowClear={false} />
        </Form.Item>
        <Form.Item name="permissions" label={t('权限')} rules={[{ required: true, message: t('至少选择一项权限') }]}>
          <Checkbox.Group
            options={KEY_PERMISSIONS.map((p) => ({ value: p, label: `${t(PERMISSION_LABELS[p] ?? p)}（${p}）` }))}
          />
        </Form.Item>
      </FormModal>
      <SecretOnceModal
        secret={secret}
        title={t('密钥已创建')}
        warning={t('密钥只显示这一次，关闭后无法再次查看，请立即复制保存。')}
        testId="apikey-secret"
        onClose={() => setSecret(null)}
      />
    </>
  );
}
