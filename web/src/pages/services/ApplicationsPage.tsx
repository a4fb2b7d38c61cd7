// 办件: the applications of the stations in one's scope, newest first, with their due time on the work calendar;
// a station's own unit takes in new ones (受理 or 代办), records another visit of the resident and the result.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan, useCurrentUser } from '../../auth';
import {
  type ApplicationDetail,
  type ApplicationView,
  MODE_LABELS,
  RESULT_LABELS,
  STATE_LABELS,
  useStation,
  useStations,
} from './service-api';

const fmt = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');

export default function ApplicationsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const stations = useStations();
  const [filters, setFilters] = useState<{ stationId?: number; state?: string; overdue?: boolean }>({});
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<number | null>(null);
  const [taking, setTaking] = useState(false);
  const list = useQuery({
    queryKey: ['service-items', 'applications', filters, page],
    queryFn: () =>
      api<{ items: ApplicationView[]; total: number }>('/api/service-items/applications', {
        query: { ...filters, limit: 20, offset: (page - 1) * 20 },
      }),
  });
  const own = stations.data?.items.filter((s) => s.orgId === me.org?.id && s.active) ?? [];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 240 }}
          placeholder={t('全部站点')}
          value={filters.stationId}
          onChange={(v) => setFilters({ ...filters, stationId: v })}
          options={stations.data?.items.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('全部状态')}
          value={filters.state}
          onChange={(v) => setFilters({ ...filters, state: v })}
          options={Object.entries(STATE_LABELS).map(([k, v]) => ({ value: k, label: t(v.label) }))}
        />
        <Checkbox
          checked={!!filters.overdue}
          onChange={(e) => setFilters({ ...filters, overdue: e.target.checked || undefined })}
        >
          {t('只看超期未办结')}
        </Checkbox>
        {can('service.handle') && own.length > 0 && (
          <Button type="primary" onClick={() => setTaking(true)} data-testid="take-application">
            {t('受理办件')}
          </Button>
        )}
      </Space>
      <Table<ApplicationView>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('办件编号'), dataIndex: 'number', width: 170 },
          {
            title: t('事项'),
            render: (_, r) => (
              <span>
                {r.item.name}
                {r.chain && (
                  <Tag color="magenta" style={{ marginLeft: 4 }}>
                    {t('一链 {{n}}', { n: r.chain.seq })}
                  </Tag>
                )}
              </span>
            ),
          },
          { title: t('站点'), render: (_, r) => r.station.name },
          { title: t('群众'), dataIndex: 'residentName', width: 90 },
          { title: t('方式'), render: (_, r) => t(MODE_LABELS[r.mode] ?? r.mode), width: 90 },
          { title: t('受理时间'), render: (_, r) => fmt(r.acceptedAt), width: 150 },
          {
            title: t('办结时限'),
            width: 160,
            render: (_, r) => (
              <span style={{ color: r.overdue ? '#cf1322' : undefined }}>
                {fmt(r.dueAt)}
                {r.overdue && ` ${t('超期')}`}
              </span>
            ),
          },
          { title: t('跑动'), dataIndex: 'visits', width: 70, render: (v: number) => t('{{n}} 次', { n: v }) },
          {
            title: t('状态'),
            width: 110,
            render: (_, r) => (
              <Space size={2}>
                <Tag color={STATE_LABELS[r.state]?.color}>{t(STATE_LABELS[r.state]?.label ?? r.state)}</Tag>
                {r.onTime === false && <Tag color="red">{t('超时')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      {openId !== null && <ApplicationDrawer id={openId} onClose={() => setOpenId(null)} />}
      {taking && <TakeModal stations={own} onClose={() => setTaking(false)} onTaken={(id) => setOpenId(id)} />}
    </>
  );
}

function TakeModal({
  stations,
  onClose,
  onTaken,
}: {
  stations: { id: number; name: string }[];
  onClose: () => void;
  onTaken: (id: number) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const stationId: number | undefined = Form.useWatch('stationId', form) ?? stations[0]?.id;
  const itemId: number | undefined = Form.useWatch('itemId', form);
  const station = useStation(stationId);
  const item = station.data?.items.find((i) => i.id === itemId);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const values = await form.validateFields();
    try {
      const r = await api<{ ids: number[] }>('/api/service-items/applications', {
        method: 'POST',
        body: { ...values, stationId },
      });
      message.success(t('已受理'));
      await qc.invalidateQueries({ queryKey: ['service-items'] });
      onClose();
      onTaken(r.ids[0] as number);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal open title={t('受理办件')} onCancel={onClose} onOk={submit} okText={t('受理')} width={560} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ stationId: stations[0]?.id, mode: 'handled' }}>
        <Form.Item name="stationId" label={t('站点')} rules={[{ required: true }]}>
          <Select options={stations.map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="itemId" label={t('事项')} rules={[{ required: true, message: t('请选择事项') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            data-testid="take-item"
            options={station.data?.items.filter((i) => i.active).map((i) => ({ value: i.id, label: i.name }))}
            onChange={() => form.setFieldValue('materialsReceived', [])}
          />
        </Form.Item>
        <Form.Item name="mode" label={t('办理方式')}>
          <Radio.Group
            options={[
              { value: 'handled', label: t('受理办理') },
              { value: 'relayed', label: t('代办'), disabled: item ? !item.agent : false },
            ]}
          />
        </Form.Item>
        <Space style={{ width: '100%' }} styles={{ item: { flex: 1 } }}>
          <Form.Item
            name="residentName"
            label={t('办事群众')}
            rules={[{ required: true, message: t('请填写办事群众姓名') }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="residentPhone" label={t('联系电话')}>
            <Input maxLength={20} />
          </Form.Item>
        </Space>
        {item && (
          <Form.Item
            name="materialsReceived"
            label={t('已收材料')}
            extra={t('未勾选的材料视为缺件，群众补交时登记“再次到站”')}
          >
            <Checkbox.Group options={item.materials.map((m) => ({ value: m, label: m }))} />
          </Form.Item>
        )}
        {item && (
          <Typography.Text type="secondary">
            {t('法定时限 {{n}} 个工作日，按工作日历计算办结期限', { n: item.legalLimitDays })}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}

function ApplicationDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const can = useCan();
  const qc = useQueryClient();
  const detail = useQuery({
    queryKey: ['service-items', 'application', id],
    queryFn: () => api<ApplicationDetail>(`/api/service-items/applications/${id}`),
  });
  const [acting, setActing] = useState<'visit' | 'complete' | null>(null);
  const [revealed, setRevealed] = useState<{ residentName: string; residentPhone: string } | null>(null);
  const [form] = Form.useForm();
  const result: string | undefined = Form.useWatch('result', form);
  const a = detail.data;
  const mine = a && a.orgId === me.org?.id && a.state === 'in_progress' && can('service.handle');
  const act = async () => {
    if (!a) return;
    const values = await form.validateFields();
    try {
      await api(`/api/service-items/applications/${id}/${acting === 'visit' ? 'visits' : 'complete'}`, {
        method: 'POST',
        body: { ...values, version: a.version },
      });
      message.success(t('已保存'));
      setActing(null);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['service-items'] });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const reveal = async () => {
    try {
      setRevealed(await api(`/api/service-items/applications/${id}/reveal`, { method: 'POST' }));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Drawer
      open
      width={620}
      onClose={onClose}
      title={a ? `${a.item.name} · ${a.number}` : ''}
      data-testid="application-drawer"
    >
      {detail.error && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
      {a && (
        <>
          <Space style={{ marginBottom: 12 }}>
            <Tag color={STATE_LABELS[a.state]?.color}>{t(STATE_LABELS[a.state]?.label ?? a.state)}</Tag>
            {a.overdue && <Tag color="red">{t('超期')}</Tag>}
            {a.onTime === true && <Tag color="green">{t('按时办结')}</Tag>}
            {a.onTime === false && <Tag color="red">{t('超时办结')}</Tag>}
            {mine && (
              <>
                <Button size="small" onClick={() => setActing('visit')}>
                  {t('再次到站')}
                </Button>
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setActing('complete')}
                  data-testid="complete-application"
                >
                  {t('办理结果')}
                </Button>
              </>
            )}
          </Space>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('站点')}>{a.station.name}</Descriptions.Item>
            <Descriptions.Item label={t('方式')}>{t(MODE_LABELS[a.mode] ?? a.mode)}</Descriptions.Item>
            <Descriptions.Item label={t('办事群众')}>
              {revealed ? `${revealed.residentName} ${revealed.residentPhone}` : `${a.residentName} ${a.residentPhone}`}
              {!revealed && can('pii.view') && (
                <Button type="link" size="small" onClick={reveal}>
                  {t('查看')}
                </Button>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('主管部门')}>{a.department}</Descriptions.Item>
            <Descriptions.Item label={t('受理时间')}>{fmt(a.acceptedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('办结时限')}>
              {fmt(a.dueAt)}（{t('{{n}} 个工作日', { n: a.legalLimitDays })}）
            </Descriptions.Item>
            <Descriptions.Item label={t('跑动次数')}>{a.visits}</Descriptions.Item>
            <Descriptions.Item label={t('办结时间')}>{fmt(a.completedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('已收材料')} span={2}>
              {a.materialsReceived.map((m) => (
                <Tag key={m} color="green">
                  {m}
                </Tag>
              ))}
              {a.materialsMissing.map((m) => (
                <Tag key={m} color="orange">
                  {t('缺')} {m}
                </Tag>
              ))}
            </Descriptions.Item>
            {a.state !== 'in_progress' && (
              <Descriptions.Item label={t('办理结果')} span={2}>
                {a.transferredTo && `${t('转往')} ${a.transferredTo}；`}
                {a.resultNote}
              </Descriptions.Item>
            )}
          </Descriptions>
          {a.bundle.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('一链办理')}
              </Typography.Title>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={a.bundle}
                columns={[
                  { title: '#', render: (_, b) => b.chain?.seq, width: 40 },
                  { title: t('事项'), render: (_, b) => b.item.name },
                  { title: t('办结时限'), render: (_, b) => fmt(b.dueAt) },
                  {
                    title: t('状态'),
                    render: (_, b) => (
                      <Tag color={STATE_LABELS[b.state]?.color}>{t(STATE_LABELS[b.state]?.label ?? b.state)}</Tag>
                    ),
                  },
                ]}
              />
            </>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('办理记录')}
          </Typography.Title>
          <Timeline
            items={a.history.map((h) => ({
              children: (
                <div>
                  <strong>{t(h.label)}</strong> · {fmt(h.at)} · {h.actor.orgName ?? ''} {h.actor.userName ?? ''}
                  {typeof h.details.result === 'string' && (
                    <div>{t(RESULT_LABELS[h.details.result] ?? h.details.result)}</div>
                  )}
                </div>
              ),
            }))}
          />
        </>
      )}
      <Modal
        open={acting !== null}
        title={acting === 'visit' ? t('再次到站（补交材料）') : t('办理结果')}
        onCancel={() => setActing(null)}
        onOk={act}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ result: 'done' }}>
          {acting === 'visit' && a && (
            <>
              <Form.Item name="materialsReceived" label={t('本次收到的材料')}>
                <Checkbox.Group options={a.materialsMissing.map((m) => ({ value: m, label: m }))} />
              </Form.Item>
              <Form.Item name="note" label={t('说明')}>
                <Input maxLength={500} />
              </Form.Item>
            </>
          )}
          {acting === 'complete' && (
            <>
              <Form.Item name="result" label={t('结果')}>
                <Radio.Group options={Object.entries(RESULT_LABELS).map(([k, v]) => ({ value: k, label: t(v) }))} />
              </Form.Item>
              {result === 'transferred' && (
                <Form.Item
                  name="transferredTo"
                  label={t('转往部门或单位')}
                  rules={[{ required: true, message: t('请填写转往的部门或单位') }]}
                >
                  <Input maxLength={100} />
                </Form.Item>
              )}
              <Form.Item
                name="note"
                label={result === 'refused' ? t('不予受理的理由') : t('说明')}
                rules={result === 'refused' ? [{ required: true, message: t('请写明理由') }] : []}
              >
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Drawer>
  );
}
