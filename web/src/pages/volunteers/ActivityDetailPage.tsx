// One activity for its organiser: what and when, the places taken, the state's buttons (发布报名, 开始, 结束, 取消
// with a reason), every sign-up with check-in, check-out and the hours credited (确认时长 for one who forgot to
// check out, after the end), and the history.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, Modal, Progress, Skeleton, Space, Table, Tag, Timeline } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { ACTION_LABELS, ACTIVITY_STATE_COLORS, type ActivityDetail, SOURCE_LABELS, useActivity } from './volunteer-api';

const fmt = (v: string | null) => (v ? dayjs(v).format('MM-DD HH:mm') : '—');
const SOURCE_PATHS: Record<string, string> = { case: '/cases', task: '/tasks', dispute: '/disputes' };

export default function ActivityDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const qc = useQueryClient();
  const activity = useActivity(id);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['volunteers'] });
  const act = useMutation({
    mutationFn: (v: { action: string; reason?: string }) =>
      api<ActivityDetail>(`/api/volunteers/activities/${id}/actions`, {
        method: 'POST',
        body: { version: activity.data?.version, ...v },
      }),
    onSuccess: () => {
      setCancelling(false);
      refresh();
    },
  });
  const confirm = useMutation({
    mutationFn: (signupId: number) =>
      api(`/api/volunteers/activities/${id}/signups/${signupId}/confirm-hours`, { method: 'POST' }),
    onSuccess: refresh,
  });
  if (activity.isLoading) return <Skeleton active />;
  if (activity.error) return <Alert type="error" showIcon title={errorMessage(activity.error)} />;
  const a = activity.data as ActivityDetail;
  const ended = dayjs().isAfter(dayjs(a.endsAt));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            <span data-testid="activity-detail-title">{a.title}</span>
            <Tag color={ACTIVITY_STATE_COLORS[a.state]} data-testid="activity-state">
              {t(a.stateLabel)}
            </Tag>
          </Space>
        }
        extra={
          <Space>
            {a.allowedActions.map((action) => (
              <Button
                key={action}
                danger={action === 'cancel'}
                type={action === 'cancel' ? 'default' : 'primary'}
                loading={act.isPending}
                onClick={() => (action === 'cancel' ? setCancelling(true) : act.mutate({ action }))}
                data-testid={`activity-action-${action}`}
              >
                {t(ACTION_LABELS[action] ?? action)}
              </Button>
            ))}
          </Space>
        }
      >
        {act.error && <Alert type="error" showIcon title={errorMessage(act.error)} style={{ marginBottom: 12 }} />}
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('时间')}>
            {dayjs(a.startsAt).format('YYYY-MM-DD HH:mm')} – {dayjs(a.endsAt).format('HH:mm')}
          </Descriptions.Item>
          <Descriptions.Item label={t('地点')}>
            {a.place}
            {a.point ? ` （${a.point.lat.toFixed(4)}, ${a.point.lng.toFixed(4)}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('组织单位')}>{a.organiser.name}</Descriptions.Item>
          <Descriptions.Item label={t('服务村（社区）')}>{a.village?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('服务队')}>{a.team ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('所需技能')}>{a.skills.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('计文明积分')}>{a.awardPoints ? t('是') : t('否')}</Descriptions.Item>
          {a.source && (
            <Descriptions.Item label={t('来源')}>
              <Link to={`${SOURCE_PATHS[a.source.kind] ?? ''}/${a.source.id}`}>
                {t(SOURCE_LABELS[a.source.kind] ?? a.source.kind)} #{a.source.id}
              </Link>
            </Descriptions.Item>
          )}
          {a.cancelReason && <Descriptions.Item label={t('取消原因')}>{a.cancelReason}</Descriptions.Item>}
          <Descriptions.Item label={t('活动内容')} span={2}>
            {a.description || '—'}
          </Descriptions.Item>
        </Descriptions>
        <Space size="large" style={{ marginTop: 12 }}>
          <div style={{ width: 260 }}>
            {t('报名')} {a.signedUp} / {a.capacity}
            <Progress percent={Math.round((a.signedUp / a.capacity) * 100)} size="small" />
          </div>
          <div data-testid="activity-total-hours">
            {t('累计服务时长')}：<strong>{a.totalHours}</strong> {t('小时')}
          </div>
        </Space>
      </Card>
      <Card title={t('报名与签到')} size="small">
        {confirm.error && (
          <Alert type="error" showIcon title={errorMessage(confirm.error)} style={{ marginBottom: 8 }} />
        )}
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={a.signups}
          data-testid="signup-table"
          columns={[
            { title: t('志愿者'), dataIndex: ['volunteer', 'name'] },
            { title: t('手机'), dataIndex: ['volunteer', 'phone'], width: 130 },
            {
              title: t('报名'),
              dataIndex: 'state',
              width: 90,
              render: (s: string) =>
                s === 'signed' ? <Tag color="green">{t('已报名')}</Tag> : <Tag>{t('已取消')}</Tag>,
            },
            { title: t('签到'), dataIndex: 'checkedInAt', width: 110, render: fmt },
            { title: t('签退'), dataIndex: 'checkedOutAt', width: 110, render: fmt },
            {
              title: t('服务时长'),
              dataIndex: 'hours',
              width: 100,
              render: (h: number | null) => (h === null ? '—' : `${h} ${t('小时')}`),
            },
            { title: t('积分'), dataIndex: 'points', render: (p: string | null) => p ?? '' },
            {
              title: '',
              width: 110,
              render: (_: unknown, s: ActivityDetail['signups'][number]) =>
                a.canManage && ended && s.checkedInAt && !s.checkedOutAt ? (
                  <Button size="small" loading={confirm.isPending} onClick={() => confirm.mutate(s.id)}>
                    {t('确认时长')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card title={t('历史记录')} size="small">
        <Timeline
          items={a.history.map((h) => ({
            children: (
              <span>
                {dayjs(h.at).format('YYYY-MM-DD HH:mm')} {t(h.label)}
                {h.actor.userName ? ` · ${h.actor.userName}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
      <Modal
        open={cancelling}
        title={t('取消活动')}
        onCancel={() => setCancelling(false)}
        onOk={() => act.mutate({ action: 'cancel', reason })}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={act.isPending}
      >
        <Input.TextArea
          placeholder={t('取消原因（将告知已报名的志愿者）')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoSize={{ minRows: 2 }}
        />
      </Modal>
    </Space>
  );
}
