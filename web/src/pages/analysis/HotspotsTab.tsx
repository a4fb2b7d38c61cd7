// 热点与突增: grids and topics whose volume this period is abnormal against their own history.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Radio, Row, Space, Table, Tag, Typography } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { HotspotItem, HotspotResult } from '../../api-types';
import { OrgTreeSelect } from '../../components/common';
import { CaseBriefList } from './CaseBriefList';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

function SpikeChart({ items }: { items: HotspotItem[] }) {
  const { t } = useTranslation();
  const top = items.slice(0, 10);
  if (!top.length) return <Empty description={t('本期没有案件')} />;
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 260 }}
      notMerge
      option={{
        color: ['#b7282e', '#8c8c8c'],
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 32, bottom: 60 },
        xAxis: { type: 'category', data: top.map((i) => i.name), axisLabel: { rotate: 30, interval: 0 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: t('本期'),
            type: 'bar',
            data: top.map((i) => ({ value: i.current, itemStyle: { color: i.abnormal ? '#b7282e' : '#1d5fa8' } })),
          },
          { name: t('历史基线'), type: 'line', data: top.map((i) => i.expected), symbolSize: 6 },
        ],
      }}
    />
  );
}

function SpikeTable({ items, kind }: { items: HotspotItem[]; kind: 'grid' | 'topic' }) {
  const { t } = useTranslation();
  return (
    <Table<HotspotItem>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={items}
      data-testid={`hotspots-${kind}`}
      expandable={{
        rowExpandable: (r) => r.cases.length > 0,
        expandedRowRender: (r) => <CaseBriefList cases={r.cases} />,
      }}
      columns={[
        {
          title: kind === 'grid' ? t('网格') : t('事项'),
          render: (_, r) => (
            <Space direction="vertical" size={0}>
              <Space size={4}>
                {r.name}
                {r.abnormal && <Tag color="red">{t('异常')}</Tag>}
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {'parentName' in r ? (r.parentName ?? '') : [r.townName, r.villageName].filter(Boolean).join(' / ')}
              </Typography.Text>
            </Space>
          ),
        },
        { title: t('本期'), dataIndex: 'current', width: 70 },
        { title: t('基线'), dataIndex: 'expected', width: 70 },
        { title: t('倍数'), dataIndex: 'ratio', width: 70, render: (v: number) => `×${v}` },
        {
          title: t('显著性 p'),
          dataIndex: 'pValue',
          width: 100,
          render: (v: number) => (v < 0.0001 ? '<0.0001' : v.toFixed(4)),
        },
        { title: t('历史'), dataIndex: 'history', render: (h: number[]) => h.join(' · ') },
      ]}
    />
  );
}

export function HotspotsTab() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<'day' | 'week' | 'month'>('week');
  const [orgId, setOrgId] = useState<number | undefined>();
  const { data, error, isLoading } = useQuery({
    queryKey: ['analysis', 'hotspots', period, orgId],
    queryFn: () => api<HotspotResult>('/api/analysis/hotspots', { query: { period, orgId } }),
  });
  const abnormal =
    (data?.grids.filter((g) => g.abnormal).length ?? 0) + (data?.topics.filter((g) => g.abnormal).length ?? 0);
  return (
    <div data-testid="analysis-hotspots">
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
          optionType="button"
          options={[
            { value: 'day', label: t('日') },
            { value: 'week', label: t('周') },
            { value: 'month', label: t('月') },
          ]}
        />
        <div style={{ width: 240 }}>
          <OrgTreeSelect
            value={orgId}
            onChange={(v) => setOrgId(v ? Number(v) : undefined)}
            placeholder={t('全部辖区')}
          />
        </div>
        {data && <Typography.Text type="secondary">{t(data.description)}</Typography.Text>}
      </Space>
      {error && <Alert type="error" showIcon message={(error as Error).message} style={{ marginBottom: 12 }} />}
      {data && (
        <Alert
          type={abnormal ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          message={abnormal ? t('发现 {{n}} 处异常突增', { n: abnormal }) : t('本期未发现异常突增')}
          description={t(
            '按泊松–伽马预测分布计算本期案件量高于历史的显著性（p < 0.001，且不少于 5 件、达到基线 2 倍时判为异常）。',
          )}
          data-testid="hotspots-summary"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('网格热点')} loading={isLoading}>
            <SpikeChart items={data?.grids ?? []} />
            <SpikeTable items={data?.grids ?? []} kind="grid" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('事项热点')} loading={isLoading}>
            <SpikeChart items={data?.topics ?? []} />
            <SpikeTable items={data?.topics ?? []} kind="topic" />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
