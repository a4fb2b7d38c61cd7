// What the volunteer API returns (the web app imports these types).
import type { ActivityAction, ActivityState } from '../../domain/volunteer/index.js';
import type { HistoryEntry } from '../record-history/index.js';

export interface ActivityListItem {
  id: number;
  title: string;
  place: string;
  point: { lat: number; lng: number } | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  signedUp: number;
  placesLeft: number;
  skills: string[];
  state: ActivityState;
  stateLabel: string;
  /** why the organiser cancelled it (已取消) */
  cancelReason: string | null;
  organiser: { id: number; name: string };
  village: { id: number; name: string } | null;
  team: string | null;
  source: { kind: string; id: number } | null;
}

export interface SignupView {
  id: number;
  volunteer: { id: number; name: string; phone: string; skills: string[] };
  state: 'signed' | 'cancelled';
  signedAt: string;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  minutes: number | null;
  hours: number | null;
  points: string | null;
}

export interface ActivityDetail extends ActivityListItem {
  description: string;
  awardPoints: boolean;
  version: number;
  allowedActions: ActivityAction[];
  canManage: boolean;
  signups: SignupView[];
  totalHours: number;
  history: HistoryEntry[];
}

export interface TeamItem {
  id: number;
  name: string;
  leaderName: string;
  intro: string;
  open: boolean;
  unit: { id: number; name: string; kind: string };
  socialOrg: string | null;
  members: number;
}

export interface VolunteerItem {
  id: number;
  name: string;
  phone: string;
  skills: string[];
  village: { id: number; name: string } | null;
  hours: number;
  registeredAt: string;
}

export interface VolunteerRecord {
  volunteer: {
    id: number;
    name: string;
    phone: string;
    village: string | null;
    skills: string[];
    registeredAt: string;
  };
  teams: { id: number; name: string }[];
  totalHours: number;
  activities: {
    id: number;
    title: string;
    place: string;
    date: string;
    organiser: string;
    hours: number;
    points: string | null;
  }[];
}

export interface MyVolunteering {
  volunteer: {
    id: number;
    name: string;
    skills: string[];
    intro: string;
    village: { id: number; name: string } | null;
    hours: number;
  } | null;
  teamIds: number[];
  open: (ActivityListItem & { mine: boolean })[];
  signups: {
    activity: ActivityListItem;
    state: 'signed' | 'cancelled';
    checkedInAt: string | null;
    checkedOutAt: string | null;
    hours: number | null;
    points: string | null;
  }[];
}

export interface VolunteerStats {
  year: number;
  byVillage: { villageId: number | null; village: string; activities: number; volunteers: number; hours: number }[];
  byMonth: { month: string; activities: number; volunteers: number; hours: number }[];
  totals: { activities: number; volunteers: number; hours: number; registered: number };
}
