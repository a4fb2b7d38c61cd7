// 网格地图: every grid polygon on a plain background, coloured by town; click for details; locate a point.
import { AimOutlined, CloseOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Modal,
  Row,
  Segmented,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { Feature, Geometry } from 'geojson';
import L from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, GeoJSON, Tooltip as LTooltip, useMap, useMapEvents } from 'react-leaflet';
import { ApiError, api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { BaseMapContainer } from '../../components/BaseMap';
import { PageTitle } from '../../components/common';
import type { GridCollection, GridProps, Id, ImportError, LocateResult } from '../../types';
import { GridFiguresPanel, OverdueMarkers, PeopleLegend, useGridFigures } from '../grid-data/GridDataMapLayer';

const TOWN_COLORS = [
  '#b7282e',
  '#1d5fa8',
  '#d48806',
  '#389e0d',
  '#722ed1',
  '#13a8a8',
  '#eb2f96',
  '#8c6d1f',
  '#2f54eb',
  '#fa541c',
  '#237804',
  '#531dab',
  '#c41d7f',
  '#006d75',
  '#614700',
  '#820014',
];

function FitBounds({ data }: { data: GridCollection }) {
  const map = useMap();
  useEffect(() => {
    const bounds = L.geoJSON(data).getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
  }, [data, map]);
  return null;
}

function ClickHandler({ active, onPick }: { active: boolean; onPick: (lat: number, lng: number) => void }) {
  const map = useMapEvents({
    click: (e) => {
      if (active) onPick(e.latlng.lat, e.latlng.lng);
    },
  });
  useEffect(() => {
    map.getContainer().style.cursor = active ? 'crosshair' : '';
  }, [active, map]);
  return null;
}

type LocateState = { lat: number; lng: number; result?: LocateResult; error?: string; loading?: boolean };

function BoundaryImport({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [errors, setErrors] = useState<ImportError[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setErrors(null);
    setFailure(null);
    setBusy(true);
    try {
      let body: unknown;
      try {
        body = JSON.parse(await file.text());
      } catch {
        throw new Error(t('文件不是有效的 GeoJSON'));
      }
      const res = await api<{ updated: number }>('/api/grids/boundaries', { method: 'POST', body });
      message.success(t('已更新 {{n}} 个网格边界', { n: res.updated }));
      void qc.invalidateQueries({ queryKey: ['grids'] });
      onClose();
    } catch (err) {
      const details = err instanceof ApiError ? (err.details as { errors?: ImportError[] } | undefined) : undefined;
      if (details?.errors) setErrors(details.errors);
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('导入网格边界')} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {t('上传 GeoJSON FeatureCollection，每个要素的 properties.code 为网格编码，几何为 Polygon 或 MultiPolygon。')}
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".json,.geojson"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(f) => {
          void upload(f);
          return false;
        }}
      >
        <Spin spinning={busy}>
          <p className="ant-upload-drag-icon">
            <UploadOutlined />
          </p>
          <p>{t('点击或拖拽文件到此处')}</p>
        </Spin>
      </Upload.Dragger>
      {failure && <Alert style={{ marginTop: 12 }} type="error" showIcon title={failure} />}
      {errors && (
        <Table<ImportError>
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(r) => `${r.row}-${r.message}`}
          dataSource={errors}
          pagination={{ pageSize: 8 }}
          columns={[
            { title: t('要素序号'), dataIndex: 'row', width: 100 },
            { title: t('错误'), dataIndex: 'message' },
          ]}
        />
      )}
    </Modal>
  );
}

/** Open disputes of a grid by risk level (GET /api/disputes/by-grid, within the caller's scope). */
interface GridDisputes {
  gridId: number;
  general: number;
  serious: number;
  major: number;
  total: number;
}

/** The disputes layer: a grid takes the colour of its highest open risk. */
const RISK_FILL = { major: '#cf1322', serious: '#fa8c16', general: '#fadb14', none: '#d9d9d9' } as const;

function riskOf(d: GridDisputes | undefined): keyof typeof RISK_FILL {
  if (!d || d.total === 0) return 'none';
  return d.major > 0 ? 'major' : d.serious > 0 ? 'serious' : 'general';
}

export default function GridsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { data, isLoading, error } = useQuery({
    queryKey: ['grids', 'geojson'],
    queryFn: () => api<GridCollection>('/api/grids/geojson'),
    staleTime: 5 * 60_000,
  });
  const [selected, setSelected] = useState<GridProps | null>(null);
  const [locating, setLocating] = useState(false);
  const [locate, setLocate] = useState<LocateState | null>(null);
  const [importing, setImporting] = useState(false);
  const geoRef = useRef<L.GeoJSON | null>(null);
  const [layer, setLayer] = useState<'towns' | 'disputes' | 'griddata'>('towns');
  // 网格底数 (issue 14 §1): people per grid as a choropleth, overdue inspections as markers, a grid's figures
  const gridFigures = useGridFigures(layer === 'griddata' && can('griddata.read'));
  const figuresRef = useRef(gridFigures);
  figuresRef.current = gridFigures;
  const disputes = useQuery({
    queryKey: ['disputes', 'by-grid'],
    queryFn: () => api<{ items: GridDisputes[] }>('/api/disputes/by-grid'),
    enabled: layer === 'disputes' && can('dispute.read'),
  });
  const disputesByGrid = useMemo(
    () => new Map((disputes.data?.items ?? []).map((d) => [d.gridId, d])),
    [disputes.data],
  );
  const layerRef = useRef(layer);
  layerRef.current = layer;
  const disputesRef = useRef(disputesByGrid);
  disputesRef.current = disputesByGrid;
  const locatingRef = useRef(locating);
  locatingRef.current = locating;

  const towns = useMemo(() => {
    const m = new Map<Id, { name: string; color: string; grids: number }>();
    for (const f of data?.features ?? []) {
      const p = f.properties;
      const entry = m.get(p.townId);
      if (entry) entry.grids += 1;
      else m.set(p.townId, { name: p.townName, color: TOWN_COLORS[m.size % TOWN_COLORS.length] ?? '#888', grids: 1 });
    }
    return m;
  }, [data]);

  const pick = async (lat: number, lng: number) => {
    setLocate({ lat, lng, loading: true });
    try {
      const result = await api<LocateResult>('/api/locate', { query: { lat: lat.toFixed(6), lng: lng.toFixed(6) } });
      setLocate({ lat, lng, result });
    } catch (err) {
      setLocate({ lat, lng, error: errorMessage(err) });
    }
  };

  const style = (feature?: Feature<Geometry, GridProps>) => {
    const p = feature?.properties;
    const isSelected = p && selected && p.id === selected.id;
    const className = p ? `gz-grid-${p.id}` : undefined;
    if (layerRef.current === 'griddata') {
      return {
        className,
        color: isSelected ? '#000' : '#8c8c8c',
        weight: isSelected ? 3 : 0.5,
        fillColor: p ? figuresRef.current.shade(Number(p.id)) : '#f0f0f0',
        fillOpacity: isSelected ? 0.9 : 0.75,
      };
    }
    if (layerRef.current === 'disputes') {
      const fill = RISK_FILL[riskOf(p ? disputesRef.current.get(Number(p.id)) : undefined)];
      return {
        className,
        color: isSelected ? '#000' : '#8c8c8c',
        weight: isSelected ? 3 : 0.5,
        fillColor: fill,
        fillOpacity: isSelected ? 0.8 : 0.6,
      };
    }
    const color = (p && towns.get(p.townId)?.color) ?? '#888';
    return {
      className,
      color: isSelected ? '#000' : color,
      weight: isSelected ? 3 : 1,
      fillColor: color,
      fillOpacity: isSelected ? 0.55 : 0.25,
    };
  };

  // Restyle in place when the selection changes: rebuilding a thousand polygons is visibly slow.
  // biome-ignore lint/correctness/useExhaustiveDependencies: style reads selected and towns
  useEffect(() => {
    geoRef.current?.setStyle((f) => style(f as Feature<Geometry, GridProps>));
  }, [selected, towns, layer, disputesByGrid, gridFigures]);

  return (
    <>
      <PageTitle
        title={t('网格地图')}
        extra={
          <Space>
            {(can('dispute.read') || can('griddata.read')) && (
              <Segmented
                value={layer}
                onChange={(v) => setLayer(v as 'towns' | 'disputes' | 'griddata')}
                options={[
                  { value: 'towns', label: t('镇街') },
                  ...(can('dispute.read') ? [{ value: 'disputes', label: t('在办矛盾纠纷') }] : []),
                  ...(can('griddata.read') ? [{ value: 'griddata', label: t('网格底数') }] : []),
                ]}
                data-testid="map-layer"
              />
            )}
            <Button
              type={locating ? 'primary' : 'default'}
              icon={<AimOutlined />}
              onClick={() => {
                setLocating((v) => !v);
                setLocate(null);
              }}
              data-testid="locate-tool"
            >
              {locating ? t('点击地图定位…') : t('定位')}
            </Button>
            {can('org.manage') && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {t('导入边界')}
              </Button>
            )}
          </Space>
        }
      />
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      <Row gutter={12}>
        <Col xs={24} lg={17}>
          <Card size="small" styles={{ body: { padding: 0, position: 'relative' } }}>
            {isLoading && (
              <div
                style={{
                  position: 'absolute',
                  inset: 0,
                  zIndex: 1000,
                  display: 'flex',
                  alignItems: 'center',
                  justifyContent: 'center',
                }}
              >
                <Spin />
              </div>
            )}
            <BaseMapContainer
              className="gz-map"
              style={{ height: 'calc(100vh - 190px)', minHeight: 420, width: '100%' }}
              center={[30, 110]}
              zoom={10}
              zoomSnap={0.25}
              attributionControl={false}
              data-testid="grid-map"
            >
              {data && (
                <>
                  <GeoJSON
                    ref={geoRef}
                    key={data.features.length}
                    data={data}
                    style={style}
                    onEachFeature={(feature: Feature<Geometry, GridProps>, layer) => {
                      const p = feature.properties;
                      layer.bindTooltip(
                        () => {
                          const head = `${p.townName} · ${p.villageName}<br/><b>${p.name}</b>`;
                          if (layerRef.current === 'griddata') {
                            const f = figuresRef.current.byGrid.get(Number(p.id));
                            // the figures named one by one: the record's own keys (lng, the grid's longitude)
                            // would be taken as i18next options (lng: the language) and the tooltip would throw
                            return f
                              ? `${head}<br/>${t('人员 {{people}} · 户 {{households}} · 巡检逾期 {{overdue}}', {
                                  people: f.people,
                                  households: f.households,
                                  overdue: f.overdue,
                                })}`
                              : head;
                          }
                          if (layerRef.current !== 'disputes') return head;
                          const d = disputesRef.current.get(Number(p.id));
                          return `${head}<br/>${t('在办矛盾纠纷 {{n}} 件', { n: d?.total ?? 0 })}${
                            d?.total
                              ? `（${t('重大')} ${d.major} · ${t('较大')} ${d.serious} · ${t('一般')} ${d.general}）`
                              : ''
                          }`;
                        },
                        { sticky: true },
                      );
                      layer.on('click', () => {
                        if (!locatingRef.current) setSelected(p);
                      });
                    }}
                  />
                  <FitBounds data={data} />
                </>
              )}
              {layer === 'griddata' && <OverdueMarkers figures={gridFigures.byGrid} />}
              <ClickHandler active={locating} onPick={(lat, lng) => void pick(lat, lng)} />
              {locate && (
                <CircleMarker
                  center={[locate.lat, locate.lng]}
                  radius={7}
                  pathOptions={{ color: '#000', fillColor: '#ffd666', fillOpacity: 1 }}
                >
                  <LTooltip permanent direction="top">
                    {locate.result?.grid.name ?? (locate.loading ? '…' : t('不在本县范围内'))}
                  </LTooltip>
                </CircleMarker>
              )}
            </BaseMapContainer>
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          {locate && (
            <Card
              size="small"
              title={t('定位结果')}
              style={{ marginBottom: 12 }}
              extra={<Button type="text" size="small" icon={<CloseOutlined />} onClick={() => setLocate(null)} />}
              data-testid="locate-result"
            >
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {locate.lat.toFixed(5)}, {locate.lng.toFixed(5)}
              </Typography.Text>
              {locate.loading && <Spin style={{ display: 'block', marginTop: 8 }} />}
              {locate.error && <Alert style={{ marginTop: 8 }} type="warning" showIcon title={locate.error} />}
              {locate.result && (
                <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
                  <Descriptions.Item label={t('县')}>{locate.result.county.name}</Descriptions.Item>
                  <Descriptions.Item label={t('镇街')}>{locate.result.town.name}</Descriptions.Item>
                  <Descriptions.Item label={t('村社区')}>{locate.result.village.name}</Descriptions.Item>
                  <Descriptions.Item label={t('网格')}>
                    {locate.result.grid.name}
                    <Typography.Text type="secondary"> {locate.result.grid.code}</Typography.Text>
                  </Descriptions.Item>
                </Descriptions>
              )}
            </Card>
          )}
          <Card
            size="small"
            title={t('网格详情')}
            style={{ marginBottom: 12 }}
            extra={
              selected && <Button type="text" size="small" icon={<CloseOutlined />} onClick={() => setSelected(null)} />
            }
            data-testid="grid-detail"
          >
            {selected ? (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('网格')}>{selected.name}</Descriptions.Item>
                <Descriptions.Item label={t('编码')}>{selected.code}</Descriptions.Item>
                <Descriptions.Item label={t('村社区')}>{selected.villageName}</Descriptions.Item>
                <Descriptions.Item label={t('镇街')}>{selected.townName}</Descriptions.Item>
                <Descriptions.Item label={t('户数')}>{selected.households ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('网格员')}>{selected.gridWorkerName ?? t('未配备')}</Descriptions.Item>
                {layer === 'disputes' && (
                  <Descriptions.Item label={t('在办矛盾纠纷')}>
                    <span data-testid="grid-disputes">{disputesByGrid.get(Number(selected.id))?.total ?? 0}</span>
                  </Descriptions.Item>
                )}
              </Descriptions>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('点击地图上的网格查看详情')} />
            )}
          </Card>
          {layer === 'griddata' && <GridFiguresPanel key={selected?.id ?? 'none'} grid={selected} />}
          {layer === 'griddata' ? (
            <PeopleLegend
              cuts={gridFigures.cuts}
              overdueGrids={[...gridFigures.byGrid.values()].filter((g) => g.overdue > 0).length}
            />
          ) : layer === 'disputes' ? (
            <Card size="small" title={t('在办矛盾纠纷（按最高风险等级着色）')} data-testid="dispute-legend">
              <Space wrap size={[4, 6]}>
                {(['major', 'serious', 'general', 'none'] as const).map((risk) => {
                  const grids = (data?.features ?? []).filter(
                    (f) => riskOf(disputesByGrid.get(Number(f.properties.id))) === risk,
                  ).length;
                  const label = { major: '重大', serious: '较大', general: '一般', none: '无在办' }[risk];
                  return (
                    <Tag key={risk} color={RISK_FILL[risk]} style={{ color: risk === 'none' ? '#595959' : '#000' }}>
                      {t(label)} · {t('{{n}} 个网格', { n: grids })}
                    </Tag>
                  );
                })}
              </Space>
            </Card>
          ) : (
            <Card size="small" title={t('镇街图例（共 {{n}} 个网格）', { n: data?.features.length ?? 0 })}>
              <Space wrap size={[4, 6]}>
                {[...towns.values()].map((town) => (
                  <Tag key={town.name} color={town.color}>
                    {town.name} · {town.grids}
                  </Tag>
                ))}
              </Space>
            </Card>
          )}
        </Col>
      </Row>
      <BoundaryImport open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
