// 第一书记: the secretaries in scope (sending department, village, term, this month's days on site and tasks),
// one secretary's days and tasks in a drawer, the phone check-in of the signed-in secretary, the month's report
// (days on site against working days, tasks done and overdue) with its spreadsheet, and sending a new one.
import { CheckCircleOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  message,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, errorMessage, withQuery } from '../../api';
import { useCan } from '../../auth';
import { useDepartments } from '../../components/common';
import { TaskStateTag } from '../../components/TaskTable';
import { useSystemNow } from '../../layout/HeaderClock';
import {
  type SecretaryDetail,
  type SecretaryMonthlyReport,
  type SecretaryView,
  TERM_STATUS,
  termOf,
} from './party-api';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

function CheckIn({ mine }: { mine: SecretaryView[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const check = useMutation({
    mutationFn: (id: number) =>
      api<{ recorded: boolean }>(`/api/party/secretaries/${id}/days`, { method: 'POST', body: {} }),
    onSuccess: (r) => {
      void message.success(r.recorded ? t('已打卡') : t('今天已打过卡'));
      void qc.invalidateQueries({ queryKey: ['party', 'secretaries'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card size="small" title={t('今日驻村打卡')} data-testid="secretary-checkin">
      <Space wrap>
        {mine.map((s) => (
          <Button
            key={s.id}
            type={s.checkedInToday ? 'default' : 'primary'}
            icon={<CheckCircleOutlined />}
            disabled={s.checkedInToday}
            loading={check.isPending}
            onClick={() => check.mutate(s.id)}
          >
            {s.village.name} · {s.checkedInToday ? t('今日已打卡') : t('到岗打卡')}（{t('本月')} {s.daysThisMonth}{' '}
            {t('天')}）
          </Button>
        ))}
      </Space>
    </Card>
  );
}

function SecretaryDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [taskOpen, setTaskOpen] = useState(false);
  const [day, setDay] = useState<Dayjs | null>(null);
  const [form] = Form.useForm();
  const detail = useQuery({
    queryKey: ['party', 'secretaries', id],
    queryFn: () => api<SecretaryDetail>(`/api/party/secretaries/${id}`),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['party', 'secretaries'] });
  const record = useMutation({
    mutationFn: (d: string) => api(`/api/party/secretaries/${id}/days`, { method: 'POST', body: { day: d } }),
    onSuccess: () => {
      setDay(null);
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const assign = useMutation({
    mutationFn: (v: { title: string; description?: string; limitDays: number }) =>
      api(`/api/party/secretaries/${id}/tasks`, { method: 'POST', body: v }),
    onSuccess: () => {
      setTaskOpen(false);
      form.resetFields();
      refresh();
    },
  });
  const s = detail.data;
  return (
    <Drawer
      open
      width={640}
      onClose={onClose}
      title={s ? `${t('第一书记')} · ${s.name}` : ''}
      data-testid="secretary-drawer"
    >
      {s && (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          <div>
            {s.sendingOrg.name} → {s.town.name} · {s.village.name}（{s.termStart} ~ {s.termEnd}）
          </div>
          <Card
            size="small"
            title={`${t('任务')}（${s.taskList.length}）`}
            extra={
              can('party.secretary') && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setTaskOpen(true)}>
                  {t('交办任务')}
                </Button>
              )
            }
          >
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={s.taskList}
              columns={[
                { title: t('任务'), render: (_: unknown, r) => <Link to={`/tasks/${r.id}`}>{r.title}</Link> },
                { title: t('期限'), render: (_: unknown, r) => dayjs(r.dueAt).format('YYYY-MM-DD') },
                { title: t('状态'), render: (_: unknown, r) => <TaskStateTag task={r} /> },
              ]}
            />
          </Card>
          <Card
            size="small"
            title={`${t('驻村记录')}（${t('近期')} ${s.days.length} ${t('天')}）`}
            extra={
              can('party.manage') && (
                <Space>
                  <DatePicker size="small" value={day} onChange={setDay} disabledDate={(d) => d.isAfter(dayjs())} />
                  <Button size="small" disabled={!day} onClick={() => day && record.mutate(day.format('YYYY-MM-DD'))}>
                    {t('村社区登记')}
                  </Button>
                </Space>
              )
            }
          >
            <Space wrap size={4}>
              {s.days.map((d) => (
                <Tag key={d.day} color={d.source === 'phone' ? 'green' : 'blue'}>
                  {d.day.slice(5)} {d.source === 'phone' ? t('打卡') : t('登记')}
                </Tag>
              ))}
            </Space>
          </Card>
        </Space>
      )}
      <Modal
        open={taskOpen}
        title={t('交办任务')}
        onCancel={() => setTaskOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: assign.isPending }}
        destroyOnHidden
      >
        {assign.error && (
          <Alert type="error" showIcon title={errorMessage(assign.error)} style={{ marginBottom: 12 }} />
        )}
        <Form form={form} layout="vertical" initialValues={{ limitDays: 10 }} onFinish={(v) => assign.mutate(v)}>
          <Form.Item name="title" label={t('任务')} rules={[{ required: true, message: t('请填写任务名称') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="description" label={t('说明')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="limitDays" label={t('办理时限（工作日）')}>
            <InputNumber min={1} max={365} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}

function AssignModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const departments = useDepartments();
  const villages = useQuery({
    queryKey: ['orgs', 'villages'],
    queryFn: () =>
      api<{ items: { id: number; name: string }[] }>('/api/orgs', { query: { kind: 'village', limit: 500 } }),
  });
  const send = useMutation({
    mutationFn: (v: { name: string; phone?: string; villageId: number; sendingOrgId?: number; term: [Dayjs, Dayjs] }) =>
      api('/api/party/secretaries', {
        method: 'POST',
        body: {
          name: v.name,
          phone: v.phone,
          villageId: v.villageId,
          sendingOrgId: v.sendingOrgId,
          ...termOf(v.term),
        },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['party', 'secretaries'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('选派第一书记')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: send.isPending }}
      destroyOnHidden
    >
      {send.error && <Alert type="error" showIcon title={errorMessage(send.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
        <Form.Item name="name" label={t('姓名')} rules={[{ required: true, message: t('请填写第一书记姓名') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t('联系电话')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="sendingOrgId" label={t('派出单位')} extra={t('部门账号不填即为本单位')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="villageId" label={t('驻村')} rules={[{ required: true, message: t('请选择村（社区）') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(villages.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="term" label={t('任期')} rules={[{ required: true, message: t('请选择任期') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MonthlyReport() {
  const { t } = useTranslation();
  const now = useSystemNow() ?? dayjs();
  const [picked, setPicked] = useState<Dayjs | null>(null);
  const month = (picked ?? now).format('YYYY-MM');
  const report = useQuery({
    queryKey: ['party', 'secretaries', 'monthly', month],
    queryFn: () => api<SecretaryMonthlyReport>('/api/party/secretaries/monthly', { query: { month } }),
  });
  const rows = report.data?.rows ?? [];
  return (
    <Card
      size="small"
      title={t('第一书记月报')}
      data-testid="secretary-monthly"
      extra={
        <Space>
          <DatePicker picker="month" size="small" value={picked ?? now} onChange={setPicked} allowClear={false} />
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={withQuery('/api/party/secretaries/monthly', { month, format: 'xlsx' })}
          >
            {t('导出 Excel')}
          </Button>
        </Space>
      }
    >
      {rows.length > 0 && (
        <ReactEChartsCore
          echarts={echarts}
          style={{ height: 200 }}
          notMerge
          option={{
            animation: false,
            tooltip: { trigger: 'axis' },
            legend: { top: 0, data: [t('驻村天数'), t('应在岗工作日')] },
            grid: { left: 40, right: 16, top: 36, bottom: 28 },
            xAxis: { type: 'category', data: rows.map((r) => `${r.secretary.name}（${r.village.name}）`) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              {
                name: t('驻村天数'),
                type: 'bar',
                itemStyle: { color: '#cf1322' },
                data: rows.map((r) => r.daysOnSite),
              },
              {
                name: t('应在岗工作日'),
                type: 'bar',
                itemStyle: { color: '#d9d9d9' },
                data: rows.map((r) => r.workingDaysInTerm),
              },
            ],
          }}
        />
      )}
      <Table
        size="small"
        rowKey={(r) => r.secretary.id}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('第一书记'), render: (_: unknown, r) => r.secretary.name },
          { title: t('派出单位'), render: (_: unknown, r) => r.sendingOrg.name },
          { title: t('驻村'), render: (_: unknown, r) => `${r.town.name} · ${r.village.name}` },
          { title: t('驻村天数'), dataIndex: 'daysOnSite', align: 'right' },
          { title: t('应在岗工作日'), dataIndex: 'workingDaysInTerm', align: 'right' },
          {
            title: t('在岗率'),
            align: 'right',
            render: (_: unknown, r) => (r.onSiteRate === null ? '—' : `${Math.round(r.onSiteRate * 100)}%`),
          },
          { title: t('本月完成任务'), dataIndex: 'tasksDone', align: 'right' },
          {
            title: t('逾期未办'),
            dataIndex: 'tasksOverdue',
            align: 'right',
            render: (v: number) => <span style={{ color: v ? '#cf1322' : undefined }}>{v}</span>,
          },
        ]}
      />
    </Card>
  );
}

export default function SecretariesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState<number | null>(null);
  const [assigning, setAssigning] = useState(false);
  const list = useQuery({
    queryKey: ['party', 'secretaries'],
    queryFn: () => api<{ items: SecretaryView[] }>('/api/party/secretaries'),
  });
  const mine = useQuery({
    queryKey: ['party', 'secretaries', 'me'],
    queryFn: () => api<{ items: SecretaryView[] }>('/api/party/secretaries/me'),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="party-secretaries">
      {(mine.data?.items.length ?? 0) > 0 && <CheckIn mine={mine.data?.items ?? []} />}
      <Card
        size="small"
        title={t('第一书记')}
        extra={
          can('party.secretary') && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAssigning(true)}>
              {t('选派第一书记')}
            </Button>
          )
        }
      >
        <Table
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('姓名'), dataIndex: 'name' },
            { title: t('派出单位'), render: (_: unknown, r: SecretaryView) => r.sendingOrg.name },
            { title: t('驻村'), render: (_: unknown, r: SecretaryView) => `${r.town.name} · ${r.village.name}` },
            {
              title: t('任期'),
              render: (_: unknown, r: SecretaryView) => (
                <span>
                  {r.termStart} ~ {r.termEnd}{' '}
                  <Tag color={TERM_STATUS[r.status]?.color}>{t(TERM_STATUS[r.status]?.label ?? r.status)}</Tag>
                </span>
              ),
            },
            {
              title: t('本月驻村'),
              align: 'right',
              render: (_: unknown, r: SecretaryView) => `${r.daysThisMonth} ${t('天')}`,
            },
            {
              title: t('任务'),
              render: (_: unknown, r: SecretaryView) => (
                <Space size={4}>
                  <Tag>
                    {t('在办')} {r.tasks.open}
                  </Tag>
                  {r.tasks.overdue > 0 && (
                    <Tag color="red">
                      {t('逾期')} {r.tasks.overdue}
                    </Tag>
                  )}
                  <Tag color="green">
                    {t('办结')} {r.tasks.done}
                  </Tag>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <MonthlyReport />
      {open !== null && <SecretaryDrawer id={open} onClose={() => setOpen(null)} />}
      {assigning && <AssignModal onClose={() => setAssigning(false)} />}
    </Space>
  );
}
