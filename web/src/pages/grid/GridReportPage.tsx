// 随手拍: the grid worker reports what they found — words, photos, the spot — as a case of their grid; during
// a patrol the finding is also a point on it. A token per draft makes a resubmission the same case.
import { AimOutlined, CameraOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../api';
import { CategoryField } from '../citizen/CategoryField';
import type { Patrol } from '../citizen/citizen-types';
import { MapPicker } from '../citizen/MapPicker';
import '../citizen/mobile.css';
import { type Photo, PhotoUploader, photoIds, photosBusy } from '../citizen/PhotoUploader';
import { currentPosition } from './PatrolPage';

const token = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;

export default function GridReportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [clientToken] = useState(token);
  const [body, setBody] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);
  const [address, setAddress] = useState('');
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [showMap, setShowMap] = useState(false);
  const [locating, setLocating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = useQuery({
    queryKey: ['patrol', 'current'],
    queryFn: () => api<{ patrol: Patrol | null }>('/api/patrols/current'),
  });

  const locate = async () => {
    setLocating(true);
    setError(null);
    try {
      const pos = await currentPosition();
      setPoint({ lat: pos.coords.latitude, lng: pos.coords.longitude });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLocating(false);
    }
  };

  const submit = async () => {
    setError(null);
    if (body.trim().length < 5) {
      setError(t('请描述发现的问题（至少 5 个字）'));
      return;
    }
    if (photosBusy(photos)) {
      setError(t('照片还在上传，请稍候'));
      return;
    }
    setBusy(true);
    try {
      const res = await api<{ id: number; number: string }>('/api/patrols/findings', {
        method: 'POST',
        body: {
          clientToken,
          body: body.trim(),
          categoryId,
          lat: point?.lat ?? null,
          lng: point?.lng ?? null,
          address: address.trim() || null,
          attachmentIds: photoIds(photos),
          patrolId: current.data?.patrol?.id ?? null,
        },
      });
      message.success(t('已上报，编号 {{number}}', { number: res.number }));
      void qc.invalidateQueries({ queryKey: ['patrol'] });
      void qc.invalidateQueries({ queryKey: ['cases'] });
      navigate(`/grid/cases/${res.id}`, { replace: true });
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 0 ? t('网络不稳定，请稍后重试（不会重复上报）') : errorMessage(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="snap-title">
          <CameraOutlined /> {t('随手拍')}
        </Typography.Title>
        <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>
          {current.data?.patrol ? t('将记入本次巡查') : t('上报巡查中发现的问题')}
        </div>
      </div>
      <div className="gz-m-page">
        <div className="gz-m-card">
          <div className="gz-m-card-title">{t('发现了什么')}</div>
          <Input.TextArea
            value={body}
            onChange={(e) => setBody(e.target.value)}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={5000}
            showCount
            placeholder={t('问题描述：什么问题、影响多大')}
            data-testid="snap-body"
          />
        </div>
        <div className="gz-m-card">
          <div className="gz-m-card-title">{t('现场照片')}</div>
          <PhotoUploader value={photos} onChange={(u) => setPhotos(u)} testId="snap-photos" label={t('拍照')} />
        </div>
        <div className="gz-m-card">
          <div className="gz-m-card-title">{t('位置')}</div>
          <div className="gz-m-placebar">
            <Button icon={<AimOutlined />} loading={locating} onClick={locate} data-testid="snap-gps">
              {t('当前定位')}
            </Button>
            <Button icon={<EnvironmentOutlined />} onClick={() => setShowMap((s) => !s)} data-testid="snap-map">
              {t('地图选点')}
            </Button>
          </div>
          {showMap && (
            <MapPicker
              source="/api/grids/geojson"
              value={point}
              onPick={(lat, lng) => setPoint({ lat, lng })}
              height={220}
            />
          )}
          {point && (
            <div className="gz-m-muted" style={{ margin: '6px 0' }}>
              <EnvironmentOutlined /> {point.lat.toFixed(5)}, {point.lng.toFixed(5)}
            </div>
          )}
          <Input
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            maxLength={200}
            placeholder={t('地址补充（选填）')}
            style={{ marginTop: 6 }}
          />
          {!point && (
            <div className="gz-m-muted" style={{ marginTop: 6 }}>
              {t('不定位时按本网格登记')}
            </div>
          )}
        </div>
        <div className="gz-m-card">
          <div className="gz-m-card-title">{t('问题类型（选填）')}</div>
          <CategoryField text={body} value={categoryId} onChange={setCategoryId} />
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="snap-error" />}
        <div className="gz-m-submit">
          <div className="gz-m-submit-inner">
            <Button
              type="primary"
              size="large"
              block
              loading={busy}
              onClick={submit}
              style={{ height: 48 }}
              data-testid="snap-submit"
            >
              {t('上报')}
            </Button>
          </div>
        </div>
      </div>
    </div>
  );
}
