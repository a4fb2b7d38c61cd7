// 会议类型: the kinds of joint meeting the unit organises or sits in — the county's 社会治理联席会议, each town's
// 联席会议, topic meetings — with their chair and member units; organisers add and change them.
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Popover, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan, useCurrentUser } from '../../auth';
import { PageTitle } from '../../components/common';
import { UnitSelect } from '../../components/UnitSelect';
import type { Id } from '../../types';
import { type MeetingKind, useMeetingKinds } from './meeting-api';

const LEVELS = [
  { value: 'county', label: '县社会治理联席会议' },
  { value: 'town', label: '镇街联席会议' },
  { value: 'topic', label: '专题会议' },
];

interface Values {
  name: string;
  level: string;
  chair?: string;
  memberOrgIds?: Id[];
  description?: string;
  active?: boolean;
}

function KindModal({ kind, open, onClose }: { kind: MeetingKind | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const members = v.memberOrgIds?.map(Number);
      return kind
        ? api(`/api/meetings/kinds/${kind.id}`, {
            method: 'PATCH',
            body: {
              version: kind.version,
              name: v.name,
              chair: v.chair ?? '',
              memberOrgIds: members ?? [],
              description: v.description ?? '',
              active: v.active ?? true,
            },
          })
        : api('/api/meetings/kinds', {
            method: 'POST',
            body: {
              name: v.name,
              level: v.level,
              chair: v.chair ?? '',
              description: v.description ?? '',
              ...(members?.length ? { memberOrgIds: members } : {}),
            },
          });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['meetings', 'kinds'] });
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open={open}
      title={kind ? t('修改会议类型') : t('新建会议类型')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          kind
            ? {
                name: kind.name,
                level: kind.level,
                chair: kind.chair,
                memberOrgIds: kind.members.map((m) => m.id),
                description: kind.description,
                active: kind.active,
              }
            : { level: 'topic' }
        }
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="name" label={t('名称')} rules={[{ required: true, message: t('请填写会议类型名称') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="level" label={t('类别')}>
          <Select disabled={!!kind} options={LEVELS.map((l) => ({ value: l.value, label: t(l.label) }))} />
        </Form.Item>
        <Form.Item name="chair" label={t('主持人')}>
          <Input maxLength={100} placeholder={t('如：县委副书记 王明')} />
        </Form.Item>
        <Form.Item
          name="memberOrgIds"
          label={t('成员单位')}
          extra={kind ? undefined : t('不选则按类别默认：县级为各职能部门和镇街，镇街为站所和村（社区）')}
        >
          <UnitSelect multiple />
        </Form.Item>
        <Form.Item name="description" label={t('说明')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {kind && (
          <Form.Item name="active" label={t('启用')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export default function MeetingKindsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const kinds = useMeetingKinds();
  const [editing, setEditing] = useState<MeetingKind | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageTitle
        title={t('会议类型')}
        extra={
          <Space>
            <Link to="/meetings">
              <Button icon={<ArrowLeftOutlined />}>{t('联席会议')}</Button>
            </Link>
            {can('meeting.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('新建会议类型')}
              </Button>
            )}
          </Space>
        }
      />
      {kinds.error && <Alert type="error" showIcon title={errorMessage(kinds.error)} />}
      <Table<MeetingKind>
        rowKey="id"
        loading={kinds.isLoading}
        dataSource={kinds.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          {
            title: t('会议类型'),
            key: 'name',
            render: (_, k) => (
              <Space>
                {k.name}
                {!k.active && <Tag>{t('已停用')}</Tag>}
              </Space>
            ),
          },
          { title: t('类别'), key: 'level', render: (_, k) => t(k.levelLabel) },
          { title: t('组织单位'), key: 'organiser', render: (_, k) => k.organiser.name },
          { title: t('主持人'), dataIndex: 'chair', key: 'chair' },
          {
            title: t('成员单位'),
            key: 'members',
            render: (_, k) => (
              <Popover
                content={<div style={{ maxWidth: 420 }}>{k.members.map((m) => m.name).join('、') || '—'}</div>}
                title={t('成员单位')}
              >
                <Typography.Link>{t('{{n}} 个', { n: k.members.length })}</Typography.Link>
              </Popover>
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_, k) =>
              k.canManage && can('meeting.manage') ? (
                <Button size="small" onClick={() => setEditing(k)}>
                  {t('修改')}
                </Button>
              ) : k.organiser.id !== me.org?.id ? (
                <Tag>{t('参加')}</Tag>
              ) : null,
          },
        ]}
      />
      <KindModal kind={null} open={creating} onClose={() => setCreating(false)} />
      <KindModal kind={editing} open={!!editing} onClose={() => setEditing(null)} />
    </>
  );
}
