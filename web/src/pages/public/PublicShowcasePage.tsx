// The county's public page (/public, no sign-in, phone and desktop): the figures of the last twelve months from
// the rollups, by month and by town; typical cases (reviewed, de-identified); news; and a village picker leading
// to each village's own public pages (points board, deliberation, small-power list).
import { Alert, Button, Card, Col, Empty, List, Row, Select, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api';
import {
  formatDay,
  formatRate,
  type PublicStatistics,
  usePublicCases,
  usePublicNews,
  usePublicStatistics,
  usePublicVillages,
} from './public-api';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const RED = '#cf1322';
const BLUE = '#1d5fa8';
const GREEN = '#389e0d';

function MonthChart({ stats }: { stats: PublicStatistics }) {
  const { t } = useTranslation();
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 300 }}
      notMerge
      option={{
        color: [RED, BLUE, GREEN],
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 44, right: 44, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: stats.byMonth.map((m) => m.month.slice(2)) },
        yAxis: [
          { type: 'value', minInterval: 1 },
          { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
        ],
        series: [
          { name: t('受理'), type: 'bar', data: stats.byMonth.map((m) => m.received) },
          { name: t('办结'), type: 'bar', data: stats.byMonth.map((m) => m.closed) },
          {
            name: t('满意率'),
            type: 'line',
            yAxisIndex: 1,
            smooth: true,
            data: stats.byMonth.map((m) =>
              m.satisfactionRate === null ? null : Math.round(m.satisfactionRate * 1000) / 10,
            ),
          },
        ],
      }}
    />
  );
}

function TownChart({ stats }: { stats: PublicStatistics }) {
  const { t } = useTranslation();
  const towns = [...stats.byTown].sort((a, b) => a.received - b.received);
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: Math.max(260, towns.length * 26 + 60) }}
      notMerge
      option={{
        color: [RED, BLUE],
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 92, right: 24, top: 32, bottom: 20 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: towns.map((x) => x.name) },
        series: [
          { name: t('受理'), type: 'bar', data: towns.map((x) => x.received) },
          { name: t('办结'), type: 'bar', data: towns.map((x) => x.closed) },
        ],
      }}
    />
  );
}

function Figures({ stats }: { stats: PublicStatistics }) {
  const { t } = useTranslation();
  const cards = [
    { key: 'received', title: t('受理诉求'), value: stats.totals.received, suffix: t('件') },
    { key: 'closed', title: t('办结'), value: stats.totals.closed, suffix: t('件') },
    { key: 'resolved', title: t('解决'), value: stats.totals.resolved, suffix: t('件') },
    { key: 'satisfaction', title: t('群众满意率'), value: formatRate(stats.totals.satisfactionRate) },
  ];
  return (
    <Row gutter={[12, 12]}>
      {cards.map((c) => (
        <Col xs={12} md={6} key={c.key}>
          <Card className="gz-public-stat" data-testid={`public-stat-${c.key}`}>
            <Statistic title={c.title} value={c.value} suffix={c.suffix} valueStyle={{ color: RED }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function VillagePicker() {
  const { t } = useTranslation();
  const villages = usePublicVillages();
  const [townId, setTownId] = useState<number | null>(null);
  const [villageId, setVillageId] = useState<number | null>(null);
  const town = villages.data?.towns.find((x) => x.id === townId);
  return (
    <Card title={t('村社区公开')} data-testid="public-villages">
      <Typography.Paragraph type="secondary">
        {t('选择镇街和村社区，查看该村的文明积分榜、议事决定和小微权力运行公开。')}
      </Typography.Paragraph>
      <Space wrap>
        <Select
          style={{ width: 180 }}
          placeholder={t('选择镇街')}
          loading={villages.isLoading}
          value={townId}
          onChange={(v) => {
            setTownId(v);
            setVillageId(null);
          }}
          options={(villages.data?.towns ?? []).map((x) => ({ value: x.id, label: x.name }))}
          data-testid="public-town"
        />
        <Select
          style={{ width: 200 }}
          placeholder={t('选择村社区')}
          disabled={!town}
          showSearch
          optionFilterProp="label"
          value={villageId}
          onChange={setVillageId}
          options={(town?.villages ?? []).map((v) => ({ value: v.id, label: v.name }))}
          data-testid="public-village"
        />
      </Space>
      {villageId && (
        <Space wrap style={{ marginTop: 12, display: 'flex' }}>
          <Link to={`/board/points/${villageId}`}>
            <Button data-testid="public-link-points">{t('文明积分榜')}</Button>
          </Link>
          <Link to={`/board/deliberations/${villageId}`}>
            <Button data-testid="public-link-deliberations">{t('议事公开')}</Button>
          </Link>
          <Link to={`/board/powers/${villageId}`}>
            <Button data-testid="public-link-powers">{t('小微权力公开')}</Button>
          </Link>
        </Space>
      )}
    </Card>
  );
}

export default function PublicShowcasePage() {
  const { t } = useTranslation();
  const stats = usePublicStatistics();
  const cases = usePublicCases();
  const news = usePublicNews();
  const period = useMemo(() => (stats.data ? `${stats.data.from} ~ ${stats.data.to}` : ''), [stats.data]);
  return (
    <div className="gz-public" data-testid="public-page">
      <div className="gz-public-header">
        <div className="gz-public-inner">
          <h1 data-testid="public-county">
            {stats.data?.county.name ?? ''} {t('社会治理公开信息')}
          </h1>
          <div style={{ opacity: 0.9, marginTop: 6 }}>
            {t('近 12 个月')} {period} · {t('数据截至')} {stats.data?.asOf ?? ''}
          </div>
        </div>
      </div>
      <div className="gz-public-body">
        {stats.error && (
          <Alert type="warning" showIcon title={errorMessage(stats.error)} style={{ marginBottom: 12 }} />
        )}
        {stats.isLoading && (
          <Card>
            <Skeleton active />
          </Card>
        )}
        {stats.data && (
          <>
            <Figures stats={stats.data} />
            <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
              <Col xs={24} lg={14}>
                <Card title={t('按月受理、办结与满意率')}>
                  <MonthChart stats={stats.data} />
                </Card>
              </Col>
              <Col xs={24} lg={10}>
                <Card title={t('各镇街受理与办结')}>
                  <TownChart stats={stats.data} />
                </Card>
              </Col>
            </Row>
          </>
        )}
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          <Col xs={24} lg={14}>
            <Card title={t('典型案例')} data-testid="public-cases">
              {cases.data?.items.length === 0 && <Empty description={t('暂无已发布的典型案例')} />}
              <List
                loading={cases.isLoading}
                dataSource={cases.data?.items ?? []}
                renderItem={(c) => (
                  <List.Item key={c.id} data-testid="public-case">
                    <List.Item.Meta
                      title={<Link to={`/public/cases/${c.id}`}>{c.title}</Link>}
                      description={
                        <>
                          <div style={{ marginBottom: 4 }}>
                            {c.categoryName && <Tag color="red">{c.categoryName}</Tag>}
                            {c.townName && <Tag>{c.townName}</Tag>}
                            <span style={{ fontSize: 12 }}>{formatDay(c.publishedAt)}</span>
                          </div>
                          <div style={{ color: '#595959' }}>{c.excerpt}</div>
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={t('新闻动态')} data-testid="public-news">
              {news.data?.items.length === 0 && <Empty description={t('暂无新闻')} />}
              <List
                loading={news.isLoading}
                dataSource={news.data?.items ?? []}
                renderItem={(n) => (
                  <List.Item key={n.id}>
                    <List.Item.Meta
                      avatar={
                        n.coverUrl ? (
                          <img
                            src={`${n.coverUrl}?variant=thumbnail`}
                            alt=""
                            style={{ width: 72, height: 54, objectFit: 'cover', borderRadius: 4 }}
                          />
                        ) : undefined
                      }
                      title={<Link to={`/public/news/${n.id}`}>{n.title}</Link>}
                      description={<span style={{ fontSize: 12 }}>{formatDay(n.publishedAt)}</span>}
                    />
                  </List.Item>
                )}
              />
            </Card>
            <div style={{ marginTop: 12 }}>
              <VillagePicker />
            </div>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 24, fontSize: 12 }}>
          {t('本页数据来自共治平台，典型案例经审核并已隐去个人信息。')} <Link to="/login">{t('工作人员登录')}</Link>
        </Typography.Paragraph>
      </div>
    </div>
  );
}
