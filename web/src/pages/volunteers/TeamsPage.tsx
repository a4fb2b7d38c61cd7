// 志愿服务队: the teams of the units in scope with their members; a unit founds a team (its own, or a village's).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { type TeamItem, useTeams } from './volunteer-api';

const UNIT_KINDS: Record<string, string> = { county: '县级', town: '镇街', village: '村社区', third_party: '社会组织' };

export default function TeamsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const teams = useTeams();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: { name: string; leaderName?: string; intro?: string; open: boolean }) =>
      api('/api/volunteers/teams', { method: 'POST', body: v }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['volunteers', 'teams'] });
      setOpen(false);
      form.resetFields();
    },
  });
  return (
    <>
      {can('volunteer.manage') && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setOpen(true)}>
          {t('成立服务队')}
        </Button>
      )}
      {teams.error && <Alert type="error" showIcon title={errorMessage(teams.error)} />}
      <Table<TeamItem>
        rowKey="id"
        size="middle"
        loading={teams.isLoading}
        dataSource={teams.data?.items ?? []}
        columns={[
          { title: t('服务队'), dataIndex: 'name' },
          {
            title: t('所属单位'),
            dataIndex: ['unit', 'name'],
            render: (v: string, r) => (
              <>
                {v} <Tag>{t(UNIT_KINDS[r.unit.kind] ?? r.unit.kind)}</Tag>
              </>
            ),
          },
          { title: t('负责人'), dataIndex: 'leaderName', width: 120 },
          { title: t('队员'), dataIndex: 'members', width: 80 },
          {
            title: t('开放加入'),
            dataIndex: 'open',
            width: 100,
            render: (v: boolean) => (v ? <Tag color="green">{t('开放')}</Tag> : <Tag>{t('不开放')}</Tag>),
          },
          { title: t('简介'), dataIndex: 'intro', ellipsis: true },
        ]}
      />
      <Modal
        open={open}
        title={t('成立服务队')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
      >
        <Form form={form} layout="vertical" initialValues={{ open: true }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="name" label={t('服务队名称')} rules={[{ required: true, message: t('请填写服务队名称') }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="leaderName" label={t('负责人')}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="intro" label={t('简介')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
          </Form.Item>
          <Form.Item name="open" label={t('群众可在手机上申请加入')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
        {create.error && <Alert type="error" showIcon title={errorMessage(create.error)} />}
      </Modal>
    </>
  );
}
