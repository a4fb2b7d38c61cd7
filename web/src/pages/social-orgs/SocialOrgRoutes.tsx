// 社会组织 for staff: the registry (type, registration number, field, contact, rating, incubation stage) and one
// organisation — the support it was given, its stage moved on, its purchased-service projects with their
// deliverables (each a task of the purchaser) and evaluation, its volunteer teams, and the cases assigned to it.
import type { SocialOrgDetail, SocialOrgListItem } from '@server/modules/social-orgs/social-org-views';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Skeleton,
  Space,
  Steps,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';

const STAGES = [
  { value: 'incubating', label: '孵化' },
  { value: 'cultivating', label: '培育' },
  { value: 'mature', label: '成熟' },
];
const STAGE_COLORS: Record<string, string> = { incubating: 'gold', cultivating: 'blue', mature: 'green' };
const TYPES = [
  { value: 'social_group', label: '社会团体' },
  { value: 'private_non_enterprise', label: '民办非企业单位' },
  { value: 'foundation', label: '基金会' },
  { value: 'community', label: '社区社会组织' },
];
const RATINGS = ['none', '1A', '2A', '3A', '4A', '5A'].map((r) => ({ value: r, label: r === 'none' ? '未评估' : r }));
const SUPPORT_KINDS = [
  { value: 'venue', label: '场地' },
  { value: 'funding', label: '资金' },
  { value: 'training', label: '培训' },
  { value: 'guidance', label: '指导' },
  { value: 'other', label: '其他' },
];

function RegisterModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) => api<SocialOrgDetail>('/api/social-orgs', { method: 'POST', body: v }),
    onSuccess: (o) => {
      void qc.invalidateQueries({ queryKey: ['social-orgs'] });
      onClose();
      navigate(`/social-orgs/${o.id}`);
    },
  });
  return (
    <Modal
      open={open}
      title={t('社会组织登记入库')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ type: 'community', rating: 'none', stage: 'incubating' }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="name" label={t('名称')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="type" label={t('类型')}>
          <Select options={TYPES.map((x) => ({ ...x, label: t(x.label) }))} />
        </Form.Item>
        <Form.Item name="registrationNo" label={t('登记证号（统一社会信用代码）')} rules={[{ required: true }]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="field" label={t('服务领域')} rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Space>
          <Form.Item name="contactName" label={t('联系人')} rules={[{ required: true }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('联系电话')} rules={[{ required: true }]}>
            <Input maxLength={20} />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="rating" label={t('评估等级')}>
            <Select style={{ width: 120 }} options={RATINGS.map((x) => ({ ...x, label: t(x.label) }))} />
          </Form.Item>
          <Form.Item name="stage" label={t('孵化阶段')}>
            <Select style={{ width: 120 }} options={STAGES.map((x) => ({ ...x, label: t(x.label) }))} />
          </Form.Item>
        </Space>
      </Form>
      {create.error && <Alert type="error" showIcon title={errorMessage(create.error)} />}
    </Modal>
  );
}

function SocialOrgList() {
  const { t } = useTranslation();
  const can = useCan();
  const [stage, setStage] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: ['social-orgs', 'list', stage],
    queryFn: () => api<{ items: SocialOrgListItem[] }>('/api/social-orgs', { query: { stage } }),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('全部阶段')}
          style={{ width: 140 }}
          value={stage}
          onChange={setStage}
          options={STAGES.map((x) => ({ ...x, label: t(x.label) }))}
        />
        {can('socialorg.manage') && (
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('登记入库')}
          </Button>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Table<SocialOrgListItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="social-org-table"
        columns={[
          {
            title: t('名称'),
            dataIndex: 'name',
            render: (v: string, r) => <Link to={`/social-orgs/${r.id}`}>{v}</Link>,
          },
          { title: t('类型'), dataIndex: 'typeLabel', width: 130, render: (v: string) => t(v) },
          { title: t('服务领域'), dataIndex: 'field', ellipsis: true },
          { title: t('评估等级'), dataIndex: 'ratingLabel', width: 90, render: (v: string) => t(v) },
          {
            title: t('孵化阶段'),
            dataIndex: 'stage',
            width: 90,
            render: (s: string, r) => <Tag color={STAGE_COLORS[s]}>{t(r.stageLabel)}</Tag>,
          },
          { title: t('业务主管单位'), dataIndex: ['owner', 'name'], width: 160, ellipsis: true },
          { title: t('购买服务项目'), dataIndex: 'projectCount', width: 110 },
          { title: t('在办案件'), dataIndex: 'openCases', width: 90 },
        ]}
      />
      <RegisterModal open={open} onClose={() => setOpen(false)} />
    </>
  );
}

interface ProjectForm {
  name: string;
  contractNo: string;
  budget: number;
  period: [Dayjs, Dayjs];
  deliverables: { title: string; dueDate: Dayjs }[];
}

function ProjectModal({ orgId, open, onClose }: { orgId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<ProjectForm>();
  const create = useMutation({
    mutationFn: (v: ProjectForm) =>
      api(`/api/social-orgs/${orgId}/projects`, {
        method: 'POST',
        body: {
          name: v.name,
          contractNo: v.contractNo,
          budget: v.budget,
          startsOn: v.period[0].format('YYYY-MM-DD'),
          endsOn: v.period[1].format('YYYY-MM-DD'),
          deliverables: (v.deliverables ?? []).map((d) => ({
            title: d.title,
            dueDate: d.dueDate.format('YYYY-MM-DD'),
          })),
        },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['social-orgs'] });
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('政府购买服务项目')}
      width={640}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ deliverables: [{}] }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="name" label={t('项目名称')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space>
          <Form.Item name="contractNo" label={t('合同编号')} rules={[{ required: true }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="budget" label={t('预算（元）')} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="period" label={t('服务期')} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.List name="deliverables">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true, message: t('请填写交付成果') }]}>
                    <Input placeholder={t('交付成果')} style={{ width: 300 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true, message: t('请选择期限') }]}>
                    <DatePicker placeholder={t('期限')} />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    {t('删除')}
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()}>
                {t('添加交付成果')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      {create.error && <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginTop: 8 }} />}
    </Modal>
  );
}

function SocialOrgPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const qc = useQueryClient();
  const [supporting, setSupporting] = useState(false);
  const [projecting, setProjecting] = useState(false);
  const [supportForm] = Form.useForm();
  const detail = useQuery({
    queryKey: ['social-orgs', 'detail', id],
    queryFn: () => api<SocialOrgDetail>(`/api/social-orgs/${id}`),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['social-orgs'] });
  const advance = useMutation({
    mutationFn: (stage: string) =>
      api(`/api/social-orgs/${id}/stage`, { method: 'POST', body: { stage, version: detail.data?.version } }),
    onSuccess: refresh,
  });
  const support = useMutation({
    mutationFn: (v: { kind: string; description: string; amount?: number; givenOn: Dayjs }) =>
      api(`/api/social-orgs/${id}/supports`, {
        method: 'POST',
        body: { ...v, amount: v.amount ?? null, givenOn: v.givenOn.format('YYYY-MM-DD') },
      }),
    onSuccess: () => {
      setSupporting(false);
      refresh();
    },
  });
  const evaluate = useMutation({
    mutationFn: (v: { projectId: number; version: number; score: number }) =>
      api(`/api/social-orgs/projects/${v.projectId}/evaluation`, {
        method: 'POST',
        body: { score: v.score, version: v.version },
      }),
    onSuccess: refresh,
  });
  if (detail.isLoading) return <Skeleton active />;
  if (detail.error) return <Alert type="error" showIcon title={errorMessage(detail.error)} />;
  const o = detail.data as SocialOrgDetail;
  const stageIndex = STAGES.findIndex((s) => s.value === o.stage);
  const next = STAGES[stageIndex + 1];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={<span data-testid="social-org-name">{o.name}</span>}
        extra={<Tag color={STAGE_COLORS[o.stage]}>{t(o.stageLabel)}</Tag>}
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('类型')}>{t(o.typeLabel)}</Descriptions.Item>
          <Descriptions.Item label={t('登记证号')}>{o.registrationNo}</Descriptions.Item>
          <Descriptions.Item label={t('评估等级')}>{t(o.ratingLabel)}</Descriptions.Item>
          <Descriptions.Item label={t('服务领域')}>{o.field}</Descriptions.Item>
          <Descriptions.Item label={t('联系人')}>
            {o.contactName} {o.contactPhone}
          </Descriptions.Item>
          <Descriptions.Item label={t('业务主管单位')}>{o.owner.name}</Descriptions.Item>
          <Descriptions.Item label={t('组织机构账号')}>{o.linkedOrg?.name ?? t('未关联')}</Descriptions.Item>
          <Descriptions.Item label={t('简介')} span={2}>
            {o.intro || '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={t('孵化培育')}
        size="small"
        extra={
          o.canManage && (
            <Space>
              <Button onClick={() => setSupporting(true)}>{t('记录扶持')}</Button>
              {next && (
                <Button type="primary" loading={advance.isPending} onClick={() => advance.mutate(next.value)}>
                  {t('进入')}
                  {t(next.label)}
                  {t('阶段')}
                </Button>
              )}
            </Space>
          )
        }
      >
        {advance.error && <Alert type="error" showIcon title={errorMessage(advance.error)} />}
        <Steps current={stageIndex} items={STAGES.map((s) => ({ title: t(s.label) }))} style={{ marginBottom: 12 }} />
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={o.supports}
          columns={[
            { title: t('日期'), dataIndex: 'givenOn', width: 110 },
            { title: t('阶段'), dataIndex: 'stageLabel', width: 80, render: (v: string) => t(v) },
            { title: t('扶持方式'), dataIndex: 'kindLabel', width: 90, render: (v: string) => t(v) },
            { title: t('内容'), dataIndex: 'description' },
            { title: t('金额（元）'), dataIndex: 'amount', width: 110, render: (v: number | null) => v ?? '' },
            { title: t('扶持单位'), dataIndex: 'givenBy', width: 150 },
          ]}
        />
      </Card>
      <Card
        title={t('政府购买服务项目')}
        size="small"
        extra={o.canManage && <Button onClick={() => setProjecting(true)}>{t('新增项目')}</Button>}
      >
        {evaluate.error && <Alert type="error" showIcon title={errorMessage(evaluate.error)} />}
        {o.projects.map((p) => (
          <Card
            key={p.id}
            type="inner"
            size="small"
            style={{ marginBottom: 8 }}
            title={`${p.name}（${t('合同')} ${p.contractNo}）`}
          >
            <Descriptions size="small" column={3}>
              <Descriptions.Item label={t('购买单位')}>{p.purchaser.name}</Descriptions.Item>
              <Descriptions.Item label={t('预算（元）')}>{p.budget.toLocaleString()}</Descriptions.Item>
              <Descriptions.Item label={t('服务期')}>
                {p.startsOn} – {p.endsOn}
              </Descriptions.Item>
              <Descriptions.Item label={t('评估')}>
                {p.evaluation ? `${p.evaluation.score} ${t('分')} · ${t(p.evaluation.grade)}` : t('未评估')}
                {!p.evaluation && o.canManage && (
                  <InputNumber
                    size="small"
                    min={0}
                    max={100}
                    placeholder={t('得分')}
                    style={{ marginLeft: 8, width: 90 }}
                    onPressEnter={(e) => {
                      const score = Number((e.target as HTMLInputElement).value);
                      evaluate.mutate({ projectId: p.id, version: p.version, score });
                    }}
                  />
                )}
              </Descriptions.Item>
            </Descriptions>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={p.deliverables}
              columns={[
                { title: t('交付成果'), dataIndex: 'title' },
                { title: t('期限'), dataIndex: 'dueDate', width: 110 },
                {
                  title: t('任务'),
                  dataIndex: 'task',
                  width: 200,
                  render: (task: { id: number; number: string } | null) =>
                    task ? <Link to={`/tasks/${task.id}`}>{task.number}</Link> : '—',
                },
              ]}
            />
          </Card>
        ))}
      </Card>
      <Card title={t('承办案件')} size="small">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={o.cases}
          locale={{ emptyText: o.linkedOrg ? t('暂无') : t('未关联组织机构账号，无法交办案件') }}
          columns={[
            {
              title: t('编号'),
              dataIndex: 'number',
              width: 180,
              render: (v: string, c) => <Link to={`/cases/${c.id}`}>{v}</Link>,
            },
            { title: t('标题'), dataIndex: 'title' },
            {
              title: t('受理时间'),
              dataIndex: 'reportedAt',
              width: 150,
              render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
            },
            { title: t('状态'), dataIndex: 'closed', width: 90, render: (v: boolean) => (v ? t('已办结') : t('在办')) },
          ]}
        />
      </Card>
      <Card title={t('志愿服务队')} size="small">
        {o.teams.length ? o.teams.map((x) => <Tag key={x.id}>{x.name}</Tag>) : t('暂无')}
      </Card>
      <Modal
        open={supporting}
        title={t('记录扶持')}
        onCancel={() => setSupporting(false)}
        onOk={() => supportForm.submit()}
        confirmLoading={support.isPending}
        destroyOnHidden
      >
        <Form
          form={supportForm}
          layout="vertical"
          initialValues={{ kind: 'guidance', givenOn: dayjs() }}
          onFinish={(v) => support.mutate(v)}
        >
          <Form.Item name="kind" label={t('扶持方式')}>
            <Select options={SUPPORT_KINDS.map((x) => ({ ...x, label: t(x.label) }))} />
          </Form.Item>
          <Form.Item name="description" label={t('内容')} rules={[{ required: true }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
          </Form.Item>
          <Space>
            <Form.Item name="amount" label={t('金额（元）')}>
              <InputNumber min={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="givenOn" label={t('日期')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
          </Space>
        </Form>
        {support.error && <Alert type="error" showIcon title={errorMessage(support.error)} />}
      </Modal>
      <ProjectModal orgId={o.id} open={projecting} onClose={() => setProjecting(false)} />
    </Space>
  );
}

export default function SocialOrgRoutes() {
  return (
    <Routes>
      <Route index element={<SocialOrgList />} />
      <Route path=":id" element={<SocialOrgPage />} />
    </Routes>
  );
}
