// One home page per role; each has a heading with data-testid="home-<role>".

import { EditOutlined, EnvironmentOutlined, MobileOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCurrentUser } from '../../auth';
import { GeometryMap } from '../../components/GeometryMap';
import { RecentCases } from '../../components/RecentCases';
import { KIND_LABELS, ROLE_LABELS } from '../../labels';
import { useSystemNow } from '../../layout/HeaderClock';
import type { Me, OrgDetail } from '../../types';
import { MyCaseList, useMyCases } from '../citizen/MyCaseList';
import { ServiceTiles } from './CitizenServices';
import { Overview } from './Overview';

function Heading({ me, title, sub }: { me: Me; title: string; sub?: string }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Title level={3} className="gz-page-title" data-testid={`home-${me.role}`} style={{ marginBottom: 4 }}>
        {title}
      </Typography.Title>
      {sub && <Typography.Text type="secondary">{sub}</Typography.Text>}
    </div>
  );
}

function greeting(hour: number): string {
  if (hour < 6) return '夜深了';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

function CountyHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <>
      <Heading
        me={me}
        title={t('{{org}} 社会治理总览', { org: me.org?.name ?? t('全县') })}
        sub={`${t(ROLE_LABELS[me.role])} · ${me.displayName}`}
      />
      <Overview counts={['towns', 'villages', 'grids', 'users']} />
    </>
  );
}

function ScopedHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const counts =
    me.role === 'town_operator' ? (['villages', 'grids', 'users'] as const) : (['grids', 'users'] as const);
  return (
    <>
      <Heading
        me={me}
        title={t('{{org}} 工作台', { org: me.org?.name ?? '' })}
        sub={`${t(ROLE_LABELS[me.role])} · ${me.displayName}`}
      />
      <Overview counts={[...counts]} />
      <Card size="small" title={t('辖区最新诉求')} style={{ marginTop: 12 }}>
        <RecentCases limit={10} />
      </Card>
    </>
  );
}

function DeptHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <>
      <Heading
        me={me}
        title={t('{{org}} 工作台', { org: me.org?.name ?? '' })}
        sub={`${t(ROLE_LABELS[me.role])} · ${me.displayName}`}
      />
      <Overview counts={['users']} charts />
      <Card size="small" title={t('本单位最新诉求')} style={{ marginTop: 12 }}>
        <RecentCases limit={10} />
      </Card>
    </>
  );
}

function GridWorkerHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const orgId = me.org?.id;
  const {
    data: grid,
    isLoading,
    error,
  } = useQuery({
    queryKey: ['org', orgId],
    queryFn: () => api<OrgDetail>(`/api/orgs/${orgId}`),
    enabled: !!orgId,
  });
  const place = grid?.ancestors
    .filter((a) => a.kind === 'town' || a.kind === 'village')
    .map((a) => a.name)
    .join(' / ');
  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <Heading me={me} title={t('我的网格')} sub={`${me.displayName} · ${t(ROLE_LABELS[me.role])}`} />
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Card size="small" style={{ marginBottom: 12 }} data-testid="grid-info">
        {isLoading || !grid ? (
          <Skeleton active />
        ) : (
          <>
            <Space align="center" style={{ marginBottom: 8 }} wrap>
              <EnvironmentOutlined style={{ color: '#b7282e', fontSize: 18 }} />
              <Typography.Text strong style={{ fontSize: 16 }}>
                {grid.name}
              </Typography.Text>
              <Tag>{t(KIND_LABELS[grid.kind])}</Tag>
            </Space>
            <Descriptions size="small" column={{ xs: 2, sm: 2, md: 3 }}>
              <Descriptions.Item label={t('所属')}>{place || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('编码')}>{grid.code}</Descriptions.Item>
              <Descriptions.Item label={t('户数')}>{grid.households ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('人口')}>{grid.population ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('网格员')}>
                {grid.gridWorker?.displayName ?? me.displayName}
              </Descriptions.Item>
            </Descriptions>
          </>
        )}
      </Card>
      <Card size="small" title={t('网格范围')} style={{ marginBottom: 12 }}>
        {grid?.boundary ? (
          <GeometryMap geometry={grid.boundary} height={260} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={isLoading ? t('加载中') : t('未设置边界')} />
        )}
      </Card>
      <Link to="/grid" style={{ display: 'block', marginBottom: 12 }}>
        <Button type="primary" size="large" block icon={<MobileOutlined />} data-testid="open-grid-app">
          {t('今日任务 · 巡查 · 随手拍（手机端）')}
        </Button>
      </Link>
      <Card size="small" title={t('网格最新诉求')}>
        <RecentCases limit={10} mobile />
      </Card>
    </div>
  );
}

function CitizenReports() {
  const { t } = useTranslation();
  const { data, isLoading, error } = useMyCases();
  if (error) return <Alert type="warning" showIcon title={errorMessage(error)} />;
  if (isLoading) return <Skeleton active />;
  if (!data?.items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('您还没有反映过问题')} />;
  return <MyCaseList items={data.items.slice(0, 10)} />;
}

function CitizenHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const now = useSystemNow();
  return (
    <>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid={`home-${me.role}`}>
          {t(greeting(now?.hour() ?? 9))}，{me.displayName}
        </Typography.Title>
        <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>
          {t('有事找网格，随时反映身边的问题')}
          {me.phone ? ` · ${me.phone}` : ''}
        </div>
        <Link to="/report" style={{ display: 'block', marginTop: 16 }}>
          <Button
            size="large"
            block
            icon={<EditOutlined />}
            data-testid="report-button"
            style={{ height: 52, fontSize: 17 }}
          >
            {t('一键反映')}
          </Button>
        </Link>
      </div>
      <div style={{ padding: 12 }}>
        <ServiceTiles />
        <Typography.Title level={5} style={{ margin: '16px 0 10px' }}>
          {t('我的反映')}
        </Typography.Title>
        <CitizenReports />
      </div>
    </>
  );
}

export function HomePage() {
  const me = useCurrentUser();
  switch (me.role) {
    case 'admin':
    case 'leader':
    case 'county_operator':
      return <CountyHome me={me} />;
    case 'town_operator':
    case 'village_operator':
      return <ScopedHome me={me} />;
    case 'grid_worker':
      return <GridWorkerHome me={me} />;
    case 'department_handler':
    case 'third_party':
      return <DeptHome me={me} />;
    case 'citizen':
      return <CitizenHome me={me} />;
    default:
      return (
        <Row>
          <Col span={24}>
            <Heading me={me} title={me.displayName} />
          </Col>
        </Row>
      );
  }
}
