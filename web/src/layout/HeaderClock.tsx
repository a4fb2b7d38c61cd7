// The system clock in the header: server time (the demo clock may run ahead of the wall clock), ticking locally.
import { ClockCircleOutlined, FieldTimeOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../api';
import { useCan } from '../auth';
import type { ClockState } from '../types';
import { useClock, useSystemNow } from './system-clock';

// the pages that import the clock from here (the phone's import ./system-clock, without the dropdown)
export { CLOCK_KEY, useClock, useSystemNow } from './system-clock';

const STEPS: { key: string; label: string; body: { hours?: number; days?: number } }[] = [
  { key: 'h1', label: '+1 小时', body: { hours: 1 } },
  { key: 'h8', label: '+8 小时', body: { hours: 8 } },
  { key: 'd1', label: '+1 天', body: { days: 1 } },
  { key: 'd7', label: '+7 天', body: { days: 7 } },
];

export function HeaderClock({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { data } = useClock();
  const now = useSystemNow();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const advance = useMutation({
    mutationFn: (body: { hours?: number; days?: number }) =>
      api<ClockState>('/api/clock/advance', { method: 'POST', body }),
    onSuccess: (clock) => {
      message.success(t('系统时间已推进至 {{time}}', { time: dayjs(clock.now).format('YYYY-MM-DD HH:mm') }));
      void qc.invalidateQueries();
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  if (!data || !now) return null;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }} data-testid="header-clock">
      <Tooltip title={t('系统时间')}>
        <span className="gz-clock">
          <ClockCircleOutlined style={{ marginRight: 6 }} />
          {now.format(compact ? 'MM-DD HH:mm' : 'YYYY-MM-DD HH:mm:ss')}
        </span>
      </Tooltip>
      {data.adjustable && !compact && <Tag color="gold">{t('演示时钟')}</Tag>}
      {data.adjustable && can('clock.advance') && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: STEPS.map((s) => ({ key: s.key, label: t(s.label) })),
            onClick: ({ key }) => {
              const step = STEPS.find((s) => s.key === key);
              if (step) advance.mutate(step.body);
            },
          }}
        >
          <Button size="small" ghost icon={<FieldTimeOutlined />} loading={advance.isPending}>
            {compact ? null : t('时间推进')}
          </Button>
        </Dropdown>
      )}
    </span>
  );
}
