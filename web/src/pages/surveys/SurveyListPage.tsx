// 民意调查: the county's rounds with their progress, the trend of the satisfaction score across rounds, and a
// new round (the county platform): its title, kind, questionnaire (JSON, checked by the server, which names
// the question at fault) and quotas per town or village.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import {
  KIND_OPTIONS,
  QUESTIONNAIRE_TEMPLATE,
  type RoundDetail,
  type RoundListItem,
  STATE_COLORS,
  type TrendPoint,
} from './survey-api';
import { TrendChart } from './TrendChart';

const fmt = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD') : '—');

interface OrgOption {
  id: number;
  name: string;
  kind: string;
}

function NewRoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const orgs = useQuery({
    queryKey: ['orgs', 'towns-villages'],
    queryFn: async () => {
      const [towns, villages] = await Promise.all([
        api<{ items: OrgOption[] }>('/api/orgs', { query: { kind: 'town', limit: 500 } }),
        api<{ items: OrgOption[] }>('/api/orgs', { query: { kind: 'village', limit: 500 } }),
      ]);
      return [...towns.items, ...villages.items];
    },
    enabled: open,
  });
  const create = useMutation({
    mutationFn: (v: {
      title: string;
      kind: string;
      questionnaire: string;
      quotas: { orgId: number; size: number }[];
    }) => {
      let questionnaire: unknown;
      try {
        questionnaire = JSON.parse(v.questionnaire);
      } catch {
        throw new Error(t('问卷不是有效的 JSON，请检查括号和引号'));
      }
      const kindOf = new Map((orgs.data ?? []).map((o) => [o.id, o.kind]));
      return api<RoundDetail>('/api/surveys/rounds', {
        method: 'POST',
        body: {
          title: v.title,
          kind: v.kind,
          questionnaire,
          quotas: (v.quotas ?? []).map((q) => ({
            level: kindOf.get(q.orgId) === 'town' ? 'town' : 'village',
            orgId: q.orgId,
            size: q.size,
          })),
        },
      });
    },
    onSuccess: (round) => {
      onClose();
      navigate(`/surveys/${round.id}`);
    },
  });
  return (
    <Modal
      open={open}
      title={t('新建民调')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={760}
      destroyOnHidden
    >
      {create.error && <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'safety',
          questionnaire: JSON.stringify(QUESTIONNAIRE_TEMPLATE, null, 2),
          quotas: [],
        }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="title" label={t('民调名称')} rules={[{ required: true, message: t('请填写民调名称') }]}>
          <Input maxLength={100} placeholder={t('如：2026年第四季度平安建设群众安全感和满意度调查')} />
        </Form.Item>
        <Form.Item name="kind" label={t('类型')}>
          <Select options={KIND_OPTIONS.map((k) => ({ ...k, label: t(k.label) }))} />
        </Form.Item>
        <Form.Item
          name="questionnaire"
          label={t('问卷（JSON）')}
          extra={t('题型：single 单选、multi 多选、scale 1–5 分量表、text 文字；score: true 的量表题为满意度得分题')}
        >
          <Input.TextArea rows={10} style={{ fontFamily: 'monospace', fontSize: 12 }} />
        </Form.Item>
        <Typography.Text strong>{t('样本配额（镇街或村社区）')}</Typography.Text>
        <Form.List name="quotas">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'orgId']} rules={[{ required: true, message: t('请选择单位') }]}>
                    <Select
                      showSearch
                      optionFilterProp="label"
                      style={{ width: 280 }}
                      placeholder={t('镇街或村社区')}
                      options={(orgs.data ?? []).map((o) => ({
                        value: o.id,
                        label: `${o.name}${o.kind === 'town' ? t('（镇街）') : ''}`,
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'size']} rules={[{ required: true, message: t('请填写样本量') }]}>
                    <InputNumber min={1} max={10000} placeholder={t('样本量')} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ size: 30 })} icon={<PlusOutlined />} data-testid="add-quota">
                {t('添加配额')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

export default function SurveyListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [kind, setKind] = useState('safety');
  const rounds = useQuery({
    queryKey: ['surveys', 'rounds'],
    queryFn: () => api<{ items: RoundListItem[] }>('/api/surveys/rounds'),
  });
  const trend = useQuery({
    queryKey: ['surveys', 'trends', kind],
    queryFn: () => api<{ points: TrendPoint[] }>('/api/surveys/trends', { query: { kind } }),
  });
  return (
    <div>
      <Space style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('民意调查')}
        </Typography.Title>
        {can('survey.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-round">
            {t('新建民调')}
          </Button>
        )}
      </Space>
      <Card
        size="small"
        title={t('满意度得分趋势（答 4–5 分的比例）')}
        extra={
          <Segmented
            size="small"
            value={kind}
            onChange={(v) => setKind(String(v))}
            options={KIND_OPTIONS.map((k) => ({ value: k.value, label: t(k.label) }))}
          />
        }
        style={{ marginBottom: 12 }}
      >
        {trend.data && trend.data.points.length > 0 ? (
          <TrendChart points={trend.data.points} />
        ) : (
          <Typography.Text type="secondary">{t('暂无已发放的同类民调')}</Typography.Text>
        )}
      </Card>
      {rounds.error && <Alert type="error" showIcon title={errorMessage(rounds.error)} />}
      <Table<RoundListItem>
        rowKey="id"
        size="middle"
        loading={rounds.isLoading}
        dataSource={rounds.data?.items ?? []}
        pagination={false}
        data-testid="round-table"
        columns={[
          {
            title: t('民调名称'),
            dataIndex: 'title',
            render: (v: string, r) => <Link to={`/surveys/${r.id}`}>{v}</Link>,
          },
          { title: t('类型'), dataIndex: 'kindLabel', render: (v: string) => t(v), width: 200 },
          {
            title: t('状态'),
            dataIndex: 'stateLabel',
            width: 90,
            render: (v: string, r) => <Tag color={STATE_COLORS[r.state]}>{t(v)}</Tag>,
          },
          { title: t('样本'), dataIndex: 'sampled', width: 80, align: 'right' },
          { title: t('已答'), dataIndex: 'answered', width: 80, align: 'right' },
          { title: t('开始发放'), dataIndex: 'openedAt', width: 110, render: fmt },
          { title: t('结束'), dataIndex: 'closedAt', width: 110, render: fmt },
          {
            title: '',
            width: 90,
            render: (_: unknown, r) =>
              r.state === 'distributing' && can('survey.call') ? (
                <Link to={`/surveys/${r.id}/call`}>{t('拨号屏')}</Link>
              ) : null,
          },
        ]}
      />
      <NewRoundModal
        open={creating}
        onClose={() => {
          setCreating(false);
          void qc.invalidateQueries({ queryKey: ['surveys'] });
        }}
      />
    </div>
  );
}
