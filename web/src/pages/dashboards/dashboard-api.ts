// Shapes of the dashboards and command-centre API (src/modules/dashboards) and the calls the pages make.
import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api';
import type { Id } from '../../types';

export interface DashboardFilter {
  from?: string;
  to?: string;
  orgId?: Id;
}

export type Breakdown = 'channel' | 'category1' | 'category2' | 'unit' | 'place';
export type Interval = 'day' | 'week' | 'month';

interface Head {
  org: { id: Id; name: string; kind: string };
  from: string;
  to: string;
}

export interface Summary extends Head {
  received: number;
  closed: number;
  openNow: number;
  overdueNow: number;
  dispatched: number;
  signed: number;
  signedOnTime: number;
  replied: number;
  completed: number;
  completedOnTime: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  overdue: number;
  returned: number;
  reopened: number;
  signOnTimeRate: number | null;
  completedOnTimeRate: number | null;
  satisfactionRate: number | null;
  avgSignHours: number | null;
  avgCloseDays: number | null;
}

export interface Trend extends Head {
  interval: Interval;
  items: { period: string; received: number; closed: number }[];
}

export interface BreakdownRow {
  key: string;
  name: string;
  kind?: string;
  received?: number;
  closed?: number;
  openNow?: number;
  overdueNow?: number;
  dispatched?: number;
  signed?: number;
  signedOnTime?: number;
  replied?: number;
  completed?: number;
  completedOnTime?: number;
  satisfactionRate?: number | null;
  overdue?: number;
  returned?: number;
}

export interface BreakdownResult extends Head {
  by: Breakdown;
  items: BreakdownRow[];
}

export interface DurationMetric {
  buckets: { bucket: number; label: string; count: number }[];
  count: number;
  averageHours: number | null;
}

export interface Durations extends Head {
  sign: DurationMetric;
  close: DurationMetric;
}

export interface CommandOverview {
  org: { id: Id; name: string; kind: string; parentId: Id | null };
  breadcrumb: { id: Id; name: string; kind: string }[];
  today: { day: string; received: number; closed: number; openNow: number; overdueNow: number };
  topCategories: { id: Id; name: string; received: number }[];
  overdue: {
    id: Id;
    number: string;
    title: string;
    state: string;
    dueAt: string;
    gridName: string | null;
    ownerName: string | null;
  }[];
  children: { id: Id; name: string; kind: string; openNow: number; overdueNow: number; receivedToday: number }[];
  recent: {
    id: Id;
    number: string;
    title: string;
    state: string;
    reportedAt: string;
    supervisionLevel: string | null;
    gridName: string | null;
  }[];
}

export function exportUrl(path: string, query: Record<string, string | number | undefined>): string {
  return withQuery(path, { ...query, format: 'xlsx' });
}

export function useDashboard<T>(path: string, query: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: ['dashboards', path, query],
    queryFn: () => api<T>(path, { query }),
    staleTime: 30_000,
  });
}
