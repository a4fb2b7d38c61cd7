// The video-event API as the pages use it: the shapes the server answers (type-only imports, erased at build)
// and the queries shared by the page and the case card.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export type { VideoFinding } from '@server/domain/video/index';
export type { CameraView } from '@server/modules/video-events/cameras';
export type { VideoEventView } from '@server/modules/video-events/video-queries';
export type { VideoSettings } from '@server/modules/video-events/video-settings';
export type { VideoStats } from '@server/modules/video-events/video-stats';

import type { VideoFinding } from '@server/domain/video/index';
import type { VideoEventView } from '@server/modules/video-events/video-queries';

export const FINDING_LABELS: Record<VideoFinding, string> = {
  pending: '待核实',
  confirmed: '属实',
  dismissed: '误报',
};
export const FINDING_COLOURS: Record<VideoFinding, string> = {
  pending: 'gold',
  confirmed: 'green',
  dismissed: 'default',
};

export function rate(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

export function useVideoEventsOfCase(caseId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['video-events', 'of-case', caseId],
    queryFn: () => api<{ items: VideoEventView[] }>(`/api/video-events/of-case/${caseId}`),
    enabled,
    retry: false,
  });
}
