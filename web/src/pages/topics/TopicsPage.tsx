// 每月一题 · 未诉先办: the month's most frequent and fastest-growing problems of the county or a town (clusters
// of similar cases by text and place), each with its trend, places, units and satisfaction, to be adopted as a
// governance topic; and the topics adopted, with their tasks' progress.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Empty, List, Row, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { useCan, useCurrentUser } from '../../auth';
import { OrgTreeSelect, PageTitle } from '../../components/common';
import { AdoptTopicModal } from './AdoptTopicModal';
import { ProposalMap } from './ProposalMap';
import { Sparkline } from './TopicCharts';
import type { ProposalsResult, TopicListItem, TopicProposal } from './topic-api';

function ProposalCard({
  p,
  canAdopt,
  onAdopt,
}: {
  p: TopicProposal;
  canAdopt: boolean;
  onAdopt: (p: TopicProposal) => void;
}) {
  const { t } = useTranslation();
  const [showMap, setShowMap] = useState(false);
  const rate = p.satisfaction.rate;
  return (
    <Card
      size="small"
      data-testid="topic-proposal"
      title={
        <Space wrap>
          <span>{p.title}</span>
          {p.trend.rising && <Tag color="red">{t('快速增长')}</Tag>}
          {p.frequent && <Tag color="orange">{t('高频')}</Tag>}
          {p.categories.map((c) => (
            <Tag key={c.id}>{c.name}</Tag>
          ))}
        </Space>
      }
      extra={
        p.adoptedTopicId ? (
          <Link to={`/topics/${p.adoptedTopicId}`} data-testid="proposal-adopted">
            {t('已采纳，查看议题')}
          </Link>
        ) : canAdopt ? (
          <Button type="primary" size="small" onClick={() => onAdopt(p)} data-testid="proposal-adopt">
            {t('采纳为议题')}
          </Button>
        ) : null
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Space direction="vertical" size={2}>
            <Typography.Text>
              {t('本月 {{n}} 件', { n: p.trend.current })}
              <Typography.Text type="secondary">
                {' '}
                · {t('前三月月均 {{n}} 件', { n: p.trend.previousMean })} · ×{p.trend.growth}
              </Typography.Text>
            </Typography.Text>
            <Sparkline months={p.months} series={p.series} rising={p.trend.rising} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.months[0]} – {p.months[p.months.length - 1]}：{p.series.join(' · ')}
            </Typography.Text>
          </Space>
        </Col>
        <Col xs={24} md={8}>
          <Typography.Text type="secondary">{t('地点')}：</Typography.Text>
          <div>
            {p.places.map((pl) => (
              <Tag key={pl.villageId ?? 'none'}>
                {[pl.townName, pl.villageName].filter(Boolean).join(' ') || t('未定位')} · {pl.count}
              </Tag>
            ))}
          </div>
          {p.points.length > 0 && (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setShowMap(!showMap)}>
              {showMap ? t('收起地图') : t('在地图上查看')}
            </Button>
          )}
        </Col>
        <Col xs={24} md={8}>
          <div>
            <Typography.Text type="secondary">{t('涉及单位')}：</Typography.Text>
            {p.units.length ? p.units.map((u) => `${u.name}(${u.count})`).join('、') : '—'}
          </div>
          <div data-testid="proposal-satisfaction">
            <Typography.Text type="secondary">{t('满意率')}：</Typography.Text>
            {rate === null
              ? t('暂无评价')
              : `${Math.round(rate * 100)}%（${t('{{n}} 件已评价', { n: p.satisfaction.rated })}）`}
          </div>
          <div>
            <Typography.Text type="secondary">{t('关键词')}：</Typography.Text>
            {p.terms.join('、')}
          </div>
        </Col>
      </Row>
      {showMap && <ProposalMap points={p.points} />}
      <List
        size="small"
        style={{ marginTop: 8 }}
        dataSource={p.sampleCases}
        renderItem={(c) => (
          <List.Item style={{ padding: '2px 0' }}>
            <Link to={`/cases/${c.id}`}>{c.title}</Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {dayjs(c.reportedAt).format('MM-DD HH:mm')}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

function ProposalsTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [month, setMonth] = useState<string | undefined>();
  const [adopting, setAdopting] = useState<TopicProposal | null>(null);
  const { data, error, isLoading } = useQuery({
    queryKey: ['topics', 'proposals', orgId, month],
    queryFn: () => api<ProposalsResult>('/api/topics/proposals', { query: { orgId, month } }),
  });
  const ownKind = me.org?.kind;
  const canAdopt = can('topic.manage') && (ownKind === 'county' || ownKind === 'town');
  return (
    <div data-testid="topic-proposals">
      <Space wrap style={{ marginBottom: 12 }}>
        <div style={{ width: 240 }}>
          <OrgTreeSelect
            value={orgId}
            onChange={(v) => setOrgId(v ? Number(v) : undefined)}
            placeholder={t('本单位辖区（县或镇街）')}
          />
        </div>
        <DatePicker
          picker="month"
          value={month ? dayjs(`${month}-01`) : null}
          onChange={(d) => setMonth(d ? d.format('YYYY-MM') : undefined)}
          placeholder={t('本月')}
        />
        {data && (
          <Typography.Text type="secondary">
            {data.area.name} · {data.month}
          </Typography.Text>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 12 }} />}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t(
          '按文本和地点把本月案件聚成问题：文字高度相似的跨地点成题，同一网格、村社区或相距几百米内的相近诉求也成题；按本月件数和较前三月的增幅排序。',
        )}
      />
      {isLoading ? (
        <Card loading />
      ) : data?.items.length ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          {data.items.map((p) => (
            <ProposalCard key={p.key} p={p} canAdopt={canAdopt} onAdopt={setAdopting} />
          ))}
        </Space>
      ) : (
        <Empty description={t('本月没有成规模的同类问题')} />
      )}
      {data && <AdoptTopicModal proposal={adopting} areaOrgId={data.area.id} onClose={() => setAdopting(null)} />}
    </div>
  );
}

function TopicListTab() {
  const { t } = useTranslation();
  const { data, isLoading } = useQuery({
    queryKey: ['topics', 'list'],
    queryFn: () => api<{ items: TopicListItem[]; total: number }>('/api/topics', { query: { pageSize: 100 } }),
  });
  return (
    <Table<TopicListItem>
      rowKey="id"
      size="small"
      loading={isLoading}
      dataSource={data?.items ?? []}
      pagination={false}
      data-testid="topic-list"
      columns={[
        { title: t('议题'), render: (_, r) => <Link to={`/topics/${r.id}`}>{r.title}</Link> },
        { title: t('月份'), dataIndex: 'month', width: 90 },
        { title: t('辖区'), dataIndex: 'areaName' },
        { title: t('牵头单位'), dataIndex: 'leadName' },
        {
          title: t('任务'),
          render: (_, r) =>
            `${r.tasks.done}/${r.tasks.total}${r.tasks.overdue ? ` · ${t('超期 {{n}}', { n: r.tasks.overdue })}` : ''}`,
        },
        {
          title: t('状态'),
          dataIndex: 'state',
          render: (s: string) => (
            <Tag color={s === 'active' ? 'blue' : 'default'}>{s === 'active' ? t('推进中') : t('已结项')}</Tag>
          ),
        },
      ]}
    />
  );
}

export default function TopicsPage() {
  const { t } = useTranslation();
  return (
    <div>
      <PageTitle title={t('每月一题')} />
      <Tabs
        items={[
          { key: 'proposals', label: t('本月建议议题'), children: <ProposalsTab /> },
          { key: 'topics', label: t('治理议题'), children: <TopicListTab /> },
        ]}
      />
    </div>
  );
}
