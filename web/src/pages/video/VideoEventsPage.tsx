// 视频事件 (雪亮工程 / 视频智能分析): the events pushed by the platforms with their snapshots and findings;
// the false-alarm rate per camera and type and events per day (an echarts chart); the camera registry with
// its xlsx import, and the county's aggregation window.
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Image,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan, useMe } from '../../auth';
import {
  type CameraView,
  FINDING_COLOURS,
  FINDING_LABELS,
  rate,
  type VideoEventView,
  type VideoFinding,
  type VideoSettings,
  type VideoStats,
} from './video-api';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

function EventsTab() {
  const { t } = useTranslation();
  const [finding, setFinding] = useState<VideoFinding | undefined>();
  const [page, setPage] = useState(1);
  const events = useQuery({
    queryKey: ['video-events', 'list', finding, page],
    queryFn: () =>
      api<{ items: VideoEventView[]; total: number }>('/api/video-events', { query: { finding, page, pageSize: 20 } }),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select<VideoFinding>
          allowClear
          placeholder={t('核实结果')}
          style={{ width: 140 }}
          value={finding}
          onChange={(v) => {
            setFinding(v);
            setPage(1);
          }}
          options={(Object.keys(FINDING_LABELS) as VideoFinding[]).map((f) => ({
            value: f,
            label: t(FINDING_LABELS[f]),
          }))}
        />
      </Space>
      {events.error && <Alert type="error" showIcon title={errorMessage(events.error)} />}
      <Table<VideoEventView>
        rowKey="id"
        size="small"
        loading={events.isLoading}
        dataSource={events.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: events.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            title: t('抓拍'),
            dataIndex: 'snapshot',
            width: 90,
            render: (s: VideoEventView['snapshot']) => (
              <Image width={72} src={s.thumbnailUrl} preview={{ src: s.url }} />
            ),
          },
          { title: t('事件类型'), dataIndex: 'type', render: (v: string) => <Tag color="blue">{t(v)}</Tag> },
          { title: t('摄像头'), key: 'camera', render: (_, e) => `${e.camera.name}（${e.camera.code}）` },
          { title: t('网格'), key: 'grid', render: (_, e) => e.grid.name },
          {
            title: t('检测时间'),
            dataIndex: 'detectedAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          { title: t('置信度'), dataIndex: 'confidence', render: (v: number) => `${Math.round(v * 100)}%` },
          {
            title: t('核实结果'),
            dataIndex: 'finding',
            render: (f: VideoFinding) => <Tag color={FINDING_COLOURS[f]}>{t(FINDING_LABELS[f])}</Tag>,
          },
          {
            title: t('案件'),
            key: 'case',
            render: (_, e) => (
              <Space size={4}>
                <Link to={`/cases/${e.case.id}`}>{e.case.number}</Link>
                {!e.openedCase && <Tag>{t('已归并')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

function StatsTab() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const stats = useQuery({
    queryKey: ['video-events', 'stats', from, to],
    queryFn: () => api<VideoStats>('/api/video-events/stats', { query: { from, to } }),
  });
  const s = stats.data;
  return (
    <div data-testid="video-stats">
      <DatePicker.RangePicker
        style={{ marginBottom: 12 }}
        value={range}
        allowClear={false}
        onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
      />
      {stats.error && <Alert type="error" showIcon title={errorMessage(stats.error)} />}
      {s && (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('事件数')} value={s.total.events} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('属实 / 误报')} value={`${s.total.confirmed} / ${s.total.dismissed}`} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('待核实')} value={s.total.pending} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('误报率')} value={rate(s.total.rate)} data-testid="false-alarm-rate" />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('每日事件')} style={{ marginBottom: 12 }}>
            {s.byDay.length ? (
              <ReactEChartsCore
                echarts={echarts}
                style={{ height: 240 }}
                notMerge
                option={{
                  animation: false,
                  color: ['#1d5fa8', '#fa8c16'],
                  tooltip: { trigger: 'axis' },
                  legend: { top: 0 },
                  grid: { left: 40, right: 16, top: 32, bottom: 32 },
                  xAxis: { type: 'category', data: s.byDay.map((d) => d.day.slice(5)) },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: [
                    { name: t('事件数'), type: 'bar', data: s.byDay.map((d) => d.events), barMaxWidth: 22 },
                    { name: t('新立案件'), type: 'line', data: s.byDay.map((d) => d.cases) },
                  ],
                }}
              />
            ) : (
              <Empty description={t('暂无数据')} />
            )}
          </Card>
          <Table
            rowKey={(r) => `${r.camera.id}|${r.type}`}
            size="small"
            pagination={false}
            dataSource={s.byCameraType}
            columns={[
              { title: t('摄像头'), key: 'camera', render: (_, r) => `${r.camera.name}（${r.camera.code}）` },
              { title: t('事件类型'), dataIndex: 'type', render: (v: string) => t(v) },
              { title: t('事件数'), dataIndex: 'events' },
              { title: t('属实'), dataIndex: 'confirmed' },
              { title: t('误报'), dataIndex: 'dismissed' },
              { title: t('待核实'), dataIndex: 'pending' },
              { title: t('误报率'), dataIndex: 'rate', render: (v: number | null) => rate(v) },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
            {t(
              '误报率 = 误报排除的事件数 ÷ 已核实的事件数（属实 + 误报）；归并到同一案件的事件随案件的核实结果；待核实的不计入。',
            )}
          </Typography.Paragraph>
        </>
      )}
    </div>
  );
}

interface CameraForm {
  code: string;
  name: string;
  lat: number;
  lng: number;
  platform?: string;
  active: boolean;
}

function CamerasTab() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const can = useCan();
  const client = useQueryClient();
  const manage = can('video.manage');
  const [editing, setEditing] = useState<CameraView | 'new' | null>(null);
  const [form] = Form.useForm<CameraForm>();
  const cameras = useQuery({
    queryKey: ['video-events', 'cameras'],
    queryFn: () => api<{ items: CameraView[] }>('/api/video-events/cameras'),
  });
  const save = useMutation({
    mutationFn: (v: CameraForm) =>
      editing === 'new'
        ? api('/api/video-events/cameras', { method: 'POST', body: v })
        : api(`/api/video-events/cameras/${(editing as CameraView).id}`, {
            method: 'PUT',
            body: { ...v, version: (editing as CameraView).version },
          }),
    onSuccess: async () => {
      setEditing(null);
      await client.invalidateQueries({ queryKey: ['video-events', 'cameras'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const upload = async (file: File) => {
    const body = new FormData();
    body.append('file', file);
    try {
      const r = await api<{ rows: number; created: number; updated: number }>('/api/video-events/cameras/import', {
        method: 'POST',
        body,
      });
      message.success(t('已导入 {{rows}} 行：新增 {{created}}，更新 {{updated}}', r));
      await client.invalidateQueries({ queryKey: ['video-events', 'cameras'] });
    } catch (e) {
      const details = (e as { details?: { errors?: { row: number; column?: string; message: string }[] } }).details;
      modal.error({
        title: errorMessage(e),
        content: (
          <ul style={{ paddingLeft: 16 }}>
            {(details?.errors ?? []).slice(0, 20).map((x) => (
              <li key={`${x.row}-${x.column}-${x.message}`}>
                {t('第 {{row}} 行', { row: x.row })} {x.column ?? ''}：{x.message}
              </li>
            ))}
          </ul>
        ),
      });
    }
    return false;
  };
  return (
    <>
      {manage && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setEditing('new');
            }}
          >
            {t('登记摄像头')}
          </Button>
          <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={upload}>
            <Button icon={<UploadOutlined />}>{t('导入台账')}</Button>
          </Upload>
          <Button icon={<DownloadOutlined />} href="/api/video-events/cameras/import/template">
            {t('下载模板')}
          </Button>
        </Space>
      )}
      <Table<CameraView>
        rowKey="id"
        size="small"
        loading={cameras.isLoading}
        dataSource={cameras.data?.items ?? []}
        columns={[
          { title: t('编号'), dataIndex: 'code' },
          { title: t('名称'), dataIndex: 'name' },
          {
            title: t('网格'),
            key: 'grid',
            render: (_, c) => [c.town?.name, c.village?.name, c.grid.name].filter(Boolean).join(' / '),
          },
          { title: t('平台'), dataIndex: 'platform' },
          { title: t('坐标'), key: 'point', render: (_, c) => `${c.lat.toFixed(5)}, ${c.lng.toFixed(5)}` },
          {
            title: t('状态'),
            dataIndex: 'active',
            render: (v: boolean) => (v ? <Tag color="green">{t('启用')}</Tag> : <Tag>{t('停用')}</Tag>),
          },
          ...(manage
            ? [
                {
                  title: t('操作'),
                  key: 'edit',
                  render: (_: unknown, c: CameraView) => (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => {
                        form.setFieldsValue({ ...c });
                        setEditing(c);
                      }}
                    >
                      {t('编辑')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('登记摄像头') : t('编辑摄像头')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ active: true }}>
          <Form.Item name="code" label={t('编号')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="name" label={t('名称')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Space>
            <Form.Item name="lat" label={t('纬度')} rules={[{ required: true }]}>
              <InputNumber step={0.0001} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="lng" label={t('经度')} rules={[{ required: true }]}>
              <InputNumber step={0.0001} style={{ width: 160 }} />
            </Form.Item>
          </Space>
          <Form.Item name="platform" label={t('平台')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="active" label={t('启用')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function WindowSetting() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: ['video-events', 'settings'],
    queryFn: () => api<VideoSettings>('/api/video-events/settings'),
  });
  const [value, setValue] = useState<number | null>(null);
  const save = useMutation({
    mutationFn: (windowMinutes: number) =>
      api('/api/video-events/settings', {
        method: 'PUT',
        body: { windowMinutes, version: settings.data?.version ?? 0 },
      }),
    onSuccess: async () => {
      message.success(t('已保存'));
      await client.invalidateQueries({ queryKey: ['video-events', 'settings'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!settings.data) return null;
  const countyPlatform = me.data?.org?.kind === 'county';
  return (
    <Space>
      <Typography.Text type="secondary">{t('同源事件归并时间窗')}</Typography.Text>
      {countyPlatform ? (
        <>
          <InputNumber
            min={1}
            max={1440}
            value={value ?? settings.data.windowMinutes}
            onChange={(v) => setValue(v)}
            addonAfter={t('分钟')}
            style={{ width: 150 }}
          />
          <Button size="small" onClick={() => value && save.mutate(value)} loading={save.isPending}>
            {t('保存')}
          </Button>
        </>
      ) : (
        <Typography.Text>
          {settings.data.windowMinutes} {t('分钟')}
        </Typography.Text>
      )}
    </Space>
  );
}

export default function VideoEventsPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('视频事件')} extra={<WindowSetting />} data-testid="video-events-page">
      <Tabs
        items={[
          { key: 'events', label: t('事件'), children: <EventsTab /> },
          { key: 'stats', label: t('误报率统计'), children: <StatsTab /> },
          { key: 'cameras', label: t('摄像头台账'), children: <CamerasTab /> },
        ]}
      />
    </Card>
  );
}
