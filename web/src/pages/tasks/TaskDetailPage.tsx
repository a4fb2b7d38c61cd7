// One task: what is asked, by whom, of whom and by when; the running clock; the actions this user may take now
// (the server's answer: sign, report progress, complete with result and evidence, cancel, extend, urge); and the
// history of every step. Acting on a stale version reloads with the server's message.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Row,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../api';
import type { TaskActionType, TaskDetail } from '../../api-types';
import { PageTitle } from '../../components/common';
import { TASK_SOURCE_LABELS, TaskClock, TaskStateTag } from '../../components/TaskTable';
import { useSystemNow } from '../../layout/HeaderClock';
import { type Photo, PhotoUploader, photoIds, photosBusy } from '../citizen/PhotoUploader';
import { PartyBadge, usePartyBadges } from '../party/PartyBadge'; // 党员亮相 (issue 21 §3)

const ACTION_LABELS: Record<string, string> = {
  sign: '签收',
  progress: '报告进展',
  complete: '办结',
  cancel: '取消任务',
  extend: '调整期限',
  urge: '催办',
};

/** Which actions need a form, and its fields. */
type FormAction = Exclude<TaskActionType, 'sign' | 'escalateOverdue'>;

const SOURCE_LINKS: Record<string, (id: string) => string> = {
  meeting_decision: (id) => `/meetings/decisions/${id}`,
  work_team: (id) => `/work-teams/${id}`,
  project_milestone: (id) => `/projects/milestones/${id}`,
  dispute_followup: (id) => `/disputes/${id}`,
  psych_referral: (id) => `/psych/${id}`,
  deliberation_decision: (id) => `/deliberations/${id}`,
  legal_review: (id) => `/legal/entries?villageId=${id}&kind=legal_review`,
  screening: (id) => `/screenings?scope=all&orgId=${id}`,
  power_step: (id) => `/powers/exercises/${id}`,
};

export default function TaskDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [acting, setActing] = useState<FormAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [form] = Form.useForm();
  const now = useSystemNow() ?? dayjs();
  const query = useQuery({ queryKey: ['tasks', 'detail', id], queryFn: () => api<TaskDetail>(`/api/tasks/${id}`) });
  const task = query.data;
  const partyMembers = usePartyBadges(task?.history.map((h) => h.actor.userId) ?? []);

  const act = useMutation({
    mutationFn: (action: Record<string, unknown>) =>
      api<TaskDetail>(`/api/tasks/${id}/actions`, { method: 'POST', body: { version: task?.version, action } }),
    onSuccess: (next) => {
      qc.setQueryData(['tasks', 'detail', id], next);
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      setActing(null);
      setPhotos([]);
      form.resetFields();
      setError(null);
    },
    onError: (e) => {
      setError(errorMessage(e));
      if (e instanceof ApiError && e.code === 'TASK_VERSION_CONFLICT') void query.refetch();
    },
  });

  if (query.isLoading) return <Spin />;
  if (query.error || !task) return <Alert type="error" showIcon title={errorMessage(query.error)} />;

  const submit = (values: Record<string, unknown>) => {
    if (!acting) return;
    const base: Record<string, unknown> = { type: acting };
    if (acting === 'progress')
      Object.assign(base, { note: values.note, percent: values.percent, attachmentIds: photoIds(photos) });
    if (acting === 'complete') Object.assign(base, { result: values.result, evidenceIds: photoIds(photos) });
    if (acting === 'cancel') Object.assign(base, { reason: values.reason });
    if (acting === 'urge') Object.assign(base, { note: values.note });
    if (acting === 'extend') {
      Object.assign(base, {
        reason: values.reason,
        dueAt: (values.dueAt as Dayjs).hour(17).minute(30).second(0).millisecond(0).toISOString(),
      });
    }
    act.mutate(base);
  };

  const sourceLink = SOURCE_LINKS[task.sourceKind]?.(task.sourceId ?? '');

  return (
    <>
      <PageTitle
        title={`${task.title}`}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/tasks')}>
            {t('返回任务列表')}
          </Button>
        }
      />
      {error && (
        <Alert
          type="error"
          showIcon
          closable
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="task-error"
          onClose={() => setError(null)}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('编号')}>{task.number}</Descriptions.Item>
              <Descriptions.Item label={t('状态')}>
                <TaskStateTag task={task} />
              </Descriptions.Item>
              <Descriptions.Item label={t('来源')}>
                <Tag>{t(TASK_SOURCE_LABELS[task.sourceKind] ?? task.sourceKind)}</Tag>
                {sourceLink ? <Link to={sourceLink}>{task.sourceLabel}</Link> : task.sourceLabel}
                {task.caseId && <Link to={`/cases/${task.caseId}`}>{task.caseNumber}</Link>}
              </Descriptions.Item>
              <Descriptions.Item label={t('交办单位')}>{task.assignedByOrg.name}</Descriptions.Item>
              <Descriptions.Item label={t('责任单位')}>
                <span data-testid="task-owner-name">{task.ownerOrg.name}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('协办单位')}>
                {task.assistingOrgs.map((o) => o.name).join('、') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('完成期限')}>
                {dayjs(task.dueAt).format('YYYY-MM-DD HH:mm')}
              </Descriptions.Item>
              <Descriptions.Item label={t('时限')}>
                <TaskClock task={task} />
              </Descriptions.Item>
              {task.supervisorOrg && (
                <Descriptions.Item label={t('督办单位')}>
                  <span data-testid="task-supervisor">{task.supervisorOrg.name}</span>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('进度')}>
                <Progress percent={task.progressPercent} size="small" style={{ width: 160 }} />
              </Descriptions.Item>
            </Descriptions>
            {task.description && (
              <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>
                {task.description}
              </Typography.Paragraph>
            )}
            {task.result && (
              <Alert
                type={task.completedLate ? 'warning' : 'success'}
                showIcon
                title={t('办理结果')}
                description={task.result}
              />
            )}
          </Card>
          <Card size="small" title={t('办理记录')}>
            <Timeline
              data-testid="task-history"
              items={task.history.map((h) => ({
                color: h.type === 'escalateOverdue' ? 'red' : h.type === 'complete' ? 'green' : 'blue',
                content: (
                  <div>
                    <Space wrap>
                      <strong>{t(h.label)}</strong>
                      <Typography.Text type="secondary">{dayjs(h.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                      <span>
                        {[h.actor.org?.name, h.actor.userName].filter(Boolean).join(' · ') || t('系统')}
                        {h.actor.userId && partyMembers.has(h.actor.userId) && <PartyBadge />}
                      </span>
                    </Space>
                    {h.note && <div style={{ whiteSpace: 'pre-wrap' }}>{h.note}</div>}
                    {h.type === 'progress' && typeof h.details.percent === 'number' && (
                      <Typography.Text type="secondary">
                        {t('进度')} {String(h.details.percent)}%
                      </Typography.Text>
                    )}
                    {h.type === 'escalateOverdue' && (
                      <Typography.Text type="danger">
                        {h.details.listed ? t('已无上级，挂牌督办') : t('第 {{n}} 级督办', { n: h.details.level })}
                      </Typography.Text>
                    )}
                    {h.type === 'extend' && (
                      <Typography.Text type="secondary">
                        {t('期限调整为')} {dayjs(String(h.details.to)).format('YYYY-MM-DD HH:mm')}
                      </Typography.Text>
                    )}
                    {h.attachmentIds.length > 0 && (
                      <Space wrap style={{ display: 'flex', marginTop: 4 }}>
                        {h.attachmentIds.map((a) => (
                          <a key={a} href={`/api/attachments/${a}`} target="_blank" rel="noreferrer">
                            <img
                              src={`/api/attachments/${a}/thumbnail`}
                              alt=""
                              style={{ height: 56, borderRadius: 4 }}
                            />
                          </a>
                        ))}
                      </Space>
                    )}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('办理')} data-testid="task-actions">
            {task.allowedActions.length === 0 ? (
              <Typography.Text type="secondary">{t('当前没有您可以执行的操作')}</Typography.Text>
            ) : (
              <Space wrap>
                {task.allowedActions.map((a) => (
                  <Button
                    key={a}
                    type={a === 'sign' || a === 'complete' ? 'primary' : 'default'}
                    danger={a === 'cancel'}
                    loading={act.isPending && a === 'sign'}
                    data-testid={`task-action-${a}`}
                    onClick={() => (a === 'sign' ? act.mutate({ type: 'sign' }) : setActing(a as FormAction))}
                  >
                    {t(ACTION_LABELS[a] ?? a)}
                  </Button>
                ))}
              </Space>
            )}
          </Card>
        </Col>
      </Row>
      <Modal
        open={acting !== null}
        title={acting ? t(ACTION_LABELS[acting] ?? acting) : ''}
        onCancel={() => setActing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ disabled: photosBusy(photos), id: 'task-action-submit' }}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          {acting === 'progress' && (
            <>
              <Form.Item name="note" label={t('进展情况')} rules={[{ required: true, message: t('请填写进展情况') }]}>
                <Input.TextArea rows={4} maxLength={2000} data-testid="task-note" />
              </Form.Item>
              {task.allowedActions.includes('complete') && (
                <Form.Item name="percent" label={t('完成进度（%）')}>
                  <InputNumber min={0} max={100} />
                </Form.Item>
              )}
            </>
          )}
          {acting === 'complete' && (
            <Form.Item name="result" label={t('办理结果')} rules={[{ required: true, message: t('请填写办理结果') }]}>
              <Input.TextArea rows={4} maxLength={2000} data-testid="task-result" />
            </Form.Item>
          )}
          {(acting === 'cancel' || acting === 'extend') && (
            <Form.Item
              name="reason"
              label={acting === 'cancel' ? t('取消原因') : t('调整原因')}
              rules={[{ required: true, message: t('请填写原因') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} data-testid="task-reason" />
            </Form.Item>
          )}
          {acting === 'extend' && (
            <Form.Item
              name="dueAt"
              label={t('新的完成日期（当日 17:30）')}
              rules={[{ required: true, message: t('请选择日期') }]}
            >
              <DatePicker disabledDate={(d) => d.isBefore(now, 'day')} />
            </Form.Item>
          )}
          {acting === 'urge' && (
            <Form.Item name="note" label={t('催办内容')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
          {(acting === 'progress' || acting === 'complete') && (
            <Form.Item label={acting === 'complete' ? t('佐证材料') : t('现场照片')}>
              <PhotoUploader value={photos} onChange={(f) => setPhotos(f)} testId="task-photos" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
