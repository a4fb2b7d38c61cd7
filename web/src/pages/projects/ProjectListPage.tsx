// 突破项目: the year's projects the user's unit sees with their status (滞后 first), progress, milestones and
// evaluation; filters by unit and status; the chart of statuses; the year-end evaluations per unit for the county.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Input,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  type TableProps,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { useUrlFilters } from '../../components/BoxCards';
import { PageTitle } from '../../components/common';
import { UnitSelect } from '../../components/UnitSelect';
import { useSystemNow } from '../../layout/HeaderClock';
import { ColouredPie } from '../work-teams/CogovCharts';
import {
  type Evaluations,
  type ProjectRow,
  type ProjectStatus,
  type Projects,
  STATUS_COLOURS,
  STATUS_LABELS,
  STATUS_TAGS,
} from './project-api';

export function ProjectStatusTag({ project }: { project: Pick<ProjectRow, 'status' | 'statusLabel' | 'reasons'> }) {
  const { t } = useTranslation();
  const tag = (
    <Tag color={STATUS_TAGS[project.status]} data-testid="project-status">
      {t(project.statusLabel)}
    </Tag>
  );
  return project.reasons.length ? <Tooltip title={project.reasons.map((r) => r.text).join('；')}>{tag}</Tooltip> : tag;
}

function EvaluationSummary({ year }: { year: number }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['projects', 'evaluations', year],
    queryFn: () => api<Evaluations>('/api/projects/evaluations', { query: { year } }),
  });
  return (
    <Card title={t('年终评价汇总（供督导考核）')} style={{ marginTop: 16 }}>
      <Table
        rowKey={(u) => u.org.id}
        size="small"
        loading={query.isLoading}
        dataSource={query.data?.units ?? []}
        pagination={false}
        data-testid="evaluation-summary"
        columns={[
          { title: t('责任单位'), key: 'org', render: (_, u) => u.org.name },
          { title: t('项目数'), dataIndex: 'projects', align: 'right' },
          { title: t('已评价'), dataIndex: 'evaluated', align: 'right' },
          { title: t('平均得分'), dataIndex: 'meanScore', align: 'right', render: (v: number | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}

export default function ProjectListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const now = useSystemNow() ?? dayjs();
  const [params, update] = useUrlFilters();
  const year = Number(params.get('year') ?? now.year());
  const status = (params.get('status') ?? 'all') as ProjectStatus | 'all';
  const ownerOrgId = params.get('ownerOrgId') ?? undefined;
  const q = params.get('q') ?? '';
  const list = useQuery({
    queryKey: ['projects', 'list', { year, status, ownerOrgId, q }],
    queryFn: () =>
      api<Projects>('/api/projects', {
        query: { year, status: status === 'all' ? undefined : status, ownerOrgId, q },
      }),
    placeholderData: keepPreviousData,
  });
  const counts = list.data?.statusCounts ?? { on_track: 0, at_risk: 0, late: 0 };
  const total = counts.on_track + counts.at_risk + counts.late;
  const columns: TableProps<ProjectRow>['columns'] = [
    {
      title: t('项目名称'),
      key: 'name',
      render: (_, p) => (
        <Link to={`/projects/${p.id}`} data-testid="project-link">
          {p.name}
        </Link>
      ),
    },
    { title: t('责任单位'), key: 'owner', render: (_, p) => p.ownerOrg.name },
    { title: t('状态'), key: 'status', render: (_, p) => <ProjectStatusTag project={p} /> },
    {
      title: t('进度'),
      key: 'progress',
      width: 150,
      render: (_, p) => <Progress percent={p.progressPercent} size="small" strokeColor={STATUS_COLOURS[p.status]} />,
    },
    {
      title: t('里程碑'),
      key: 'milestones',
      render: (_, p) => (
        <Space size={4}>
          <span>
            {p.milestoneCounts.done}/{p.milestoneCounts.total}
          </span>
          {p.milestoneCounts.overdue > 0 && (
            <Tag color="red">
              {t('超期')} {p.milestoneCounts.overdue}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('最近月报'),
      dataIndex: 'lastReportMonth',
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('未报送')}</Typography.Text>,
    },
    {
      title: t('年终评价'),
      key: 'evaluation',
      render: (_, p) => (p.evaluation ? `${p.evaluation.score}（${t(p.evaluation.grade)}）` : '—'),
    },
  ];
  return (
    <>
      <PageTitle
        title={t('突破项目')}
        extra={
          <Space>
            <Select
              value={year}
              onChange={(v) => update({ year: v })}
              options={[now.year() - 1, now.year(), now.year() + 1].map((y) => ({ value: y, label: String(y) }))}
              style={{ width: 120 }}
              data-testid="project-year"
            />
            {can('project.manage') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate(`/projects/new?year=${year}`)}
                data-testid="new-project"
              >
                {t('申报项目')}
              </Button>
            )}
          </Space>
        }
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={14}>
          <Row gutter={[16, 16]}>
            {[
              { key: 'all', label: t('项目总数'), value: total, colour: undefined },
              ...(['on_track', 'at_risk', 'late'] as const).map((s) => ({
                key: s,
                label: t(STATUS_LABELS[s]),
                value: counts[s],
                colour: STATUS_COLOURS[s],
              })),
            ].map((s) => (
              <Col xs={12} md={6} key={s.key}>
                <Card size="small" hoverable onClick={() => update({ status: s.key === 'all' ? null : s.key })}>
                  <Statistic
                    title={s.label}
                    value={s.value}
                    styles={{ content: s.colour ? { color: s.colour } : undefined }}
                    data-testid={`project-count-${s.key}`}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('项目状态分布')}>
            <ColouredPie
              height={180}
              testId="project-status-chart"
              data={(['on_track', 'at_risk', 'late'] as const).map((s) => ({
                name: t(STATUS_LABELS[s]),
                value: counts[s],
                colour: STATUS_COLOURS[s],
              }))}
            />
          </Card>
        </Col>
      </Row>
      <Card>
        <Space style={{ marginBottom: 12 }} wrap>
          <Segmented
            value={status}
            onChange={(v) => update({ status: v === 'all' ? null : String(v) })}
            options={[
              { value: 'all', label: t('全部') },
              ...(['late', 'at_risk', 'on_track'] as const).map((s) => ({ value: s, label: t(STATUS_LABELS[s]) })),
            ]}
            data-testid="project-status-filter"
          />
          <div style={{ width: 260 }}>
            <UnitSelect
              value={ownerOrgId ? Number(ownerOrgId) : undefined}
              onChange={(v) => update({ ownerOrgId: v === undefined ? null : String(v) })}
              placeholder={t('按责任单位筛选')}
              testId="project-owner-filter"
            />
          </div>
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder={t('搜索项目名称')}
            onSearch={(v) => update({ q: v || null })}
            style={{ width: 220 }}
          />
        </Space>
        {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
        <Table<ProjectRow>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 960 }}
          data-testid="project-table"
          rowClassName={(p) => (p.status === 'late' ? 'gz-row-overdue' : '')}
        />
      </Card>
      {can('project.evaluate') && <EvaluationSummary year={year} />}
    </>
  );
}
