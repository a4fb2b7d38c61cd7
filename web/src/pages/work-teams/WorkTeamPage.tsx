// One work team as its leader sees it (专班总览): every task of the team with the overdue ones first, how each
// member unit reports week by week (on time, late, missing), the weekly punctuality chart, the people and the
// history; the lead and the organiser assign tasks, edit and end the team here.
import { EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Modal,
  Progress,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  type TableProps,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { PageTitle } from '../../components/common';
import { TaskTable } from '../../components/TaskTable';
import { AssignTeamTaskModal } from './AssignTeamTaskModal';
import { StackedBars } from './CogovCharts';
import { RecordHistory } from './RecordHistory';
import { TeamStateTag } from './WorkTeamListPage';
import { type TeamOverview, useTeamOverview, useWorkTeam, type WorkTeam } from './work-team-api';

type UnitRow = TeamOverview['units'][number];

const rate = (r: number | null) => (r === null ? null : Math.round(r * 100));

function EndTeamModal({ team, open, onClose }: { team: WorkTeam; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const end = useMutation({
    mutationFn: () =>
      api<WorkTeam>(`/api/work-teams/${team.id}/end`, { method: 'POST', body: { version: team.version, note } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['work-teams'] });
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('结束专班')}
      onCancel={onClose}
      onOk={() => end.mutate()}
      okText={t('结束专班')}
      okButtonProps={{ danger: true }}
      confirmLoading={end.isPending}
      destroyOnHidden
    >
      {end.error && <Alert type="error" showIcon title={errorMessage(end.error)} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>{t('结束后不再生成周报任务；已交办的任务和周报继续办理。')}</Typography.Paragraph>
      <Input.TextArea
        rows={3}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('结束说明（选填）')}
      />
    </Modal>
  );
}

function UnitReports({ units }: { units: UnitRow[] }) {
  const { t } = useTranslation();
  const columns: TableProps<UnitRow>['columns'] = [
    { title: t('成员单位'), key: 'org', render: (_, u) => u.org.name },
    { title: t('应报'), dataIndex: 'due', align: 'right' },
    { title: t('按时'), dataIndex: 'onTime', align: 'right' },
    {
      title: t('逾期提交'),
      dataIndex: 'late',
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text type="warning">{n}</Typography.Text> : n),
    },
    {
      title: t('未提交'),
      dataIndex: 'missing',
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    { title: t('本周待提交'), dataIndex: 'pending', align: 'right' },
    {
      title: t('按时率'),
      key: 'rate',
      width: 140,
      render: (_, u) =>
        u.onTimeRate === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Progress
            percent={rate(u.onTimeRate) ?? 0}
            size="small"
            status={(u.onTimeRate ?? 1) < 0.8 ? 'exception' : 'normal'}
          />
        ),
    },
  ];
  return (
    <Table<UnitRow>
      rowKey={(u) => u.org.id}
      size="middle"
      columns={columns}
      dataSource={units}
      pagination={false}
      scroll={{ x: 640 }}
      data-testid="unit-reports"
    />
  );
}

export default function WorkTeamPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const detail = useWorkTeam(id);
  const overview = useTeamOverview(id);
  const [assigning, setAssigning] = useState(false);
  const [ending, setEnding] = useState(false);
  if (detail.isLoading || overview.isLoading) return <Spin style={{ display: 'block', margin: 60 }} />;
  const team = detail.data;
  const view = overview.data;
  if (!team || !view) return <Alert type="error" showIcon title={errorMessage(detail.error ?? overview.error)} />;
  const counts = view.tasks.reduce(
    (c, task) => ({
      open: c.open + (['pending_sign', 'in_progress', 'overdue'].includes(task.state) ? 1 : 0),
      overdue: c.overdue + (task.state === 'overdue' ? 1 : 0),
      done: c.done + (task.state === 'done' ? 1 : 0),
    }),
    { open: 0, overdue: 0, done: 0 },
  );
  const due = view.units.reduce((s, u) => s + u.due, 0);
  const onTime = view.units.reduce((s, u) => s + u.onTime, 0);
  return (
    <>
      <PageTitle
        title={team.name}
        extra={
          <Space wrap>
            <TeamStateTag state={team.state} label={team.stateLabel} />
            {team.canManage && (
              <>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setAssigning(true)}
                  data-testid="assign-team-task"
                >
                  {t('交办任务')}
                </Button>
                <Button icon={<EditOutlined />} onClick={() => navigate(`/work-teams/${team.id}/edit`)}>
                  {t('编辑')}
                </Button>
                <Button danger icon={<StopOutlined />} onClick={() => setEnding(true)}>
                  {t('结束专班')}
                </Button>
              </>
            )}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('专班组长')}>{team.lead.name}</Descriptions.Item>
          <Descriptions.Item label={t('牵头单位')}>{team.organiser.name}</Descriptions.Item>
          <Descriptions.Item label={t('运行期限')}>
            {team.startDate} ~ {team.endDate}
          </Descriptions.Item>
          <Descriptions.Item label={t('工作任务')} span={3}>
            {team.topic || '—'}
          </Descriptions.Item>
          {team.endNote && (
            <Descriptions.Item label={t('结束说明')} span={3}>
              {team.endNote}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {[
          { title: t('任务总数'), value: view.tasks.length },
          { title: t('办理中'), value: counts.open },
          { title: t('已逾期'), value: counts.overdue, danger: counts.overdue > 0, testId: 'team-overdue-count' },
          { title: t('已完成'), value: counts.done },
          {
            title: t('周报按时率'),
            value: due ? Math.round((onTime / due) * 100) : '—',
            suffix: due ? '%' : undefined,
          },
        ].map((s) => (
          <Col key={s.title} xs={12} md={8} lg={4} flex="auto">
            <Card size="small">
              <Statistic
                title={s.title}
                value={s.value}
                suffix={s.suffix}
                styles={{ content: s.danger ? { color: '#cf1322' } : undefined }}
                data-testid={s.testId}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={t('专班任务（逾期在前）')} style={{ marginBottom: 16 }}>
        <TaskTable tasks={view.tasks} showSource={false} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title={t('各成员单位周报情况')} style={{ marginBottom: 16 }}>
            <UnitReports units={view.units} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('每周周报按时情况')} style={{ marginBottom: 16 }}>
            <StackedBars
              testId="punctuality-chart"
              categories={view.weeks.map((w) => w.weekLabel.replace(/^\d{4}年/, ''))}
              series={[
                { name: t('按时'), colour: '#389e0d', values: view.weeks.map((w) => w.onTime) },
                { name: t('逾期提交'), colour: '#d48806', values: view.weeks.map((w) => w.late) },
                { name: t('未提交'), colour: '#cf1322', values: view.weeks.map((w) => w.missing) },
                { name: t('本周待提交'), colour: '#8c8c8c', values: view.weeks.map((w) => w.pending) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card>
        <Tabs
          items={[
            {
              key: 'units',
              label: t('成员单位'),
              children: (
                <Table
                  rowKey={(u) => u.org.id}
                  size="small"
                  pagination={false}
                  dataSource={team.units}
                  columns={[
                    { title: t('成员单位'), key: 'org', render: (_, u) => u.org.name },
                    { title: t('联络人'), dataIndex: 'contactName' },
                    { title: t('联系电话'), dataIndex: 'contactPhone', render: (v) => v ?? '—' },
                    { title: t('加入日期'), dataIndex: 'since' },
                  ]}
                />
              ),
            },
            {
              key: 'members',
              label: t('专班成员'),
              children: (
                <Table
                  rowKey={(m) => `${m.name}-${m.org.id}-${m.role}`}
                  size="small"
                  pagination={false}
                  dataSource={team.members}
                  columns={[
                    { title: t('姓名'), dataIndex: 'name' },
                    { title: t('职务'), dataIndex: 'role' },
                    { title: t('所在单位'), key: 'org', render: (_, m) => m.org.name },
                    { title: t('联系电话'), dataIndex: 'phone', render: (v) => v ?? '—' },
                  ]}
                />
              ),
            },
            {
              key: 'history',
              label: t('专班记录'),
              children: <RecordHistory entries={team.history} testId="team-history" />,
            },
          ]}
        />
      </Card>
      <AssignTeamTaskModal team={team} open={assigning} onClose={() => setAssigning(false)} />
      <EndTeamModal team={team} open={ending} onClose={() => setEnding(false)} />
    </>
  );
}
