// 巡查日志: start a patrol, record where the worker is (the phone's location, a note, photos), end it with a
// summary; the track is drawn over the grid, and past patrols are listed below.
import { AimOutlined, CameraOutlined, FlagOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, List, Modal, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import L from 'leaflet';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, GeoJSON, Polyline, useMap } from 'react-leaflet';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { BaseMapContainer } from '../../components/BaseMap';
import type { Page } from '../../types';
import type { Patrol, PatrolPoint } from '../citizen/citizen-types';
import { type GridMap, useGridMap } from '../citizen/MapPicker';
import '../citizen/mobile.css';
import { type Photo, PhotoUploader, photoIds, photosBusy } from '../citizen/PhotoUploader';

/** The phone's position, as a promise (with a readable Chinese error). */
export function currentPosition(): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(new Error('此设备不支持定位'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      resolve,
      (err) => {
        reject(
          new Error(
            err.code === err.PERMISSION_DENIED
              ? '未获得定位权限，请在浏览器设置中允许定位'
              : '定位失败，请到开阔处重试',
          ),
        );
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 10000 },
    );
  });
}

function FitTrack({ grid, points }: { grid: GridMap | undefined; points: PatrolPoint[] }) {
  const map = useMap();
  useEffect(() => {
    const bounds = grid ? L.geoJSON(grid).getBounds() : L.latLngBounds([]);
    for (const p of points) bounds.extend([p.lat, p.lng]);
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16] });
  }, [grid, points, map]);
  return null;
}

function TrackMap({ points }: { points: PatrolPoint[] }) {
  const { data: grid } = useGridMap('/api/grids/geojson');
  return (
    <BaseMapContainer
      className="gz-map"
      style={{ height: 220, width: '100%' }}
      center={[0, 0]}
      zoom={14}
      zoomSnap={0.25}
      attributionControl={false}
      scrollWheelZoom={false}
    >
      {grid && <GeoJSON data={grid} style={{ color: '#b7282e', weight: 2, fillColor: '#b7282e', fillOpacity: 0.08 }} />}
      <Polyline
        positions={points.map((p) => [p.lat, p.lng] as [number, number])}
        pathOptions={{ color: '#1d5fa8', weight: 3 }}
      />
      {points.map((p) => (
        <CircleMarker
          key={p.seq}
          center={[p.lat, p.lng]}
          radius={5}
          pathOptions={{ color: '#fff', weight: 2, fillColor: p.inGrid ? '#1d5fa8' : '#d48806', fillOpacity: 1 }}
        />
      ))}
      <FitTrack grid={grid} points={points} />
    </BaseMapContainer>
  );
}

function PointForm({ patrol, onDone }: { patrol: Patrol; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const record = async () => {
    if (photosBusy(photos)) {
      setError(t('照片还在上传，请稍候'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const pos = await currentPosition();
      await api(`/api/patrols/${patrol.id}/points`, {
        method: 'POST',
        body: {
          lat: pos.coords.latitude,
          lng: pos.coords.longitude,
          accuracyM: pos.coords.accuracy,
          note: note.trim() || null,
          attachmentIds: photoIds(photos),
        },
      });
      message.success(t('已记录巡查点'));
      setNote('');
      setPhotos([]);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="gz-m-card" data-testid="patrol-point-form">
      <div className="gz-m-card-title">{t('记录巡查点')}</div>
      <Input
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={500}
        placeholder={t('备注（选填）：如“小区东门，正常”')}
        style={{ marginBottom: 8 }}
        data-testid="patrol-note"
      />
      <PhotoUploader value={photos} onChange={(u) => setPhotos(u)} testId="patrol-photos" />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      <Button
        type="primary"
        block
        icon={<AimOutlined />}
        loading={busy}
        onClick={record}
        style={{ marginTop: 10 }}
        data-testid="patrol-record"
      >
        {t('定位并记录')}
      </Button>
    </div>
  );
}

export default function PatrolPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const current = useQuery({
    queryKey: ['patrol', 'current'],
    queryFn: () => api<{ patrol: Patrol | null }>('/api/patrols/current'),
  });
  const history = useQuery({
    queryKey: ['patrols', 'mine'],
    queryFn: () => api<Page<Patrol>>('/api/patrols', { query: { limit: 10, open: false } }),
  });
  const [busy, setBusy] = useState(false);
  const [ending, setEnding] = useState(false);
  const [summary, setSummary] = useState('');
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['patrol'] });
    void qc.invalidateQueries({ queryKey: ['patrols'] });
  };
  const patrol = current.data?.patrol ?? null;

  const start = async () => {
    setBusy(true);
    try {
      await api('/api/patrols', { method: 'POST' });
      // The first point is where the patrol starts; without a position the patrol still starts.
      refresh();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const end = async () => {
    if (!patrol) return;
    setBusy(true);
    try {
      const done = await api<Patrol>(`/api/patrols/${patrol.id}/end`, {
        method: 'POST',
        body: { summary: summary.trim() || null },
      });
      message.success(
        t('巡查已结束：{{n}} 个点，约 {{m}} 米', { n: done.pointCount, m: Math.round(done.distanceM ?? 0) }),
      );
      setEnding(false);
      setSummary('');
      refresh();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div className="gz-mobile-header">
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="patrol-title">
          {t('巡查日志')}
        </Typography.Title>
        <div style={{ opacity: 0.9, marginTop: 4, fontSize: 13 }}>
          {patrol
            ? t('巡查中 · {{time}} 开始 · 已记录 {{n}} 个点', {
                time: dayjs(patrol.startedAt).format('HH:mm'),
                n: patrol.pointCount,
              })
            : t('每日巡查网格，发现问题随手拍')}
        </div>
      </div>
      <div className="gz-m-page">
        {current.isLoading && <Skeleton active />}
        {current.error && <Alert type="error" showIcon title={errorMessage(current.error)} />}
        {current.data && !patrol && (
          <div className="gz-m-card" style={{ textAlign: 'center' }}>
            <Button
              type="primary"
              size="large"
              icon={<PlayCircleOutlined />}
              loading={busy}
              onClick={start}
              style={{ height: 52, minWidth: 200 }}
              data-testid="patrol-start"
            >
              {t('开始巡查')}
            </Button>
          </div>
        )}
        {patrol && (
          <>
            <div className="gz-m-card" data-testid="patrol-current">
              <TrackMap points={patrol.points ?? []} />
              <div className="gz-m-muted" style={{ marginTop: 6 }}>
                <Tag color="blue">{t('网格内')}</Tag>
                <Tag color="gold">{t('网格外')}</Tag>
              </div>
            </div>
            <PointForm patrol={patrol} onDone={refresh} />
            <div style={{ display: 'flex', gap: 8, marginBottom: 12 }}>
              <Link to="/grid/report" style={{ flex: 1 }}>
                <Button block icon={<CameraOutlined />} data-testid="patrol-snap">
                  {t('发现问题，随手拍')}
                </Button>
              </Link>
              <Button
                danger
                style={{ flex: 1 }}
                icon={<FlagOutlined />}
                onClick={() => setEnding(true)}
                data-testid="patrol-end"
              >
                {t('结束巡查')}
              </Button>
            </div>
            {(patrol.points ?? []).length > 0 && (
              <div className="gz-m-card">
                <div className="gz-m-card-title">{t('本次巡查点')}</div>
                <List
                  size="small"
                  dataSource={[...(patrol.points ?? [])].reverse()}
                  renderItem={(p) => (
                    <List.Item key={p.seq} data-testid="patrol-point">
                      <div>
                        <div>
                          {p.note ?? t('巡查点 {{n}}', { n: p.seq })}{' '}
                          {!p.inGrid && <Tag color="gold">{t('网格外')}</Tag>}
                          {p.caseId && (
                            <Link to={`/grid/cases/${p.caseId}`}>
                              <Tag color="red">{t('已上报')}</Tag>
                            </Link>
                          )}
                        </div>
                        <div className="gz-m-muted">{dayjs(p.at).format('HH:mm:ss')}</div>
                      </div>
                    </List.Item>
                  )}
                />
              </div>
            )}
          </>
        )}
        <div className="gz-m-card" data-testid="patrol-history">
          <div className="gz-m-card-title">{t('近期巡查')}</div>
          {history.data && history.data.items.length === 0 && <div className="gz-m-muted">{t('暂无')}</div>}
          <List
            size="small"
            dataSource={history.data?.items ?? []}
            renderItem={(p) => (
              <List.Item key={p.id}>
                <div style={{ width: '100%' }}>
                  <div style={{ display: 'flex', justifyContent: 'space-between' }}>
                    <span>
                      {dayjs(p.startedAt).format('MM-DD HH:mm')} – {p.endedAt ? dayjs(p.endedAt).format('HH:mm') : ''}
                    </span>
                    <span className="gz-m-muted">
                      {t('{{n}} 个点 · {{m}} 米', { n: p.pointCount, m: Math.round(p.distanceM ?? 0) })}
                    </span>
                  </div>
                  {p.summary && <div className="gz-m-muted">{p.summary}</div>}
                </div>
              </List.Item>
            )}
          />
        </div>
      </div>
      <Modal
        open={ending}
        title={t('结束巡查')}
        onCancel={() => setEnding(false)}
        onOk={end}
        okText={t('结束')}
        cancelText={t('取消')}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'patrol-end-confirm' } as never}
      >
        <Input.TextArea
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 6 }}
          maxLength={2000}
          placeholder={t('巡查小结（选填）：发现的问题、处理情况')}
          data-testid="patrol-summary"
        />
      </Modal>
    </div>
  );
}
