// The screening API as the pages use it: the shapes the server answers (type-only imports of
// src/modules/screenings/screening-views.ts, erased at build), the queries, and the phone's offline queue.
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../api';

export type {
  CoverageReport,
  CoverageRow,
  HeatMap,
  ScreeningDetail,
  ScreeningListItem,
} from '@server/modules/screenings/screening-views';

import type { ScreeningDetail, ScreeningListItem } from '@server/modules/screenings/screening-views';

export const STATUS_COLOURS: Record<string, string> = {
  on_time: 'green',
  late: 'orange',
  missed: 'red',
  open: 'blue',
  cancelled: 'default',
};

export const LEVEL_LABELS: Record<string, string> = {
  grid: '网格',
  village: '村（社区）',
  town: '镇（街道）',
  county: '县',
};
export const CADENCE_OPTIONS = [
  { value: 'daily', label: '每日' },
  { value: 'weekly', label: '每周' },
  { value: 'half_monthly', label: '每半月' },
  { value: 'monthly', label: '每月' },
];

export interface LevelSetting {
  level: string;
  levelLabel: string;
  cadence: string;
  cadenceLabel: string;
  checklist: { key: string; label: string }[];
  active: boolean;
  version: number;
}

export function useScreeningInbox(enabled = true) {
  return useQuery({
    queryKey: ['screenings', 'inbox'],
    queryFn: () => api<{ todo: number; overdue: number; missedBelow: number }>('/api/screenings/inbox'),
    refetchInterval: 60_000,
    enabled,
  });
}

export function useScreenings(query: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: ['screenings', 'list', query],
    queryFn: () => api<{ items: ScreeningListItem[]; total: number }>('/api/screenings', { query }),
  });
}

export function useScreening(taskId: number) {
  return useQuery({
    queryKey: ['screenings', 'one', taskId],
    queryFn: () => api<ScreeningDetail>(`/api/screenings/${taskId}`),
    enabled: taskId > 0,
  });
}

export function useScreeningSettings() {
  return useQuery({
    queryKey: ['screenings', 'settings'],
    queryFn: () => api<{ items: LevelSetting[] }>('/api/screenings/settings'),
  });
}

// ── the phone's offline queue: a record made without a connection waits here and is sent when back online;
// its client token makes a second send (the first one did arrive after all) harmless.
const QUEUE_KEY = 'gz_screening_queue';

export interface QueuedRecord {
  taskId: number;
  body: Record<string, unknown> & { clientToken: string };
  queuedAt: string;
}

export function queuedRecords(): QueuedRecord[] {
  try {
    return JSON.parse(localStorage.getItem(QUEUE_KEY) ?? '[]') as QueuedRecord[];
  } catch {
    return [];
  }
}

function saveQueue(items: QueuedRecord[]) {
  localStorage.setItem(QUEUE_KEY, JSON.stringify(items));
}

export function enqueueRecord(taskId: number, body: QueuedRecord['body']) {
  saveQueue([
    ...queuedRecords().filter((q) => q.body.clientToken !== body.clientToken),
    { taskId, body, queuedAt: new Date().toISOString() },
  ]);
}

export function newClientToken(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Sends a record; without a connection it is queued (answer 'queued'). */
export async function sendRecord(taskId: number, body: QueuedRecord['body']): Promise<ScreeningDetail | 'queued'> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    enqueueRecord(taskId, body);
    return 'queued';
  }
  try {
    return await api<ScreeningDetail>(`/api/screenings/${taskId}/record`, { method: 'POST', body });
  } catch (error) {
    if (error instanceof ApiError && error.status === 0) {
      enqueueRecord(taskId, body);
      return 'queued';
    }
    throw error;
  }
}

/** Sends what waits in the queue; keeps only what could not reach the server. */
export async function flushQueue(): Promise<{ sent: number; left: number }> {
  let sent = 0;
  const left: QueuedRecord[] = [];
  for (const item of queuedRecords()) {
    try {
      await api(`/api/screenings/${item.taskId}/record`, { method: 'POST', body: item.body });
      sent++;
    } catch (error) {
      // A refusal (already recorded, no longer open …) will not change by sending again: drop it.
      if (error instanceof ApiError && error.status === 0) left.push(item);
    }
  }
  saveQueue(left);
  return { sent, left: left.length };
}
