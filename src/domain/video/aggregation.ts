// 同源事件归并: events of the same camera and type within the window join the case still open for them,
// instead of opening one case per frame. The window is measured from the latest event already on that case
// (either side, since platforms may deliver late), so a stall seen every ten minutes stays one case while
// it is open; once its case is finished (confirmed and closed, or dismissed), the next event opens a new one.

export interface OpenVideoCase {
  readonly caseId: number;
  readonly cameraCode: string;
  readonly type: string;
  /** False once the case is finished (rejected, closed, archived, merged). */
  readonly open: boolean;
  /** The detection time of the latest event on the case. */
  readonly lastDetectedAt: Date;
}

export type AggregationDecision =
  | { readonly kind: 'attach'; readonly caseId: number }
  | { readonly kind: 'open'; readonly reason: 'no_open_case' | 'other_camera_or_type' | 'outside_window' };

export function aggregationDecision(
  event: { readonly cameraCode: string; readonly type: string; readonly detectedAt: Date },
  candidate: OpenVideoCase | null,
  windowMinutes: number,
): AggregationDecision {
  if (!candidate?.open) return { kind: 'open', reason: 'no_open_case' };
  if (candidate.cameraCode !== event.cameraCode || candidate.type !== event.type) {
    return { kind: 'open', reason: 'other_camera_or_type' };
  }
  const gap = Math.abs(event.detectedAt.getTime() - candidate.lastDetectedAt.getTime());
  if (gap > windowMinutes * 60_000) return { kind: 'open', reason: 'outside_window' };
  return { kind: 'attach', caseId: candidate.caseId };
}
