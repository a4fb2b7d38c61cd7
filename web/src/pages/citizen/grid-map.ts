// The grid map's data (grid polygons with their village and town), shared by the map picker and the pages that
// need the grid list without drawing a map (kept apart from ./MapPicker so that it does not load leaflet).
import { useQuery } from '@tanstack/react-query';
import type { FeatureCollection, Geometry } from 'geojson';
import { api } from '../../api';

export interface GridFeatureProps {
  id: number;
  name: string;
  villageId?: number;
  villageName?: string;
  townId?: number;
  townName?: string;
}

export type GridMap = FeatureCollection<Geometry, GridFeatureProps>;

export function useGridMap(source: string, enabled = true) {
  return useQuery({
    queryKey: ['grid-map', source],
    queryFn: () => api<GridMap>(source),
    staleTime: 10 * 60_000,
    enabled,
  });
}
