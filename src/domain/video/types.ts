// Machine-detected events (雪亮工程 / 视频智能分析): what a camera's AI platform reports, and the kinds of event
// the county takes as cases, each with the categories it is filed under (first match by name wins).

export interface VideoEventType {
  /** The platform's name of the event kind, as it arrives in `type`. */
  readonly name: string;
  /** Category names (second level of the tree) the case is filed under, first existing one wins. */
  readonly categories: readonly string[];
}

export const VIDEO_EVENT_TYPES: readonly VideoEventType[] = [
  { name: '占道经营', categories: ['占道经营'] },
  { name: '垃圾满溢', categories: ['垃圾清运'] },
  { name: '违停', categories: ['道路交通安全'] },
  { name: '人员聚集', categories: ['群体性苗头'] },
  { name: '烟火', categories: ['消防安全'] },
  { name: '乱堆物料', categories: ['乱搭乱建', '垃圾清运'] },
  { name: '河道漂浮物', categories: ['河道保洁'] },
  { name: '暴露垃圾', categories: ['垃圾清运'] },
];

export const VIDEO_EVENT_TYPE_NAMES: readonly string[] = VIDEO_EVENT_TYPES.map((t) => t.name);

/** A checked event, ready to be taken. */
export interface VideoEvent {
  readonly eventId: string;
  readonly type: string;
  readonly cameraCode: string;
  readonly lat: number;
  readonly lng: number;
  readonly detectedAt: Date;
  /** The snapshot's bytes (decoded from base64; its image type is checked by the module). */
  readonly snapshot: Buffer;
  /** 0..1 */
  readonly confidence: number;
}

/** What the platform sends (JSON); every field is checked. */
export interface VideoEventInput {
  eventId?: unknown;
  type?: unknown;
  cameraId?: unknown;
  lat?: unknown;
  lng?: unknown;
  detectedAt?: unknown;
  snapshot?: unknown;
  confidence?: unknown;
}

export interface VideoFieldProblem {
  /** The field of the request body, as the platform named it. */
  readonly field: keyof VideoEventInput;
  readonly message: string;
}

/** The window within which events of the same camera and type join the open case (minutes). */
export const DEFAULT_AGGREGATION_WINDOW_MINUTES = 30;
export const MAX_AGGREGATION_WINDOW_MINUTES = 24 * 60;
/** The snapshot's decoded size limit. */
export const MAX_SNAPSHOT_BYTES = 2 * 1024 * 1024;
