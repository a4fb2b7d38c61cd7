// 考核排名: units of one type ranked by the assessment indicators for a month or a quarter, with formulas,
// trend arrows against the previous period, a bar chart and an xlsx export with the same numbers.
import { DownloadOutlined, FileTextOutlined, FormOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Collapse, Radio, Row, Segmented, Select, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, errorMessage, withQuery } from '../../api';
import type { PeriodsView, RankingView, UnitType } from '../../api-types';
import { useCan, useCurrentUser } from '../../auth';
import { PageTitle } from '../../components/common';
import { DisputeRateCols, periodDays } from '../disputes/DisputeRates';
import { UNIT_TYPE_LABELS } from './assessment-format';
import { FormulaLegend, RankingTable } from './RankingTable';
import { ScoreChart } from './ScoreChart';

export function usePeriods() {
  return useQuery({ queryKey: ['assessment', 'periods'], queryFn: () => api<PeriodsView>('/api/assessment/periods') });
}

export default function RankingPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const townLevel = me.org?.kind === 'town';
  const unitTypes: UnitType[] = townLevel ? ['village', 'grid'] : ['town', 'department', 'village', 'grid'];
  const unitType = (unitTypes.find((u) => u === params.get('unitType')) ?? unitTypes[0]) as UnitType;
  const [kind, setKind] = useState<'month' | 'quarter'>(params.get('period')?.includes('Q') ? 'quarter' : 'month');
  const periods = usePeriods();
  const options = kind === 'month' ? periods.data?.months : periods.data?.quarters;
  const defaultPeriod = kind === 'month' ? periods.data?.lastMonth : periods.data?.currentQuarter;
  const period = params.get('period') ?? defaultPeriod;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const query = { unitType, period: period ?? '' };
  const { data, isLoading, error } = useQuery({
    queryKey: ['assessment', 'ranking', unitType, period],
    queryFn: () => api<RankingView>('/api/assessment/ranking', { query }),
    enabled: !!period,
  });
  const lastMonth = periods.data?.lastMonth;

  return (
    <div>
      <PageTitle
        title={t('考核排名')}
        extra={
          <Space wrap>
            {can('assessment.rate') && (
              <Link to="/assessment/ratings">
                <Button icon={<FormOutlined />}>{t('评价县级部门')}</Button>
              </Link>
            )}
            {!townLevel && (
              <Link to="/assessment/ratings">
                <Button icon={<FormOutlined />}>{t('镇街评价结果')}</Button>
              </Link>
            )}
            <Link to={`/assessment/bulletin${lastMonth ? `?month=${lastMonth}` : ''}`} data-testid="open-bulletin">
              <Button icon={<FileTextOutlined />}>{t('月度通报')}</Button>
            </Link>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              href={withQuery('/api/assessment/ranking', { ...query, format: 'xlsx' })}
              disabled={!period}
              data-testid="export-xlsx"
            >
              {t('导出 Excel')}
            </Button>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size="middle">
          <Segmented
            options={unitTypes.map((u) => ({ value: u, label: t(UNIT_TYPE_LABELS[u]) }))}
            value={unitType}
            onChange={(v) => set({ unitType: String(v) })}
            data-testid="unit-type"
          />
          <Radio.Group
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              set({ period: undefined });
            }}
            optionType="button"
            options={[
              { value: 'month', label: t('月度') },
              { value: 'quarter', label: t('季度') },
            ]}
          />
          <Select
            style={{ width: 180 }}
            value={period}
            onChange={(v) => set({ period: v })}
            options={(options ?? []).map((p) => ({
              value: p.period,
              label: `${p.label}${p.closed ? t('（已关闭）') : ''}`,
            }))}
            data-testid="period-select"
          />
        </Space>
      </Card>
      {error && <Alert type="error" showIcon message={errorMessage(error)} style={{ marginBottom: 12 }} />}
      {isLoading || !data ? (
        <div style={{ padding: 60, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : (
        <Row gutter={[12, 12]}>
          <DisputeRateCols {...periodDays(data.period ?? period ?? '')} span={{ xs: 12, md: 6 }} />
          <Col span={24}>
            <Card size="small" title={`${data.periodLabel} ${t(UNIT_TYPE_LABELS[data.unitType])}${t('综合得分')}`}>
              <ScoreChart rows={data.rows} />
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={t('指标明细')} styles={{ body: { padding: 0 } }}>
              <RankingTable view={data} />
            </Card>
          </Col>
          <Col span={24}>
            <Collapse
              size="small"
              defaultActiveKey={['legend']}
              items={[{ key: 'legend', label: t('指标计算公式与权重'), children: <FormulaLegend view={data} /> }]}
            />
          </Col>
        </Row>
      )}
    </div>
  );
}
