// The video-event capability's service (雪亮工程 / 视频智能分析, issue 14 §3): receiving signed pushes,
// the camera registry and its import, the aggregation window, the events and their false-alarm rates.
// Other modules (the seed, the routes) use it, never the tables.
import type { VideoEventInput } from '../../domain/video/index.js';
import { verifySignedPush } from '../api-keys/signed-push.js';
import type { Principal } from '../auth/principal.js';
import { type CameraInput, createCamera, listCameras, updateCamera } from './cameras.js';
import { importCameras } from './import-cameras.js';
import { receiveVideoEvent, type VideoReceipt } from './receive-event.js';
import type { VideoDeps } from './video-deps.js';
import { eventsOfCase, listVideoEvents, type VideoEventQuery } from './video-queries.js';
import { setVideoSettings, videoSettings } from './video-settings.js';
import { videoStats } from './video-stats.js';

export class VideoEventService {
  constructor(private readonly deps: VideoDeps) {}

  /** The push's signature (X-Gz-Timestamp / X-Gz-Signature over the raw body), as the hotline's. */
  verifyPush(principal: Principal, headers: { timestamp?: string; signature?: string }, rawBody: Buffer) {
    const now = (this.deps.wallNow ?? (() => new Date()))();
    return verifySignedPush(
      this.deps.db,
      principal,
      headers,
      rawBody,
      Math.floor(now.getTime() / 1000),
      '视频事件推送',
    );
  }

  receive(input: VideoEventInput, principal: Principal): Promise<VideoReceipt> {
    return receiveVideoEvent(this.deps, input, principal);
  }

  list(principal: Principal, query: VideoEventQuery) {
    return listVideoEvents(this.deps.db, principal, query);
  }

  ofCase(principal: Principal, caseId: number) {
    return eventsOfCase(this.deps.db, principal, caseId);
  }

  stats(principal: Principal, range: { from: string; to: string }) {
    return videoStats(this.deps.db, principal, range);
  }

  cameras(principal: Principal, query: { q?: string; active?: boolean }) {
    return listCameras(this.deps, principal, query);
  }

  createCamera(principal: Principal, input: CameraInput) {
    return createCamera(this.deps, principal, input);
  }

  updateCamera(principal: Principal, id: number, input: CameraInput & { version: number }) {
    return updateCamera(this.deps, principal, id, input);
  }

  importCameras(principal: Principal, file: { bytes: Buffer; fileName: string }, dryRun: boolean) {
    return importCameras(this.deps, principal, file, dryRun);
  }

  settings(principal: Principal) {
    return videoSettings(this.deps, principal.countyCode ?? '∅');
  }

  saveSettings(principal: Principal, input: { windowMinutes: number; version: number }) {
    return setVideoSettings(this.deps, principal, input);
  }
}
