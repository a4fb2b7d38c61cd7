// The record of one screening: each checklist item answered (found or not, with a note), what was found —
// each finding to a case or a dispute record —, or "nothing found", photos, and for a grid the location. Used
// by the workbench page and the grid worker's phone; a record made offline waits on the phone (screening-api).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Input, Radio, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api';
import { type Photo, PhotoUploader, photoIds, photosBusy } from '../citizen/PhotoUploader';
import { useDisputeTypes } from '../disputes/dispute-api';
import { newClientToken, type ScreeningDetail, sendRecord } from './screening-api';

interface Finding {
  itemKey: string;
  route: 'case' | 'dispute';
  summary: string;
  typeCode: string;
  applicant: string;
  respondent: string;
}

function currentPosition(): Promise<{ lat: number; lng: number } | null> {
  return new Promise((resolve) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
      () => resolve(null),
      { timeout: 5000 },
    );
  });
}

export function ScreeningForm({
  screening,
  onDone,
  fallbackLocation,
}: {
  screening: ScreeningDetail;
  onDone?: (result: ScreeningDetail | 'queued') => void;
  /** Where the unit is when the phone cannot tell (the grid's centre). */
  fallbackLocation?: { lat: number; lng: number } | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const types = useDisputeTypes();
  const [token] = useState(newClientToken);
  const [found, setFound] = useState<Record<string, boolean>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [nothingFound, setNothingFound] = useState(true);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const foundKeys = screening.checklist.filter((c) => found[c.key]).map((c) => c.key);
  const toggle = (key: string, value: boolean) => {
    setFound({ ...found, [key]: value });
    if (value) {
      setNothingFound(false);
      if (!findings.some((f) => f.itemKey === key)) {
        setFindings([
          ...findings,
          { itemKey: key, route: 'case', summary: '', typeCode: '', applicant: '', respondent: '' },
        ]);
      }
    } else {
      const rest = findings.filter((f) => f.itemKey !== key);
      setFindings(rest);
      if (rest.length === 0) setNothingFound(true);
    }
  };
  const patch = (i: number, p: Partial<Finding>) => setFindings(findings.map((f, j) => (j === i ? { ...f, ...p } : f)));

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const where = screening.locationRequired ? ((await currentPosition()) ?? fallbackLocation ?? null) : null;
      const body = {
        clientToken: token,
        checklist: screening.checklist.map((c) => ({ key: c.key, found: !!found[c.key], note: notes[c.key] ?? '' })),
        nothingFound,
        findings: nothingFound
          ? []
          : findings.map((f) => ({
              itemKey: f.itemKey,
              route: f.route,
              summary: f.summary,
              ...(screening.level !== 'grid' && { gridId: null }),
              ...(f.route === 'dispute' && {
                dispute: {
                  typeCode: f.typeCode,
                  parties: [
                    { role: 'applicant', kind: 'person', name: f.applicant },
                    { role: 'respondent', kind: 'person', name: f.respondent },
                  ],
                },
              }),
            })),
        note,
        attachmentIds: photoIds(photos),
        ...(where ?? {}),
      };
      const result = await sendRecord(screening.taskId, body);
      if (result === 'queued') message.info(t('无网络，已保存在手机上，恢复网络后自动提交'));
      else message.success(t('已提交'));
      await qc.invalidateQueries({ queryKey: ['screenings'] });
      onDone?.(result);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('填报排查记录')} data-testid="screening-form">
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="screening-error" />
      )}
      <Typography.Text strong>{t('排查内容')}</Typography.Text>
      <div style={{ margin: '8px 0 12px' }}>
        {screening.checklist.map((c) => (
          <div key={c.key} style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 6, flexWrap: 'wrap' }}>
            <Checkbox
              checked={!!found[c.key]}
              onChange={(e) => toggle(c.key, e.target.checked)}
              data-testid={`check-${c.key}`}
              style={{ minWidth: 150 }}
            >
              {t(c.label)} · {t('发现问题')}
            </Checkbox>
            <Input
              size="small"
              placeholder={t('备注')}
              value={notes[c.key] ?? ''}
              onChange={(e) => setNotes({ ...notes, [c.key]: e.target.value })}
              style={{ maxWidth: 260 }}
            />
          </div>
        ))}
      </div>
      <Space style={{ marginBottom: 12 }}>
        <Switch
          checked={nothingFound}
          disabled={foundKeys.length > 0}
          onChange={setNothingFound}
          data-testid="nothing-found"
        />
        {t('未发现问题')}
      </Space>
      {!nothingFound &&
        findings.map((f, i) => (
          <Card
            key={f.itemKey}
            size="small"
            style={{ marginBottom: 8 }}
            title={t(screening.checklist.find((c) => c.key === f.itemKey)?.label ?? f.itemKey)}
            extra={
              <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => toggle(f.itemKey, false)} />
            }
            data-testid={`finding-${f.itemKey}`}
          >
            <Input.TextArea
              rows={2}
              placeholder={t('问题描述')}
              value={f.summary}
              onChange={(e) => patch(i, { summary: e.target.value })}
              data-testid={`finding-summary-${f.itemKey}`}
            />
            <Radio.Group
              style={{ marginTop: 8 }}
              value={f.route}
              onChange={(e) => patch(i, { route: e.target.value })}
              options={[
                { value: 'case', label: t('转案件') },
                { value: 'dispute', label: t('登记矛盾纠纷') },
              ]}
            />
            {f.route === 'dispute' && (
              <Space wrap style={{ marginTop: 8 }}>
                <Select
                  placeholder={t('纠纷类型')}
                  value={f.typeCode || undefined}
                  onChange={(v) => patch(i, { typeCode: v })}
                  style={{ width: 160 }}
                  options={(types.data?.items ?? []).map((x) => ({ value: x.code, label: t(x.name) }))}
                />
                <Input
                  placeholder={t('申请人')}
                  value={f.applicant}
                  onChange={(e) => patch(i, { applicant: e.target.value })}
                />
                <Input
                  placeholder={t('被申请人')}
                  value={f.respondent}
                  onChange={(e) => patch(i, { respondent: e.target.value })}
                />
              </Space>
            )}
          </Card>
        ))}
      {!nothingFound && foundKeys.length === 0 && (
        <Typography.Text type="secondary">
          <PlusOutlined /> {t('发现问题的项目')}
        </Typography.Text>
      )}
      <Input.TextArea
        rows={2}
        placeholder={t('备注')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        style={{ margin: '8px 0' }}
      />
      <PhotoUploader value={photos} onChange={(f) => setPhotos(f)} testId="screening-photos" label={t('照片')} />
      <Button
        type="primary"
        block
        loading={busy}
        disabled={photosBusy(photos)}
        onClick={submit}
        style={{ marginTop: 8 }}
        data-testid="screening-submit"
      >
        {t('提交')}
      </Button>
    </Card>
  );
}
