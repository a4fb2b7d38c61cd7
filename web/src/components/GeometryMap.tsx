// A small Leaflet map of one boundary, drawn on a plain background (no tile server is reachable).
import type { Geometry } from 'geojson';
import L from 'leaflet';
import { useEffect } from 'react';
import { GeoJSON, useMap } from 'react-leaflet';
import { BaseMapContainer } from './BaseMap';

function FitTo({ geometry }: { geometry: Geometry }) {
  const map = useMap();
  useEffect(() => {
    const bounds = L.geoJSON(geometry).getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16] });
  }, [geometry, map]);
  return null;
}

export function GeometryMap({
  geometry,
  height = 240,
  color = '#b7282e',
}: {
  geometry: Geometry;
  height?: number;
  color?: string;
}) {
  return (
    <BaseMapContainer
      className="gz-map"
      style={{ height, width: '100%' }}
      center={[0, 0]}
      zoom={13}
      zoomSnap={0.25}
      zoomControl={false}
      attributionControl={false}
      scrollWheelZoom={false}
    >
      <GeoJSON data={geometry} style={{ color, weight: 2, fillColor: color, fillOpacity: 0.15 }} />
      <FitTo geometry={geometry} />
    </BaseMapContainer>
  );
}
