// The base map under every map of the web app (issue 20): the server says which tiles to draw
// (GET /api/basemap: 天地图, another provider by URL template, the county's own tiles, or none — then the grid
// polygons stay on the plain background), with the attribution each provider requires. Points are stored in
// WGS-84; tiles drawn in GCJ-02 (高德, 腾讯) get a map whose projection converts WGS-84 → GCJ-02 before Web
// Mercator, so every polygon, marker and track lines up with them, and a tap is read back as WGS-84.

import type { Basemap } from '@server/domain/geo/basemap';
import { useQuery } from '@tanstack/react-query';
import gcoord from 'gcoord';
import L from 'leaflet';
import type { ComponentProps } from 'react';
import { MapContainer, TileLayer } from 'react-leaflet';
import { api } from '../api';

const NO_BASEMAP: Basemap = { provider: 'none', coordSystem: 'wgs84', layers: [] };

export function useBasemap() {
  return useQuery({
    queryKey: ['basemap'],
    queryFn: () => api<Basemap>('/api/basemap'),
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
}

const mercator = L.Projection.SphericalMercator;

/** Web Mercator of the GCJ-02 point: the projection of 高德 / 腾讯 tiles, fed with WGS-84 points. */
const GCJ02_PROJECTION: L.Projection = {
  project(latlng: L.LatLng) {
    const [lng, lat] = gcoord.transform([latlng.lng, latlng.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    return mercator.project(L.latLng(lat, lng));
  },
  unproject(point: L.Point) {
    const g = mercator.unproject(point);
    const [lng, lat] = gcoord.transform([g.lng, g.lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
    return L.latLng(lat, lng);
  },
  bounds: mercator.bounds,
};

export const CRS_GCJ02: L.CRS = L.extend({}, L.CRS.EPSG3857, { code: 'GCJ02', projection: GCJ02_PROJECTION });

/**
 * react-leaflet's MapContainer with the configured base map beneath its children. The map's projection is fixed
 * when it is created, so the map waits (an empty box of its size) until the configuration has arrived.
 */
export function BaseMapContainer({ children, attributionControl, ...props }: ComponentProps<typeof MapContainer>) {
  const { data, isPending } = useBasemap();
  if (isPending) return <div className={props.className} style={props.style} />;
  const basemap = data ?? NO_BASEMAP;
  const layers = basemap.layers;
  return (
    <MapContainer
      {...props}
      crs={basemap.coordSystem === 'gcj02' ? CRS_GCJ02 : L.CRS.EPSG3857}
      attributionControl={layers.length > 0 || attributionControl}
    >
      {layers.map((layer, i) => (
        <TileLayer
          key={layer.url}
          url={layer.url}
          attribution={layer.attribution || undefined}
          minZoom={layer.minZoom}
          maxZoom={layer.maxZoom}
          maxNativeZoom={layer.maxZoom}
          zIndex={i + 1}
          className="gz-basemap"
          {...(layer.subdomains.length > 0 && { subdomains: layer.subdomains })}
        />
      ))}
      {children}
    </MapContainer>
  );
}
