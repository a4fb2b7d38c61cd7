// A case clock as a coloured badge: green on time, yellow past the warning share, red overdue; the due time
// relative to the system clock (the demo clock may run ahead of the wall clock).
import { PauseCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useTranslation } from 'react-i18next';
import type { ClockColour } from '../api-types';
import { useSystemNow } from '../layout/system-clock';

dayjs.extend(relativeTime);

const TAG_COLOURS: Record<ClockColour, string> = { green: 'success', yellow: 'warning', red: 'error' };
const COLOUR_LABELS: Record<ClockColour, string> = { green: '正常', yellow: '预警', red: '超期' };

export function ClockBadge({
  colour,
  dueAt,
  paused = false,
  label,
}: {
  colour: ClockColour | null;
  dueAt: string | null;
  paused?: boolean;
  label?: string;
}) {
  const { t } = useTranslation();
  const now = useSystemNow() ?? dayjs();
  if (!colour || !dueAt) return <span style={{ color: '#bbb' }}>—</span>;
  const due = dayjs(dueAt);
  const overdue = !due.isAfter(now);
  const relative = overdue ? t('已超 {{d}}', { d: due.from(now, true) }) : t('{{d}}后到期', { d: due.to(now, true) });
  return (
    <Tooltip title={`${label ? `${label} · ` : ''}${t('到期')} ${due.format('YYYY-MM-DD HH:mm')}`}>
      <Tag
        color={paused ? 'default' : TAG_COLOURS[colour]}
        icon={paused ? <PauseCircleOutlined /> : undefined}
        data-testid="clock-badge"
        data-colour={colour}
        style={{ marginInlineEnd: 0 }}
      >
        {paused ? t('已暂停') : `${t(COLOUR_LABELS[colour])} · ${relative}`}
      </Tag>
    </Tooltip>
  );
}

export function SupervisionTag({ level, listed }: { level: string | null; listed: boolean }) {
  const { t } = useTranslation();
  if (!level && !listed) return null;
  return listed ? (
    <Tag color="magenta" data-testid="supervision-tag">
      {t('挂牌督办')}
    </Tag>
  ) : (
    <Tag color="volcano" data-testid="supervision-tag">
      {t('督办')}
    </Tag>
  );
}
