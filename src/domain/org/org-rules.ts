// The shape of the organisation: which kinds nest under which, how codes extend their parent's code
// (GB/T 2260 six-digit county, nine-digit town, twelve-digit village, grid = village code + 3 digits),
// and which roles belong to which kinds of organisation.
import type { OrgKind, Participant } from '../../db/schema.js';

export const ORG_KINDS: readonly OrgKind[] = [
  'county',
  'town',
  'village',
  'grid',
  'department',
  'office',
  'third_party',
  'party',
];
export const PARTICIPANTS: readonly Participant[] = [
  'party',
  'government',
  'legal',
  'residents',
  'schools',
  'research',
  'social',
  'media',
];

const CHILD_KINDS: Record<OrgKind, readonly OrgKind[]> = {
  county: ['town', 'department', 'third_party', 'party'],
  town: ['village', 'office', 'third_party', 'party'],
  village: ['grid', 'third_party', 'party'],
  grid: ['party'],
  department: ['office'],
  office: [],
  third_party: ['third_party'],
  party: ['party'],
};

/** The administrative levels whose codes are fixed-length digit strings extending the parent's code. */
const CODE_DIGITS: Partial<Record<OrgKind, number>> = { county: 6, town: 9, village: 12, grid: 15 };

export function canNest(parentKind: OrgKind, childKind: OrgKind): boolean {
  return CHILD_KINDS[parentKind].includes(childKind);
}

/** Returns a problem with the code (Chinese, for people) or null when it is valid. */
export function codeProblem(kind: OrgKind, code: string, parentCode: string | null): string | null {
  const digits = CODE_DIGITS[kind];
  if (digits !== undefined) {
    if (!new RegExp(`^\\d{${digits}}$`).test(code)) return `编码须为 ${digits} 位数字`;
    if (parentCode && !code.startsWith(parentCode)) return `编码须以上级编码 ${parentCode} 开头`;
    if (parentCode && /^0+$/.test(code.slice(parentCode.length))) return '编码末段不能全为 0';
    return null;
  }
  if (!/^[0-9A-Za-z-]{4,40}$/.test(code)) return '编码须为 4–40 位字母、数字或连字符';
  return null;
}

export const ROLE_ORG_KINDS: Record<string, readonly OrgKind[]> = {
  admin: ['county', 'town'],
  leader: ['county', 'town'],
  county_operator: ['county'],
  town_operator: ['town'],
  village_operator: ['village'],
  grid_worker: ['grid'],
  department_handler: ['department', 'office'],
  third_party: ['third_party', 'party'],
};

export function roleFitsOrg(role: string, kind: OrgKind): boolean {
  return ROLE_ORG_KINDS[role]?.includes(kind) ?? false;
}

/** Chinese labels, for messages and spreadsheets. */
export const KIND_LABELS: Record<OrgKind, string> = {
  county: '县',
  town: '镇/街道',
  village: '村/社区',
  grid: '网格',
  department: '县级部门',
  office: '站所/科室',
  third_party: '第三方组织',
  party: '党组织',
};

export const PARTICIPANT_LABELS: Record<Participant, string> = {
  party: '党',
  government: '政',
  legal: '法',
  residents: '民',
  schools: '学',
  research: '研',
  social: '社',
  media: '媒',
};
