// Where a proposal's cases are: their points on the base map (a case without its own point at its grid's centre).
import L from 'leaflet';
import { useEffect } from 'react';
import { CircleMarker, useMap } from 'react-leaflet';
import { BaseMapContainer } from '../../components/BaseMap';

function Fit({ points }: { points: { lat: number; lng: number }[] }) {
  const map = useMap();
  useEffect(() => {
    const bounds = L.latLngBounds(points.map((p) => [p.lat, p.lng] as [number, number]));
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
  }, [points, map]);
  return null;
}

export function ProposalMap({ points, height = 240 }: { points: { lat: number; lng: number }[]; height?: number }) {
  const first = points[0];
  if (!first) return null;
  return (
    <div data-testid="proposal-map">
      <BaseMapContainer
        className="gz-map"
        style={{ height, width: '100%' }}
        center={[first.lat, first.lng]}
        zoom={14}
        zoomControl={false}
        attributionControl={false}
        scrollWheelZoom={false}
      >
        {points.map((p, i) => (
          <CircleMarker
            // biome-ignore lint/suspicious/noArrayIndexKey: points have no identity of their own
            key={i}
            center={[p.lat, p.lng]}
            radius={6}
            pathOptions={{ color: '#b7282e', fillOpacity: 0.5 }}
          />
        ))}
        <Fit points={points} />
      </BaseMapContainer>
    </div>
  );
}
