// A round's results: by town (sample, answers, response rate, the satisfaction score with its 95 % interval,
// drawn as bars with the interval as whiskers), by village, and every question of one unit — shares of each
// option or the scale's mean, each with its interval. The method is stated under the tables.

import { Alert, Button, Card, Col, Progress, Row, Select, Skeleton, Table, Typography } from 'antd';
import { BarChart, CustomChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api';
import { ciText, pct, type UnitResultView, useResults } from './survey-api';

echarts.use([BarChart, CustomChart, GridComponent, TooltipComponent, CanvasRenderer]);

function ScoreBars({ units }: { units: UnitResultView[] }) {
  const { t } = useTranslation();
  const shown = units.filter((u) => u.score);
  const option = {
    animation: false,
    tooltip: {
      trigger: 'axis',
      formatter: (items: { dataIndex: number }[]) => {
        const u = shown[items[0]?.dataIndex ?? 0];
        return u
          ? `${u.orgName}<br/>${t('满意度得分')} ${pct(u.score?.share)}<br/>95% CI ${ciText(u.score?.ci)}<br/>n = ${u.n}`
          : '';
      },
    },
    grid: { left: 48, right: 16, top: 16, bottom: 64 },
    xAxis: { type: 'category', data: shown.map((u) => u.orgName), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        data: shown.map((u) => Math.round((u.score?.share ?? 0) * 1000) / 10),
        itemStyle: { color: '#69b1ff' },
        barMaxWidth: 36,
      },
      {
        // the 95 % interval as a whisker over each bar
        type: 'custom',
        data: shown.map((u, i) => [i, (u.score?.ci?.low ?? 0) * 100, (u.score?.ci?.high ?? 0) * 100]),
        renderItem: (_: unknown, api: { value: (i: number) => number; coord: (v: number[]) => number[] }) => {
          const x = api.value(0);
          const low = api.coord([x, api.value(1)]);
          const high = api.coord([x, api.value(2)]);
          const w = 8;
          const style = { stroke: '#0958d9', lineWidth: 1.5 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
              { type: 'line', shape: { x1: (low[0] ?? 0) - w, y1: low[1], x2: (low[0] ?? 0) + w, y2: low[1] }, style },
              {
                type: 'line',
                shape: { x1: (high[0] ?? 0) - w, y1: high[1], x2: (high[0] ?? 0) + w, y2: high[1] },
                style,
              },
            ],
          };
        },
        z: 3,
      },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 280 }} notMerge />;
}

function unitColumns(t: (k: string) => string, label: string) {
  return [
    { title: label, dataIndex: 'orgName', render: (v: string) => t(v) },
    { title: t('样本量'), dataIndex: 'sampled', width: 80, align: 'right' as const },
    { title: t('有效答卷'), dataIndex: 'n', width: 90, align: 'right' as const },
    {
      title: t('应答率'),
      dataIndex: 'responseRate',
      width: 90,
      align: 'right' as const,
      render: (v: number | null) => pct(v),
    },
    {
      title: t('满意度得分'),
      key: 'score',
      width: 110,
      align: 'right' as const,
      render: (_: unknown, u: UnitResultView) => <strong>{pct(u.score?.share)}</strong>,
    },
    {
      title: t('95% 置信区间'),
      key: 'ci',
      width: 150,
      render: (_: unknown, u: UnitResultView) => ciText(u.score?.ci),
    },
  ];
}

function QuestionDetails({ unit }: { unit: UnitResultView }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]}>
      {unit.questions.map((q, i) => (
        <Col key={q.key} xs={24} lg={12}>
          <Card size="small" title={`${i + 1}. ${q.title}`} extra={`n = ${q.n}`} data-testid={`result-${q.key}`}>
            {q.type === 'scale' && (
              <>
                <div>
                  {t('均值')} <strong>{q.mean === null || q.mean === undefined ? '—' : q.mean.toFixed(2)}</strong>
                  {t('（95% 置信区间')} {ciText(q.meanCi, false)}
                  {t('）')}
                </div>
                <div>
                  {t('答 4–5 分')} {pct(q.satisfied?.share)}（{ciText(q.satisfied?.ci)}）
                </div>
                {[1, 2, 3, 4, 5].map((score) => (
                  <div key={score} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                    <span style={{ width: 36 }}>
                      {score} {t('分')}
                    </span>
                    <Progress
                      percent={q.n ? Math.round(((q.distribution?.[score - 1] ?? 0) / q.n) * 100) : 0}
                      size="small"
                      style={{ flex: 1 }}
                    />
                    <span style={{ width: 32, textAlign: 'right' }}>{q.distribution?.[score - 1] ?? 0}</span>
                  </div>
                ))}
              </>
            )}
            {(q.type === 'single' || q.type === 'multi') &&
              (q.options ?? []).map((o) => (
                <div key={o.option} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                  <span style={{ width: 110 }}>{o.option}</span>
                  <Progress percent={Math.round(o.share * 100)} size="small" style={{ flex: 1 }} />
                  <span style={{ width: 130, fontSize: 12, color: '#888' }}>{ciText(o.ci)}</span>
                </div>
              ))}
            {q.type === 'text' && (
              <Typography.Text type="secondary">{t('文字回答 {{n}} 条', { n: q.n })}</Typography.Text>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function ResultsPanel({ roundId }: { roundId: number }) {
  const { t } = useTranslation();
  const results = useResults(roundId);
  const [unitKey, setUnitKey] = useState('county');
  if (results.isLoading) return <Skeleton active />;
  if (results.error) return <Alert type="error" showIcon title={errorMessage(results.error)} />;
  const r = results.data;
  if (!r) return null;
  const units: Record<string, UnitResultView> = {
    county: r.county,
    ...Object.fromEntries(r.towns.map((u) => [`t${u.orgId}`, u])),
    ...Object.fromEntries(r.villages.map((u) => [`v${u.orgId}`, u])),
  };
  const unit = units[unitKey] ?? r.county;
  return (
    <div>
      <Card
        size="small"
        title={t('分镇街结果')}
        extra={
          <Button href={`/api/surveys/rounds/${roundId}/results?format=xlsx`} data-testid="export-results">
            {t('导出 Excel')}
          </Button>
        }
        style={{ marginBottom: 12 }}
      >
        {r.towns.some((u) => u.score) && <ScoreBars units={r.towns} />}
        <Table<UnitResultView>
          rowKey={(u) => String(u.orgId)}
          size="small"
          pagination={false}
          dataSource={[r.county, ...r.towns]}
          columns={unitColumns(t, t('镇街'))}
          data-testid="town-results"
        />
      </Card>
      <Card size="small" title={t('分村（社区）结果')} style={{ marginBottom: 12 }}>
        <Table<UnitResultView>
          rowKey={(u) => String(u.orgId)}
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={r.villages}
          columns={unitColumns(t, t('村（社区）'))}
        />
      </Card>
      <Card
        size="small"
        title={t('分题结果')}
        extra={
          <Select
            value={unitKey}
            onChange={setUnitKey}
            style={{ width: 220 }}
            showSearch
            optionFilterProp="label"
            options={[
              { value: 'county', label: t(r.county.orgName) },
              ...r.towns.map((u) => ({ value: `t${u.orgId}`, label: u.orgName })),
              ...r.villages.map((u) => ({ value: `v${u.orgId}`, label: u.orgName })),
            ]}
          />
        }
      >
        <QuestionDetails unit={unit} />
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {t(r.method)}
      </Typography.Paragraph>
    </div>
  );
}
