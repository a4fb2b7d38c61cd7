// The header bell: unread in-app notifications (GET /api/notifications), mark read, open the record. It also
// keeps the live stream open for the whole workbench (useLiveUpdates).
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import type { NotificationItem, NotificationList } from '../api-types';
import { useLiveUpdates } from '../live';

const isUnread = (n: NotificationItem) => !n.readAt;

/** The page a notification opens: its record's, or the page it names (points approvals, objections …). */
function pageOf(n: NotificationItem): string | null {
  if (n.caseId) return `/cases/${n.caseId}`;
  if (n.taskId) return `/tasks/${n.taskId}`;
  if (n.disputeId) return `/disputes/${n.disputeId}`;
  return n.link ?? null;
}

export function NotificationBell() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  useLiveUpdates();
  const { data } = useQuery({
    queryKey: ['notifications'],
    queryFn: () => api<NotificationList>('/api/notifications'),
    refetchInterval: 60_000,
    retry: false,
  });
  const markRead = useMutation({
    mutationFn: (ids?: NotificationItem['id'][]) =>
      api('/api/notifications/read', { method: 'POST', body: ids ? { ids } : {} }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const items = data?.items ?? [];
  const unread = data?.unread ?? 0;

  const content = (
    <div style={{ width: 340, maxHeight: 420, overflow: 'auto' }} data-testid="notification-list">
      <List
        size="small"
        dataSource={items.slice(0, 30)}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无通知')} /> }}
        renderItem={(n) => (
          <List.Item
            key={String(n.id)}
            style={{
              cursor: pageOf(n) ? 'pointer' : undefined,
              background: isUnread(n) ? '#fff7e6' : undefined,
            }}
            onClick={() => {
              if (isUnread(n)) markRead.mutate([n.id]);
              const page = pageOf(n);
              if (page) {
                setOpen(false);
                navigate(page);
              }
            }}
          >
            <List.Item.Meta
              title={<span style={{ fontSize: 13 }}>{n.title}</span>}
              description={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(n.createdAt).format('MM-DD HH:mm')}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );

  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      title={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span>{t('通知')}</span>
          <Button type="link" size="small" disabled={!unread} onClick={() => markRead.mutate(undefined)}>
            {t('全部已读')}
          </Button>
        </div>
      }
      content={content}
    >
      <Badge count={unread} size="small" offset={[-4, 4]} data-testid="notification-count">
        <Button
          type="text"
          icon={<BellOutlined style={{ color: '#fff', fontSize: 16 }} />}
          aria-label={t('通知')}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
