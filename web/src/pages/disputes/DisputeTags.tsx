// The small marks of a dispute used on every page: its state, risk level, supervision, and its running clock.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ClockBadge } from '../../components/CaseClock';
import { type DisputeListItem, RISK_COLOURS, STATE_COLOURS } from './dispute-api';

const CLOCK_LABELS = { accept: '受理时限', mediation: '调解期限', supervision: '督办时限' } as const;

export function DisputeStateTag({ d }: { d: Pick<DisputeListItem, 'state' | 'stateLabel' | 'overdue' | 'listed'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={STATE_COLOURS[d.state]} data-testid="dispute-state">
        {t(d.stateLabel)}
      </Tag>
      {d.listed ? (
        <Tag color="magenta">{t('挂牌督办')}</Tag>
      ) : d.overdue ? (
        <Tag color="volcano">{t('督办中')}</Tag>
      ) : null}
    </>
  );
}

export function RiskTag({ d }: { d: Pick<DisputeListItem, 'riskLevel' | 'riskLabel'> }) {
  const { t } = useTranslation();
  return (
    <Tag color={RISK_COLOURS[d.riskLevel]} data-testid="dispute-risk">
      {t(d.riskLabel)}
    </Tag>
  );
}

export function DisputeClock({ d }: { d: Pick<DisputeListItem, 'clock'> }) {
  const { t } = useTranslation();
  return (
    <ClockBadge
      colour={d.clock?.color ?? null}
      dueAt={d.clock?.dueAt ?? null}
      label={d.clock ? t(CLOCK_LABELS[d.clock.kind]) : undefined}
    />
  );
}
