// 一键反映: describe the problem, add photos, say where (location, map point, or address), optionally a
// category, anonymous or named. The draft (with its client token) is kept on the phone until the case exists,
// so a resubmission after a network failure is the same case. Opened from a grid's QR code with ?grid=<id>.
import { AimOutlined, EditOutlined, EnvironmentOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Radio, Spin, Tag, Typography } from 'antd';
// App.useApp() itself: importing antd's App would bring its message, notification and modal code to the first load
// (the phone entry provides them later, components/LazyAntApp.tsx)
import useApp from 'antd/es/app/useApp';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../api';
import { useMe } from '../../auth';
import type { LocateResult } from '../../types';
import { useGridMap } from './grid-map';
import './mobile.css';
import { PhoneSignIn } from './PhoneSignIn';
import { type Photo, photoIds, photosBusy } from './photos';
// the map, the category cascader, the village select, the photo uploader and the grid's card (网格亮责, issue 21 §3)
// load after the form
import { LazyCategoryField, LazyGridCard, LazyMapPicker, LazyPhotoUploader, LazyVillageSelect } from './report-parts';

const DRAFT_KEY = 'gz_report_draft';

type PlaceMode = 'gps' | 'map' | 'address';

interface Draft {
  clientToken: string;
  body: string;
  categoryId: number | null;
  mode: PlaceMode | null;
  point: { lat: number; lng: number; accuracy?: number } | null;
  address: string;
  villageId: number | null;
  anonymous: boolean;
  name: string;
  phone: string;
  photos: Photo[];
}

interface PublicGrid {
  id: number;
  name: string;
  villageId: number;
  villageName: string;
  townName: string;
}

function newToken(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

function emptyDraft(): Draft {
  return {
    clientToken: newToken(),
    body: '',
    categoryId: null,
    mode: null,
    point: null,
    address: '',
    villageId: null,
    anonymous: false,
    name: '',
    phone: '',
    photos: [],
  };
}

function loadDraft(): Draft {
  try {
    const saved = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null') as Draft | null;
    if (saved?.clientToken) {
      // Photos still uploading when the page was left are gone; finished ones are kept.
      return { ...emptyDraft(), ...saved, photos: (saved.photos ?? []).filter((p) => p.status === 'done') };
    }
  } catch {
    // a broken draft is dropped
  }
  return emptyDraft();
}

function Section({
  title,
  extra,
  children,
  error,
  testId,
}: {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  error?: string;
  testId?: string;
}) {
  return (
    <div className="gz-m-card" data-testid={testId}>
      <div className="gz-m-card-title">
        <span>{title}</span>
        {extra}
      </div>
      {children}
      {error && (
        <div className="gz-m-field-error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </div>
      )}
    </div>
  );
}

/** Which section shows a server error about this field. */
const SECTION_OF: Record<string, string> = {
  body: 'body',
  attachmentIds: 'photos',
  location: 'place',
  lat: 'place',
  address: 'place',
  villageId: 'place',
  gridId: 'place',
  categoryId: 'category',
  name: 'reporter',
  phone: 'reporter',
  'reporter.phone': 'reporter',
};

export default function ReportPage() {
  const { t } = useTranslation();
  const { message } = useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const signedIn = !!me.data;
  const isCitizen = me.data?.role === 'citizen';
  const [draft, setDraft] = useState<Draft>(loadDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [locating, setLocating] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const refs = useRef<Record<string, HTMLDivElement | null>>({});

  // The grid comes from the QR code's link only: a later report without it is not tied to that grid.
  const presetGrid = Number(params.get('grid')) || null;

  useEffect(() => {
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
    } catch {
      // storage full or disabled: the draft lives as long as the page
    }
  }, [draft]);

  const grid = useQuery({
    queryKey: ['citizen-grid', presetGrid],
    queryFn: () => api<PublicGrid>(`/api/citizen/grids/${presetGrid}`),
    enabled: !!presetGrid,
    retry: false,
  });
  const gridMap = useGridMap('/api/citizen/grids', signedIn && draft.mode === 'address');
  const villages = useMemo(() => {
    const seen = new Map<number, string>();
    for (const f of gridMap.data?.features ?? []) {
      const p = f.properties;
      if (p.villageId && !seen.has(p.villageId)) seen.set(p.villageId, `${p.townName ?? ''} · ${p.villageName ?? ''}`);
    }
    return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh'));
  }, [gridMap.data]);

  const located = useQuery({
    queryKey: ['locate', draft.point?.lat, draft.point?.lng],
    queryFn: () => api<LocateResult>('/api/locate', { query: { lat: draft.point?.lat, lng: draft.point?.lng } }),
    enabled: signedIn && !!draft.point,
    retry: false,
  });

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    const section = SECTION_OF[key as string] ?? (key === 'point' || key === 'mode' ? 'place' : (key as string));
    setErrors((e) => {
      if (!e[section]) return e;
      const { [section]: _gone, ...rest } = e;
      return rest;
    });
  };

  const locateMe = () => {
    set('mode', 'gps');
    if (!navigator.geolocation) {
      setErrors((e) => ({ ...e, place: t('此设备不支持定位，请在地图上选点或填写地址') }));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        set('point', { lat: pos.coords.latitude, lng: pos.coords.longitude, accuracy: pos.coords.accuracy });
      },
      (err) => {
        setLocating(false);
        setErrors((e) => ({
          ...e,
          place:
            err.code === err.PERMISSION_DENIED
              ? t('未获得定位权限，请在地图上选点或填写地址')
              : t('定位失败，请在地图上选点或填写地址'),
        }));
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  };

  const submit = async () => {
    setFormError(null);
    const local: Record<string, string> = {};
    if (draft.body.trim().length < 5) local.body = t('请描述您要反映的问题（至少 5 个字）');
    if (!draft.point && !presetGrid && !draft.address.trim() && !draft.villageId) {
      local.place = t('请告诉我们问题在哪里：使用当前定位、在地图上选点，或填写地址');
    }
    if (!draft.anonymous && draft.phone && !/^1[3-9]\d{9}$/.test(draft.phone)) {
      local.reporter = t('联系电话格式不正确，请输入 11 位手机号');
    }
    if (photosBusy(draft.photos)) local.photos = t('照片还在上传，请稍候');
    if (Object.keys(local).length) {
      setErrors(local);
      const first = ['body', 'photos', 'place', 'reporter'].find((k) => local[k]);
      if (first) refs.current[first]?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    setSubmitting(true);
    try {
      const usePoint = draft.point && draft.mode !== 'address';
      const res = await api<{ id: number; number: string; created: boolean }>('/api/citizen/reports', {
        method: 'POST',
        body: {
          clientToken: draft.clientToken,
          body: draft.body,
          categoryId: draft.categoryId,
          lat: usePoint ? draft.point?.lat : null,
          lng: usePoint ? draft.point?.lng : null,
          gridId: presetGrid,
          villageId: draft.mode === 'address' ? draft.villageId : null,
          address: draft.address.trim() || null,
          anonymous: draft.anonymous,
          name: draft.anonymous ? null : draft.name.trim() || null,
          phone: draft.anonymous ? null : draft.phone.trim() || null,
          attachmentIds: photoIds(draft.photos),
        },
      });
      localStorage.removeItem(DRAFT_KEY);
      setDraft(emptyDraft());
      message.success(t('已提交，编号 {{number}}', { number: res.number }));
      navigate(`/my/${res.id}`, { replace: true, state: { justReported: true } });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return; // the sign-in card shows; the draft is kept
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
        const details = (err.details ?? {}) as { field?: string; fields?: { field: string; problem: string }[] };
        const fields = details.fields?.length
          ? details.fields
          : details.field
            ? [{ field: details.field, problem: '' }]
            : [];
        const next: Record<string, string> = {};
        fields.forEach((f, i) => {
          const section = SECTION_OF[f.field] ?? 'form';
          if (!next[section])
            next[section] = i === 0 || !f.problem || /^[a-z ]+$/.test(f.problem) ? err.message : f.problem;
        });
        if (!fields.length) setFormError(err.message);
        else if (next.form) setFormError(next.form);
        setErrors(next);
        const first = ['body', 'photos', 'place', 'category', 'reporter'].find((k) => next[k]);
        if (first) refs.current[first]?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      } else {
        setFormError(
          err instanceof ApiError && err.status === 0
            ? t('网络不稳定，提交没有完成。内容已保存，请稍后再点提交（不会重复提交）')
            : errorMessage(err),
        );
      }
    } finally {
      setSubmitting(false);
    }
  };

  const placeName = located.data
    ? `${located.data.town.name} · ${located.data.village.name} · ${located.data.grid.name}`
    : null;
  const outside = located.error instanceof ApiError && located.error.code === 'OUTSIDE_COUNTY';

  if (me.isLoading) {
    return (
      <div style={{ padding: 60, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }

  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="report-title">
          <EditOutlined /> {t('一键反映')}
        </Typography.Title>
        <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>{t('身边的问题，拍一拍、说一说，网格员帮您办')}</div>
        {presetGrid && grid.data && (
          <Tag color="gold" style={{ marginTop: 10 }} icon={<QrcodeOutlined />} data-testid="preset-grid">
            {t('码上办')}：{grid.data.townName} · {grid.data.villageName} · {grid.data.name}
          </Tag>
        )}
      </div>
      <div className="gz-m-page">
        {presetGrid && <LazyGridCard gridId={presetGrid} compact />}
        {!signedIn && <PhoneSignIn title={t('第一步：验证手机号')} />}
        {signedIn && !isCitizen && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('工作人员请使用工作台或网格员端登记诉求；群众反映请用手机号验证码登录')}
          />
        )}
        {formError && (
          <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="form-error" />
        )}

        <div
          ref={(el) => {
            refs.current.body = el;
          }}
        >
          <Section title={t('遇到了什么问题')} error={errors.body} testId="body">
            <Input.TextArea
              value={draft.body}
              onChange={(e) => set('body', e.target.value)}
              autoSize={{ minRows: 4, maxRows: 10 }}
              maxLength={5000}
              showCount
              placeholder={t('请描述：什么问题、在什么地方、持续多久了……')}
              status={errors.body ? 'error' : undefined}
              data-testid="report-body"
            />
          </Section>
        </div>

        {signedIn && (
          <>
            <div
              ref={(el) => {
                refs.current.photos = el;
              }}
            >
              <Section title={t('照片（选填，最多 9 张）')} error={errors.photos} testId="photos-section">
                <LazyPhotoUploader
                  value={draft.photos}
                  onChange={(update) => setDraft((d) => ({ ...d, photos: update(d.photos) }))}
                />
              </Section>
            </div>

            <div
              ref={(el) => {
                refs.current.place = el;
              }}
            >
              <Section title={t('问题在哪里')} error={errors.place} testId="place">
                {presetGrid && grid.data && (
                  <Typography.Paragraph style={{ fontSize: 13 }}>
                    <QrcodeOutlined />{' '}
                    {t('已按二维码定位到 {{grid}}，也可以标出更准确的位置', { grid: grid.data.name })}
                  </Typography.Paragraph>
                )}
                <div className="gz-m-placebar">
                  <Button
                    icon={<AimOutlined />}
                    type={draft.mode === 'gps' ? 'primary' : 'default'}
                    loading={locating}
                    onClick={locateMe}
                    data-testid="place-gps"
                  >
                    {t('当前定位')}
                  </Button>
                  <Button
                    icon={<EnvironmentOutlined />}
                    type={draft.mode === 'map' ? 'primary' : 'default'}
                    onClick={() => set('mode', 'map')}
                    data-testid="place-map"
                  >
                    {t('地图选点')}
                  </Button>
                  <Button
                    icon={<EditOutlined />}
                    type={draft.mode === 'address' ? 'primary' : 'default'}
                    onClick={() => set('mode', 'address')}
                    data-testid="place-address"
                  >
                    {t('填写地址')}
                  </Button>
                </div>
                {draft.mode === 'map' && (
                  <LazyMapPicker
                    source="/api/citizen/grids"
                    value={draft.point}
                    focusGridId={presetGrid}
                    onPick={(lat, lng) => set('point', { lat, lng })}
                  />
                )}
                {draft.mode !== 'address' && draft.point && (
                  <div style={{ marginTop: 8 }} data-testid="place-name">
                    {located.isLoading ? (
                      <Spin size="small" />
                    ) : outside ? (
                      <Typography.Text type="danger">{t('该位置不在本县范围内，请重新选择')}</Typography.Text>
                    ) : (
                      <Typography.Text>
                        <EnvironmentOutlined style={{ color: '#b7282e' }} />{' '}
                        {placeName ?? `${draft.point.lat.toFixed(5)}, ${draft.point.lng.toFixed(5)}`}
                      </Typography.Text>
                    )}
                  </div>
                )}
                {(draft.mode === 'address' || draft.mode === 'gps' || draft.mode === 'map') && (
                  <Input
                    style={{ marginTop: 8 }}
                    value={draft.address}
                    onChange={(e) => set('address', e.target.value)}
                    maxLength={200}
                    placeholder={
                      draft.mode === 'address'
                        ? t('详细地址，如：青溪街道某某小区 3 幢东侧')
                        : t('补充地址或楼栋门牌（选填）')
                    }
                    data-testid="address"
                  />
                )}
                {draft.mode === 'address' && !presetGrid && (
                  <LazyVillageSelect
                    loading={gridMap.isLoading}
                    value={draft.villageId ?? null}
                    onChange={(v) => set('villageId', v)}
                    options={villages}
                    placeholder={t('所在村（社区）（地址中没有村社区名时请选择）')}
                  />
                )}
              </Section>
            </div>

            <div
              ref={(el) => {
                refs.current.category = el;
              }}
            >
              <Section title={t('问题类型（选填）')} error={errors.category} testId="category">
                <LazyCategoryField
                  text={draft.body}
                  value={draft.categoryId}
                  onChange={(id) => set('categoryId', id)}
                />
              </Section>
            </div>

            <div
              ref={(el) => {
                refs.current.reporter = el;
              }}
            >
              <Section title={t('反映方式')} error={errors.reporter} testId="reporter">
                <Radio.Group
                  value={draft.anonymous ? 'anonymous' : 'named'}
                  onChange={(e) => set('anonymous', e.target.value === 'anonymous')}
                  optionType="button"
                  buttonStyle="solid"
                  options={[
                    { value: 'named', label: t('实名反映') },
                    { value: 'anonymous', label: t('匿名反映') },
                  ]}
                  data-testid="anonymous"
                />
                {draft.anonymous ? (
                  <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginTop: 8, marginBottom: 0 }}>
                    {t('工作人员看不到您的姓名和电话；办理进展仍会显示在“我的反映”里。')}
                  </Typography.Paragraph>
                ) : (
                  <div style={{ marginTop: 10, display: 'grid', gap: 8 }}>
                    <Input
                      value={draft.name}
                      onChange={(e) => set('name', e.target.value)}
                      maxLength={50}
                      placeholder={t('怎么称呼您（选填）')}
                      data-testid="reporter-name"
                    />
                    <Input
                      value={draft.phone}
                      onChange={(e) => set('phone', e.target.value.trim())}
                      inputMode="tel"
                      maxLength={11}
                      placeholder={t('联系电话（默认使用登录手机号）')}
                      status={errors.reporter ? 'error' : undefined}
                      data-testid="reporter-phone"
                    />
                  </div>
                )}
              </Section>
            </div>

            <div className="gz-m-submit">
              <div className="gz-m-submit-inner">
                <Button
                  type="primary"
                  size="large"
                  block
                  loading={submitting}
                  disabled={!isCitizen}
                  onClick={submit}
                  style={{ height: 48, fontSize: 17 }}
                  data-testid="report-submit"
                >
                  {t('提交反映')}
                </Button>
              </div>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
