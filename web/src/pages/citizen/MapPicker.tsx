// Picking the place of a problem on the grid map: grid polygons drawn on a plain background (no tile server is
// reachable), a tap sets the point, and the point is named by the grid, village and town it falls in.
import { Spin, Typography } from 'antd';
import L from 'leaflet';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, GeoJSON, useMap, useMapEvents } from 'react-leaflet';
import { BaseMapContainer } from '../../components/BaseMap';
import { type GridMap, useGridMap } from './grid-map';

// The grid map's data and types live in ./grid-map (the 一键反映 page uses them without loading the map).
export { type GridFeatureProps, type GridMap, useGridMap } from './grid-map';

function Fit({
  data,
  focusGridId,
  point,
}: {
  data: GridMap;
  focusGridId?: number | null;
  point?: [number, number] | null;
}) {
  const map = useMap();
  // Fit once per data set and focus, not on every tap.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the point only matters for the first fit
  useEffect(() => {
    const focus = focusGridId ? data.features.find((f) => f.properties.id === focusGridId) : undefined;
    const bounds = L.geoJSON(focus ?? data).getBounds();
    if (point) bounds.extend(point);
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
  }, [data, focusGridId, map]);
  return null;
}

function Tap({ onPick }: { onPick: (lat: number, lng: number) => void }) {
  useMapEvents({ click: (e) => onPick(e.latlng.lat, e.latlng.lng) });
  return null;
}

export function MapPicker({
  source,
  value,
  onPick,
  focusGridId,
  height = 260,
}: {
  source: string;
  value: { lat: number; lng: number } | null;
  onPick: (lat: number, lng: number) => void;
  focusGridId?: number | null;
  height?: number;
}) {
  const { t } = useTranslation();
  const { data, isLoading, error } = useGridMap(source);
  const point = useMemo<[number, number] | null>(() => (value ? [value.lat, value.lng] : null), [value]);
  if (isLoading) {
    return (
      <div className="gz-map" style={{ height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin />
      </div>
    );
  }
  if (error || !data) {
    return <Typography.Text type="warning">{t('地图加载失败，请使用定位或填写地址')}</Typography.Text>;
  }
  return (
    <div data-testid="map-picker">
      <BaseMapContainer
        className="gz-map"
        style={{ height, width: '100%' }}
        center={[0, 0]}
        zoom={12}
        zoomSnap={0.25}
        attributionControl={false}
        scrollWheelZoom={false}
      >
        <GeoJSON
          data={data}
          style={(f) => ({
            color: f?.properties.id === focusGridId ? '#b7282e' : '#8c9bb0',
            weight: f?.properties.id === focusGridId ? 2.5 : 1,
            fillColor: f?.properties.id === focusGridId ? '#b7282e' : '#c6d4e3',
            fillOpacity: f?.properties.id === focusGridId ? 0.2 : 0.25,
          })}
        />
        <Fit data={data} focusGridId={focusGridId} point={point} />
        <Tap onPick={onPick} />
        {point && (
          <CircleMarker
            center={point}
            radius={9}
            pathOptions={{ color: '#fff', weight: 3, fillColor: '#b7282e', fillOpacity: 1 }}
          />
        )}
      </BaseMapContainer>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('在地图上点一下，标出问题的位置')}
      </Typography.Text>
    </div>
  );
}
