// Who is making a request: a staff user, a citizen, or a machine client holding an API key.
import type { Permission, Role } from './permissions.js';

export interface Principal {
  kind: 'user' | 'api_key';
  userId: number | null;
  apiKeyId: number | null;
  role: Role | 'api_client';
  displayName: string;
  /** The organisation the principal belongs to (null for citizens). */
  orgId: number | null;
  /** The kind of that organisation (county, town, village, grid, department …). */
  orgKind: string | null;
  /** Materialised path of that organisation ('/1/5/'): the root of what the principal may see. */
  scopePath: string | null;
  /** The ids of that subtree's organisations, read with the principal (case-scope.ts hands them to the planner). */
  scopeOrgIds: readonly number[];
  countyCode: string | null;
  permissions: ReadonlySet<Permission>;
  /** A session's last proof of its password (sign-in or re-authentication); undefined for keys and internal principals. */
  authenticatedAt?: Date | null;
}

export function can(principal: Principal, permission: Permission): boolean {
  return principal.permissions.has(permission);
}

/** True when an organisation with this path lies in the principal's subtree. */
export function inScope(principal: Principal, orgPath: string | null | undefined): boolean {
  return !!orgPath && !!principal.scopePath && orgPath.startsWith(principal.scopePath);
}
