// 事项清单: the county's template (kept by the county platform) and each station's list — adopt the template (a
// chain with its steps), see which copies are behind their template item and take the new version.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan, useCurrentUser } from '../../auth';
import { LEVEL_LABELS, type ServiceItemView, useStation, useStations } from './service-api';

export default function ItemsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const stations = useStations();
  const [stationId, setStationId] = useState<number | 'template'>('template');
  const [editing, setEditing] = useState<ServiceItemView | null>(null);
  const template = useQuery({
    queryKey: ['service-items', 'template'],
    queryFn: () => api<{ items: ServiceItemView[] }>('/api/service-items/template'),
    enabled: stationId === 'template',
  });
  const station = useStation(stationId === 'template' ? undefined : stationId);
  const items = stationId === 'template' ? template.data?.items : station.data?.items;
  const county = me.org?.kind === 'county';
  const canEdit = can('service.manage') && (stationId !== 'template' || county);
  const run = async (path: string, body: unknown, done: (r: unknown) => string) => {
    try {
      const r = await api(path, { method: 'POST', body });
      message.success(done(r));
      await qc.invalidateQueries({ queryKey: ['service-items'] });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          style={{ width: 280 }}
          value={stationId}
          onChange={setStationId}
          data-testid="items-station"
          options={[
            { value: 'template', label: t('县级模板') },
            ...(stations.data?.items.map((s) => ({ value: s.id, label: s.name })) ?? []),
          ]}
        />
        {stationId !== 'template' && can('service.manage') && (
          <Button
            onClick={() =>
              run(`/api/service-items/stations/${stationId}/adopt`, {}, (r) =>
                t('新采用 {{n}} 项', { n: (r as { added: number }).added }),
              )
            }
          >
            {t('采用县级模板')}
          </Button>
        )}
        {stationId === 'template' && (
          <Typography.Text type="secondary">{t('县级模板由县平台维护；站点采用后可在本站清单中调整')}</Typography.Text>
        )}
      </Space>
      <Table<ServiceItemView>
        rowKey="id"
        size="middle"
        dataSource={items}
        loading={template.isLoading || station.isLoading}
        pagination={false}
        columns={[
          {
            title: t('事项'),
            render: (_, i) => (
              <Space direction="vertical" size={0}>
                <span>
                  <Tag>{i.category}</Tag>
                  <strong>{i.name}</strong>
                  {!i.active && <Tag>{t('已停用')}</Tag>}
                </span>
                {i.kind === 'chain' && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('一链办理')}：{i.chainSteps.map((s) => s.name).join(' → ')}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('主管部门'), dataIndex: 'department', width: 180 },
          { title: t('申请材料'), render: (_, i) => i.materials.join('；') },
          { title: t('法定时限'), width: 100, render: (_, i) => t('{{n}} 个工作日', { n: i.legalLimitDays }) },
          {
            title: t('办理层级'),
            width: 150,
            render: (_, i) => (
              <>
                {i.levels.map((l) => (
                  <Tag key={l}>{t(LEVEL_LABELS[l] ?? l)}</Tag>
                ))}
                {i.agent && <Tag color="green">{t('可代办')}</Tag>}
              </>
            ),
          },
          {
            title: '',
            width: 170,
            render: (_, i) => (
              <Space>
                {i.templateChanged && can('service.manage') && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() =>
                      run(`/api/service-items/items/${i.id}/sync-template`, { version: i.version }, () => t('已同步'))
                    }
                  >
                    {t('同步模板新版本')}
                  </Button>
                )}
                {canEdit && (
                  <Button size="small" onClick={() => setEditing(i)}>
                    {t('修改')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && <ItemModal item={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function ItemModal({ item, onClose }: { item: ServiceItemView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const submit = async () => {
    const values = await form.validateFields();
    try {
      await api(`/api/service-items/items/${item.id}`, { method: 'PATCH', body: { ...values, version: item.version } });
      message.success(t('已保存'));
      await qc.invalidateQueries({ queryKey: ['service-items'] });
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Modal open title={item.name} onCancel={onClose} onOk={submit} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={item}>
        <Form.Item name="materials" label={t('申请材料')}>
          <Select mode="tags" />
        </Form.Item>
        <Form.Item name="legalLimitDays" label={t('法定时限（工作日）')}>
          <InputNumber min={1} max={365} />
        </Form.Item>
        <Form.Item name="agent" label={t('可代办')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="active" label={t('在用')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
