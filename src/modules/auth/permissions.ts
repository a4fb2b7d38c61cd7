// Roles (DOMAIN.md §1) and what each may do. Routes name the permission they need; scope (which
// organisations' data) is decided separately by the principal's organisation subtree.

export const ROLES = [
  'admin',
  'leader',
  'county_operator',
  'town_operator',
  'village_operator',
  'grid_worker',
  'department_handler',
  'third_party',
  'citizen',
] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES = ROLES.filter((r) => r !== 'citizen');

export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'user.read',
  'user.manage',
  'apikey.manage',
  'category.manage',
  'calendar.manage',
  'clock.advance',
  'audit.read',
  'case.read',
  'case.create',
  'case.handle',
  'case.supervise',
  'timelimit.manage',
  'pii.view',
  'open311',
  'hotline.push',
  'hotline.manage',
  'webhook.manage',
  'patrol.record',
  'patrol.read',
  'assessment.view',
  'assessment.rate',
  'assessment.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_BASE: Permission[] = ['org.read', 'case.read', 'case.create', 'case.handle'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...STAFF_BASE,
    'org.manage',
    'user.read',
    'user.manage',
    'apikey.manage',
    'category.manage',
    'calendar.manage',
    'clock.advance',
    'audit.read',
    'pii.view',
    'case.supervise',
    'timelimit.manage',
    'hotline.manage',
    'webhook.manage',
    'patrol.read',
    'assessment.view',
    'assessment.manage',
  ],
  leader: [...STAFF_BASE, 'user.read', 'audit.read', 'case.supervise', 'patrol.read', 'assessment.view'],
  county_operator: [
    ...STAFF_BASE,
    'user.read',
    'pii.view',
    'case.supervise',
    'patrol.read',
    'assessment.view',
    'hotline.manage',
  ],
  town_operator: [
    ...STAFF_BASE,
    'user.read',
    'pii.view',
    'case.supervise',
    'patrol.read',
    'assessment.view',
    'assessment.rate',
  ],
  village_operator: [...STAFF_BASE, 'user.read', 'pii.view', 'patrol.read'],
  grid_worker: [...STAFF_BASE, 'pii.view', 'patrol.record', 'patrol.read'],
  department_handler: [...STAFF_BASE, 'pii.view'],
  third_party: [...STAFF_BASE],
  citizen: ['case.create'],
};

/** Permissions an API key may carry (machine clients). */
export const API_KEY_PERMISSIONS: readonly Permission[] = ['case.create', 'case.read', 'open311', 'hotline.push'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
