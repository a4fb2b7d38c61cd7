// On a case or a dispute page: a button to refer someone involved to a counselling organisation, and — for the
// unit that referred (or the counselling organisation) only — "已转介心理服务" with the referral's status. Nothing
// about the person or the concern is shown here; people without a relation to a referral see nothing at all
// (the server lists only the referrals the user stands to).
import { HeartOutlined } from '@ant-design/icons';
import { Button, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../auth';
import { STATE_COLOURS, useReferralsOf } from './psych-api';

export function PsychReferralLink({ caseId, disputeId }: { caseId?: number; disputeId?: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const referrals = useReferralsOf(caseId ? { caseId } : { disputeId }, can('psych.read') && !!(caseId || disputeId));
  const items = referrals.data?.items ?? [];
  if (!can('psych.refer') && items.length === 0) return null;
  const query = caseId ? `caseId=${caseId}` : `disputeId=${disputeId}`;
  return (
    <Space wrap size={4} style={{ marginBottom: 12 }} data-testid="psych-referral-link">
      {items.map((r) => (
        <Link key={r.id} to={`/psych/${r.id}`}>
          <Tag color={STATE_COLOURS[r.state]} data-testid="psych-referred-tag">
            {t('已转介心理服务')} · {t(r.stateLabel)}
          </Tag>
        </Link>
      ))}
      {can('psych.refer') && (
        <Link to={`/psych/new?${query}`}>
          <Button size="small" icon={<HeartOutlined />} data-testid="psych-refer-from">
            {t('转介心理服务')}
          </Button>
        </Link>
      )}
    </Space>
  );
}
