// The system clock as pages read it: server time (the demo clock may run ahead of the wall clock), ticking locally.
// Apart from HeaderClock.tsx (its dropdown and tooltip) so that a phone page showing the date loads only this.
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { ClockState } from '../types';

export const CLOCK_KEY = ['clock'] as const;

export function useClock() {
  return useQuery({
    queryKey: CLOCK_KEY,
    queryFn: async () => {
      const clock = await api<ClockState>('/api/clock');
      // How far the server's clock is from this browser's, measured when the answer arrives.
      return { ...clock, skewMs: new Date(clock.now).getTime() - Date.now() };
    },
    refetchInterval: 10_000,
  });
}

export function useSystemNow(): dayjs.Dayjs | null {
  const { data } = useClock();
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return data ? dayjs(tick + data.skewMs) : null;
}
