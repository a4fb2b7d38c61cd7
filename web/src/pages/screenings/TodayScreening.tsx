// 今日排查 on the grid worker's phone: today's screening of the grid (or the one still open), recorded in place;
// without a connection the record waits on the phone and is sent when the connection comes back.
import { SearchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Spin, Tag } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { flushQueue, queuedRecords, STATUS_COLOURS, useScreening, useScreenings } from './screening-api';

// the form (selects, switches, photos) loads when there is a screening to record, after the page can be used
// (issue 22: the grid worker's first page on a phone)
const ScreeningForm = lazy(async () => ({ default: (await import('./ScreeningForm')).ScreeningForm }));

export function TodayScreening() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const open = useScreenings({ scope: 'mine', status: 'open', pageSize: 5 });
  const current = open.data?.items[0];
  const detail = useScreening(current?.taskId ?? 0);
  const [waiting, setWaiting] = useState(queuedRecords().length);

  useEffect(() => {
    const send = async () => {
      if (queuedRecords().length === 0) return;
      const { left } = await flushQueue();
      setWaiting(left);
      await qc.invalidateQueries({ queryKey: ['screenings'] });
    };
    window.addEventListener('online', send);
    void send();
    return () => window.removeEventListener('online', send);
  }, [qc]);

  return (
    <div className="gz-m-card" data-testid="today-screening">
      <div className="gz-m-card-title">
        <span>
          <SearchOutlined /> {t('今日排查')}
        </span>
        {current && <Tag color={STATUS_COLOURS[current.status]}>{t(current.statusLabel)}</Tag>}
      </div>
      {waiting > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={`${waiting} ${t('条排查记录等待网络恢复后提交')}`}
          action={
            <Button
              size="small"
              onClick={async () => {
                setWaiting((await flushQueue()).left);
                await qc.invalidateQueries({ queryKey: ['screenings'] });
              }}
            >
              {t('立即重试')}
            </Button>
          }
          data-testid="screening-queue"
        />
      )}
      {!current && <div className="gz-m-muted">{t('本单位今日无排查任务')}</div>}
      {current && detail.data?.canRecord && (
        <Suspense fallback={<Spin size="small" />}>
          <ScreeningForm
            key={current.taskId}
            screening={detail.data}
            onDone={(r) => r === 'queued' && setWaiting(queuedRecords().length)}
          />
        </Suspense>
      )}
    </div>
  );
}
