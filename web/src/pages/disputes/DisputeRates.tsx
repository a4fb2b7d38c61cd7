// 调解成功率 and 矛盾纠纷化解率 of the user's scope over a period, as two small cards for the dashboards and the
// assessment page — the figures the server computes once (src/modules/disputes/dispute-indicators.ts through
// GET /api/disputes/stats), never recomputed here.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Statistic, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useCan } from '../../auth';
import type { DisputeStats } from './dispute-api';

const rate = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v}%`);

/** The first and last day of an assessment period ('2026-03' or '2026-Q1'). */
export function periodDays(period: string): { from: string; to: string } | null {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!month && !quarter) return null;
  const start = month
    ? dayjs(`${month[1]}-${month[2]}-01`)
    : dayjs(`${quarter?.[1]}-${String((Number(quarter?.[2]) - 1) * 3 + 1).padStart(2, '0')}-01`);
  const end = start.add(month ? 0 : 2, 'month').endOf('month');
  return { from: start.format('YYYY-MM-DD'), to: end.format('YYYY-MM-DD') };
}

/** Two columns (调解成功率, 矛盾纠纷化解率) to sit in a row of KPI cards. */
export function DisputeRateCols({ from, to, span }: { from?: string; to?: string; span?: object }) {
  const { t } = useTranslation();
  const can = useCan();
  const stats = useQuery({
    queryKey: ['disputes', 'stats', from, to],
    queryFn: () => api<DisputeStats>('/api/disputes/stats', { query: { from, to } }),
    enabled: !!from && !!to && can('dispute.read'),
  });
  if (!can('dispute.read') || !from || !to) return null;
  const o = stats.data?.overall;
  const cols = span ?? { xs: 12, sm: 8, md: 6, xl: 3 };
  return (
    <>
      <Col {...cols}>
        <Card size="small">
          <Tooltip title={t('调解成功 ÷（调解成功 + 调解不成），按调解结束时间')}>
            <Statistic title={t('调解成功率')} value={rate(o?.successRate)} data-testid="kpi-mediation-success" />
          </Tooltip>
        </Card>
      </Col>
      <Col {...cols}>
        <Card size="small">
          <Tooltip title={t('已化解 ÷ 受理，按登记时间')}>
            <Statistic
              title={t('矛盾纠纷化解率')}
              value={rate(o?.resolutionRate)}
              data-testid="kpi-dispute-resolution"
            />
          </Tooltip>
        </Card>
      </Col>
    </>
  );
}
