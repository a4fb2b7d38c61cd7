// Live updates from GET /api/stream (server-sent events over the session cookie): a `case` event refreshes
// the inbox, the case lists and that case; a `notification` event refreshes the bell. One connection per tab.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

export interface CaseEventData {
  caseId: number;
  number?: string;
  type?: string;
  state?: string;
}

type Listener = (event: { kind: 'case' | 'notification'; data: unknown }) => void;

const listeners = new Set<Listener>();

/** Subscribe to raw stream events (for a page that wants to react to one case). */
export function useStreamListener(listener: Listener): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => {
    const fn: Listener = (e) => ref.current(e);
    listeners.add(fn);
    return () => {
      listeners.delete(fn);
    };
  }, []);
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/** Opens the stream while mounted and turns its events into react-query invalidations. */
export function useLiveUpdates(enabled = true): void {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    // Bursts (a sweep escalating many cases) become one refresh.
    let pending: ReturnType<typeof setTimeout> | undefined;
    const caseIds = new Set<number>();
    const flushCases = () => {
      pending = undefined;
      void qc.invalidateQueries({ queryKey: ['inbox'] });
      void qc.invalidateQueries({ queryKey: ['cases'] });
      for (const id of caseIds) void qc.invalidateQueries({ queryKey: ['case', id] });
      caseIds.clear();
    };
    const connect = () => {
      source = new EventSource('/api/stream', { withCredentials: true });
      source.addEventListener('case', (e) => {
        const data = parse((e as MessageEvent<string>).data) as CaseEventData | null;
        if (data?.caseId) caseIds.add(Number(data.caseId));
        for (const l of listeners) l({ kind: 'case', data });
        if (!pending) pending = setTimeout(flushCases, 300);
      });
      source.addEventListener('notification', (e) => {
        const data = parse((e as MessageEvent<string>).data);
        for (const l of listeners) l({ kind: 'notification', data });
        void qc.invalidateQueries({ queryKey: ['notifications'] });
        void qc.invalidateQueries({ queryKey: ['inbox'] });
      });
      source.onerror = () => {
        // EventSource reconnects by itself unless the server refused (closed): then back off and retry.
        if (source?.readyState === EventSource.CLOSED && !closed) {
          source.close();
          retry = setTimeout(connect, 15_000);
        }
      };
    };
    connect();
    return () => {
      closed = true;
      source?.close();
      if (retry) clearTimeout(retry);
      if (pending) clearTimeout(pending);
    };
  }, [enabled, qc]);
}
