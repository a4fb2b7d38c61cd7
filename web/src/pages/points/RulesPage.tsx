// 积分规则: the village's rules (what earns or costs points, how many per time or hour, the cap per month or
// year), adopted from the county's template and adjusted here; the village's settings (approval threshold,
// objection window, credit grades, public board); and the county's template itself (kept by the county).
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan, useCurrentUser } from '../../auth';
import { CAP_LABELS, type RuleView, rulePoints, useVillageId, useVillageOverview } from './points-api';

type RuleTarget = { kind: 'edit'; rule: RuleView } | { kind: 'village'; villageId: number } | { kind: 'template' };

function RuleModal({ target, onClose }: { target: RuleTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Partial<RuleView>) => {
      const body = { ...v, capPoints: v.capPoints ?? null, capPeriod: v.capPoints ? v.capPeriod : null };
      if (target?.kind === 'edit')
        return api(`/api/points/rules/${target.rule.id}`, {
          method: 'PATCH',
          body: { ...body, version: target.rule.version },
        });
      const url =
        target?.kind === 'village' ? `/api/points/villages/${target.villageId}/rules` : '/api/points/template/rules';
      return api(url, { method: 'POST', body });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['points'] });
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const rule = target?.kind === 'edit' ? target.rule : undefined;
  return (
    <Modal
      open={!!target}
      title={rule ? t('修改积分规则') : t('新增积分规则')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" initialValues={rule ?? { unit: 'time', active: true }} onFinish={(v) => save.mutate(v)}>
        <Space>
          <Form.Item name="category" label={t('类别')} rules={[{ required: true }]}>
            <Input maxLength={50} placeholder={t('如：人居环境')} />
          </Form.Item>
          <Form.Item name="name" label={t('事项')} rules={[{ required: true }]}>
            <Input maxLength={100} style={{ width: 240 }} />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="points" label={t('分值（扣分填负数）')} rules={[{ required: true }]}>
            <InputNumber min={-1000} max={1000} />
          </Form.Item>
          <Form.Item name="unit" label={t('计分单位')}>
            <Select
              style={{ width: 100 }}
              options={[
                { value: 'time', label: t('每次') },
                { value: 'hour', label: t('每小时') },
              ]}
            />
          </Form.Item>
          <Form.Item name="active" label={t('启用')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="capPoints" label={t('上限分值（可空）')}>
            <InputNumber min={1} max={100000} />
          </Form.Item>
          <Form.Item name="capPeriod" label={t('上限周期')}>
            <Select
              allowClear
              style={{ width: 100 }}
              options={[
                { value: 'month', label: t('每月') },
                { value: 'year', label: t('每年') },
              ]}
            />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('保存')}
        </Button>
      </Form>
    </Modal>
  );
}

function RuleTable({ rules, onEdit }: { rules: RuleView[]; onEdit?: (r: RuleView) => void }) {
  const { t } = useTranslation();
  return (
    <Table<RuleView>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rules}
      columns={[
        { title: t('类别'), dataIndex: 'category', width: 110 },
        { title: t('事项'), dataIndex: 'name' },
        {
          title: t('分值'),
          render: (_: unknown, r) => <Tag color={r.points > 0 ? 'green' : 'red'}>{rulePoints(r.points, r.unit)}</Tag>,
        },
        {
          title: t('上限'),
          render: (_: unknown, r) =>
            r.capPoints ? `${t(CAP_LABELS[r.capPeriod ?? ''] ?? '')} ${r.capPoints} ${t('分')}` : '—',
        },
        { title: t('状态'), dataIndex: 'active', render: (a: boolean) => (a ? t('启用') : <Tag>{t('停用')}</Tag>) },
        ...(onEdit
          ? [
              {
                title: '',
                width: 70,
                render: (_: unknown, r: RuleView) => (
                  <Button size="small" type="link" onClick={() => onEdit(r)}>
                    {t('修改')}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

function SettingsCard({ villageId }: { villageId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const overview = useVillageOverview(villageId);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api(`/api/points/villages/${villageId}/settings`, {
        method: 'PUT',
        body: { ...v, version: overview.data?.settings.version },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['points'] });
      message.success(t('已保存'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!overview.data) return null;
  const s = overview.data.settings;
  return (
    <Card title={t('本村设置')} size="small">
      <Form
        layout="inline"
        initialValues={s}
        onFinish={(v) => save.mutate(v)}
        disabled={!can('points.manage')}
        key={s.version}
      >
        <Form.Item name="approvalThreshold" label={t('审批阈值（分）')}>
          <InputNumber min={1} max={1000} />
        </Form.Item>
        <Form.Item name="objectionDays" label={t('申诉期限（天）')}>
          <InputNumber min={1} max={60} />
        </Form.Item>
        <Form.Item name="creditGradeA" label={t('诚信户 A')}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="creditGradeAA" label="AA">
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="creditGradeAAA" label="AAA">
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="boardPublic" label={t('公开积分榜')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="boardFullNames" label={t('公示户主全名')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('保存设置')}
        </Button>
      </Form>
    </Card>
  );
}

export default function RulesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [villageId] = useVillageId();
  const overview = useVillageOverview(villageId);
  const [target, setTarget] = useState<RuleTarget | null>(null);
  const template = useQuery({
    queryKey: ['points', 'template'],
    queryFn: () => api<{ items: RuleView[] }>('/api/points/template'),
  });
  const adopt = useMutation({
    mutationFn: () => api<{ added: number }>(`/api/points/villages/${villageId}/adopt-template`, { method: 'POST' }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['points'] });
      message.success(t('已采用县级模板，新增 {{n}} 条规则', { n: r.added }));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const manage = can('points.manage');
  const county = me.org?.kind === 'county';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      {villageId !== undefined && <SettingsCard villageId={villageId} />}
      <Card
        title={t('本村积分规则')}
        size="small"
        extra={
          manage &&
          villageId !== undefined && (
            <Space>
              <Button
                icon={<CopyOutlined />}
                loading={adopt.isPending}
                onClick={() => adopt.mutate()}
                data-testid="adopt-template"
              >
                {t('采用县级模板')}
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setTarget({ kind: 'village', villageId })}>
                {t('新增本村规则')}
              </Button>
            </Space>
          )
        }
      >
        {overview.data && overview.data.rules.length === 0 && (
          <Alert
            type="info"
            showIcon
            title={t('本村尚未设置积分规则：点击“采用县级模板”一键导入')}
            style={{ marginBottom: 12 }}
          />
        )}
        <RuleTable
          rules={overview.data?.rules ?? []}
          onEdit={manage ? (rule) => setTarget({ kind: 'edit', rule }) : undefined}
        />
      </Card>
      <Card
        title={t('县级积分规则模板')}
        size="small"
        extra={
          manage &&
          county && (
            <Button icon={<PlusOutlined />} onClick={() => setTarget({ kind: 'template' })}>
              {t('新增模板规则')}
            </Button>
          )
        }
      >
        <RuleTable
          rules={template.data?.items ?? []}
          onEdit={manage && county ? (rule) => setTarget({ kind: 'edit', rule }) : undefined}
        />
      </Card>
      <RuleModal target={target} onClose={() => setTarget(null)} />
    </Space>
  );
}
