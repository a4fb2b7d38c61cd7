// What the citizen and grid-worker pages read from the API.

export interface CitizenTimelineEntry {
  version: number;
  at: string;
  type: string;
  orgName: string | null;
  toState: string;
  note: string | null;
}

/** GET /api/my/cases/:id: a citizen's own report, without any staff member's name or phone. */
export interface CitizenCase {
  id: number;
  number: string;
  title: string;
  body: string;
  state: string;
  categoryName: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  reportedAt: string;
  closedAt: string | null;
  handlingUnit: string | null;
  reply: string | null;
  repliedAt: string | null;
  rating: string | null;
  anonymous: boolean;
  attachmentIds: string[];
  version: number;
  allowedActions: string[];
  timeline: CitizenTimelineEntry[];
}

/** A case as staff (the grid worker) read it: the parts the phone pages use. */
export interface StaffCase {
  id: number;
  number: string;
  title: string;
  body: string;
  state: string;
  channel: string;
  categoryName: string | null;
  urgency: string;
  level: string | null;
  gridId: number | null;
  gridName: string | null;
  villageName: string | null;
  townName: string | null;
  ownerOrgName: string | null;
  leadOrgName: string | null;
  reportedAt: string;
  updatedAt: string;
  nextDueAt: string | null;
  clock: 'green' | 'yellow' | 'red' | null;
  version: number;
  lat: number | null;
  lng: number | null;
  address: string | null;
  reporter: { name: string | null; phone: string | null; anonymous: boolean };
  reply: string | null;
  attachmentIds: string[];
  allowedActions: string[];
  timeline: {
    version: number;
    at: string;
    type: string;
    actorName: string | null;
    orgName: string | null;
    toState: string;
    note: string | null;
    attachmentIds: string[];
  }[];
  whistles: {
    id: string;
    reason: string;
    at: string;
    summons: { orgId: number; orgName: string | null; checkedInAt: string | null }[];
  }[];
}

export type StaffCaseItem = Pick<
  StaffCase,
  | 'id'
  | 'number'
  | 'title'
  | 'state'
  | 'channel'
  | 'categoryName'
  | 'urgency'
  | 'gridName'
  | 'reportedAt'
  | 'updatedAt'
  | 'nextDueAt'
  | 'clock'
>;

export interface PatrolPoint {
  seq: number;
  at: string;
  lat: number;
  lng: number;
  accuracyM: number | null;
  inGrid: boolean;
  note: string | null;
  attachmentIds: string[];
  caseId: number | null;
}

export interface Patrol {
  id: number;
  gridId: number;
  gridName: string;
  workerName: string;
  startedAt: string;
  endedAt: string | null;
  open: boolean;
  summary: string | null;
  pointCount: number;
  distanceM: number | null;
  points?: PatrolPoint[];
}
