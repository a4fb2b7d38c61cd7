// 议事站与成员: the stations of the villages in scope (五老议事站, 说事评理站, 群众评议站 …), their vote rule and
// members; a village (or a level above) adds stations and members.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan, useCurrentUser } from '../../auth';
import { PageTitle } from '../../components/common';
import { STATION_KINDS, type StationView, useStations } from './deliberation-api';

function StationCard({ s, canManage }: { s: StationView; canManage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['deliberations', 'stations'] });
  const add = useMutation({
    mutationFn: () => api(`/api/deliberations/stations/${s.id}/members`, { method: 'POST', body: { name, title } }),
    onSuccess: () => {
      setName('');
      setTitle('');
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (memberId: number) =>
      api(`/api/deliberations/stations/${s.id}/members/${memberId}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  return (
    <Card
      size="small"
      data-testid="station-card"
      title={
        <Space>
          {s.name}
          <Tag>{t(s.kindLabel)}</Tag>
          {!s.active && <Tag color="red">{t('停用')}</Tag>}
        </Space>
      }
      extra={<Typography.Text type="secondary">{s.village.name}</Typography.Text>}
    >
      {s.description && <Typography.Paragraph type="secondary">{s.description}</Typography.Paragraph>}
      <div style={{ marginBottom: 8 }}>
        {t('最低参与率')} {s.quorumPercent}% · {t('通过比例')} &gt;{s.passPercent}%
      </div>
      <div>
        {s.members.map((m) => (
          <Tag
            key={m.id}
            closable={canManage}
            onClose={(e) => {
              e.preventDefault();
              remove.mutate(m.id);
            }}
            style={{ marginBottom: 4 }}
          >
            {m.name}
            {m.title ? `（${m.title}）` : ''}
          </Tag>
        ))}
      </div>
      {canManage && (
        <Space.Compact style={{ marginTop: 8, width: '100%' }}>
          <Input placeholder={t('姓名')} value={name} onChange={(e) => setName(e.target.value)} />
          <Input placeholder={t('职务')} value={title} onChange={(e) => setTitle(e.target.value)} />
          <Button onClick={() => add.mutate()} disabled={!name.trim()} loading={add.isPending}>
            {t('添加成员')}
          </Button>
        </Space.Compact>
      )}
      {(add.error || remove.error) && <Alert type="error" showIcon title={errorMessage(add.error ?? remove.error)} />}
    </Card>
  );
}

export default function StationsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const stations = useStations();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const canManage = can('deliberation.manage');
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api('/api/deliberations/stations', { method: 'POST', body: { ...v, villageId: v.villageId ?? me.org?.id } }),
    onSuccess: () => {
      setCreating(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['deliberations', 'stations'] });
    },
  });
  const villages = new Map((stations.data?.items ?? []).map((s) => [s.village.id, s.village.name]));
  return (
    <>
      <PageTitle
        title={t('议事站与成员')}
        extra={
          canManage && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="new-station">
              {t('新建议事站')}
            </Button>
          )
        }
      />
      {stations.isLoading && <Skeleton active />}
      {stations.error && <Alert type="error" showIcon title={errorMessage(stations.error)} />}
      <Row gutter={[12, 12]}>
        {(stations.data?.items ?? []).map((s) => (
          <Col key={s.id} xs={24} md={12} xl={8}>
            <StationCard s={s} canManage={canManage} />
          </Col>
        ))}
      </Row>
      <Modal
        open={creating}
        title={t('新建议事站')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
      >
        {create.error && (
          <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginBottom: 12 }} />
        )}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'wulao', quorumPercent: 50, passPercent: 50 }}
          onFinish={(v) => create.mutate(v)}
        >
          {me.org?.kind !== 'village' && (
            <Form.Item name="villageId" label={t('选择村社区')} rules={[{ required: true }]}>
              <Select options={[...villages].map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          )}
          <Form.Item name="kind" label={t('类型')} rules={[{ required: true }]}>
            <Select options={STATION_KINDS.map((k) => ({ value: k.value, label: t(k.label) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('名称')} rules={[{ required: true, max: 50 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('说明')}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item name="quorumPercent" label={t('最低参与率')} extra={t('参与率达到此比例表决才有效')}>
            <InputNumber min={0} max={100} addonAfter="%" />
          </Form.Item>
          <Form.Item name="passPercent" label={t('通过比例')} extra={t('赞成票须超过已投票数的此比例')}>
            <InputNumber min={1} max={99} addonAfter="%" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
