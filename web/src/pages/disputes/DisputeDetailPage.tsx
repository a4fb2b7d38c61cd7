// One dispute: what it is about, the parties (masked; revealed with pii.view, audited), the risk and why, the
// running clock, the mediation sessions, the agreement (printable 调解协议书), the follow-up visit task, the
// linked case, the history — and the actions the server allows this user now. Acting on a stale version
// reloads with the server's message.
import { ArrowLeftOutlined, EyeOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { PageTitle } from '../../components/common';
import { TaskTable } from '../../components/TaskTable';
import { DisputeLegalEntries } from '../legal/EntriesPage';
import { PsychReferralLink } from '../psych/PsychReferralLink';
import { useTasksOfSource } from '../tasks/task-api';
import { ACTION_LABELS, DisputeActionModal } from './DisputeActionModal';
import { DisputeClock, DisputeStateTag, RiskTag } from './DisputeTags';
import type { DisputeActionType, DisputeDetail, Party } from './dispute-api';

const fmt = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

export function PartiesTable({ parties }: { parties: Party[] }) {
  const { t } = useTranslation();
  return (
    <Table<Party>
      rowKey={(p) => `${p.role}-${p.name}-${p.phone ?? ''}`}
      size="small"
      pagination={false}
      dataSource={parties}
      data-testid="parties"
      columns={[
        {
          title: t('身份'),
          dataIndex: 'role',
          render: (v: string) => (v === 'applicant' ? t('申请人') : t('被申请人')),
        },
        { title: t('姓名或名称'), dataIndex: 'name' },
        { title: t('联系电话'), dataIndex: 'phone', render: (v) => v ?? '—' },
        { title: t('身份证号'), dataIndex: 'idNumber', render: (v) => v ?? '—' },
        { title: t('住址'), dataIndex: 'address', render: (v) => v ?? '—' },
      ]}
    />
  );
}

export default function DisputeDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const can = useCan();
  const [acting, setActing] = useState<DisputeActionType | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<{ parties: Party[]; address: string | null } | null>(null);
  const query = useQuery({
    queryKey: ['disputes', 'detail', id],
    queryFn: () => api<DisputeDetail>(`/api/disputes/${id}`),
  });
  const tasks = useTasksOfSource('dispute_followup', id);
  const d = query.data;

  const act = useMutation({
    mutationFn: (action: Record<string, unknown>) =>
      api<DisputeDetail>(`/api/disputes/${id}/actions`, { method: 'POST', body: { version: d?.version, action } }),
    onSuccess: (next) => {
      qc.setQueryData(['disputes', 'detail', id], next);
      void qc.invalidateQueries({ queryKey: ['disputes'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      setActing(null);
      setError(null);
    },
    onError: (e) => {
      setError(errorMessage(e));
      setActing(null);
      if (e instanceof ApiError && e.code === 'DISPUTE_VERSION_CONFLICT') void query.refetch();
    },
  });
  const reveal = useMutation({
    mutationFn: () => api<{ parties: Party[]; address: string | null }>(`/api/disputes/${id}/parties`),
    onSuccess: setRevealed,
    onError: (e) => setError(errorMessage(e)),
  });
  const toCase = useMutation({
    mutationFn: () => api<{ caseId: number }>(`/api/disputes/${id}/case`, { method: 'POST' }),
    onSuccess: (r) => navigate(`/cases/${r.caseId}`),
    onError: (e) => setError(errorMessage(e)),
  });

  if (query.isLoading) return <Spin style={{ display: 'block', margin: 80 }} />;
  if (query.error || !d) {
    return <Alert type="error" showIcon title={errorMessage(query.error)} />;
  }

  return (
    <>
      <PageTitle
        title={d.title}
        extra={
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/disputes')}>
              {t('返回')}
            </Button>
            {d.agreement && (
              <Button
                icon={<PrinterOutlined />}
                onClick={() => navigate(`/disputes/${d.id}/agreement`)}
                data-testid="print-agreement"
              >
                {t('调解协议书')}
              </Button>
            )}
          </Space>
        }
      />
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          closable
          onClose={() => setError(null)}
          style={{ marginBottom: 12 }}
        />
      )}
      {d.overdue && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            d.listed
              ? t('超期未办，已在县级挂牌督办')
              : t('超期未办，{{org}}督办中', { org: d.supervisorOrg?.name ?? '' })
          }
        />
      )}
      <Row gutter={12}>
        <Col xs={24} lg={16}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="dispute-facts">
              <Descriptions.Item label={t('编号')}>{d.number}</Descriptions.Item>
              <Descriptions.Item label={t('状态')}>
                <DisputeStateTag d={d} />
              </Descriptions.Item>
              <Descriptions.Item label={t('纠纷类型')}>{t(d.typeName)}</Descriptions.Item>
              <Descriptions.Item label={t('风险等级')}>
                <RiskTag d={d} />
                {d.riskReasons.map((r) => (
                  <Tag key={r.code}>{t(r.label)}</Tag>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label={t('来源')}>
                {t(d.sourceLabel)}
                {d.sourceRef ? `（${d.sourceRef}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('发生地')}>
                {[d.town?.name, d.village?.name, d.grid?.name].filter(Boolean).join(' / ') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('涉及人数')}>{d.peopleInvolved}</Descriptions.Item>
              <Descriptions.Item label={t('涉及金额')}>
                {d.amount ? `¥${d.amount.toLocaleString()}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('承办平台')}>
                {d.handlingOrg.name}（{t(d.levelLabel)}）
              </Descriptions.Item>
              <Descriptions.Item label={t('调解组织')}>
                {d.mediatorOrg ? `${d.mediatorOrg.name}${d.mediatorName ? ` · ${d.mediatorName}` : ''}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('登记时间')}>{fmt(d.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('时限')}>
                <DisputeClock d={d} />
              </Descriptions.Item>
              <Descriptions.Item label={t('调解期限')}>
                {fmt(d.mediationDueAt)}
                {d.extended ? ` （${t('已延期')}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('关联案件')}>
                {d.caseId ? <Link to={`/cases/${d.caseId}`}>{d.caseNumber}</Link> : '—'}
              </Descriptions.Item>
            </Descriptions>
            {d.description && (
              <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>
                {d.description}
              </Typography.Paragraph>
            )}
          </Card>
          <Card
            size="small"
            title={t('当事人')}
            style={{ marginBottom: 12 }}
            extra={
              d.canRevealParties &&
              !revealed && (
                <Button
                  size="small"
                  icon={<EyeOutlined />}
                  onClick={() => reveal.mutate()}
                  data-testid="reveal-parties"
                >
                  {t('查看完整信息（记入审计）')}
                </Button>
              )
            }
          >
            <PartiesTable parties={revealed?.parties ?? d.parties} />
          </Card>
          <Card size="small" title={t('调解记录')} style={{ marginBottom: 12 }} data-testid="sessions">
            {d.sessions.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('尚无调解记录')} />
            ) : (
              <Timeline
                items={d.sessions.map((s) => ({
                  children: (
                    <div>
                      <strong>
                        {t('第 {{n}} 次调解', { n: s.no })} · {fmt(s.at)} · {s.place}
                      </strong>
                      <div style={{ color: '#595959' }}>
                        {t('参加人员')}：{s.participants}
                      </div>
                      <div style={{ whiteSpace: 'pre-wrap' }}>{s.notes}</div>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
          {(d.agreement || d.failureRouteLabel) && (
            <Card size="small" title={t('调解结果')} style={{ marginBottom: 12 }} data-testid="outcome">
              {d.agreement ? (
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('协议书编号')}>{d.agreement.number}</Descriptions.Item>
                  <Descriptions.Item label={t('协议内容')}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{d.agreement.terms}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('签署')}>
                    {d.signedAt ? fmt(d.signedAt) : t('待当事人签署')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('履行情况')}>
                    {d.performanceLabel ? t(d.performanceLabel) : '—'}
                    {d.partyConfirmed !== null && (
                      <Tag style={{ marginLeft: 8 }}>
                        {d.partyConfirmed ? t('当事人确认已履行') : t('当事人反映未履行')}
                      </Tag>
                    )}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('司法确认')}>
                    {d.judicialReferredAt ? fmt(d.judicialReferredAt) : '—'}
                  </Descriptions.Item>
                </Descriptions>
              ) : (
                <span>{t('调解不成，引导当事人通过{{route}}解决', { route: t(d.failureRouteLabel ?? '') })}</span>
              )}
            </Card>
          )}
          {(tasks.data?.items.length ?? 0) > 0 && (
            <Card size="small" title={t('回访任务')} style={{ marginBottom: 12 }}>
              <TaskTable tasks={tasks.data?.items ?? []} showSource={false} />
            </Card>
          )}
          <DisputeLegalEntries disputeId={d.id} />
          <PsychReferralLink disputeId={d.id} />
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('办理')} style={{ marginBottom: 12 }} data-testid="dispute-actions">
            {d.allowedActions.length === 0 && !(can('dispute.handle') && !d.caseId) ? (
              <Typography.Text type="secondary">{t('您当前没有可执行的操作')}</Typography.Text>
            ) : (
              <Space wrap>
                {d.allowedActions
                  .filter((a) => a !== 'escalateOverdue')
                  .map((a) => (
                    <Button
                      key={a}
                      type={['accept', 'reachAgreement', 'sign', 'recordFollowUp'].includes(a) ? 'primary' : 'default'}
                      onClick={() => setActing(a)}
                      data-testid={`action-${a}`}
                    >
                      {t(ACTION_LABELS[a])}
                    </Button>
                  ))}
                {can('dispute.handle') && !d.caseId && d.grid && (
                  <Button onClick={() => toCase.mutate()} loading={toCase.isPending} data-testid="to-case">
                    {t('转为案件')}
                  </Button>
                )}
              </Space>
            )}
          </Card>
          <Card size="small" title={t('办理记录')}>
            <Timeline
              data-testid="dispute-history"
              items={d.history.map((h) => ({
                children: (
                  <div>
                    <strong>{t(h.label)}</strong>
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                      {fmt(h.at)} {h.actor.org?.name ?? t('系统')} {h.actor.userName ?? ''}
                    </div>
                    {h.note && <div style={{ whiteSpace: 'pre-wrap' }}>{h.note}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <DisputeActionModal
        type={acting}
        pending={act.isPending}
        onCancel={() => setActing(null)}
        onSubmit={(a) => act.mutate(a)}
      />
    </>
  );
}
