// One round: its state and progress, the actions its state allows (抽样, 开始发放, 短信发送, 结束), the
// results, the sampled people (masked, with their links), the questionnaire and quotas with the draw's
// shortfall, and its history.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  InputNumber,
  message,
  Popconfirm,
  Segmented,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { ResultsPanel } from './ResultsPanel';
import { RoundFormModal } from './RoundFormModal';
import { type RoundDetail, type SampleView, STATE_COLORS, useRound } from './survey-api';

const TYPE_LABELS: Record<string, string> = { single: '单选', multi: '多选', scale: '1–5 分量表', text: '文字' };

function SamplesTab({ round }: { round: RoundDetail }) {
  const { t } = useTranslation();
  const [state, setState] = useState<string>('');
  const [page, setPage] = useState(1);
  const samples = useQuery({
    queryKey: ['surveys', 'samples', round.id, state, page],
    queryFn: () =>
      api<{ items: SampleView[]; total: number }>(`/api/surveys/rounds/${round.id}/samples`, {
        query: { state, page, pageSize: 20 },
      }),
  });
  return (
    <>
      <Segmented
        value={state}
        onChange={(v) => {
          setState(String(v));
          setPage(1);
        }}
        options={[
          { value: '', label: t('全部') },
          { value: 'pending', label: t('待答') },
          { value: 'answered', label: t('已答') },
          { value: 'refused', label: t('拒访') },
          { value: 'unreachable', label: t('多次未接') },
        ]}
        style={{ marginBottom: 8 }}
      />
      <Table<SampleView>
        rowKey="id"
        size="small"
        loading={samples.isLoading}
        dataSource={samples.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: samples.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('镇街'), dataIndex: 'townName' },
          { title: t('村（社区）'), dataIndex: 'villageName' },
          { title: t('受访者'), dataIndex: 'name' },
          { title: t('电话'), dataIndex: 'phone' },
          { title: t('来源'), dataIndex: 'sourceLabel', render: (v: string) => t(v) },
          {
            title: t('状态'),
            dataIndex: 'stateLabel',
            render: (v: string, s) => <Tag color={STATE_COLORS[s.state]}>{t(v)}</Tag>,
          },
          { title: t('拨打次数'), dataIndex: 'callAttempts', align: 'right' },
          {
            title: t('短信'),
            dataIndex: 'smsSentAt',
            render: (v: string | null) => (v ? dayjs(v).format('MM-DD HH:mm') : '—'),
          },
          {
            title: t('问卷链接'),
            dataIndex: 'link',
            render: (v: string) => (
              <Typography.Text copyable={{ text: `${window.location.origin}${v}` }} style={{ fontSize: 12 }}>
                {v.slice(0, 12)}…
              </Typography.Text>
            ),
          },
        ]}
      />
    </>
  );
}

interface QuotaRow {
  level: 'town' | 'village';
  orgId: number;
  orgName: string;
  size: number;
  available: number | null;
  drawn: number | null;
  shortfall: number | null;
}

const quotaRows = (round: RoundDetail): QuotaRow[] =>
  round.drawOutcome ?? round.quotas.map((q) => ({ ...q, available: null, drawn: null, shortfall: null }));

function DesignTab({ round }: { round: RoundDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <Card size="small" title={t('问卷')} style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary">{round.questionnaire.intro}</Typography.Paragraph>
        <Typography.Paragraph>
          <strong>{t('电话访问话术')}：</strong>
          {round.questionnaire.script}
        </Typography.Paragraph>
        <ol>
          {round.questionnaire.questions.map((q) => (
            <li key={q.key} style={{ marginBottom: 6 }}>
              {q.title} <Tag>{t(TYPE_LABELS[q.type] ?? q.type)}</Tag>
              {q.required ? <Tag color="red">{t('必答')}</Tag> : null}
              {q.score ? <Tag color="blue">{t('满意度得分题')}</Tag> : null}
              {q.options ? <div style={{ color: '#888', fontSize: 12 }}>{q.options.join(' / ')}</div> : null}
            </li>
          ))}
        </ol>
      </Card>
      <Card size="small" title={t('样本配额与抽样结果')}>
        <Table
          rowKey={(q) => `${q.level}:${q.orgId}`}
          size="small"
          pagination={false}
          dataSource={quotaRows(round)}
          columns={[
            { title: t('单位'), dataIndex: 'orgName' },
            {
              title: t('层级'),
              dataIndex: 'level',
              render: (v: string) => (v === 'town' ? t('镇街') : t('村（社区）')),
            },
            { title: t('配额'), dataIndex: 'size', align: 'right' },
            { title: t('抽样框人数'), dataIndex: 'available', align: 'right', render: (v: number | null) => v ?? '—' },
            { title: t('已抽取'), dataIndex: 'drawn', align: 'right', render: (v: number | null) => v ?? '—' },
            {
              title: t('缺口'),
              dataIndex: 'shortfall',
              align: 'right',
              render: (v: number | null) => (v ? <Tag color="orange">{v}</Tag> : v === 0 ? '0' : '—'),
            },
          ]}
        />
        {round.seed !== null && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
            {t('随机种子')} {round.seed}
            {t('：以同一配额和种子重新抽样可得到相同样本。')}
          </Typography.Paragraph>
        )}
      </Card>
    </>
  );
}

export default function RoundDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const can = useCan();
  const qc = useQueryClient();
  const round = useRound(id);
  const [seed, setSeed] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) =>
      api<Record<string, unknown>>(`/api/surveys/rounds/${id}/${path}`, { method: 'POST', body }),
    onSuccess: (r, v) => {
      if (v.path === 'sms') message.success(t('已发送短信 {{n}} 条', { n: r.sent }));
      if (v.path === 'draw') message.success(`${t('已抽取样本')} ${r.sampled} ${t('人')}`);
      void qc.invalidateQueries({ queryKey: ['surveys'] });
    },
  });
  if (round.isLoading) return <Skeleton active />;
  if (round.error) return <Alert type="error" showIcon title={errorMessage(round.error)} />;
  const r = round.data;
  if (!r) return null;
  const allowed = new Set(r.allowedActions);
  const version = { version: r.version };
  return (
    <div>
      <Space style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space>
          <Link to="/surveys">{t('民意调查')}</Link>
          <span>/</span>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="round-title">
            {r.title}
          </Typography.Title>
          <Tag color={STATE_COLORS[r.state]} data-testid="round-state">
            {t(r.stateLabel)}
          </Tag>
        </Space>
        <Space wrap>
          {r.canManage && allowed.has('edit') && (
            <Button onClick={() => setEditing(true)} data-testid="edit-round">
              {t('修改问卷或配额')}
            </Button>
          )}
          {r.canManage && allowed.has('draw') && (
            <>
              <InputNumber placeholder={t('随机种子（可选）')} value={seed} onChange={setSeed} style={{ width: 150 }} />
              <Button
                onClick={() => act.mutate({ path: 'draw', body: { ...version, ...(seed ? { seed } : {}) } })}
                data-testid="draw"
              >
                {r.state === 'draft' ? t('抽取样本') : t('重新抽样')}
              </Button>
            </>
          )}
          {r.canManage && allowed.has('start') && (
            <Button type="primary" onClick={() => act.mutate({ path: 'start', body: version })} data-testid="start">
              {t('开始发放')}
            </Button>
          )}
          {r.canManage && r.state === 'distributing' && (
            <Button onClick={() => act.mutate({ path: 'sms' })} data-testid="send-sms">
              {t('短信发送链接')}
            </Button>
          )}
          {r.state === 'distributing' && can('survey.call') && (
            <Link to={`/surveys/${r.id}/call`}>
              <Button data-testid="open-call-screen">{t('拨号屏')}</Button>
            </Link>
          )}
          {r.canManage && allowed.has('close') && (
            <Popconfirm
              title={t('结束后链接将不能再作答，确定结束？')}
              onConfirm={() => act.mutate({ path: 'close', body: version })}
            >
              <Button danger data-testid="close">
                {t('结束调查')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
      <RoundFormModal
        open={editing}
        round={r}
        onClose={() => {
          setEditing(false);
          void qc.invalidateQueries({ queryKey: ['surveys'] });
        }}
      />
      {act.error && <Alert type="error" showIcon title={errorMessage(act.error)} style={{ marginBottom: 12 }} />}
      <Descriptions size="small" column={{ xs: 1, md: 4 }} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('类型')}>{t(r.kindLabel)}</Descriptions.Item>
        <Descriptions.Item label={t('样本')}>{r.counts.sampled}</Descriptions.Item>
        <Descriptions.Item label={t('已答')}>
          {r.counts.answered}（{t('链接')} {r.counts.byChannel.link} · {t('短信')} {r.counts.byChannel.sms} ·{' '}
          {t('电话')} {r.counts.byChannel.call}）
        </Descriptions.Item>
        <Descriptions.Item label={t('待答 / 拒访 / 多次未接')}>
          {r.counts.pending} / {r.counts.refused} / {r.counts.unreachable}
        </Descriptions.Item>
      </Descriptions>
      <Tabs
        defaultActiveKey={r.state === 'draft' || r.state === 'sampling' ? 'design' : 'results'}
        items={[
          { key: 'results', label: t('结果'), children: <ResultsPanel roundId={r.id} /> },
          { key: 'samples', label: t('样本名单'), children: <SamplesTab round={r} /> },
          { key: 'design', label: t('问卷与配额'), children: <DesignTab round={r} /> },
          {
            key: 'history',
            label: t('历史'),
            children: (
              <Timeline
                items={r.history.map((h) => ({
                  children: `${dayjs(h.at).format('YYYY-MM-DD HH:mm')} ${t(h.label)} · ${h.actor.userName ?? ''}${h.actor.orgName ? `（${h.actor.orgName}）` : ''}`,
                }))}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
