// 我村议事 on the phone: the topics of the resident's village (open ones, decisions and what came of them), a
// topic to raise at one of the village's stations, and a topic's page where the resident comments (published
// after review) and votes once — a secret ballot whose count appears only after voting closes. A citizen whose
// phone is not a registered head of household is told whom to ask.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Input, Radio, Segmented, Select, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../api';
import '../citizen/mobile.css';
import { type MyDeliberationsView, STATE_COLORS, type TopicDetail, useTopic } from './deliberation-api';
import { ResultPanel } from './TopicDetailPage';

const fmt = (v: string | null | undefined) => (v ? dayjs(v).format('MM-DD HH:mm') : '');

function useMine() {
  return useQuery({
    queryKey: ['deliberations', 'mine'],
    queryFn: () => api<MyDeliberationsView>('/api/my/deliberations'),
    retry: false,
  });
}

function RaiseForm({ data, onDone }: { data: MyDeliberationsView; onDone: (id: number) => void }) {
  const { t } = useTranslation();
  const [stationId, setStationId] = useState<number | undefined>(data.stations[0]?.id);
  const [title, setTitle] = useState('');
  const [proposal, setProposal] = useState('');
  const [background, setBackground] = useState('');
  const raise = useMutation({
    mutationFn: () =>
      api<TopicDetail>('/api/my/deliberations/topics', {
        method: 'POST',
        body: { stationId, title, proposal, background },
      }),
    onSuccess: (topic) => onDone(topic.id),
  });
  return (
    <div className="gz-m-card" data-testid="raise-form">
      <div className="gz-m-card-title">{t('提出议题')}</div>
      <Select
        style={{ width: '100%', marginBottom: 8 }}
        value={stationId}
        onChange={setStationId}
        options={data.stations.map((s) => ({ value: s.id, label: s.name }))}
        data-testid="raise-station"
      />
      <Input
        placeholder={t('议题名称')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        maxLength={200}
        style={{ marginBottom: 8 }}
        data-testid="raise-title"
      />
      <Input.TextArea
        placeholder={t('议题内容（建议）')}
        value={proposal}
        onChange={(e) => setProposal(e.target.value)}
        autoSize={{ minRows: 3 }}
        style={{ marginBottom: 8 }}
        data-testid="raise-proposal"
      />
      <Input.TextArea
        placeholder={t('背景情况')}
        value={background}
        onChange={(e) => setBackground(e.target.value)}
        autoSize={{ minRows: 2 }}
      />
      {raise.error && <div className="gz-m-field-error">{errorMessage(raise.error)}</div>}
      <Button
        type="primary"
        block
        style={{ marginTop: 8 }}
        disabled={!stationId || !title.trim() || !proposal.trim()}
        loading={raise.isPending}
        onClick={() => raise.mutate()}
        data-testid="raise-submit"
      >
        {t('提交')}
      </Button>
    </div>
  );
}

function MyTopicList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const mine = useMine();
  const [tab, setTab] = useState<'topics' | 'raise' | 'notices'>('topics');
  const notResident = mine.error instanceof ApiError && mine.error.code === 'DELIBERATION_NOT_RESIDENT';
  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="my-deliberations-title">
          {t('我村议事')}
        </Typography.Title>
        {mine.data && (
          <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>
            {mine.data.villages.map((v) => v.name).join('、')}
          </div>
        )}
      </div>
      <div className="gz-m-page">
        {mine.isLoading && <Skeleton active />}
        {notResident && <Alert type="info" showIcon title={errorMessage(mine.error)} />}
        {mine.error && !notResident && <Alert type="error" showIcon title={errorMessage(mine.error)} />}
        {mine.data && (
          <>
            <Segmented
              block
              value={tab}
              onChange={(v) => setTab(v as typeof tab)}
              options={[
                { value: 'topics', label: t('议事议题') },
                { value: 'raise', label: t('提出议题') },
                { value: 'notices', label: t('消息') },
              ]}
              style={{ marginBottom: 12 }}
              data-testid="my-deliberations-tabs"
            />
            {tab === 'topics' &&
              (mine.data.topics.length === 0 ? (
                <Empty />
              ) : (
                mine.data.topics.map((topic) => (
                  <Link key={topic.id} to={`/my/deliberations/${topic.id}`} style={{ color: 'inherit' }}>
                    <div className="gz-m-list-item" data-testid="my-topic">
                      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                        <strong>{topic.title}</strong>
                        <Tag color={STATE_COLORS[topic.state]}>{t(topic.stateLabel)}</Tag>
                      </div>
                      <div className="gz-m-muted" style={{ fontSize: 12 }}>
                        {topic.station.name}
                        {topic.mine ? ` · ${t('我提出的')}` : ''}
                        {topic.voted ? ` · ${t('我已投票')}` : ''}
                        {topic.state === 'voting' && topic.votingClosesAt
                          ? ` · ${t('表决截止')} ${fmt(topic.votingClosesAt)}`
                          : ''}
                      </div>
                    </div>
                  </Link>
                ))
              ))}
            {tab === 'raise' && (
              <RaiseForm
                data={mine.data}
                onDone={(id) => {
                  void qc.invalidateQueries({ queryKey: ['deliberations'] });
                  navigate(`/my/deliberations/${id}`);
                }}
              />
            )}
            {tab === 'notices' &&
              (mine.data.notices.length === 0 ? (
                <Empty />
              ) : (
                mine.data.notices.map((n) => (
                  <div key={n.id} className="gz-m-list-item" data-testid="my-notice">
                    <div>{n.title}</div>
                    <div className="gz-m-muted" style={{ fontSize: 12 }}>
                      {fmt(n.createdAt)}
                    </div>
                  </div>
                ))
              ))}
          </>
        )}
      </div>
    </div>
  );
}

function MyTopic() {
  const { t } = useTranslation();
  const { id } = useParams();
  const qc = useQueryClient();
  const topic = useTopic(id, true);
  const [choice, setChoice] = useState<string | undefined>();
  const [comment, setComment] = useState('');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['deliberations'] });
  const vote = useMutation({
    mutationFn: () => api(`/api/my/deliberations/topics/${id}/vote`, { method: 'POST', body: { choice } }),
    onSuccess: refresh,
  });
  const say = useMutation({
    mutationFn: () => api(`/api/my/deliberations/topics/${id}/comments`, { method: 'POST', body: { body: comment } }),
    onSuccess: () => {
      setComment('');
      refresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: () =>
      api(`/api/my/deliberations/topics/${id}/withdraw`, { method: 'POST', body: { version: topic.data?.version } }),
    onSuccess: refresh,
  });
  if (topic.isLoading) return <Skeleton active style={{ padding: 16 }} />;
  if (!topic.data) return <Alert type="error" showIcon title={errorMessage(topic.error)} />;
  const d = topic.data;
  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="my-topic-title">
          {d.title}
        </Typography.Title>
        <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>
          {d.station.name} · <span data-testid="my-topic-state">{t(d.stateLabel)}</span>
        </div>
      </div>
      <div className="gz-m-page">
        <div className="gz-m-card">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.proposal}</Typography.Paragraph>
          {d.background && <Typography.Paragraph type="secondary">{d.background}</Typography.Paragraph>}
          {d.hearingAt && (
            <div className="gz-m-muted">
              {t('议事日期')} {dayjs(d.hearingAt).format('YYYY-MM-DD HH:mm')} {d.hearingPlace}
            </div>
          )}
          {d.rejectReason && <Alert type="warning" showIcon title={d.rejectReason} />}
          {d.allowedActions.includes('withdraw') && (
            <Button block danger style={{ marginTop: 8 }} onClick={() => withdraw.mutate()} data-testid="withdraw">
              {t('撤回')}
            </Button>
          )}
        </div>
        {d.state === 'voting' && d.me && (
          <div className="gz-m-card" data-testid="vote-card">
            <div className="gz-m-card-title">
              {t('投票')} · {t('每人一票，无记名')}
            </div>
            <div className="gz-m-muted" style={{ marginBottom: 8 }}>
              {t('表决截止')} {dayjs(d.votingClosesAt).format('YYYY-MM-DD HH:mm')}
            </div>
            {d.me.voted ? (
              <Tag color="green" data-testid="voted">
                {t('我已投票')}
              </Tag>
            ) : (
              <>
                <Radio.Group
                  value={choice}
                  onChange={(e) => setChoice(e.target.value)}
                  style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                  data-testid="vote-options"
                >
                  {d.options.map((o) => (
                    <Radio key={o} value={o} data-testid={`vote-${o}`}>
                      {t(o)}
                    </Radio>
                  ))}
                </Radio.Group>
                {vote.error && <div className="gz-m-field-error">{errorMessage(vote.error)}</div>}
                <Button
                  type="primary"
                  block
                  style={{ marginTop: 8 }}
                  disabled={!choice || !d.me.canVote}
                  loading={vote.isPending}
                  onClick={() => vote.mutate()}
                  data-testid="vote-submit"
                >
                  {t('投票')}
                </Button>
              </>
            )}
          </div>
        )}
        {(d.result || d.votingOpensAt) && d.state !== 'voting' && (
          <div className="gz-m-card">
            <div className="gz-m-card-title">{t('表决结果')}</div>
            <ResultPanel topic={d} />
          </div>
        )}
        {d.decision && (
          <div className="gz-m-card" data-testid="my-decision">
            <div className="gz-m-card-title">{t('议事决定')}</div>
            <div style={{ whiteSpace: 'pre-wrap' }}>{d.decision}</div>
            {d.outcome && (
              <div style={{ marginTop: 8 }}>
                <strong>{t('落实结果')}：</strong>
                {d.outcome}
              </div>
            )}
          </div>
        )}
        <div className="gz-m-card">
          <div className="gz-m-card-title">{t('群众意见')}</div>
          {d.comments.length === 0 && <div className="gz-m-muted">{t('暂无意见')}</div>}
          {d.comments.map((c) => (
            <div key={c.id} className="gz-m-list-item" data-testid="my-comment">
              <div className="gz-m-muted" style={{ fontSize: 12 }}>
                {c.author} · {fmt(c.createdAt)}
                {c.state !== 'approved' && (
                  <Tag style={{ marginLeft: 6 }} color={c.state === 'rejected' ? 'red' : 'gold'}>
                    {t(c.state === 'rejected' ? '不予公开' : '待审核')}
                  </Tag>
                )}
              </div>
              <div>{c.body}</div>
              {c.rejectReason && <div className="gz-m-field-error">{c.rejectReason}</div>}
            </div>
          ))}
          {d.me?.canComment && (
            <>
              <Input.TextArea
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                maxLength={1000}
                autoSize={{ minRows: 2 }}
                placeholder={t('意见经审核后公开')}
                style={{ marginTop: 8 }}
                data-testid="comment-body"
              />
              {say.error && <div className="gz-m-field-error">{errorMessage(say.error)}</div>}
              <Button
                block
                style={{ marginTop: 8 }}
                disabled={!comment.trim()}
                loading={say.isPending}
                onClick={() => say.mutate()}
                data-testid="comment-submit"
              >
                {t('发表意见')}
              </Button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

export default function MyDeliberationRoutes() {
  return (
    <Routes>
      <Route index element={<MyTopicList />} />
      <Route path=":id" element={<MyTopic />} />
    </Routes>
  );
}
