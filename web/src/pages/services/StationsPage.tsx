// 服务站点: the 便民服务中心 of towns and the 代办点 of villages in one's scope, with hours, staff and place; a
// unit opens its own station (a town a centre, a village an agency) and keeps it up to date.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan, useCurrentUser } from '../../auth';
import { STATION_KIND_LABELS, type StationListItem, useStations } from './service-api';

export default function StationsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const stations = useStations();
  const [editing, setEditing] = useState<StationListItem | 'new' | null>(null);
  const ownKind = me.org?.kind === 'town' ? 'centre' : me.org?.kind === 'village' ? 'agency' : null;
  return (
    <>
      {can('service.manage') && ownKind && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setEditing('new')}>
          {t('新设站点')}
        </Button>
      )}
      <Table<StationListItem>
        rowKey="id"
        size="middle"
        loading={stations.isLoading}
        dataSource={stations.data?.items}
        pagination={false}
        columns={[
          {
            title: t('站点'),
            render: (_, s) => (
              <Space>
                <Tag color={s.kind === 'centre' ? 'red' : 'blue'}>{t(STATION_KIND_LABELS[s.kind] ?? s.kind)}</Tag>
                {s.name}
                {!s.active && <Tag>{t('已停用')}</Tag>}
              </Space>
            ),
          },
          { title: t('所属单位'), dataIndex: 'orgName' },
          { title: t('地址'), dataIndex: 'address' },
          { title: t('服务时间'), dataIndex: 'hours', width: 260 },
          { title: t('工作人员'), render: (_, s) => s.staff.map((m) => `${m.name}（${m.duty}）`).join('、') },
          { title: t('事项'), dataIndex: 'itemCount', width: 70 },
          { title: t('在办'), dataIndex: 'openCount', width: 70 },
          {
            title: '',
            width: 80,
            render: (_, s) =>
              can('service.manage') && (
                <Button size="small" onClick={() => setEditing(s)}>
                  {t('修改')}
                </Button>
              ),
          },
        ]}
      />
      {editing && (
        <StationModal station={editing === 'new' ? null : editing} kind={ownKind} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

function StationModal({
  station,
  kind,
  onClose,
}: {
  station: StationListItem | null;
  kind: 'centre' | 'agency' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const values = await form.validateFields();
    const staff = ((values.staff as string) ?? '')
      .split(/\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [name = '', duty = '', phone = ''] = line.split(/[,，\s]+/);
        return { name, duty, phone };
      });
    try {
      if (station) {
        await api(`/api/service-items/stations/${station.id}`, {
          method: 'PATCH',
          body: { ...values, staff, version: station.version },
        });
      } else {
        await api('/api/service-items/stations', {
          method: 'POST',
          body: { ...values, staff, orgId: me.org?.id, kind },
        });
      }
      message.success(t('已保存'));
      await qc.invalidateQueries({ queryKey: ['service-items'] });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={station ? t('修改站点') : t('新设站点')}
      onCancel={onClose}
      onOk={submit}
      width={600}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={
          station
            ? { ...station, staff: station.staff.map((m) => `${m.name} ${m.duty} ${m.phone}`).join('\n') }
            : {
                name: `${me.org?.name ?? ''}${kind === 'centre' ? '便民服务中心' : '便民服务代办点'}`,
                lat: 29.3,
                lng: 118.6,
              }
        }
      >
        <Form.Item name="name" label={t('名称')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="address" label={t('地址')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space>
          <Form.Item name="phone" label={t('电话')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="lat" label={t('纬度')} rules={[{ required: true }]}>
            <InputNumber min={-90} max={90} step={0.0001} />
          </Form.Item>
          <Form.Item name="lng" label={t('经度')} rules={[{ required: true }]}>
            <InputNumber min={-180} max={180} step={0.0001} />
          </Form.Item>
        </Space>
        <Form.Item name="hours" label={t('服务时间')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="staff" label={t('工作人员（每行：姓名 岗位 电话）')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {station && (
          <Form.Item name="active" label={t('在用')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
