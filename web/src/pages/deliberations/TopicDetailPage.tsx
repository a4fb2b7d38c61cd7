// A topic for the station's staff: what was proposed, the hearing, the secret ballot (the count only after
// closing), the decision, its follow-up tasks, residents' comments to review and the history; the actions the
// topic machine allows now, each as a small form.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Progress,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { PageTitle } from '../../components/common';
import { TaskTable } from '../../components/TaskTable';
import { UnitSelect } from '../../components/UnitSelect';
import { useTasksOfSource } from '../tasks/task-api';
import { STATE_COLORS, type TopicDetail, useTopic } from './deliberation-api';

const ACTION_LABELS: Record<string, string> = {
  accept: '受理',
  reject: '不予受理',
  schedule: '安排议事',
  recordHearing: '记录议事过程',
  openVoting: '发起表决',
  closeVoting: '结束表决',
  decide: '记录决定',
  implement: '交办落实',
  complete: '办结并反馈',
};

const fmt = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '–');

export function ResultPanel({ topic }: { topic: TopicDetail }) {
  const { t } = useTranslation();
  const r = topic.result;
  if (!r) {
    return (
      <Typography.Text type="secondary" data-testid="result-hidden">
        {t('无记名投票，表决结束后公布结果')}
        {topic.votingClosesAt ? ` · ${t('表决截止')} ${fmt(topic.votingClosesAt)}` : ''}
      </Typography.Text>
    );
  }
  return (
    <div data-testid="result">
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color={r.passed ? 'green' : 'red'} data-testid="result-verdict">
          {r.passed ? `${t('通过')}${r.winner && r.winner !== '同意' ? `：${r.winner}` : ''}` : t('未通过')}
        </Tag>
        {!r.quorumMet && <Tag color="orange">{t('未达到最低参与率')}</Tag>}
        <span>
          {t('已投票')} {r.cast} / {t('应投票')} {r.eligible} · {t('参与率')} {r.turnoutPercent}%
        </span>
      </Space>
      {topic.options.map((o) => {
        const n = r.counts[o] ?? 0;
        return (
          <div key={o} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
            <span style={{ width: 120 }}>{t(o)}</span>
            <Progress percent={r.cast ? Math.round((n * 100) / r.cast) : 0} style={{ flex: 1, margin: 0 }} />
            <span style={{ width: 40, textAlign: 'right' }} data-testid={`count-${o}`}>
              {n}
            </span>
          </div>
        );
      })}
    </div>
  );
}

interface FollowUpRow {
  title?: string;
  ownerOrgId?: number;
  dueAt?: Dayjs;
}

function ActionForm({ type }: { type: string }) {
  const { t } = useTranslation();
  switch (type) {
    case 'reject':
      return (
        <Form.Item name="reason" label={t('不予受理的理由')} rules={[{ required: true }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="action-reason" />
        </Form.Item>
      );
    case 'schedule':
      return (
        <>
          <Form.Item name="hearingAt" label={t('议事日期')} rules={[{ required: true }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" data-testid="hearing-at" />
          </Form.Item>
          <Form.Item name="place" label={t('议事地点')} rules={[{ required: true }]}>
            <Input data-testid="hearing-place" />
          </Form.Item>
        </>
      );
    case 'recordHearing':
      return (
        <>
          <Form.Item name="at" label={t('议事时间')} rules={[{ required: true }]} initialValue={dayjs()}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="place" label={t('议事地点')}>
            <Input />
          </Form.Item>
          <Form.Item name="participants" label={t('参加人员')} rules={[{ required: true }]}>
            <Input data-testid="hearing-participants" />
          </Form.Item>
          <Form.Item name="notes" label={t('议事过程')} rules={[{ required: true }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} data-testid="hearing-notes" />
          </Form.Item>
        </>
      );
    case 'openVoting':
      return (
        <>
          <Form.Item name="opensAt" label={t('表决开始')} initialValue={dayjs()}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="closesAt" label={t('表决结束')} rules={[{ required: true }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" data-testid="voting-closes" />
          </Form.Item>
        </>
      );
    case 'decide':
      return (
        <Form.Item name="decision" label={t('议事决定')} rules={[{ required: true }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} data-testid="decision-text" />
        </Form.Item>
      );
    case 'implement':
      return (
        <Form.List name="followUps" initialValue={[{}]}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Card size="small" key={field.key} style={{ marginBottom: 8 }}>
                  <Form.Item name={[field.name, 'title']} label={t('任务名称')} rules={[{ required: true }]}>
                    <Input data-testid={`followup-title-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'ownerOrgId']} label={t('责任单位')} rules={[{ required: true }]}>
                    <UnitSelect testId={`followup-owner-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'dueAt']} label={t('完成期限')} rules={[{ required: true }]}>
                    <DatePicker showTime format="YYYY-MM-DD HH:mm" data-testid={`followup-due-${field.name}`} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button size="small" danger onClick={() => remove(field.name)}>
                      {t('移除')}
                    </Button>
                  )}
                </Card>
              ))}
              <Button onClick={() => add({})}>{t('添加任务')}</Button>
            </>
          )}
        </Form.List>
      );
    case 'complete':
      return (
        <Form.Item name="outcome" label={t('落实结果')} rules={[{ required: true }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} data-testid="outcome-text" />
        </Form.Item>
      );
    default:
      return null;
  }
}

type FormValues = Record<string, unknown> & { followUps?: FollowUpRow[] };

function toAction(type: string, v: FormValues): Record<string, unknown> {
  const iso = (d: unknown) => (d ? (d as Dayjs).toISOString() : undefined);
  switch (type) {
    case 'schedule':
      return { type, hearingAt: iso(v.hearingAt), place: v.place };
    case 'recordHearing':
      return { type, hearing: { at: iso(v.at), place: v.place ?? '', participants: v.participants, notes: v.notes } };
    case 'openVoting':
      return { type, opensAt: iso(v.opensAt), closesAt: iso(v.closesAt) };
    case 'implement':
      return {
        type,
        followUps: (v.followUps ?? []).map((f) => ({ title: f.title, ownerOrgId: f.ownerOrgId, dueAt: iso(f.dueAt) })),
      };
    default:
      return { type, ...v };
  }
}

function Moderation({ topic }: { topic: TopicDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [rejecting, setRejecting] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const moderate = useMutation({
    mutationFn: (v: { id: number; approve: boolean; reason?: string }) =>
      api(`/api/deliberations/comments/${v.id}/moderation`, {
        method: 'POST',
        body: { approve: v.approve, reason: v.reason },
      }),
    onSuccess: () => {
      setRejecting(null);
      setReason('');
      void qc.invalidateQueries({ queryKey: ['deliberations'] });
    },
  });
  return (
    <>
      {moderate.error && <Alert type="error" showIcon title={errorMessage(moderate.error)} />}
      <List
        dataSource={topic.comments}
        locale={{ emptyText: t('暂无意见') }}
        data-testid="comments"
        renderItem={(c) => (
          <List.Item
            data-testid="comment"
            actions={
              c.state === 'pending'
                ? [
                    <Button
                      key="ok"
                      size="small"
                      type="primary"
                      onClick={() => moderate.mutate({ id: c.id, approve: true })}
                      data-testid="comment-approve"
                    >
                      {t('公开')}
                    </Button>,
                    <Button key="no" size="small" danger onClick={() => setRejecting(c.id)}>
                      {t('不予公开')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  {c.author}
                  <Tag color={c.state === 'approved' ? 'green' : c.state === 'rejected' ? 'red' : 'gold'}>
                    {t(c.state === 'approved' ? '已公开' : c.state === 'rejected' ? '不予公开' : '待审核')}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {fmt(c.createdAt)}
                  </Typography.Text>
                </Space>
              }
              description={
                <>
                  {c.body}
                  {c.rejectReason && <div style={{ color: '#cf1322' }}>{c.rejectReason}</div>}
                </>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={rejecting !== null}
        title={t('不予公开')}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting !== null && moderate.mutate({ id: rejecting, approve: false, reason })}
        okButtonProps={{ disabled: !reason.trim() }}
      >
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('不予公开的理由')} />
      </Modal>
    </>
  );
}

export default function TopicDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const qc = useQueryClient();
  const topic = useTopic(id);
  const tasks = useTasksOfSource('deliberation_decision', id);
  const [acting, setActing] = useState<string | null>(null);
  const [form] = Form.useForm<FormValues>();
  const act = useMutation({
    mutationFn: (v: FormValues) =>
      api<TopicDetail>(`/api/deliberations/topics/${id}/actions`, {
        method: 'POST',
        body: { version: topic.data?.version, action: toAction(acting as string, v) },
      }),
    onSuccess: (next) => {
      qc.setQueryData(['deliberations', 'staff', 'topic', String(id)], next);
      void qc.invalidateQueries({ queryKey: ['deliberations'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      setActing(null);
      form.resetFields();
    },
  });
  if (topic.isLoading) return <Skeleton active />;
  if (topic.error || !topic.data) return <Alert type="error" showIcon title={errorMessage(topic.error)} />;
  const d = topic.data;
  return (
    <>
      <PageTitle
        title={d.title}
        extra={
          <Space wrap>
            {d.allowedActions.map((a) => (
              <Button
                key={a}
                type={a === 'reject' ? 'default' : 'primary'}
                danger={a === 'reject'}
                onClick={() => {
                  act.reset();
                  setActing(a);
                }}
                data-testid={`action-${a}`}
              >
                {t(ACTION_LABELS[a] ?? a)}
              </Button>
            ))}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }} data-testid="topic-facts">
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('状态')}>
            <Tag color={STATE_COLORS[d.state]} data-testid="topic-state">
              {t(d.stateLabel)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('编号')}>{d.number}</Descriptions.Item>
          <Descriptions.Item label={t('议事站')}>
            {d.village.name} · {d.station.name}
          </Descriptions.Item>
          <Descriptions.Item label={t('提出人')}>
            {d.proposer.kind === 'citizen' ? `${t('群众')} ${d.proposer.name ?? ''}` : (d.proposer.org ?? '')}
          </Descriptions.Item>
          <Descriptions.Item label={t('议事日期')}>
            {fmt(d.hearingAt)} {d.hearingPlace ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('表决规则')}>
            {t('最低参与率')} {d.rule.quorumPercent}% · {t('通过比例')} &gt;{d.rule.passPercent}%
          </Descriptions.Item>
          <Descriptions.Item label={t('议题内容（建议）')} span={3}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.proposal}</Typography.Paragraph>
          </Descriptions.Item>
          {d.background && (
            <Descriptions.Item label={t('背景情况')} span={3}>
              {d.background}
            </Descriptions.Item>
          )}
          {d.rejectReason && (
            <Descriptions.Item label={t('不予受理的理由')} span={3}>
              {d.rejectReason}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('表决选项')} span={3}>
            {d.options.map((o) => (
              <Tag key={o}>{t(o)}</Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {d.hearing && (
        <Card size="small" title={t('议事过程')} style={{ marginBottom: 12 }} data-testid="hearing">
          <div>
            {fmt(d.hearing.at)} {d.hearing.place} · {d.hearing.participants}
          </div>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.hearing.notes}</Typography.Paragraph>
        </Card>
      )}
      {(d.votingOpensAt || d.result) && (
        <Card size="small" title={t('表决结果')} style={{ marginBottom: 12 }}>
          <ResultPanel topic={d} />
        </Card>
      )}
      {d.decision && (
        <Card size="small" title={t('议事决定')} style={{ marginBottom: 12 }} data-testid="decision">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.decision}</Typography.Paragraph>
          {d.outcome && (
            <div style={{ marginTop: 8 }}>
              <strong>{t('落实结果')}：</strong>
              {d.outcome}
            </div>
          )}
        </Card>
      )}
      {(tasks.data?.items.length ?? 0) > 0 && (
        <Card size="small" title={t('落实任务')} style={{ marginBottom: 12 }} data-testid="topic-tasks">
          <TaskTable tasks={tasks.data?.items ?? []} showSource={false} />
        </Card>
      )}
      <Card size="small" title={t('群众意见')} style={{ marginBottom: 12 }}>
        <Moderation topic={d} />
      </Card>
      <Card size="small" title={t('办理记录')}>
        <Timeline
          items={d.events.map((e) => ({
            children: (
              <div>
                <strong>{t(e.label)}</strong> · {fmt(e.at)} {e.actorOrg ? `· ${e.actorOrg}` : ''}
                {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
              </div>
            ),
          }))}
        />
      </Card>
      <Modal
        open={acting !== null}
        title={t(ACTION_LABELS[acting ?? ''] ?? '')}
        onCancel={() => setActing(null)}
        onOk={() => form.submit()}
        confirmLoading={act.isPending}
        okButtonProps={{ 'data-testid': 'action-submit' }}
        destroyOnHidden
      >
        {act.error && <Alert type="error" showIcon title={errorMessage(act.error)} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)} preserve={false}>
          {acting && <ActionForm type={acting} />}
        </Form>
      </Modal>
    </>
  );
}
