// The village's public board (文明积分公示榜), open without signing in — for the QR code on the notice board:
// this month's or this year's ranking, households named as the village publishes them, points only.
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useClock } from '../../layout/HeaderClock';
import '../citizen/mobile.css';
import { currentPeriods, type RankingView } from './points-api';

const MEDALS = ['#d4a106', '#8c8c8c', '#ad6800'];

export default function PublicBoardPage() {
  const { t } = useTranslation();
  const { villageId } = useParams();
  const clock = useClock();
  const [kind, setKind] = useState<'month' | 'year'>('month');
  const periods = currentPeriods(clock.data ? new Date(clock.data.now) : new Date());
  const period = kind === 'month' ? periods.month : periods.year;
  const board = useQuery({
    queryKey: ['points-board', villageId, period],
    queryFn: () => api<RankingView>(`/api/public/points/villages/${villageId}/board`, { query: { period } }),
    enabled: !!clock.data,
  });
  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="board-title">
          {board.data?.village.name ?? ''} {t('文明积分公示榜')}
        </Typography.Title>
        <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>{board.data?.period.label}</div>
      </div>
      <div className="gz-m-page">
        <Segmented
          block
          value={kind}
          onChange={(v) => setKind(v as 'month' | 'year')}
          options={[
            { value: 'month', label: t('本月') },
            { value: 'year', label: t('本年') },
          ]}
          style={{ marginBottom: 12 }}
        />
        {board.isLoading && <Skeleton active />}
        {board.error && <Alert type="warning" showIcon title={errorMessage(board.error)} />}
        {board.data && board.data.rows.length === 0 && <Empty description={t('暂无数据')} />}
        {board.data?.rows.map((r) => (
          <div
            key={`${r.rank}-${r.household}`}
            className="gz-m-list-item"
            style={{ display: 'flex', alignItems: 'center', gap: 12 }}
            data-testid="board-row"
          >
            <span
              style={{
                width: 28,
                height: 28,
                borderRadius: 14,
                display: 'inline-flex',
                alignItems: 'center',
                justifyContent: 'center',
                color: '#fff',
                background: MEDALS[r.rank - 1] ?? '#d9d9d9',
                fontWeight: 600,
              }}
            >
              {r.rank}
            </span>
            <span style={{ flex: 1 }}>{r.household}</span>
            <strong style={{ color: '#b7282e' }}>
              {r.score} {t('分')}
            </strong>
          </div>
        ))}
      </div>
    </div>
  );
}
