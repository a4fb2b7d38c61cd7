// 党员亮相: a small "党员" badge beside the name of a staff member who is a party member — on a case's timeline
// and a task's history. One lookup per page for all the names on it; nothing shown without party.read.

import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useCan } from '../../auth';

export function usePartyBadges(userIds: readonly (number | null | undefined)[]): ReadonlySet<number> {
  const can = useCan();
  const ids = [...new Set(userIds.filter((id): id is number => typeof id === 'number'))].sort((a, b) => a - b);
  const query = useQuery({
    queryKey: ['party', 'badges', ids.join(',')],
    queryFn: () => api<{ userIds: number[] }>('/api/party/members/badges', { query: { userIds: ids.join(',') } }),
    enabled: ids.length > 0 && can('party.read'),
    staleTime: 5 * 60_000,
  });
  return new Set(query.data?.userIds ?? []);
}

export function PartyBadge() {
  const { t } = useTranslation();
  return (
    <Tag
      color="red"
      bordered={false}
      style={{ marginInlineStart: 4, fontSize: 11, lineHeight: '16px', padding: '0 4px' }}
      data-testid="party-badge"
    >
      {t('党员')}
    </Tag>
  );
}
