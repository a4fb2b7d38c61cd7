// The adviser's phone page (/m/legal): record a service in a few taps — pick the kind (法律咨询 / 驻村服务 /
// 普法讲座 / 法律审核 / 参与调解), the hours, a line or two, 提交 — for the village the adviser serves (picked
// when there are several, or when a firm's account records for several advisers); the latest entries below.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Empty, Input, InputNumber, Segmented, Select, Spin, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api';
import '../citizen/mobile.css';
import { useSystemNow } from '../../layout/HeaderClock';
import { type Photo, PhotoUploader, photoIds, photosBusy } from '../citizen/PhotoUploader';
import { type EntryView, KIND_COLOURS, KIND_LABELS, type LegalEntryKind, useLegalMe } from './legal-api';

const HOURS: Record<LegalEntryKind, number[]> = {
  consultation: [0.5, 1, 2],
  on_site: [2, 4, 8],
  lecture: [1, 2, 3],
  legal_review: [1, 2, 4],
  dispute: [1, 2, 4],
};
/** Short words for the phone's kind buttons (five fit on a 390 px screen). */
const SHORT: Record<LegalEntryKind, string> = {
  consultation: '咨询',
  on_site: '驻村',
  lecture: '普法',
  legal_review: '审核',
  dispute: '调解',
};
const DEFAULT_HOURS: Record<LegalEntryKind, number> = {
  consultation: 0.5,
  on_site: 4,
  lecture: 2,
  legal_review: 2,
  dispute: 2,
};

export default function AdviserPhonePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useLegalMe();
  const now = useSystemNow() ?? dayjs();
  const advisers = me.data?.advisers ?? [];
  const [adviserId, setAdviserId] = useState<number | undefined>();
  const [villageId, setVillageId] = useState<number | undefined>();
  const [kind, setKind] = useState<LegalEntryKind>('consultation');
  const [day, setDay] = useState<dayjs.Dayjs | null>(null);
  const [hours, setHours] = useState<number>(DEFAULT_HOURS.consultation);
  const [text, setText] = useState({
    matter: '',
    advice: '',
    topic: '',
    documentTitle: '',
    opinion: '',
    askerName: '',
    askerPhone: '',
  });
  const [audience, setAudience] = useState<number | null>(null);
  const [disputeId, setDisputeId] = useState<number | undefined>();
  const [reviewTaskId, setReviewTaskId] = useState<number | undefined>();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const adviser = advisers.find((a) => a.id === adviserId) ?? advisers[0];
  const village =
    adviser?.assignments.find((a) => a.village.id === villageId)?.village ?? adviser?.assignments[0]?.village;
  useEffect(() => setHours(DEFAULT_HOURS[kind]), [kind]);

  if (me.isLoading) return <Spin style={{ display: 'block', margin: 40 }} />;
  if (me.error) return <Alert type="error" showIcon title={errorMessage(me.error)} />;
  if (!adviser)
    return <Empty style={{ marginTop: 40 }} description={t('您的账号尚未登记为法律顾问，请联系县司法局')} />;

  const set = (field: keyof typeof text) => (e: { target: { value: string } }) =>
    setText((s) => ({ ...s, [field]: e.target.value }));
  const submit = async () => {
    setError(null);
    if (photosBusy(photos)) {
      setError(t('照片还在上传，请稍候'));
      return;
    }
    setBusy(true);
    try {
      const body = {
        adviserId: adviser.id,
        villageId: village?.id ?? null,
        kind,
        occurredOn: (day ?? now).format('YYYY-MM-DD'),
        hours,
        place: village ? `${village.name}` : null,
        ...Object.fromEntries(Object.entries(text).map(([k, v]) => [k, v.trim() || null])),
        audience,
        disputeId: kind === 'dispute' ? (disputeId ?? null) : null,
        reviewTaskId: kind === 'legal_review' ? (reviewTaskId ?? null) : null,
        attachmentIds: photoIds(photos),
      };
      await api('/api/legal/entries', { method: 'POST', body });
      message.success(t('已记录'));
      setText({ matter: '', advice: '', topic: '', documentTitle: '', opinion: '', askerName: '', askerPhone: '' });
      setPhotos([]);
      setAudience(null);
      setReviewTaskId(undefined);
      await qc.invalidateQueries({ queryKey: ['legal'] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="gz-m-page" data-testid="legal-phone">
      <div className="gz-m-card">
        <div className="gz-m-card-title">{t('记录法律服务')}</div>
        {advisers.length > 1 ? (
          <Select
            style={{ width: '100%', marginBottom: 8 }}
            value={adviser.id}
            onChange={setAdviserId}
            options={advisers.map((a) => ({ value: a.id, label: a.name }))}
          />
        ) : (
          <div style={{ marginBottom: 8 }}>
            <b>{adviser.name}</b> <span className="gz-m-muted">{adviser.firm.name}</span>
          </div>
        )}
        {adviser.assignments.length > 1 ? (
          <Select
            style={{ width: '100%', marginBottom: 8 }}
            value={village?.id}
            onChange={setVillageId}
            data-testid="legal-village"
            options={adviser.assignments.map((a) => ({ value: a.village.id, label: a.village.name }))}
          />
        ) : (
          <Tag color="red" style={{ marginBottom: 8 }}>
            {village?.name ?? t('未受聘于任何村（社区）')}
          </Tag>
        )}
        <Segmented<LegalEntryKind>
          block
          value={kind}
          onChange={setKind}
          data-testid="legal-kind"
          options={(Object.keys(KIND_LABELS) as LegalEntryKind[]).map((k) => ({ value: k, label: t(SHORT[k]) }))}
          style={{ marginBottom: 8, flexWrap: 'wrap' }}
        />
        <div style={{ display: 'flex', gap: 8, marginBottom: 8, alignItems: 'center' }}>
          <DatePicker value={day ?? now} onChange={setDay} allowClear={false} style={{ flex: 1 }} />
          <Segmented<number>
            value={hours}
            onChange={setHours}
            data-testid="legal-hours"
            options={HOURS[kind].map((h) => ({ value: h, label: `${h}h` }))}
          />
        </div>
        {kind === 'consultation' && (
          <>
            <div style={{ display: 'flex', gap: 8, marginBottom: 8 }}>
              <Input
                placeholder={t('咨询人姓名')}
                value={text.askerName}
                onChange={set('askerName')}
                data-testid="legal-asker-name"
              />
              <Input
                placeholder={t('咨询人电话')}
                value={text.askerPhone}
                onChange={set('askerPhone')}
                inputMode="tel"
              />
            </div>
            <Input.TextArea
              rows={2}
              placeholder={t('咨询事项')}
              value={text.matter}
              onChange={set('matter')}
              data-testid="legal-matter"
              style={{ marginBottom: 8 }}
            />
            <Input.TextArea
              rows={3}
              placeholder={t('给出的法律意见')}
              value={text.advice}
              onChange={set('advice')}
              data-testid="legal-advice"
            />
          </>
        )}
        {(kind === 'on_site' || kind === 'dispute') && (
          <Input.TextArea
            rows={2}
            placeholder={kind === 'on_site' ? t('驻村服务内容') : t('参与情况')}
            value={text.matter}
            onChange={set('matter')}
            data-testid="legal-matter"
            style={{ marginBottom: 8 }}
          />
        )}
        {kind === 'dispute' && (
          <Select
            style={{ width: '100%' }}
            placeholder={t('选择矛盾纠纷')}
            value={disputeId}
            onChange={setDisputeId}
            data-testid="legal-dispute"
            options={adviser.openDisputes
              .filter((d) => d.villageId === village?.id)
              .map((d) => ({ value: d.id, label: `${d.number} ${d.title}` }))}
          />
        )}
        {kind === 'lecture' && (
          <div style={{ display: 'flex', gap: 8 }}>
            <Input placeholder={t('讲座主题')} value={text.topic} onChange={set('topic')} />
            <InputNumber placeholder={t('听众人数')} min={0} value={audience} onChange={setAudience} />
          </div>
        )}
        {kind === 'legal_review' && (
          <>
            {(me.data?.openReviews ?? []).some((r) => r.villageId === village?.id) && (
              <Select
                allowClear
                style={{ width: '100%', marginBottom: 8 }}
                placeholder={t('回复村（社区）的审核请求（可选）')}
                value={reviewTaskId}
                data-testid="legal-review-task"
                onChange={(v) => {
                  setReviewTaskId(v);
                  const r = me.data?.openReviews.find((x) => x.taskId === v);
                  if (r) setText((s) => ({ ...s, documentTitle: r.title.replace(/^法律审核：/, '') }));
                }}
                options={(me.data?.openReviews ?? [])
                  .filter((r) => r.villageId === village?.id)
                  .map((r) => ({ value: r.taskId, label: `${r.number} ${r.title}` }))}
              />
            )}
            <Input
              placeholder={t('审核的决策或合同')}
              value={text.documentTitle}
              onChange={set('documentTitle')}
              style={{ marginBottom: 8 }}
            />
            <Input.TextArea
              rows={3}
              placeholder={t('法律审核意见')}
              value={text.opinion}
              onChange={set('opinion')}
              style={{ marginBottom: 8 }}
            />
            <PhotoUploader
              value={photos}
              onChange={setPhotos}
              max={6}
              label={t('文件照片或 PDF')}
              testId="legal-docs"
            />
          </>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} data-testid="legal-error" />}
        <Button
          type="primary"
          block
          size="large"
          style={{ marginTop: 12 }}
          loading={busy}
          onClick={submit}
          data-testid="legal-submit"
        >
          {t('提交')}
        </Button>
      </div>
      <div className="gz-m-card">
        <div className="gz-m-card-title">{t('最近记录')}</div>
        {(me.data?.recent ?? []).length === 0 && <Empty description={t('暂无记录')} />}
        {(me.data?.recent ?? []).map((e: EntryView) => (
          <div key={e.id} className="gz-m-list-item" data-testid="legal-recent">
            <Tag color={KIND_COLOURS[e.kind]}>{t(KIND_LABELS[e.kind])}</Tag>
            <span>{e.occurredOn}</span> <span className="gz-m-muted">{`${e.village.name} · ${e.hours}h`}</span>
            <div className="gz-m-muted">{e.matter ?? e.topic ?? e.documentTitle ?? ''}</div>
          </div>
        ))}
      </div>
    </div>
  );
}
