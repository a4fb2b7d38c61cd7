// A small map of a case: its grid's boundary and the reported point, on a plain background.
import { useQuery } from '@tanstack/react-query';
import type { Geometry } from 'geojson';
import L from 'leaflet';
import { useEffect } from 'react';
import { CircleMarker, GeoJSON, useMap } from 'react-leaflet';
import { api } from '../api';
import type { OrgDetail } from '../types';
import { BaseMapContainer } from './BaseMap';

function Fit({ geometry, lat, lng }: { geometry: Geometry | null; lat: number | null; lng: number | null }) {
  const map = useMap();
  useEffect(() => {
    const point: [number, number] | null = lat !== null && lng !== null ? [lat, lng] : null;
    const bounds = geometry ? L.geoJSON(geometry).getBounds() : null;
    if (bounds?.isValid()) {
      if (point) bounds.extend(point);
      map.fitBounds(bounds, { padding: [16, 16] });
    } else if (point) {
      map.setView(point, 16);
    }
  }, [geometry, lat, lng, map]);
  return null;
}

export function CaseMap({
  gridId,
  lat,
  lng,
  height = 220,
}: {
  gridId: number | null;
  lat: number | null;
  lng: number | null;
  height?: number;
}) {
  const grid = useQuery({
    queryKey: ['orgs', 'detail', gridId],
    queryFn: () => api<OrgDetail>(`/api/orgs/${gridId}`),
    enabled: gridId !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });
  const geometry = grid.data?.boundary ?? null;
  const point: [number, number] | null = lat !== null && lng !== null ? [lat, lng] : null;
  if (!geometry && !point) return null;
  return (
    <div data-testid="case-map">
      <BaseMapContainer
        className="gz-map"
        style={{ height, width: '100%' }}
        center={point ?? [0, 0]}
        zoom={15}
        zoomSnap={0.25}
        zoomControl={false}
        attributionControl={false}
        scrollWheelZoom={false}
      >
        {geometry && (
          <GeoJSON
            key={String(gridId)}
            data={geometry}
            style={{ color: '#1d5fa8', weight: 2, fillColor: '#1d5fa8', fillOpacity: 0.12 }}
          />
        )}
        {point && (
          <CircleMarker
            center={point}
            radius={7}
            pathOptions={{ color: '#fff', weight: 2, fillColor: '#b7282e', fillOpacity: 1 }}
          />
        )}
        <Fit geometry={geometry} lat={lat} lng={lng} />
      </BaseMapContainer>
    </div>
  );
}
