// A citizen applies for mediation from the phone (在线申请调解): the other party, what it is about, the place
// (a point located to its grid, a QR code's grid, or a village), evidence photos. It is registered like any
// dispute — source 群众申请, handled first by the village of the place (小事不出村) — with the citizen as the
// applicant, who then follows it, receives the agreement and confirms its performance at the follow-up.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import type { OrgService } from '../orgs/org-service.js';
import { placeOf } from './dispute-orgs.js';
import type { Party } from './parties.js';
import { type RegisterDisputeDeps, registerDispute } from './register-dispute.js';

export interface MediationApplication {
  typeCode: string;
  title: string;
  description?: string;
  /** The applicant as they name themselves (their phone is the signed-in one). */
  applicantName: string;
  otherParty: { kind: 'person' | 'org'; name: string; phone?: string | null; address?: string | null };
  peopleInvolved?: number;
  amount?: number;
  lat?: number | null;
  lng?: number | null;
  gridId?: number | null;
  villageId?: number | null;
  address?: string | null;
  attachmentIds?: string[];
}

async function placeOrgOf(orgs: OrgService, input: MediationApplication) {
  if (input.lat != null && input.lng != null) {
    try {
      return (await orgs.locate(input.lat, input.lng)).grid.id;
    } catch (error) {
      if (error instanceof AppError && error.code === 'OUTSIDE_COUNTY') throw new AppError('LOCATION_OUTSIDE_COUNTY');
      throw error;
    }
  }
  const id = input.gridId ?? input.villageId ?? null;
  if (id === null) {
    throw new AppError('VALIDATION_FAILED', {
      message: '请选择纠纷发生的地点（地图选点或所在村社区）',
      details: { field: 'location' },
    });
  }
  return id;
}

export async function applyForMediation(
  deps: RegisterDisputeDeps & { orgs: OrgService },
  input: MediationApplication,
  principal: Principal,
): Promise<{ id: number; number: string }> {
  if (principal.role !== 'citizen' || !principal.userId) throw new AppError('CITIZEN_ONLY');
  const placeOrgId = await placeOrgOf(deps.orgs, input);
  const org = await deps.db.selectFrom('orgs').select('county_code').where('id', '=', placeOrgId).executeTakeFirst();
  if (!org) throw new AppError('VALIDATION_FAILED', { message: '所选地点不存在', details: { field: 'location' } });
  const place = await placeOf(deps.db, placeOrgId, org.county_code);
  const me = await deps.db.selectFrom('users').select('phone').where('id', '=', principal.userId).executeTakeFirst();
  const parties: Party[] = [
    { role: 'applicant', kind: 'person', name: input.applicantName, phone: me?.phone ?? null },
    { role: 'respondent', ...input.otherParty },
  ];
  return registerDispute(
    deps,
    {
      typeCode: input.typeCode,
      title: input.title,
      description: input.description,
      attachmentIds: input.attachmentIds,
      parties,
      peopleInvolved: input.peopleInvolved,
      amount: input.amount,
      source: 'citizen',
      address: input.address,
    },
    principal,
    { countyCode: org.county_code, place },
  );
}
