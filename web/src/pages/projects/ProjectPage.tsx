// One breakthrough project: its status and why, progress against the time gone, indicators, milestones (each a
// task, linked to its page), monthly progress with evidence, the year-end evaluation and the history. The owner
// unit reports and adds milestones here; the county evaluates.
import { FlagOutlined, FormOutlined, PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Progress,
  Row,
  Space,
  Spin,
  Table,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../api';
import { PageTitle } from '../../components/common';
import { TaskClock, TaskStateTag } from '../../components/TaskTable';
import { RecordHistory } from '../work-teams/RecordHistory';
import { ProjectStatusTag } from './ProjectListPage';
import { type ProjectModal, ProjectModals } from './ProjectModals';
import { type Project, STATUS_COLOURS, useProject } from './project-api';

type Milestone = Project['milestones'][number];
type Indicator = Project['indicators'][number];

function Milestones({ project }: { project: Project }) {
  const { t } = useTranslation();
  return (
    <Table<Milestone>
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={project.milestones}
      data-testid="milestones"
      locale={{ emptyText: <Empty description={t('尚未设置里程碑')} /> }}
      rowClassName={(m) => (m.task?.state === 'overdue' ? 'gz-row-overdue' : '')}
      columns={[
        {
          title: t('里程碑'),
          key: 'title',
          render: (_, m) =>
            m.task ? (
              <Link to={`/tasks/${m.task.id}`} data-testid="milestone-task-link">
                {m.title}
              </Link>
            ) : (
              m.title
            ),
        },
        { title: t('完成日期'), dataIndex: 'dueDate' },
        { title: t('责任单位'), key: 'owner', render: (_, m) => m.ownerOrg.name },
        { title: t('时限'), key: 'clock', render: (_, m) => (m.task ? <TaskClock task={m.task} /> : '—') },
        { title: t('状态'), key: 'state', render: (_, m) => (m.task ? <TaskStateTag task={m.task} /> : '—') },
      ]}
    />
  );
}

function Indicators({ project }: { project: Project }) {
  const { t } = useTranslation();
  return (
    <Table<Indicator>
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={project.indicators}
      data-testid="indicators"
      locale={{ emptyText: <Empty description={t('尚未设置考核指标')} /> }}
      columns={[
        { title: t('指标'), dataIndex: 'name' },
        { title: t('计量单位'), dataIndex: 'unit' },
        { title: t('基线值'), dataIndex: 'baseline', align: 'right' },
        { title: t('目标值'), dataIndex: 'target', align: 'right' },
        { title: t('当前值'), dataIndex: 'current', align: 'right', render: (v: number | null) => v ?? '—' },
        {
          title: t('完成度'),
          key: 'progress',
          width: 180,
          render: (_, i) => <Progress percent={i.progressPercent} size="small" />,
        },
      ]}
    />
  );
}

function Reports({ project }: { project: Project }) {
  const { t } = useTranslation();
  if (!project.reports.length) return <Empty description={t('尚未报送月度进展')} />;
  return (
    <Timeline
      data-testid="reports"
      items={project.reports.map((r) => ({
        key: r.month,
        content: (
          <div>
            <Space wrap>
              <b>{r.month}</b>
              <Typography.Text type="secondary">
                {[r.reportedBy.orgName, r.reportedBy.userName].filter(Boolean).join(' ')} ·{' '}
                {dayjs(r.reportedAt).format('YYYY-MM-DD HH:mm')}
              </Typography.Text>
            </Space>
            <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{r.text}</Typography.Paragraph>
            {r.values.length > 0 && (
              <Typography.Text type="secondary">
                {r.values.map((v) => `${v.name} ${v.value}${v.unit}`).join('；')}
              </Typography.Text>
            )}
            {r.attachmentIds.length > 0 && (
              <div>
                {r.attachmentIds.map((id, i) => (
                  <a
                    key={id}
                    href={`/api/attachments/${id}`}
                    target="_blank"
                    rel="noreferrer"
                    style={{ marginRight: 8 }}
                  >
                    {t('佐证材料')} {i + 1}
                  </a>
                ))}
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}

export default function ProjectPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const query = useProject(id);
  const [modal, setModal] = useState<ProjectModal>(null);
  if (query.isLoading) return <Spin style={{ display: 'block', margin: 60 }} />;
  const project = query.data;
  if (!project) return <Alert type="error" showIcon title={errorMessage(query.error)} />;
  const evaluation = project.evaluationDetail;
  return (
    <>
      <PageTitle
        title={project.name}
        extra={
          <Space wrap>
            <ProjectStatusTag project={project} />
            {project.can.report && (
              <Button
                type="primary"
                icon={<FormOutlined />}
                onClick={() => setModal('report')}
                data-testid="report-progress"
              >
                {t('报送月度进展')}
              </Button>
            )}
            {project.can.edit && (
              <Button icon={<PlusOutlined />} onClick={() => setModal('milestone')}>
                {t('增加里程碑')}
              </Button>
            )}
            {project.can.evaluate && (
              <Button icon={<TrophyOutlined />} onClick={() => setModal('evaluate')} data-testid="evaluate-project">
                {t('年终评价')}
              </Button>
            )}
          </Space>
        }
      />
      {project.reasons.length > 0 && (
        <Alert
          type={project.status === 'late' ? 'error' : 'warning'}
          showIcon
          icon={<FlagOutlined />}
          style={{ marginBottom: 16 }}
          title={t(project.statusLabel)}
          description={project.reasons.map((r) => r.text).join('；')}
          data-testid="project-reasons"
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('项目年度')}>{project.year}</Descriptions.Item>
              <Descriptions.Item label={t('责任单位')}>{project.ownerOrg.name}</Descriptions.Item>
              <Descriptions.Item label={t('项目目标')} span={2}>
                {project.goal}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card style={{ marginBottom: 16 }}>
            <div style={{ marginBottom: 8 }}>{t('总体进度')}</div>
            <Progress
              percent={project.progressPercent}
              strokeColor={STATUS_COLOURS[project.status]}
              data-testid="project-progress"
            />
            <div style={{ margin: '8px 0' }}>{t('时间进度')}</div>
            <Progress percent={project.elapsedPercent} strokeColor="#8c8c8c" />
          </Card>
        </Col>
      </Row>
      <Card title={t('考核指标')} style={{ marginBottom: 16 }}>
        <Indicators project={project} />
      </Card>
      <Card title={t('里程碑')} style={{ marginBottom: 16 }}>
        <Milestones project={project} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('月度进展')} style={{ marginBottom: 16 }}>
            <Reports project={project} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('年终评价')} style={{ marginBottom: 16 }} data-testid="project-evaluation">
            {evaluation ? (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('得分')}>{evaluation.score}</Descriptions.Item>
                <Descriptions.Item label={t('等次')}>{t(evaluation.grade)}</Descriptions.Item>
                <Descriptions.Item label={t('评价意见')}>{evaluation.comment ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('评价人')}>
                  {evaluation.evaluatedBy ?? '—'} · {dayjs(evaluation.evaluatedAt).format('YYYY-MM-DD')}
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Typography.Text type="secondary">
                {t('尚未评价；年终评价自 {{date}} 起进行', {
                  date: project.evaluationOpensOn,
                })}
              </Typography.Text>
            )}
          </Card>
          <Card title={t('项目记录')} style={{ marginBottom: 16 }}>
            <RecordHistory entries={project.history} testId="project-history" />
          </Card>
        </Col>
      </Row>
      <ProjectModals project={project} open={modal} onClose={() => setModal(null)} />
    </>
  );
}
