// Who is signed in: the /api/auth/me query, shared by every page.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from './api';
import type { Me } from './types';

export const ME_KEY = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: () => api<Me>('/api/auth/me'),
    retry: false,
    staleTime: 60_000,
  });
}

/** The signed-in user; only call below <RequireAuth>, where it is known to be loaded. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside RequireAuth');
  return data;
}

export function useCan(): (permission: string) => boolean {
  const { data } = useMe();
  return useCallback((permission: string) => data?.permissions.includes(permission) ?? false, [data]);
}

export function useLogout(): () => Promise<void> {
  const qc = useQueryClient();
  return useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST' });
    } catch {
      // the session may already be gone; leave anyway
    }
    qc.clear();
    window.location.assign('/login');
  }, [qc]);
}
