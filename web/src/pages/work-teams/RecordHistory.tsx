// The history of a team or a project: what was done, when, by whom.
import { Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

export interface HistoryEntry {
  type: string;
  label: string;
  at: string;
  actor: { userName: string | null; orgName: string | null };
}

export function RecordHistory({ entries, testId }: { entries: HistoryEntry[]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid={testId}
      items={entries.map((h, i) => ({
        key: `${i}-${h.type}`,
        content: (
          <span>
            <b>{t(h.label)}</b>{' '}
            <Typography.Text type="secondary">
              {dayjs(h.at).format('YYYY-MM-DD HH:mm')} ·{' '}
              {[h.actor.orgName, h.actor.userName].filter(Boolean).join(' ') || t('系统')}
            </Typography.Text>
          </span>
        ),
      }))}
    />
  );
}
