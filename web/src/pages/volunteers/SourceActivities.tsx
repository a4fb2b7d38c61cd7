// The volunteer activities a case (task, dispute) asked for, as a small card on the source's own page, with
// 招募志愿者 opening a new activity attached to it. Shown only to staff who read volunteering.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { useCan } from '../../auth';
import { ACTIVITY_STATE_COLORS, type ActivityListItem } from './volunteer-api';

export function SourceActivities({ kind, id }: { kind: 'case' | 'task' | 'dispute'; id: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const list = useQuery({
    queryKey: ['volunteers', 'activities', 'of', kind, id],
    queryFn: () =>
      api<{ items: ActivityListItem[] }>('/api/volunteers/activities', { query: { sourceKind: kind, sourceId: id } }),
    enabled: can('volunteer.read'),
    retry: false,
  });
  const items = list.data?.items ?? [];
  if (!can('volunteer.read') || (!items.length && !can('volunteer.manage'))) return null;
  return (
    <Card
      size="small"
      title={t('志愿服务')}
      style={{ marginBottom: 12 }}
      data-testid="source-activities"
      extra={
        can('volunteer.manage') && (
          <Link to={`/volunteers?sourceKind=${kind}&sourceId=${id}`}>
            <Button size="small">{t('招募志愿者')}</Button>
          </Link>
        )
      }
    >
      <List
        size="small"
        locale={{ emptyText: t('暂无志愿活动') }}
        dataSource={items}
        renderItem={(a) => (
          <List.Item>
            <Link to={`/volunteers/${a.id}`}>{a.title}</Link>
            <span>
              {dayjs(a.startsAt).format('MM-DD HH:mm')} · {a.signedUp}/{a.capacity}{' '}
              <Tag color={ACTIVITY_STATE_COLORS[a.state]}>{t(a.stateLabel)}</Tag>
            </span>
          </List.Item>
        )}
      />
    </Card>
  );
}
