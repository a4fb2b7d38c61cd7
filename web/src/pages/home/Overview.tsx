// Counts and charts from /api/home, shared by the overview pages of every level.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import type { HomeData } from '../../api-types';
import { CategoryChart, TrendChart } from '../../components/Charts';

export function useHome() {
  return useQuery({ queryKey: ['home'], queryFn: () => api<HomeData>('/api/home') });
}

type CountKey = keyof HomeData['counts'];

export function Overview({
  counts = ['towns', 'villages', 'grids', 'users'],
  charts = true,
}: {
  counts?: CountKey[];
  charts?: boolean;
}) {
  const { t } = useTranslation();
  const { data, isLoading, error } = useHome();
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (isLoading || !data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const countLabels: Record<CountKey, string> = {
    towns: '镇街',
    villages: '村社区',
    grids: '网格',
    users: '用户',
    departments: '职能部门',
  };
  const rate = data.cases.satisfactionRate;
  return (
    <>
      <Row gutter={[12, 12]} data-testid="home-counts" style={{ marginBottom: 12 }}>
        {counts.map((k) => (
          <Col key={k} xs={12} sm={12} md={Math.max(6, Math.floor(24 / counts.length))}>
            <Card size="small" className="gz-stat">
              <Statistic title={t(countLabels[k])} value={data.counts[k]} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} data-testid="home-cases">
        <Col xs={12} sm={12} md={6}>
          <Card size="small" className="gz-stat">
            <Statistic
              title={t('近 12 个月受理')}
              value={data.cases.total}
              styles={{ content: { color: '#1d5fa8' } }}
            />
          </Card>
        </Col>
        <Col xs={12} sm={12} md={6}>
          <Card size="small" className="gz-stat">
            <Statistic title={t('在办诉求')} value={data.cases.open} styles={{ content: { color: '#d48806' } }} />
          </Card>
        </Col>
        <Col xs={12} sm={12} md={6}>
          <Card size="small" className="gz-stat">
            <Statistic
              title={t('本月办结')}
              value={data.cases.closedThisMonth}
              styles={{ content: { color: '#389e0d' } }}
            />
          </Card>
        </Col>
        <Col xs={12} sm={12} md={6}>
          <Card size="small" className="gz-stat">
            <Statistic
              title={t('满意率')}
              value={rate === null ? '—' : (rate * 100).toFixed(1)}
              suffix={rate === null ? undefined : '%'}
              styles={{ content: { color: '#b7282e' } }}
            />
          </Card>
        </Col>
      </Row>
      {charts && (
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          <Col xs={24} lg={14}>
            <Card size="small" title={t('近 12 个月诉求趋势')}>
              <TrendChart data={data.cases.byMonth} />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('诉求分类构成')}>
              <CategoryChart data={data.cases.byCategory} />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
