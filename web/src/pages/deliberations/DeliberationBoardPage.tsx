// The village's deliberation notice board (议事公开栏), open without signing in — for the QR code on the
// village's notice board: its stations, the topics under way, the decisions with their count and follow-up.
// No personal data: no proposer, no voter, no member's phone.
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import '../citizen/mobile.css';
import { type PublicBoardView, STATE_COLORS } from './deliberation-api';

const TASK_STATES: Record<string, string> = {
  pending_sign: '待签收',
  overdue: '已逾期',
  in_progress: '办理中',
  done: '已完成',
  cancelled: '已取消',
};

export default function DeliberationBoardPage() {
  const { t } = useTranslation();
  const { villageId } = useParams();
  const board = useQuery({
    queryKey: ['deliberation-board', villageId],
    queryFn: () => api<PublicBoardView>(`/api/public/deliberations/villages/${villageId}`),
  });
  const d = board.data;
  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="board-title">
          {d?.village.name ?? ''} {t('议事公开栏')}
        </Typography.Title>
        {d && (
          <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>
            {d.stations.map((s) => `${s.name}（${s.members} ${t('人）')}`).join(' · ')}
          </div>
        )}
      </div>
      <div className="gz-m-page">
        {board.isLoading && <Skeleton active />}
        {board.error && <Alert type="warning" showIcon title={errorMessage(board.error)} />}
        {d && (
          <>
            <div className="gz-m-card">
              <div className="gz-m-card-title">{t('进行中的议题')}</div>
              {d.open.length === 0 && <Empty />}
              {d.open.map((o) => (
                <div key={o.number} className="gz-m-list-item" data-testid="board-open">
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <strong>{o.title}</strong>
                    <Tag color={STATE_COLORS[o.state]}>{t(o.stateLabel)}</Tag>
                  </div>
                  <div className="gz-m-muted" style={{ fontSize: 12 }}>
                    {o.station}
                    {o.hearingAt ? ` · ${t('议事日期')} ${dayjs(o.hearingAt).format('MM-DD HH:mm')}` : ''}
                    {o.state === 'voting' && o.votingClosesAt
                      ? ` · ${t('表决截止')} ${dayjs(o.votingClosesAt).format('MM-DD HH:mm')}`
                      : ''}
                  </div>
                </div>
              ))}
            </div>
            <div className="gz-m-card">
              <div className="gz-m-card-title">{t('议事决定及落实')}</div>
              {d.decided.length === 0 && <Empty />}
              {d.decided.map((o) => (
                <div key={o.number} className="gz-m-list-item" data-testid="board-decided">
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <strong>{o.title}</strong>
                    <Tag color={STATE_COLORS[o.state]}>{t(o.stateLabel)}</Tag>
                  </div>
                  {o.result && (
                    <div className="gz-m-muted" style={{ fontSize: 12 }}>
                      {Object.entries(o.result.counts)
                        .map(([k, n]) => `${t(k)} ${n}`)
                        .join(' · ')}{' '}
                      · {t('参与率')} {o.result.turnoutPercent}% · {o.result.passed ? t('通过') : t('未通过')}
                    </div>
                  )}
                  {o.decision && <div style={{ marginTop: 4 }}>{o.decision}</div>}
                  {o.tasks.map((k) => (
                    <div key={k.title} className="gz-m-muted" style={{ fontSize: 12 }}>
                      · {k.title}（{t(TASK_STATES[k.state] ?? k.state)}，{dayjs(k.dueAt).format('YYYY-MM-DD')}）
                    </div>
                  ))}
                  {o.outcome && (
                    <div style={{ marginTop: 4 }}>
                      <Tag color="green">{t('落实结果')}</Tag>
                      {o.outcome}
                    </div>
                  )}
                </div>
              ))}
            </div>
          </>
        )}
      </div>
    </div>
  );
}
