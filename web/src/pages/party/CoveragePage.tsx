// 覆盖情况: the grids with and without a 网格党支部 per town (a stacked bar each), and the grids still without a
// branch — each with the button that sets one up under its village's 党总支.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Select, Space, Table } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { PartyOrgModal } from './PartyOrgModal';
import type { CoverageView, UncoveredGrid } from './party-api';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export default function CoveragePage() {
  const { t } = useTranslation();
  const can = useCan();
  const [townId, setTownId] = useState<number | undefined>();
  const [creating, setCreating] = useState<UncoveredGrid | null>(null);
  const coverage = useQuery({
    queryKey: ['party', 'coverage', townId ?? null],
    queryFn: () =>
      api<{ towns: CoverageView[]; uncovered: UncoveredGrid[] }>('/api/party/coverage', { query: { townId } }),
  });
  const towns = coverage.data?.towns ?? [];
  const total = towns.reduce((s, x) => ({ grids: s.grids + x.grids, covered: s.covered + x.covered }), {
    grids: 0,
    covered: 0,
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="party-coverage">
      {coverage.error && <Alert type="error" showIcon title={errorMessage(coverage.error)} />}
      <Card
        size="small"
        title={t('网格党支部覆盖情况')}
        extra={
          <span>
            {t('全部网格')} {total.grids} · {t('已建党支部')} {total.covered} · {t('未建')}{' '}
            {total.grids - total.covered}
          </span>
        }
      >
        <ReactEChartsCore
          echarts={echarts}
          style={{ height: Math.max(180, towns.length * 28 + 60) }}
          notMerge
          option={{
            animation: false,
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            legend: { top: 0, data: [t('已建党支部'), t('未建党支部')] },
            grid: { left: 110, right: 24, top: 36, bottom: 24 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', inverse: true, data: towns.map((x) => x.town.name) },
            series: [
              {
                name: t('已建党支部'),
                type: 'bar',
                stack: 'g',
                itemStyle: { color: '#cf1322' },
                data: towns.map((x) => x.covered),
              },
              {
                name: t('未建党支部'),
                type: 'bar',
                stack: 'g',
                itemStyle: { color: '#d9d9d9' },
                data: towns.map((x) => x.uncovered),
              },
            ],
          }}
        />
      </Card>
      <Card size="small" title={t('各镇街')}>
        <Table
          size="small"
          rowKey={(r) => r.town.id}
          loading={coverage.isLoading}
          dataSource={towns}
          pagination={false}
          onRow={(r) => ({ onClick: () => setTownId(r.town.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('镇街'), render: (_: unknown, r: CoverageView) => r.town.name },
            { title: t('网格数'), dataIndex: 'grids', align: 'right' },
            { title: t('已建党支部'), dataIndex: 'covered', align: 'right' },
            {
              title: t('未建'),
              dataIndex: 'uncovered',
              align: 'right',
              render: (v: number) => <span style={{ color: v ? '#cf1322' : undefined }}>{v}</span>,
            },
            {
              title: t('覆盖率'),
              width: 200,
              render: (_: unknown, r: CoverageView) => (
                <Progress percent={Math.round(r.rate * 100)} size="small" strokeColor="#cf1322" />
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('未建党支部的网格')}
        extra={
          <Select
            allowClear
            placeholder={t('全部镇街')}
            style={{ width: 200 }}
            value={townId}
            onChange={setTownId}
            options={towns.map((x) => ({ value: x.town.id, label: x.town.name }))}
            data-testid="coverage-town"
          />
        }
      >
        <Table
          size="small"
          rowKey="id"
          data-testid="uncovered-grids"
          dataSource={coverage.data?.uncovered ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('网格'), dataIndex: 'name' },
            { title: t('村（社区）'), render: (_: unknown, g: UncoveredGrid) => g.village.name },
            { title: t('镇街'), render: (_: unknown, g: UncoveredGrid) => g.town.name },
            {
              title: '',
              width: 120,
              render: (_: unknown, g: UncoveredGrid) =>
                can('party.manage') && (
                  <Button size="small" onClick={() => setCreating(g)}>
                    {t('建立党支部')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      {creating && (
        <PartyOrgModal
          mode={{ kind: 'branchOnGrid', grid: creating }}
          onClose={() => setCreating(null)}
          onDone={() => {
            setCreating(null);
            void coverage.refetch();
          }}
        />
      )}
    </Space>
  );
}
