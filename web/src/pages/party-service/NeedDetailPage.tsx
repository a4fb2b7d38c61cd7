// One need for staff: what it is, for whom (the community and the claimer only), who claimed it and when, the
// hours and result, the community's rating, its task, the history; the actions the viewer may take.
import { Alert, Card, Descriptions, Skeleton, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../api';
import { NeedActions } from './NeedActions';
import { NEED_KIND_LABELS, NEED_STATES, starText, useNeed } from './party-service-api';

const fmt = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

export default function NeedDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const need = useNeed(Number(id));
  if (need.isLoading) return <Skeleton active />;
  if (need.error || !need.data) return <Alert type="error" showIcon title={errorMessage(need.error)} />;
  const n = need.data;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(280px, 1fr)', gap: 16 }}>
      <Card
        title={
          <span data-testid="need-title-heading">
            <Tag>{t(NEED_KIND_LABELS[n.kind] ?? n.kind)}</Tag>
            {n.title}
          </span>
        }
        extra={
          <Tag color={NEED_STATES[n.state]?.color} data-testid="need-state">
            {t(NEED_STATES[n.state]?.label ?? n.state)}
          </Tag>
        }
      >
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t('社区')}>{n.villageName}</Descriptions.Item>
          <Descriptions.Item label={t('完成期限')}>{n.dueOn}</Descriptions.Item>
          <Descriptions.Item label={t('服务对象')}>{n.beneficiary || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('认领人')}>
            {n.claimer ? `${n.claimer.name}（${n.claimer.unitName}）· ${fmt(n.claimedAt)}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('服务时长')}>
            {n.hours === null ? '—' : `${n.hours} ${t('小时')}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('评价')}>
            <span style={{ color: '#d48806' }} data-testid="need-stars">
              {starText(n.rating)}
            </span>{' '}
            {n.ratingComment}
          </Descriptions.Item>
          <Descriptions.Item label={t('服务结果')} span={2}>
            {n.result ?? '—'}
          </Descriptions.Item>
          {n.cancelReason && (
            <Descriptions.Item label={t('撤销原因')} span={2}>
              {n.cancelReason}
            </Descriptions.Item>
          )}
          {n.taskId && (
            <Descriptions.Item label={t('任务')} span={2}>
              <Link to={`/tasks/${n.taskId}`}>{t('查看任务')}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{n.description}</Typography.Paragraph>
        <NeedActions need={n} />
      </Card>
      <Card title={t('历史')} size="small">
        <Timeline
          items={n.history.map((h) => ({
            children: (
              <div>
                <b>{t(h.label)}</b> <Typography.Text type="secondary">{fmt(h.at)}</Typography.Text>
                <div style={{ fontSize: 12, color: '#888' }}>
                  {[h.actor.orgName, h.actor.userName].filter(Boolean).join(' · ')}
                </div>
              </div>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
