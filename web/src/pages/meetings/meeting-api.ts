// The 联席会议 API as the pages use it: the shapes from the server's own modules (type-only), the queries, and one
// mutation helper that sends a change with the meeting's version and puts the answer (the meeting afterwards)
// into the cache.

import type { Minutes } from '@server/domain/meeting/index';
import type {
  AgendaProposal,
  MeetingDetail,
  MeetingKindView,
  MeetingListItem,
} from '@server/modules/meetings/meeting-views';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import type { Json } from '../../api-types';

export type Meeting = Json<MeetingDetail>;
export type MeetingItem = Meeting['items'][number];
export type MeetingRow = Json<MeetingListItem>;
export type MeetingKind = Json<MeetingKindView>;
export type Proposal = Json<AgendaProposal>;
export type Candidate = Proposal['candidates'][number];
export type MinutesView = Json<Minutes>;

export function useMeeting(id: string | undefined) {
  return useQuery({
    queryKey: ['meetings', 'detail', id],
    queryFn: () => api<Meeting>(`/api/meetings/${id}`),
    enabled: !!id,
  });
}

export function useMeetingKinds() {
  return useQuery({
    queryKey: ['meetings', 'kinds'],
    queryFn: () => api<{ items: MeetingKind[] }>('/api/meetings/kinds'),
    staleTime: 30_000,
  });
}

export function useProposals(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['meetings', 'proposals', id],
    queryFn: () => api<Proposal>(`/api/meetings/${id}/agenda/proposals`),
    enabled,
  });
}

type Method = 'POST' | 'PUT' | 'PATCH';

/** A change to the meeting: `path` below /api/meetings/:id, the body without the version (added here). */
export function useMeetingChange(meeting: Meeting | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ method, path, body }: { method: Method; path: string; body: Record<string, unknown> }) => {
      if (!meeting) throw new Error('no meeting');
      const answer = await api<Meeting | { meeting: Meeting }>(`/api/meetings/${meeting.id}${path}`, {
        method,
        body: { version: meeting.version, ...body },
      });
      return 'meeting' in answer ? answer.meeting : answer;
    },
    onSuccess: (next) => {
      qc.setQueryData(['meetings', 'detail', String(next.id)], next);
      void qc.invalidateQueries({ queryKey: ['meetings', 'proposals', next.id] });
      void qc.invalidateQueries({ queryKey: ['meetings', 'list'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
    onError: (error: { status?: number }) => {
      // A stale version or a state that moved on: show the meeting as it is now.
      if (error.status === 409 && meeting)
        void qc.invalidateQueries({ queryKey: ['meetings', 'detail', String(meeting.id)] });
    },
  });
}
