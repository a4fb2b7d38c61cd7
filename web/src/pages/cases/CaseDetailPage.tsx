// 案件详情: facts, place, attachments, clocks, units, supervision, extensions, whistles, the timeline and the
// action panel (the forms of exactly the actions the server allows this user now).
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Image,
  List,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../api';
import type { CaseDeadlineView, CaseDetail, CaseListItem } from '../../api-types';
import { CaseActionPanel, usePostAction } from '../../components/CaseActionPanel';
import { ClockBadge, SupervisionTag } from '../../components/CaseClock';
import { CaseMap } from '../../components/CaseMap';
import { CaseTimeline } from '../../components/CaseTimeline';
import {
  CASE_LEVEL_LABELS,
  CHANNEL_LABELS,
  DEADLINE_KIND_LABELS,
  DURATION_UNIT_LABELS,
  RATING_LABELS,
  UNIT_ROLE_LABELS,
  UNIT_STATUS_LABELS,
  URGENCY_LABELS,
  unitStatusLabel,
} from '../../labels';
import { CaseSubjects } from '../grid-data/CaseSubjects'; // the grid base data the case concerns (issue 14 §1)
import { SuggestionCard } from '../intelligence/SuggestionCard'; // 智能分类建议 (issue 19)
import { PsychReferralLink } from '../psych/PsychReferralLink';
import { VideoEventsCard } from '../video/VideoEventsCard';
import { SourceActivities } from '../volunteers/SourceActivities'; // volunteers asked for by the case (issue 17 §1)
import { CaseLinkedRecords } from './CaseLinkedRecords';
import { CaseReporter } from './CaseReporter'; // masked, revealed for the handler (issue 18)
import { CaseStateTag, placeOf } from './InboxPage';

/** An automatic escalation's reason is "<clock kind> overdue": say it in words. */
function supervisionReason(
  s: NonNullable<CaseDetail['supervision']>,
  t: (k: string, o?: Record<string, string>) => string,
) {
  const kind = /^(\w+) overdue$/.exec(s.reason ?? '')?.[1];
  if (s.automatic) {
    return kind
      ? t('{{kind}}超期，自动升级督办', { kind: t(DEADLINE_KIND_LABELS[kind] ?? kind) })
      : `${t('超期自动升级')}${s.reason ? `：${s.reason}` : ''}`;
  }
  return s.reason;
}

export function useCaseDetail(id: number) {
  return useQuery({
    queryKey: ['case', id],
    queryFn: () => api<CaseDetail>(`/api/cases/${id}`),
    enabled: Number.isFinite(id) && id > 0,
    // Colours change as time passes (and the demo clock jumps); the stream refreshes sooner.
    refetchInterval: 30_000,
  });
}

interface SimilarCase extends Partial<CaseListItem> {
  id: number;
  number: string;
  title: string;
  score?: number;
  similarity?: number;
}

function SimilarCases({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const post = usePostAction(detail);
  const { data, error } = useQuery({
    queryKey: ['case', detail.id, 'similar'],
    queryFn: () => api<{ items: SimilarCase[] } | SimilarCase[]>(`/api/cases/${detail.id}/similar`),
    retry: false,
    staleTime: 60_000,
  });
  if (error) return null; // the similarity service is optional
  const items = (Array.isArray(data) ? data : (data?.items ?? [])).filter((c) => c.id !== detail.id);
  if (!items.length) return null;
  const canMerge = detail.allowedActions.includes('merge');
  return (
    <Card size="small" title={t('相似案件')} style={{ marginBottom: 12 }} data-testid="similar-cases">
      <List
        size="small"
        dataSource={items.slice(0, 5)}
        renderItem={(c) => {
          const score = c.score ?? c.similarity;
          return (
            <List.Item
              key={c.id}
              actions={
                canMerge
                  ? [
                      <Button
                        key="merge"
                        size="small"
                        loading={post.isPending}
                        onClick={() => post.mutate({ type: 'merge', mainCaseId: c.id })}
                        data-testid="merge-similar"
                      >
                        {t('合并')}
                      </Button>,
                    ]
                  : undefined
              }
            >
              <List.Item.Meta
                title={
                  <Space size={4}>
                    <Link to={`/cases/${c.id}`}>{c.number}</Link>
                    {c.state && <CaseStateTag state={c.state} />}
                    {score !== undefined && <Tag>{`${Math.round(score * 100)}%`}</Tag>}
                  </Space>
                }
                description={c.title}
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

function Clocks({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  if (!detail.deadlines.length) {
    return <Typography.Text type="secondary">{t('当前没有运行中的时限')}</Typography.Text>;
  }
  return (
    <Table<CaseDeadlineView>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={detail.deadlines}
      data-testid="case-clocks"
      columns={[
        {
          title: t('环节'),
          dataIndex: 'kind',
          render: (k: string) => t(DEADLINE_KIND_LABELS[k] ?? k),
        },
        { title: t('责任单位'), dataIndex: 'orgName', ellipsis: true },
        { title: t('到期时间'), dataIndex: 'dueAt', render: (v: string) => dayjs(v).format('MM-DD HH:mm') },
        {
          title: t('状态'),
          key: 'colour',
          render: (_, d) => (
            <Space size={4} wrap>
              <ClockBadge colour={d.colour} dueAt={d.dueAt} paused={d.paused} />
              {d.escalated && <Tag color="red">{t('已升级督办')}</Tag>}
            </Space>
          ),
        },
      ]}
    />
  );
}

function Units({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  if (!detail.units.length) return <Typography.Text type="secondary">{t('暂无')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="case-units">
      {detail.units.map((u) => (
        <div key={`${u.orgId}-${u.role}`} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <Space size={4}>
            <Tag color={u.role === 'lead' ? 'red' : u.role === 'assisting' ? 'blue' : 'default'}>
              {t(UNIT_ROLE_LABELS[u.role] ?? u.role)}
            </Tag>
            <span>{u.orgName}</span>
          </Space>
          <Typography.Text type={u.status === 'done' ? 'success' : u.status === 'pending' ? 'warning' : 'secondary'}>
            {unitStatusLabel(u.role, u.status) ? t(unitStatusLabel(u.role, u.status)) : ''}
          </Typography.Text>
        </div>
      ))}
    </Space>
  );
}

function Attachments({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  if (!ids.length) return <Typography.Text type="secondary">{t('无附件')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space wrap data-testid="case-attachments">
        {ids.map((id) => (
          <Image
            key={id}
            width={88}
            height={88}
            style={{ objectFit: 'cover', borderRadius: 4 }}
            src={`/api/attachments/${id}/thumbnail`}
            preview={{ src: `/api/attachments/${id}` }}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

export default function CaseDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const { data: c, error, isLoading, refetch, isFetching } = useCaseDetail(id);

  if (isLoading) return <Skeleton active />;
  if (error || !c) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('案件不存在或不在您的管辖范围内') : t('加载失败')}
        subTitle={notFound ? undefined : errorMessage(error)}
        extra={<Button onClick={() => navigate('/cases')}>{t('返回待办')}</Button>}
      />
    );
  }

  const pendingExtensions = c.extensions.filter((e) => e.status === 'pending');

  return (
    <div data-testid="case-detail" data-state={c.state} data-version={c.version}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('返回')} />
        <Typography.Title level={4} className="gz-page-title" style={{ margin: 0 }} data-testid="page-title">
          {c.title}
        </Typography.Title>
        <Typography.Text type="secondary" copyable data-testid="case-number">
          {c.number}
        </Typography.Text>
        <CaseStateTag state={c.state} />
        {c.urgency === 'urgent' && <Tag color="red">{t('紧急')}</Tag>}
        <SupervisionTag level={c.supervisionLevel} listed={c.listed} />
        <span style={{ flex: 1 }} />
        <Button icon={<ReloadOutlined />} loading={isFetching} onClick={() => void refetch()}>
          {t('刷新')}
        </Button>
      </div>

      {c.supervision && (
        <Alert
          type={c.supervision.listed ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="supervision-banner"
          title={
            c.supervision.listed
              ? t('挂牌督办 · {{level}}', { level: t(CASE_LEVEL_LABELS[c.supervision.level] ?? c.supervision.level) })
              : t('{{level}}督办中', { level: t(CASE_LEVEL_LABELS[c.supervision.level] ?? c.supervision.level) })
          }
          description={`${supervisionReason(c.supervision, t)} · ${t('自 {{at}}', { at: dayjs(c.supervision.since).format('YYYY-MM-DD HH:mm') })}`}
        />
      )}
      {c.mergedInto && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <span>
              {t('本案已并入')} <Link to={`/cases/${c.mergedInto}`}>{t('主案件')}</Link>
            </span>
          }
        />
      )}
      {pendingExtensions.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="pending-extensions"
          title={t('待审批的延期申请')}
          description={pendingExtensions.map((e) => (
            <div key={e.id}>
              {`${e.byOrgName ?? ''} · ${e.amount} ${t(DURATION_UNIT_LABELS[e.unit] ?? e.unit)} · ${e.reason} · ${dayjs(e.at).format('MM-DD HH:mm')}`}
            </div>
          ))}
        />
      )}

      <Row gutter={12}>
        <Col xs={24} lg={15}>
          <SuggestionCard detail={c} />
          <Card size="small" title={t('办理')} style={{ marginBottom: 12 }}>
            <CaseActionPanel detail={c} />
          </Card>
          <Card size="small" title={t('诉求信息')} style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered data-testid="case-facts">
              <Descriptions.Item label={t('编号')}>{c.number}</Descriptions.Item>
              <Descriptions.Item label={t('来源')}>{t(CHANNEL_LABELS[c.channel] ?? c.channel)}</Descriptions.Item>
              <Descriptions.Item label={t('分类')}>{c.categoryName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('紧急程度')}>{t(URGENCY_LABELS[c.urgency] ?? c.urgency)}</Descriptions.Item>
              <Descriptions.Item label={t('地点')}>{placeOf(c) || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('地址')}>{c.address ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('当前层级')}>
                {c.level ? t(CASE_LEVEL_LABELS[c.level] ?? c.level) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('当前责任单位')}>{c.ownerOrgName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('反映人')}>
                <CaseReporter detail={c} />
              </Descriptions.Item>
              <Descriptions.Item label={t('上报时间')}>
                {dayjs(c.reportedAt).format('YYYY-MM-DD HH:mm')}
              </Descriptions.Item>
              <Descriptions.Item label={t('诉求内容')} span={2}>
                <div style={{ whiteSpace: 'pre-wrap' }} data-testid="case-body">
                  {c.body}
                </div>
              </Descriptions.Item>
              {c.reply && (
                <Descriptions.Item label={t('答复')} span={2}>
                  <div style={{ whiteSpace: 'pre-wrap' }} data-testid="case-reply">
                    {c.reply}
                  </div>
                </Descriptions.Item>
              )}
              {c.rating && (
                <Descriptions.Item label={t('满意度')} span={2}>
                  <Tag color={c.rating === 'unsatisfied' ? 'red' : 'green'}>
                    {t(RATING_LABELS[c.rating] ?? c.rating)}
                  </Tag>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card size="small" title={t('处置时限')} style={{ marginBottom: 12 }}>
            <Clocks detail={c} />
          </Card>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Card size="small" title={t('办理单位')} style={{ marginBottom: 12 }}>
                <Units detail={c} />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title={t('附件')} style={{ marginBottom: 12 }}>
                <Attachments ids={c.attachmentIds} />
              </Card>
            </Col>
          </Row>
          {c.whistles.length > 0 && (
            <Card size="small" title={t('吹哨报到')} style={{ marginBottom: 12 }} data-testid="case-whistles">
              {c.whistles.map((w) => (
                <div key={w.id} style={{ marginBottom: 8 }}>
                  <div>
                    <Typography.Text strong>{w.reason}</Typography.Text>
                    <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                      {dayjs(w.at).format('MM-DD HH:mm')}
                    </Typography.Text>
                  </div>
                  <Space wrap size={4}>
                    {w.summons.map((s) => (
                      <Tag key={s.orgId} color={s.checkedInAt ? 'green' : 'orange'}>
                        {s.orgName}
                        {s.checkedInAt
                          ? ` · ${t('已报到')} ${dayjs(s.checkedInAt).format('MM-DD HH:mm')}`
                          : ` · ${t('待报到')}`}
                      </Tag>
                    ))}
                  </Space>
                </div>
              ))}
            </Card>
          )}
          {c.extensions.length > 0 && (
            <Card size="small" title={t('延期记录')} style={{ marginBottom: 12 }}>
              <List
                size="small"
                dataSource={c.extensions}
                renderItem={(e) => (
                  <List.Item key={e.id}>
                    <span>
                      {`${e.byOrgName ?? ''} · ${e.amount} ${t(DURATION_UNIT_LABELS[e.unit] ?? e.unit)} · ${e.reason}`}
                    </span>
                    <Tag color={e.status === 'approved' ? 'green' : e.status === 'pending' ? 'blue' : 'default'}>
                      {t(UNIT_STATUS_LABELS[e.status] ?? (e.status === 'pending' ? '待审批' : e.status))}
                    </Tag>
                  </List.Item>
                )}
              />
            </Card>
          )}
          {c.mergedCaseIds.length > 0 && (
            <Card size="small" title={t('已并入本案的重复件')} style={{ marginBottom: 12 }}>
              <Space wrap>
                {c.mergedCaseIds.map((mid) => (
                  <Link key={mid} to={`/cases/${mid}`}>
                    #{mid}
                  </Link>
                ))}
              </Space>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('位置')} style={{ marginBottom: 12 }}>
            {c.gridId || (c.lat !== null && c.lng !== null) ? (
              <CaseMap gridId={c.gridId} lat={c.lat} lng={c.lng} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('无位置')} />
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {placeOf(c)}
            </Typography.Text>
          </Card>
          <SimilarCases detail={c} />
          <VideoEventsCard detail={c} />
          <CaseLinkedRecords caseId={c.id} />
          <CaseSubjects caseId={c.id} />
          <SourceActivities kind="case" id={c.id} />
          <PsychReferralLink caseId={c.id} />
          <Card size="small" title={t('办理过程')} style={{ marginBottom: 12 }}>
            <CaseTimeline detail={c} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
