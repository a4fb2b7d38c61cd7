// One meeting: what, when, where, who chairs and who records; its state and the step that moves it on (会议已召开,
// 发布纪要, 取消); and the tabs — 议程 (proposed from the data, picked and ordered), 会议记录 (attendance, discussion,
// decisions with their tasks, dispatch of case items), 决定事项 (the tasks' live state), 纪要 and 操作记录.
import { ArrowLeftOutlined, CheckCircleOutlined, FileDoneOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Input, Modal, Space, Spin, Tabs, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api';
import { PageTitle } from '../../components/common';
import AgendaTab from './AgendaTab';
import DecisionsTab from './DecisionsTab';
import MinutesTab from './MinutesTab';
import { type Meeting, useMeeting, useMeetingChange } from './meeting-api';
import { MeetingStateTag } from './meeting-labels';
import RecordTab from './RecordTab';

const HISTORY_LABELS: Record<string, string> = {
  create: '召集会议',
  edit: '修改会议信息',
  agenda: '调整议程',
  hold: '会议已召开',
  attendance: '登记出席情况',
  discussion: '记录讨论情况',
  decision: '记录决定事项',
  dispatch: '会议派遣案件',
  publish: '发布会议纪要',
  cancel: '取消会议',
};

function StateActions({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const change = useMeetingChange(meeting);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const can = (a: string) => meeting.allowedActions.includes(a as never);
  const move = (state: 'held' | 'published' | 'cancelled', extra: Record<string, unknown> = {}) =>
    change.mutate({ method: 'POST', path: '/state', body: { state, ...extra } });
  return (
    <Space wrap>
      {change.error && <Alert type="error" showIcon title={errorMessage(change.error)} data-testid="state-error" />}
      {can('hold') && (
        <Button
          type="primary"
          icon={<CheckCircleOutlined />}
          loading={change.isPending}
          onClick={() => move('held')}
          data-testid="hold-meeting"
        >
          {t('会议已召开')}
        </Button>
      )}
      {can('publish') && (
        <Button
          type="primary"
          icon={<FileDoneOutlined />}
          loading={change.isPending}
          onClick={() => move('published')}
          data-testid="publish-minutes"
        >
          {t('发布纪要')}
        </Button>
      )}
      {can('cancel') && (
        <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)}>
          {t('取消会议')}
        </Button>
      )}
      <Modal
        open={cancelling}
        title={t('取消会议')}
        onCancel={() => setCancelling(false)}
        onOk={() => {
          move('cancelled', { reason });
          setCancelling(false);
        }}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
      >
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('取消原因')}
        />
      </Modal>
    </Space>
  );
}

export default function MeetingPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const { data: meeting, error, isLoading } = useMeeting(id);
  if (isLoading) return <Spin style={{ display: 'block', margin: 60 }} />;
  if (error || !meeting) return <Alert type="error" showIcon title={errorMessage(error)} />;
  const tab =
    params.get('tab') ?? (meeting.state === 'draft' ? 'agenda' : meeting.state === 'held' ? 'record' : 'decisions');
  return (
    <>
      <PageTitle
        title={meeting.title}
        extra={
          <Space>
            <Link to="/meetings">
              <Button icon={<ArrowLeftOutlined />}>{t('联席会议')}</Button>
            </Link>
            <StateActions meeting={meeting} />
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} data-testid="meeting-header">
          <Descriptions.Item label={t('状态')}>
            <MeetingStateTag state={meeting.state} label={meeting.stateLabel} />
          </Descriptions.Item>
          <Descriptions.Item label={t('会议类型')}>{meeting.kind.name}</Descriptions.Item>
          <Descriptions.Item label={t('组织单位')}>{meeting.organiser.name}</Descriptions.Item>
          <Descriptions.Item label={t('会议时间')}>
            {dayjs(meeting.startsAt).format('YYYY-MM-DD HH:mm')}
          </Descriptions.Item>
          <Descriptions.Item label={t('会议地点')}>{meeting.place || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('主持人')}>{meeting.chair || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('记录人')}>{meeting.secretary || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('成员单位')}>{t('{{n}} 个', { n: meeting.members.length })}</Descriptions.Item>
        </Descriptions>
        {meeting.cancelReason && (
          <Alert type="warning" showIcon title={`${t('取消原因')}：${meeting.cancelReason}`} style={{ marginTop: 8 }} />
        )}
        {!meeting.canManage && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('本单位为会议成员单位，可查看会议记录、决定事项和纪要；会议由组织单位维护。')}
          </Typography.Text>
        )}
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          {
            key: 'agenda',
            label: <span data-testid="tab-agenda">{t('议程')}</span>,
            children: <AgendaTab meeting={meeting} />,
          },
          {
            key: 'record',
            label: <span data-testid="tab-record">{t('会议记录')}</span>,
            children: <RecordTab meeting={meeting} />,
          },
          {
            key: 'decisions',
            label: <span data-testid="tab-decisions">{t('决定事项')}</span>,
            children: <DecisionsTab meeting={meeting} />,
          },
          {
            key: 'minutes',
            label: <span data-testid="tab-minutes">{t('纪要')}</span>,
            children: <MinutesTab meeting={meeting} />,
          },
          {
            key: 'history',
            label: t('操作记录'),
            children: (
              <Card size="small">
                <Timeline
                  items={meeting.history.map((h) => ({
                    key: h.version,
                    content: (
                      <div>
                        <b>{t(HISTORY_LABELS[h.type] ?? h.type)}</b>{' '}
                        <Typography.Text type="secondary">
                          {dayjs(h.at).format('YYYY-MM-DD HH:mm')} · {h.orgName ?? ''} {h.actorName ?? ''}
                        </Typography.Text>
                      </div>
                    ),
                  }))}
                />
              </Card>
            ),
          },
        ]}
      />
    </>
  );
}
