// One referral. Every unit that stands to it sees its status (state, risk, the acknowledgement deadline, the
// history of who did what when); the counselling organisation also sees the content — the person (masked,
// revealed on request, audited), the concern, sessions, follow-ups, the outcome — and the actions the server
// allows. Each opening of this page is audited by the server.
import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Spin, Table, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../api';
import { PageTitle } from '../../components/common';
import { ACTION_LABELS, PsychActionModal } from './PsychActionModal';
import { AcknowledgementDue, PsychRiskTag, PsychStateTag } from './PsychTags';
import type { PsychActionType, PsychDetail, PsychSessionView } from './psych-api';

const fmt = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

export default function PsychDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [acting, setActing] = useState<PsychActionType | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [person, setPerson] = useState<{ name: string | null; phone: string | null; idNumber: string | null } | null>(
    null,
  );
  const query = useQuery({
    queryKey: ['psych', 'detail', id],
    queryFn: () => api<PsychDetail>(`/api/psych/referrals/${id}`),
    retry: false,
  });
  const r = query.data;
  const act = useMutation({
    mutationFn: (action: Record<string, unknown>) =>
      api<PsychDetail>(`/api/psych/referrals/${id}/actions`, { method: 'POST', body: { version: r?.version, action } }),
    onSuccess: (next) => {
      qc.setQueryData(['psych', 'detail', id], next);
      void qc.invalidateQueries({ queryKey: ['psych', 'list'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      setActing(null);
      setError(null);
    },
    onError: (e) => {
      setError(errorMessage(e));
      setActing(null);
      if (e instanceof ApiError && e.code === 'PSYCH_VERSION_CONFLICT') void query.refetch();
    },
  });
  const reveal = useMutation({
    mutationFn: () =>
      api<{ name: string | null; phone: string | null; idNumber: string | null }>(`/api/psych/referrals/${id}/person`),
    onSuccess: setPerson,
    onError: (e) => setError(errorMessage(e)),
  });

  if (query.isLoading) return <Spin style={{ display: 'block', margin: 80 }} />;
  if (query.error || !r) return <Alert type="error" showIcon title={errorMessage(query.error)} />;
  const c = r.content;
  const shown = person ?? c?.person;

  return (
    <>
      <PageTitle
        title={`${t('心理服务转介')} ${r.number}`}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/psych')}>
            {t('返回')}
          </Button>
        }
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="psych-error" />}
      {r.allowedActions.length > 0 && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap>
            {r.allowedActions.map((a) => (
              <Button
                key={a}
                type={a === 'acknowledge' || a === 'recordSession' ? 'primary' : 'default'}
                danger={a === 'decline'}
                onClick={() => setActing(a)}
                data-testid={`psych-action-${a}`}
              >
                {t(ACTION_LABELS[a])}
              </Button>
            ))}
          </Space>
        </Card>
      )}
      <Row gutter={12}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('转介状态')} style={{ marginBottom: 12 }} data-testid="psych-status">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('状态')}>
                <PsychStateTag r={r} />
              </Descriptions.Item>
              <Descriptions.Item label={t('风险等级')}>
                <PsychRiskTag r={r} />
              </Descriptions.Item>
              <Descriptions.Item label={t('转介单位')}>{r.referringOrg.name}</Descriptions.Item>
              <Descriptions.Item label={t('心理服务机构')}>{r.counsellingOrg.name}</Descriptions.Item>
              <Descriptions.Item label={t('来源')}>
                {t(r.sourceLabel)}
                {r.caseId && <Link to={`/cases/${r.caseId}`}> #{r.caseId}</Link>}
                {r.disputeId && <Link to={`/disputes/${r.disputeId}`}> #{r.disputeId}</Link>}
              </Descriptions.Item>
              <Descriptions.Item label={t('转介时间')}>{fmt(r.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('接收时限')}>
                <AcknowledgementDue r={r} />
                {r.acknowledgement && (
                  <Link to={`/tasks/${r.acknowledgement.taskId}`} style={{ marginLeft: 8 }}>
                    {t('任务')}
                  </Link>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('接收时间')}>{fmt(r.acknowledgedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('结案时间')}>{fmt(r.closedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
          {c ? (
            <Card
              size="small"
              title={t('转介内容（仅本机构可见）')}
              style={{ marginBottom: 12 }}
              data-testid="psych-content"
            >
              {r.needsAttention ? (
                <Alert
                  type="warning"
                  showIcon
                  title={t('当事人未同意转介：只有“需关注”标记，没有个人信息和问题内容。')}
                />
              ) : (
                <>
                  <Descriptions column={{ xs: 1, md: 2 }} size="small">
                    <Descriptions.Item label={t('当事人')}>
                      <span data-testid="psych-person-name">{shown?.name || '—'}</span>
                      {!person && (
                        <Button
                          size="small"
                          type="link"
                          icon={<EyeOutlined />}
                          loading={reveal.isPending}
                          onClick={() => reveal.mutate()}
                          data-testid="psych-reveal"
                        >
                          {t('查看完整信息')}
                        </Button>
                      )}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('联系电话')}>{shown?.phone || '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('身份证号')}>{shown?.idNumber || '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('当事人所在地')}>{c.place?.name ?? '—'}</Descriptions.Item>
                  </Descriptions>
                  <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }} data-testid="psych-concern">
                    <Typography.Text type="secondary">{t('转介原因（关注的问题）')}：</Typography.Text>
                    {c.concern}
                  </Typography.Paragraph>
                  {c.outcomeLabel && (
                    <Typography.Paragraph>
                      <Typography.Text type="secondary">{t('结案情况')}：</Typography.Text>
                      {t(c.outcomeLabel)}
                    </Typography.Paragraph>
                  )}
                </>
              )}
            </Card>
          ) : (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('转介内容仅接收转介的心理服务机构可见，您只能查看办理状态。')}
              data-testid="psych-status-only"
            />
          )}
          {c && !r.needsAttention && (
            <Card size="small" title={t('咨询记录')} style={{ marginBottom: 12 }}>
              <Table<PsychSessionView>
                rowKey="at"
                size="small"
                pagination={false}
                dataSource={c.sessions}
                data-testid="psych-sessions"
                locale={{ emptyText: <Empty description={t('暂无咨询记录')} /> }}
                columns={[
                  { title: t('时间'), dataIndex: 'at', render: (v: string) => fmt(v), width: 140 },
                  { title: t('时长（分钟）'), dataIndex: 'durationMinutes', width: 100 },
                  { title: t('形式'), dataIndex: 'formLabel', render: (v: string) => t(v), width: 70 },
                  { title: t('咨询记录'), dataIndex: 'notes' },
                  { title: t('下一步安排'), dataIndex: 'nextStep', render: (v: string | null) => v || '—' },
                ]}
              />
              {c.followUps.length > 0 && (
                <>
                  <Typography.Title level={5} style={{ marginTop: 12 }}>
                    {t('随访记录')}
                  </Typography.Title>
                  {c.followUps.map((f) => (
                    <Typography.Paragraph key={f.at}>
                      {fmt(f.at)} {f.notes}
                    </Typography.Paragraph>
                  ))}
                </>
              )}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('办理记录')} data-testid="psych-history">
            <Timeline
              items={r.history.map((h) => ({
                key: `${h.at}-${h.type}`,
                children: (
                  <>
                    <Typography.Text strong>{t(h.label)}</Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {fmt(h.at)} {h.actorOrg?.name ?? ''}
                    </Typography.Text>
                    {h.note && <div style={{ whiteSpace: 'pre-wrap' }}>{h.note}</div>}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <PsychActionModal
        type={acting}
        pending={act.isPending}
        onSubmit={(action) => act.mutate(action)}
        onCancel={() => setActing(null)}
      />
    </>
  );
}
