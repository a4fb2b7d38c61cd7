// The small marks of a referral: its state, its risk, the 'needs attention' flag and the acknowledgement deadline.
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type PsychListItem, RISK_COLOURS, STATE_COLOURS } from './psych-api';

export function PsychStateTag({ r }: { r: Pick<PsychListItem, 'state' | 'stateLabel'> }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOURS[r.state]} data-testid="psych-state">
      {t(r.stateLabel)}
    </Tag>
  );
}

export function PsychRiskTag({ r }: { r: Pick<PsychListItem, 'risk' | 'riskLabel' | 'needsAttention'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={RISK_COLOURS[r.risk]} data-testid="psych-risk">
        {t(r.riskLabel)}
      </Tag>
      {r.needsAttention && <Tag color="magenta">{t('需关注（未同意转介）')}</Tag>}
    </>
  );
}

export function AcknowledgementDue({ r }: { r: Pick<PsychListItem, 'state' | 'acknowledgement'> }) {
  const { t } = useTranslation();
  const a = r.acknowledgement;
  if (!a || r.state !== 'referred') return <>—</>;
  return (
    <span style={{ color: a.overdue ? '#cf1322' : undefined }} data-testid="psych-ack-due">
      {a.overdue ? `${t('接收已超时')} ` : ''}
      {dayjs(a.dueAt).format('MM-DD HH:mm')}
    </span>
  );
}
