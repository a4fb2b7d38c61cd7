// Who acts on a case, in the domain's terms: a staff user of an organisation at some level, a citizen, or the
// system (the deadline sweeper).
import type { Actor, OrgLevel } from '../../domain/case/index.js';
import type { Principal } from '../auth/principal.js';

const LEVEL_OF_KIND: Record<string, OrgLevel> = {
  county: 'county',
  town: 'town',
  village: 'village',
  grid: 'grid',
  department: 'department',
  office: 'office',
  third_party: 'third_party',
  party: 'third_party',
};

export const SYSTEM_ACTOR: Actor = { kind: 'system' };

export function actorOf(principal: Principal): Actor {
  if (principal.role === 'citizen') return { kind: 'citizen', citizenId: String(principal.userId) };
  return {
    kind: 'user',
    userId: String(principal.userId ?? `key:${principal.apiKeyId}`),
    role: principal.role,
    orgId: String(principal.orgId ?? ''),
    orgLevel: LEVEL_OF_KIND[principal.orgKind ?? ''] ?? 'third_party',
  };
}
