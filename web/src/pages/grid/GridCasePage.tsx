// A case on the grid worker's phone: what was reported and where, and the field actions the worker may take
// now — accept, verify on site (核实), settle it on the spot with before/after photos (网格办小事), report it up
// (上报), or blow the whistle to summon departments (吹哨).
import { ArrowLeftOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Radio, Segmented, Select, Skeleton, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../api';
import { CASE_ACTION_LABELS, CASE_STATUS_LABELS } from '../../labels';
import type { Page } from '../../types';
import { Photos } from '../citizen/CasePhotos';
import type { StaffCase } from '../citizen/citizen-types';
import '../citizen/mobile.css';
import { type Photo, PhotoUploader, photoIds, photosBusy } from '../citizen/PhotoUploader';

/** The field actions this page offers, in the order a worker meets them. */
const FIELD_ACTIONS = ['accept', 'verify', 'handleAtGrid', 'reportUp', 'whistle'] as const;
type FieldAction = (typeof FIELD_ACTIONS)[number];

const ACTION_TITLES: Record<FieldAction, string> = {
  accept: '受理',
  verify: '现场核实',
  handleAtGrid: '网格办小事',
  reportUp: '上报',
  whistle: '吹哨',
};

function Field({ label, children, error }: { label: string; children: ReactNode; error?: string }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginBottom: 12 }}>
      <div style={{ marginBottom: 6, fontWeight: 500 }}>{t(label)}</div>
      {children}
      {error && <div className="gz-m-field-error">{error}</div>}
    </div>
  );
}

function ActionForm({ c, action, onDone }: { c: StaffCase; action: FieldAction; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [notes, setNotes] = useState('');
  const [finding, setFinding] = useState<'confirmed' | 'not_confirmed'>('confirmed');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [after, setAfter] = useState<Photo[]>([]);
  const [orgIds, setOrgIds] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const departments = useQuery({
    queryKey: ['orgs', 'department'],
    queryFn: () => api<Page<{ id: number; name: string }>>('/api/orgs', { query: { kind: 'department', limit: 200 } }),
    enabled: action === 'whistle',
    staleTime: 10 * 60_000,
  });

  const build = (): Record<string, unknown> | string => {
    const text = notes.trim();
    switch (action) {
      case 'accept':
        return { type: 'accept', ...(text ? { note: text } : {}) };
      case 'verify':
        if (!text) return t('请填写核实情况');
        return { type: 'verify', finding, notes: text, photoIds: photoIds(photos) };
      case 'handleAtGrid': {
        if (!text) return t('请填写处理情况');
        const before = photoIds(photos);
        const done = photoIds(after);
        if (!done.length) return t('请上传处置后的照片');
        const label = t('【处置前照片 {{a}} 张，处置后照片 {{b}} 张】', { a: before.length, b: done.length });
        return { type: 'handleAtGrid', notes: `${text}\n${label}`, photoIds: [...before, ...done] };
      }
      case 'reportUp':
        if (!text) return t('请填写上报原因');
        return { type: 'reportUp', reason: text };
      case 'whistle':
        if (!orgIds.length) return t('请选择要召集的部门');
        if (!text) return t('请填写吹哨事由');
        return { type: 'whistle', orgIds, reason: text };
    }
  };

  const submit = async () => {
    if (photosBusy(photos) || photosBusy(after)) {
      setError(t('照片还在上传，请稍候'));
      return;
    }
    const body = build();
    if (typeof body === 'string') {
      setError(body);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api(`/api/cases/${c.id}/actions`, { method: 'POST', body: { version: c.version, action: body } });
      message.success(t('已{{action}}', { action: t(ACTION_TITLES[action]) }));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CASE_VERSION_CONFLICT') {
        setError(t('案件已被他人处理，已刷新为最新状态'));
        onDone();
      } else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid={`form-${action}`}>
      {action === 'verify' && (
        <Field label="核实结果">
          <Radio.Group
            value={finding}
            onChange={(e) => setFinding(e.target.value)}
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'confirmed', label: t('情况属实') },
              { value: 'not_confirmed', label: t('情况不属实') },
            ]}
            data-testid="verify-finding"
          />
        </Field>
      )}
      {action === 'whistle' && (
        <Field label="召集部门">
          <Select
            mode="multiple"
            style={{ width: '100%' }}
            value={orgIds}
            onChange={setOrgIds}
            loading={departments.isLoading}
            options={(departments.data?.items ?? []).map((d) => ({ value: Number(d.id), label: d.name }))}
            optionFilterProp="label"
            placeholder={t('选择需要到场的部门')}
            data-testid="whistle-orgs"
          />
        </Field>
      )}
      <Field
        label={
          action === 'verify'
            ? '核实情况'
            : action === 'handleAtGrid'
              ? '处理情况'
              : action === 'reportUp'
                ? '上报原因'
                : action === 'whistle'
                  ? '吹哨事由'
                  : '受理意见（选填）'
        }
      >
        <Input.TextArea
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={2000}
          placeholder={
            action === 'reportUp'
              ? t('为什么网格解决不了，需要上级协调什么')
              : action === 'whistle'
                ? t('需要部门到场解决的问题')
                : t('现场看到的情况、采取的措施')
          }
          data-testid="action-notes"
        />
      </Field>
      {(action === 'verify' || action === 'handleAtGrid') && (
        <Field label={action === 'handleAtGrid' ? '处置前照片' : '现场照片'}>
          <PhotoUploader value={photos} onChange={(u) => setPhotos(u)} testId="photos-before" />
        </Field>
      )}
      {action === 'handleAtGrid' && (
        <Field label="处置后照片">
          <PhotoUploader value={after} onChange={(u) => setAfter(u)} testId="photos-after" />
        </Field>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 10 }} data-testid="action-error" />}
      <Button type="primary" block size="large" loading={busy} onClick={submit} data-testid="action-submit">
        {t('提交{{action}}', { action: t(ACTION_TITLES[action]) })}
      </Button>
    </div>
  );
}

export default function GridCasePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const qc = useQueryClient();
  const {
    data: c,
    isLoading,
    error,
  } = useQuery({
    queryKey: ['case', Number(id)],
    queryFn: () => api<StaffCase>(`/api/cases/${id}`),
  });
  const [chosen, setChosen] = useState<FieldAction | null>(null);
  const refresh = () => {
    setChosen(null);
    // Show the new state at the top of the page.
    window.scrollTo({ top: 0, behavior: 'smooth' });
    void qc.invalidateQueries({ queryKey: ['case', Number(id)] });
    void qc.invalidateQueries({ queryKey: ['cases'] });
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
        <Alert type="error" showIcon title={errorMessage(error)} />
      </div>
    );
  }
  const available = FIELD_ACTIONS.filter((a) => c.allowedActions.includes(a));
  const action = chosen && available.includes(chosen) ? chosen : (available[0] ?? null);
  const place = [c.townName, c.villageName, c.gridName].filter(Boolean).join(' · ');
  return (
    <div>
      <div className="gz-mobile-header">
        <Link to="/grid" style={{ color: '#fff', fontSize: 13 }}>
          <ArrowLeftOutlined /> {t('今日任务')}
        </Link>
        <Typography.Title level={4} style={{ color: '#fff', margin: '8px 0 0' }} data-testid="grid-case-title">
          {c.title}
        </Typography.Title>
        <div style={{ marginTop: 6 }}>
          <Tag color="gold" style={{ marginInlineEnd: 8 }} data-testid="grid-case-state">
            {t(CASE_STATUS_LABELS[c.state] ?? c.state)}
          </Tag>
          <span style={{ fontSize: 12, opacity: 0.9 }}>{c.number}</span>
        </div>
      </div>
      <div className="gz-m-page">
        <div className="gz-m-card">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Typography.Paragraph>
          <Photos ids={c.attachmentIds} />
          <div className="gz-m-muted" style={{ marginTop: 10, display: 'grid', gap: 4 }}>
            <span>
              <EnvironmentOutlined /> {place}
              {c.address ? ` · ${c.address}` : ''}
              {c.lat !== null && c.lng !== null ? ` (${c.lat.toFixed(5)}, ${c.lng.toFixed(5)})` : ''}
            </span>
            <span>
              {t('反映人：')}
              {c.reporter.anonymous ? t('匿名') : [c.reporter.name, c.reporter.phone].filter(Boolean).join(' ') || '—'}
            </span>
            <span>{dayjs(c.reportedAt).format('YYYY-MM-DD HH:mm')}</span>
          </div>
        </div>

        {action ? (
          <div className="gz-m-card" data-testid="grid-actions">
            {available.length > 1 && (
              <Segmented
                block
                value={action}
                onChange={(v) => setChosen(v as FieldAction)}
                options={available.map((a) => ({ value: a, label: t(ACTION_TITLES[a]) }))}
                style={{ marginBottom: 12 }}
                data-testid="action-picker"
              />
            )}
            {available.length === 1 && <div className="gz-m-card-title">{t(ACTION_TITLES[action])}</div>}
            <ActionForm key={action} c={c} action={action} onDone={refresh} />
          </div>
        ) : (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('当前无需网格处理')}
            data-testid="no-actions"
          />
        )}

        <div className="gz-m-card">
          <div className="gz-m-card-title">{t('办理过程')}</div>
          <Timeline
            items={[...c.timeline].reverse().map((e) => ({
              content: (
                <div>
                  <div>
                    <strong>{t(CASE_ACTION_LABELS[e.type] ?? e.type)}</strong>
                    <span className="gz-m-muted"> {[e.orgName, e.actorName].filter(Boolean).join(' · ')}</span>
                  </div>
                  {e.note && <div style={{ whiteSpace: 'pre-wrap', fontSize: 13 }}>{e.note}</div>}
                  {e.attachmentIds?.length > 0 && <Photos ids={e.attachmentIds} />}
                  <div className="gz-m-muted">{dayjs(e.at).format('MM-DD HH:mm')}</div>
                </div>
              ),
            }))}
          />
        </div>
      </div>
    </div>
  );
}
