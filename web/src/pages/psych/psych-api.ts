// The psychological-referral API as the pages use it: the shapes the server answers (type-only imports of
// src/modules/psych/psych-views.ts, erased at build) and the queries shared by several pages.
import type { PsychRisk, PsychState } from '@server/domain/psych/index';
import type { PsychListItem } from '@server/modules/psych/psych-views';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export type {
  PsychActionType,
  PsychOutcome,
  PsychRisk,
  PsychState,
  SessionForm,
} from '@server/domain/psych/index';
export type {
  PsychBox,
  PsychDetail,
  PsychListItem,
  PsychSessionView,
} from '@server/modules/psych/psych-views';

export const RISK_COLOURS: Record<PsychRisk, string> = { low: 'blue', medium: 'gold', high: 'orange', crisis: 'red' };
export const STATE_COLOURS: Record<PsychState, string> = {
  referred: 'gold',
  acknowledged: 'cyan',
  in_service: 'blue',
  follow_up: 'purple',
  closed: 'green',
  returned: 'default',
  declined: 'default',
};

export function useCounsellingOrgs(enabled = true) {
  return useQuery({
    queryKey: ['psych', 'counselling-orgs'],
    queryFn: () => api<{ items: { id: number; name: string }[] }>('/api/psych/counselling-orgs'),
    staleTime: 300_000,
    enabled,
  });
}

/** The referrals made from a case or a dispute that this user stands to (status only for the referrer). */
export function useReferralsOf(source: { caseId?: number; disputeId?: number }, enabled: boolean) {
  return useQuery({
    queryKey: ['psych', 'of', source],
    queryFn: () =>
      api<{ items: PsychListItem[]; total: number }>('/api/psych/referrals', {
        query: { ...source, box: 'all', pageSize: 20 },
      }),
    enabled,
    retry: false,
  });
}
