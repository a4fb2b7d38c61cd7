// 顾问名册: the advisers in the user's reach with the villages they serve and each village's commitment; the
// county platform / 司法局 adds advisers and assigns them to villages (a new assignment ends the current one
// the day before), and sees each adviser's history.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { UnitSelect } from '../../components/UnitSelect';
import type { AdviserDetail, AdviserView, AssignmentView } from './legal-api';

function AdviserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const firms = useQuery({
    queryKey: ['orgs', 'third_party'],
    queryFn: () =>
      api<{ items: { id: number; name: string }[] }>('/api/orgs', { query: { kind: 'third_party', limit: 200 } }),
    enabled: open,
  });
  const submit = async () => {
    const values = await form.validateFields();
    try {
      await api('/api/legal/advisers', { method: 'POST', body: values });
      message.success(t('已新增法律顾问'));
      await qc.invalidateQueries({ queryKey: ['legal'] });
      form.resetFields();
      onClose();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <Modal open={open} title={t('新增法律顾问')} onCancel={onClose} onOk={submit} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('姓名')} rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t('联系电话')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="licenceNo" label={t('执业证号')} rules={[{ required: true }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="firmOrgId" label={t('律师事务所')} rules={[{ required: true }]}>
          <Select
            loading={firms.isLoading}
            options={(firms.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AssignModal({ adviser, onClose }: { adviser: AdviserView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api('/api/legal/assignments', {
        method: 'POST',
        body: { ...v, adviserId: adviser?.id, startedOn: v.startedOn.format('YYYY-MM-DD') },
      });
      message.success(t('已聘任'));
      await qc.invalidateQueries({ queryKey: ['legal'] });
      form.resetFields();
      onClose();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <Modal
      open={adviser !== null}
      title={`${t('聘任到村（社区）')} · ${adviser?.name ?? ''}`}
      onCancel={onClose}
      onOk={submit}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ hoursPerMonth: 8, lecturesPerQuarter: 1, startedOn: dayjs() }}
      >
        <Form.Item name="villageId" label={t('村（社区）')} rules={[{ required: true }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="hoursPerMonth" label={t('每月驻村服务（小时）')} rules={[{ required: true }]}>
          <InputNumber min={0} max={200} step={0.5} />
        </Form.Item>
        <Form.Item name="lecturesPerQuarter" label={t('每季度普法讲座（次）')}>
          <InputNumber min={0} max={30} />
        </Form.Item>
        <Form.Item name="startedOn" label={t('聘任开始日期')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label={t('备注')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AdviserDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: ['legal', 'adviser', id],
    queryFn: () => api<AdviserDetail>(`/api/legal/advisers/${id}`),
    enabled: id !== null,
  });
  const d = detail.data;
  return (
    <Drawer open={id !== null} onClose={onClose} size={560} title={d ? `${d.name}（${d.firm.name}）` : ''}>
      {detail.error && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
      {d && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <div>{`${t('执业证号')}：${d.licenceNo}　${t('联系电话')}：${d.phone ?? '—'}`}</div>
          <Table<AssignmentView>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.assignments}
            columns={[
              { title: t('村（社区）'), render: (_, a) => a.village.name },
              { title: t('每月（小时）'), dataIndex: 'hoursPerMonth', align: 'right' },
              { title: t('讲座/季'), dataIndex: 'lecturesPerQuarter', align: 'right' },
              { title: t('聘期'), render: (_, a) => `${a.startedOn} ~ ${a.endedOn ?? t('至今')}` },
            ]}
          />
          <Timeline
            items={d.history.map((h) => ({
              content: `${dayjs(h.at).format('YYYY-MM-DD HH:mm')} ${t(h.label)} ${h.actor.userName ?? ''}`,
            }))}
          />
        </Space>
      )}
    </Drawer>
  );
}

export default function AdvisersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [adding, setAdding] = useState(false);
  const [assigning, setAssigning] = useState<AdviserView | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const advisers = useQuery({
    queryKey: ['legal', 'advisers'],
    queryFn: () => api<{ items: AdviserView[] }>('/api/legal/advisers'),
  });
  const manage = can('legal.manage');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      {manage && (
        <Button type="primary" onClick={() => setAdding(true)} data-testid="legal-add-adviser">
          {t('新增法律顾问')}
        </Button>
      )}
      {advisers.error && <Alert type="error" showIcon title={errorMessage(advisers.error)} />}
      <Table<AdviserView>
        rowKey="id"
        size="small"
        loading={advisers.isLoading}
        dataSource={advisers.data?.items ?? []}
        data-testid="legal-advisers"
        columns={[
          {
            title: t('姓名'),
            render: (_, a) => (
              <Button type="link" size="small" onClick={() => setOpen(a.id)}>
                {a.name}
              </Button>
            ),
          },
          { title: t('律师事务所'), render: (_, a) => a.firm.name },
          { title: t('执业证号'), dataIndex: 'licenceNo' },
          { title: t('联系电话'), dataIndex: 'phone' },
          {
            title: t('服务村（社区）'),
            render: (_, a) => a.villages.map((v) => <Tag key={v.id}>{v.name}</Tag>),
          },
          {
            title: t('状态'),
            render: (_, a) => (a.active ? <Tag color="green">{t('在聘')}</Tag> : <Tag>{t('停用')}</Tag>),
          },
          ...(manage
            ? [
                {
                  title: t('操作'),
                  render: (_: unknown, a: AdviserView) =>
                    a.active ? (
                      <Button size="small" onClick={() => setAssigning(a)}>
                        {t('聘任到村')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <AdviserModal open={adding} onClose={() => setAdding(false)} />
      <AssignModal adviser={assigning} onClose={() => setAssigning(null)} />
      <AdviserDrawer id={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
