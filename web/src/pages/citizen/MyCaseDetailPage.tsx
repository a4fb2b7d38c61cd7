// One of the citizen's reports: where it stands in plain words, the handling unit, the reply, a rating with a
// comment, an appeal after closing, the photos, and the public steps of its timeline.
import { ArrowLeftOutlined, CheckCircleFilled, EnvironmentOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Radio, Skeleton, Steps, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../api';
import { Photos } from './CasePhotos';
import { CITIZEN_EVENT_TEXT, CITIZEN_STEPS, citizenStatus, RATING_LABELS } from './citizen-status';
import type { CitizenCase } from './citizen-types';
import './mobile.css';

function RateForm({ c, onDone }: { c: CitizenCase; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [rating, setRating] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!rating) {
      setError(t('请选择满意程度'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api(`/api/my/cases/${c.id}/actions`, {
        method: 'POST',
        body: {
          version: c.version,
          action: { type: 'rate', rating, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        },
      });
      message.success(t('感谢您的评价'));
      onDone();
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'CASE_VERSION_CONFLICT'
          ? t('办理情况有更新，请查看后再评价')
          : errorMessage(err),
      );
      if (err instanceof ApiError && err.status === 409) onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="gz-m-card" data-testid="rate-form">
      <div className="gz-m-card-title">{t('您对办理结果满意吗？')}</div>
      <Radio.Group
        value={rating}
        onChange={(e) => setRating(e.target.value)}
        optionType="button"
        buttonStyle="solid"
        style={{ display: 'flex' }}
        options={['satisfied', 'basically_satisfied', 'unsatisfied'].map((v) => ({
          value: v,
          label: <span data-testid={`rate-${v}`}>{t(RATING_LABELS[v] ?? v)}</span>,
          style: { flex: 1, textAlign: 'center' },
        }))}
      />
      {rating === 'unsatisfied' && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {t('选择“不满意”后，您的反映将重新办理。')}
        </Typography.Paragraph>
      )}
      <Input.TextArea
        style={{ marginTop: 10 }}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={500}
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder={t('说说您的意见（选填）')}
        data-testid="rate-comment"
      />
      {error && <div className="gz-m-field-error">{error}</div>}
      <Button type="primary" block style={{ marginTop: 10 }} loading={busy} onClick={submit} data-testid="rate-submit">
        {t('提交评价')}
      </Button>
    </div>
  );
}

function AppealForm({ c, onDone }: { c: CitizenCase; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (reason.trim().length < 5) {
      setError(t('请写明申诉理由（至少 5 个字）'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api(`/api/my/cases/${c.id}/actions`, {
        method: 'POST',
        body: { version: c.version, action: { type: 'appeal', reason: reason.trim() } },
      });
      message.success(t('申诉已提交'));
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  if (!open) {
    return (
      <Button block onClick={() => setOpen(true)} style={{ marginBottom: 12 }} data-testid="appeal-open">
        {t('对结果有异议？申诉')}
      </Button>
    );
  }
  return (
    <div className="gz-m-card" data-testid="appeal-form">
      <div className="gz-m-card-title">{t('申诉')}</div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('办结后的申诉期限内可以申诉一次，上级平台会复核。')}
      </Typography.Paragraph>
      <Input.TextArea
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={1000}
        autoSize={{ minRows: 3, maxRows: 6 }}
        placeholder={t('请写明申诉理由')}
        data-testid="appeal-reason"
      />
      {error && <div className="gz-m-field-error">{error}</div>}
      <Button
        type="primary"
        block
        style={{ marginTop: 10 }}
        loading={busy}
        onClick={submit}
        data-testid="appeal-submit"
      >
        {t('提交申诉')}
      </Button>
    </div>
  );
}

export default function MyCaseDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const qc = useQueryClient();
  const justReported = !!(location.state as { justReported?: boolean } | null)?.justReported;
  const {
    data: c,
    isLoading,
    error,
  } = useQuery({
    queryKey: ['my-case', id],
    queryFn: () => api<CitizenCase>(`/api/my/cases/${id}`),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['my-case', id] });
    void qc.invalidateQueries({ queryKey: ['my-cases'] });
  };
  if (isLoading) {
    return (
      <div className="gz-m-page">
        <Skeleton active />
      </div>
    );
  }
  if (error || !c) {
    return (
      <div className="gz-m-page">
        <Alert
          type="error"
          showIcon
          title={error instanceof ApiError && error.status === 404 ? t('找不到这条反映') : errorMessage(error)}
        />
      </div>
    );
  }
  const status = citizenStatus(c.state);
  return (
    <div>
      <div className="gz-mobile-header">
        <Link to="/my" style={{ color: '#fff', fontSize: 13 }}>
          <ArrowLeftOutlined /> {t('我的反映')}
        </Link>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 8 }}>
          <Typography.Title level={3} style={{ color: '#fff', margin: 0 }} data-testid="case-status">
            {t(status.label)}
          </Typography.Title>
        </div>
        <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>
          {t(c.state === 'replied' && c.rating ? '感谢您的评价，等待办结' : status.hint)}
        </div>
      </div>
      <div className="gz-m-page">
        {justReported && (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleFilled />}
            style={{ marginBottom: 12 }}
            title={t('提交成功！编号 {{number}}，办理进展会显示在这里。', { number: c.number })}
            data-testid="report-success"
          />
        )}
        <div className="gz-m-card">
          <Steps
            size="small"
            current={status.step}
            status={
              c.state === 'rejected' ? 'error' : c.state === 'closed' || c.state === 'archived' ? 'finish' : 'process'
            }
            items={CITIZEN_STEPS.map((s) => ({ title: t(s) }))}
            responsive={false}
            titlePlacement="vertical"
          />
        </div>

        {c.reply && (
          <div className="gz-m-card" data-testid="case-reply">
            <div className="gz-m-card-title">
              <span>{t('答复')}</span>
              {c.repliedAt && <span className="gz-m-muted">{dayjs(c.repliedAt).format('MM-DD HH:mm')}</span>}
            </div>
            <div className="gz-m-reply">{c.reply}</div>
            {c.handlingUnit && (
              <div className="gz-m-muted" style={{ marginTop: 6 }}>
                {t('办理单位：{{unit}}', { unit: c.handlingUnit })}
              </div>
            )}
            {c.rating && (
              <div style={{ marginTop: 8 }} data-testid="case-rating">
                {t('您的评价：')}
                <Tag color={c.rating === 'unsatisfied' ? 'red' : 'green'}>{t(RATING_LABELS[c.rating] ?? c.rating)}</Tag>
              </div>
            )}
          </div>
        )}

        {c.allowedActions.includes('rate') && !c.rating && <RateForm c={c} onDone={refresh} />}
        {c.allowedActions.includes('appeal') && <AppealForm c={c} onDone={refresh} />}

        <div className="gz-m-card" data-testid="case-content">
          <div className="gz-m-card-title">
            {/* A title made from the first words of the text says nothing new. */}
            <span>{c.body.startsWith(c.title) ? t('我反映的问题') : c.title}</span>
          </div>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Typography.Paragraph>
          <Photos ids={c.attachmentIds} />
          <div className="gz-m-muted" style={{ marginTop: 10, display: 'grid', gap: 4 }}>
            <span>
              {t('编号')} {c.number} · {dayjs(c.reportedAt).format('YYYY-MM-DD HH:mm')}
            </span>
            {c.address && (
              <span>
                <EnvironmentOutlined /> {c.address}
              </span>
            )}
            {c.categoryName && <span>{t('类别：{{name}}', { name: c.categoryName })}</span>}
            {!c.reply && c.handlingUnit && <span>{t('办理单位：{{unit}}', { unit: c.handlingUnit })}</span>}
            {c.anonymous && <span>{t('匿名反映')}</span>}
          </div>
        </div>

        <div className="gz-m-card" data-testid="case-timeline">
          <div className="gz-m-card-title">{t('办理进展')}</div>
          <Timeline
            items={[...c.timeline].reverse().map((e, i) => ({
              color: i === 0 ? 'red' : 'gray',
              content: (
                <div>
                  <div>{t(CITIZEN_EVENT_TEXT[e.type] ?? '办理进展更新', { unit: e.orgName ?? '' })}</div>
                  {e.note && e.type !== 'reply' && (
                    <div className="gz-m-muted" style={{ whiteSpace: 'pre-wrap' }}>
                      {e.note}
                    </div>
                  )}
                  <div className="gz-m-muted">{dayjs(e.at).format('YYYY-MM-DD HH:mm')}</div>
                </div>
              ),
            }))}
          />
        </div>
      </div>
    </div>
  );
}
