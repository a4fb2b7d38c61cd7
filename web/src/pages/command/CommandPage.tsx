// 三级指挥平台: a dark wall-display screen for one level (county, town, village or grid): the grid map
// coloured by open and overdue cases, today's figures, hot categories, the overdue list and the live stream of
// new and escalated cases, the early warnings (预警: group risks and spikes, issue 19) with the cases behind them;
// click a place on the map or in the list to drill down, the breadcrumb to go back.
import { FullscreenOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Breadcrumb, Button, Popover, Spin, Tooltip } from 'antd';
import type { Feature, Geometry } from 'geojson';
import L from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GeoJSON, useMap } from 'react-leaflet';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { BaseMapContainer } from '../../components/BaseMap';
import type { GridCollection, GridProps, Id } from '../../types';
import { Bars } from '../dashboards/DashboardCharts';
import type { CommandOverview } from '../dashboards/dashboard-api';
import { useScreeningInbox } from '../screenings/screening-api';
import './command.css';

interface StreamItem {
  key: string;
  caseId: Id;
  number: string;
  title?: string;
  kind: 'new' | 'escalated' | 'changed';
  state: string;
  at: string;
}

/** A warning of the area (GET /api/intelligence/warnings): its cases the reader sees, newest first. */
interface WarningItem {
  key: string;
  kind: 'group_risk' | 'spike' | string;
  title: string;
  createdAt: string;
  caseCount: number;
  cases: { id: Id; number: string; title: string }[];
}

const WARNING_KINDS: Record<string, string> = { group_risk: '群体性风险', spike: '突增' };

const shortTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

const STATE_LABELS: Record<string, string> = {
  submitted: '待受理',
  verifying: '核实中',
  pending_dispatch: '待派遣',
  dispatched: '待签收',
  handling: '办理中',
  suspended: '挂起',
  replied: '已反馈',
  closed: '已办结',
  appealed: '申诉中',
  rejected: '不予受理',
  archived: '已归档',
  merged: '已合并',
};

/** Open and overdue load → a fill colour: calm blue, busy amber, red where clocks have run out. */
function loadColour(open: number, overdue: number, maxOpen: number): { fill: string; opacity: number } {
  if (overdue > 0) return { fill: '#ff4d4f', opacity: Math.min(0.85, 0.35 + overdue / Math.max(4, maxOpen)) };
  if (open > 0) return { fill: '#faad14', opacity: Math.min(0.75, 0.2 + (open / Math.max(1, maxOpen)) * 0.55) };
  return { fill: '#1e88e5', opacity: 0.12 };
}

function FitTo({ bounds }: { bounds: L.LatLngBounds | null }) {
  const map = useMap();
  useEffect(() => {
    if (bounds?.isValid()) map.fitBounds(bounds, { padding: [16, 16] });
  }, [bounds, map]);
  return null;
}

function childKeyOf(kind: string): keyof GridProps | 'id' | null {
  if (kind === 'county') return 'townId';
  if (kind === 'town') return 'villageId';
  if (kind === 'village') return 'id';
  return null;
}

function inArea(p: GridProps, org: { id: Id; kind: string }): boolean {
  if (org.kind === 'county') return true;
  if (org.kind === 'town') return p.townId === org.id;
  if (org.kind === 'village') return p.villageId === org.id;
  return p.id === org.id;
}

export default function CommandPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [orgId, setOrgId] = useState<Id | undefined>();
  const [stream, setStream] = useState<StreamItem[]>([]);
  const [live, setLive] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  const overview = useQuery({
    queryKey: ['command', orgId],
    queryFn: () => api<CommandOverview>('/api/command/overview', { query: { orgId } }),
    refetchInterval: live ? 60_000 : 15_000,
  });
  const warnings = useQuery({
    queryKey: ['command', 'warnings', orgId],
    queryFn: () => api<{ items: WarningItem[] }>('/api/intelligence/warnings', { query: { orgId, limit: 10 } }),
    refetchInterval: 60_000,
  });
  const grids = useQuery({
    queryKey: ['grids', 'geojson'],
    queryFn: () => api<GridCollection>('/api/grids/geojson'),
    staleTime: 300_000,
  });
  const o = overview.data;

  // The live stream (server-sent events); polling above keeps the screen current when it is unavailable.
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/stream');
    let timer: ReturnType<typeof setTimeout> | null = null;
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener('case', (ev) => {
      try {
        const d = JSON.parse((ev as MessageEvent).data) as { caseId: Id; number: string; type: string; state: string };
        const kind =
          d.type === 'opened'
            ? 'new'
            : d.type === 'escalateOverdue' || d.type === 'supervise'
              ? 'escalated'
              : 'changed';
        if (kind === 'changed') return;
        setStream((s) =>
          [
            {
              key: `${d.caseId}-${Date.now()}`,
              caseId: d.caseId,
              number: d.number,
              kind,
              state: d.state,
              at: new Date().toISOString(),
            } as StreamItem,
            ...s,
          ].slice(0, 30),
        );
        if (!timer) {
          timer = setTimeout(() => {
            timer = null;
            void qc.invalidateQueries({ queryKey: ['command'] });
          }, 3000);
        }
      } catch {
        // a malformed message is skipped
      }
    });
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [qc]);

  const children = useMemo(() => new Map((o?.children ?? []).map((c) => [c.id, c])), [o]);
  const maxOpen = useMemo(() => Math.max(1, ...(o?.children ?? []).map((c) => c.openNow)), [o]);
  const key = o ? childKeyOf(o.org.kind) : null;

  const bounds = useMemo(() => {
    if (!grids.data || !o) return null;
    const mine = grids.data.features.filter((f) => inArea(f.properties, o.org));
    return mine.length
      ? L.geoJSON({ type: 'FeatureCollection', features: mine } as GeoJSON.FeatureCollection).getBounds()
      : null;
  }, [grids.data, o]);

  const style = (feature?: Feature<Geometry, GridProps>) => {
    const p = feature?.properties;
    if (!p || !o) return {};
    if (!inArea(p, o.org)) return { color: '#2b3a55', weight: 0.5, fillColor: '#0d1b2e', fillOpacity: 0.4 };
    const child = key ? children.get(p[key] as Id) : undefined;
    if (!child) return { color: '#4fc3f7', weight: 2, fillColor: '#4fc3f7', fillOpacity: 0.35 };
    const c = loadColour(child.openNow, child.overdueNow, maxOpen);
    return { color: '#7fb3ff', weight: 0.6, fillColor: c.fill, fillOpacity: c.opacity };
  };

  const geoRef = useRef<L.GeoJSON | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: style reads the overview
  useEffect(() => {
    geoRef.current?.setStyle((f) => style(f as Feature<Geometry, GridProps>));
  }, [o, children, maxOpen]);

  const drill = (p: GridProps) => {
    if (!o || !inArea(p, o.org)) return;
    const next =
      o.org.kind === 'county' ? p.townId : o.org.kind === 'town' ? p.villageId : o.org.kind === 'village' ? p.id : null;
    if (next) setOrgId(next);
  };
  const drillRef = useRef(drill);
  drillRef.current = drill;

  const screening = useScreeningInbox(); // screenings (issue 14 §2): the units below that missed one
  const tiles: [string, number | undefined, string, string][] = [
    ['今日受理', o?.today.received, '#4fc3f7', 'cc-received'],
    ['今日办结', o?.today.closed, '#81c784', 'cc-closed'],
    ['当前在办', o?.today.openNow, '#ffb74d', 'cc-open'],
    ['当前超期', o?.today.overdueNow, '#ff6b6b', 'cc-overdue'],
    ['下级未排查', screening.data?.missedBelow, '#ff8a65', 'cc-screening-missed'],
  ];

  const streamItems: StreamItem[] = [
    ...stream,
    ...(o?.recent ?? []).map((r) => ({
      key: `r${r.id}`,
      caseId: r.id,
      number: r.number,
      title: r.title,
      kind: (r.supervisionLevel ? 'escalated' : 'new') as StreamItem['kind'],
      state: r.state,
      at: r.reportedAt,
    })),
  ].slice(0, 20);

  return (
    <div className="cc-root" ref={root} data-testid="command-page">
      <div className="cc-header">
        <div className="cc-title">
          {o ? `${o.org.name} · ` : ''}
          {t('三级指挥平台')}
        </div>
        <Breadcrumb
          className="cc-crumbs"
          data-testid="cc-breadcrumb"
          items={(o?.breadcrumb ?? []).map((b, i, all) => ({
            title:
              i === all.length - 1 ? (
                <span className="cc-crumb-current">{b.name}</span>
              ) : (
                <button
                  type="button"
                  className="cc-link"
                  onClick={() => setOrgId(b.id)}
                  data-testid={`cc-crumb-${b.kind}`}
                >
                  {b.name}
                </button>
              ),
          }))}
        />
        <div className="cc-header-right">
          <span className={live ? 'cc-live on' : 'cc-live'}>{live ? t('实时') : t('定时刷新')}</span>
          <span className="cc-day">{o?.today.day}</span>
          <Tooltip title={t('全屏')}>
            <Button
              type="text"
              icon={<FullscreenOutlined />}
              style={{ color: '#c9d6ea' }}
              onClick={() => void root.current?.requestFullscreen?.()}
            />
          </Tooltip>
        </div>
      </div>
      {overview.error && <div className="cc-error">{errorMessage(overview.error)}</div>}
      <div className="cc-tiles">
        {tiles.map(([label, value, colour, id]) => (
          <div className="cc-tile" key={id}>
            <div className="cc-tile-label">{t(label)}</div>
            <div className="cc-tile-value" style={{ color: colour }} data-testid={id}>
              {value ?? '—'}
            </div>
          </div>
        ))}
      </div>
      <div className="cc-body">
        <div className="cc-map-panel cc-panel">
          <div className="cc-panel-title">
            {t('网格态势')}
            <span className="cc-legend">
              <i style={{ background: '#ff4d4f' }} />
              {t('有超期')}
              <i style={{ background: '#faad14' }} />
              {t('有在办')}
              <i style={{ background: '#1e88e5' }} />
              {t('无在办')}
            </span>
          </div>
          {(grids.isLoading || overview.isLoading) && (
            <div className="cc-spin">
              <Spin />
            </div>
          )}
          <BaseMapContainer
            className="cc-map"
            center={[30, 110]}
            zoom={10}
            zoomSnap={0.25}
            attributionControl={false}
            data-testid="cc-map"
          >
            {grids.data && o && (
              <GeoJSON
                ref={geoRef}
                key={grids.data.features.length}
                data={grids.data}
                style={style}
                onEachFeature={(feature: Feature<Geometry, GridProps>, layer) => {
                  const p = feature.properties;
                  layer.bindTooltip(`${p.townName} · ${p.villageName}<br/><b>${p.name}</b>`, { sticky: true });
                  layer.on('click', () => drillRef.current(p));
                }}
              />
            )}
            <FitTo bounds={bounds} />
          </BaseMapContainer>
        </div>
        <div className="cc-side">
          <div className="cc-panel">
            <div className="cc-panel-title">{t('近7天热点分类')}</div>
            <Bars dark data={(o?.topCategories ?? []).map((c) => ({ name: c.name, value: c.received }))} height={200} />
          </div>
          <div className="cc-panel cc-warnings" data-testid="cc-warnings">
            <div className="cc-panel-title">{t('预警')}</div>
            <ul>
              {(warnings.data?.items ?? []).map((w) => (
                <li key={w.key} data-testid={`cc-warning-${w.kind}`}>
                  <span className={`cc-badge ${w.kind}`}>{t(WARNING_KINDS[w.kind] ?? w.kind)}</span>
                  <Tooltip title={w.title}>
                    <span className="cc-stream-title">{w.title}</span>
                  </Tooltip>
                  <span className="cc-stream-state">{shortTime(w.createdAt)}</span>
                  <Popover
                    title={t('预警涉及的案件')}
                    trigger="click"
                    content={
                      <ul className="cc-warning-cases" data-testid="cc-warning-case-list">
                        {w.cases.map((c) => (
                          <li key={c.id}>
                            <Link to={`/cases/${c.id}`}>{c.number}</Link> {c.title}
                          </li>
                        ))}
                      </ul>
                    }
                  >
                    <button type="button" className="cc-link" data-testid="cc-warning-cases">
                      {t('{{n}} 件', { n: w.caseCount })}
                    </button>
                  </Popover>
                </li>
              ))}
              {warnings.data && warnings.data.items.length === 0 && <li>{t('暂无预警')}</li>}
            </ul>
          </div>
          <div className="cc-panel cc-stream" data-testid="cc-stream">
            <div className="cc-panel-title">{t('实时动态')}</div>
            <ul>
              {streamItems.map((s) => (
                <li key={s.key}>
                  <span className={`cc-badge ${s.kind}`}>{s.kind === 'escalated' ? t('督办') : t('新件')}</span>
                  <Link to={`/cases/${s.caseId}`}>{s.number}</Link>
                  <span className="cc-stream-title">{s.title ?? ''}</span>
                  <span className="cc-stream-state">{t(STATE_LABELS[s.state] ?? s.state)}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </div>
      <div className="cc-bottom">
        <div className="cc-panel">
          <div className="cc-panel-title">{o?.org.kind === 'grid' ? t('本网格') : t('下级区域')}</div>
          <table className="cc-table" data-testid="cc-children">
            <thead>
              <tr>
                <th>{t('区域')}</th>
                <th>{t('今日受理')}</th>
                <th>{t('在办')}</th>
                <th>{t('超期')}</th>
              </tr>
            </thead>
            <tbody>
              {[...(o?.children ?? [])]
                .sort((a, b) => b.overdueNow - a.overdueNow || b.openNow - a.openNow)
                .map((c) => (
                  <tr key={c.id} onClick={() => setOrgId(c.id)} data-testid={`cc-child-${c.kind}`}>
                    <td className="cc-link">{c.name}</td>
                    <td>{c.receivedToday}</td>
                    <td>{c.openNow}</td>
                    <td className={c.overdueNow > 0 ? 'cc-red' : ''}>{c.overdueNow}</td>
                  </tr>
                ))}
              {o && o.children.length === 0 && (
                <tr>
                  <td colSpan={4}>{t('已到最基层网格')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <div className="cc-panel">
          <div className="cc-panel-title">{t('超期清单')}</div>
          <table className="cc-table" data-testid="cc-overdue-list">
            <thead>
              <tr>
                <th>{t('编号')}</th>
                <th>{t('标题')}</th>
                <th>{t('承办')}</th>
                <th>{t('到期')}</th>
              </tr>
            </thead>
            <tbody>
              {(o?.overdue ?? []).slice(0, 10).map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/cases/${c.id}`}>{c.number}</Link>
                  </td>
                  <td className="cc-ellipsis">{c.title}</td>
                  <td className="cc-ellipsis">{c.ownerName ?? '—'}</td>
                  <td className="cc-red">
                    {new Date(c.dueAt).toLocaleString('zh-CN', {
                      month: '2-digit',
                      day: '2-digit',
                      hour: '2-digit',
                      minute: '2-digit',
                    })}
                  </td>
                </tr>
              ))}
              {o && o.overdue.length === 0 && (
                <tr>
                  <td colSpan={4}>{t('暂无超期案件')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
