// The citizen side of intake: turning a phone's report into a case (the place resolved to a grid, the reporter
// taken from the sign-in), and the public map of grids the report form draws.
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB, GeoJSONGeometry } from '../../db/schema.js';
import type { AttachmentService } from '../attachments/attachment-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseService } from '../cases/case-service.js';
import type { CreateCaseInput } from '../cases/case-views.js';
import type { OrgService } from '../orgs/org-service.js';
import { type CitizenReportInput, problemError, reportProblems, villageInAddress } from './citizen-report.js';

export interface PublicGrid {
  id: number;
  code: string;
  name: string;
  villageId: number;
  villageName: string;
  townId: number;
  townName: string;
  centerLat: number | null;
  centerLng: number | null;
}

export interface CitizenReportResult {
  id: number;
  number: string;
  state: string;
  created: boolean;
}

const MAP_TTL_MS = 60_000;

function locationError(message: string, field = 'location'): AppError {
  return new AppError('VALIDATION_FAILED', { message, details: { field, fields: [{ field, problem: message }] } });
}

/** Tokens are scoped per citizen: one citizen's token can never return another citizen's case. */
export function citizenClientToken(userId: number, token: string): string {
  return `citizen:${userId}:${token}`;
}

export class CitizenService {
  private map: { at: number; value: unknown } | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly orgs: OrgService,
    private readonly cases: CaseService,
    private readonly attachments: AttachmentService,
  ) {}

  private gridQuery() {
    return this.db
      .selectFrom('orgs as g')
      .innerJoin('orgs as v', 'v.id', 'g.parent_id')
      .innerJoin('orgs as t', 't.id', 'v.parent_id')
      .select([
        'g.id',
        'g.code',
        'g.name',
        'g.center_lat',
        'g.center_lng',
        'v.id as village_id',
        'v.name as village_name',
        't.id as town_id',
        't.name as town_name',
      ])
      .where('g.kind', '=', 'grid')
      .where('g.active', '=', true);
  }

  private static toGrid(r: {
    id: number;
    code: string;
    name: string;
    center_lat: number | null;
    center_lng: number | null;
    village_id: number;
    village_name: string;
    town_id: number;
    town_name: string;
  }): PublicGrid {
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      villageId: r.village_id,
      villageName: r.village_name,
      townId: r.town_id,
      townName: r.town_name,
      centerLat: r.center_lat,
      centerLng: r.center_lng,
    };
  }

  /** One grid as a QR code's landing page shows it: names and centre, nothing about its people. */
  async grid(id: number): Promise<PublicGrid> {
    const row = await this.gridQuery().where('g.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('ORG_NOT_FOUND', { message: '该网格不存在或已撤销，请在地图上选点' });
    return CitizenService.toGrid(row);
  }

  /** Every grid's boundary with public names only (no grid workers): the map the report form draws. */
  async gridMap(): Promise<unknown> {
    if (this.map && Date.now() - this.map.at < MAP_TTL_MS) return this.map.value;
    const rows = await this.gridQuery()
      .select('g.boundary')
      .where('g.boundary', 'is not', null)
      .orderBy('g.code')
      .execute();
    const value = {
      type: 'FeatureCollection' as const,
      features: rows.map((r) => ({
        type: 'Feature' as const,
        geometry: r.boundary as GeoJSONGeometry,
        properties: CitizenService.toGrid(r),
      })),
    };
    this.map = { at: Date.now(), value };
    return value;
  }

  /** The grid a village's report lands in when only an address is known: the grid at its centre, else its first. */
  private async gridOfVillage(villageId: number): Promise<number | null> {
    const village = await this.db
      .selectFrom('orgs')
      .select(['id', 'center_lat', 'center_lng'])
      .where('id', '=', villageId)
      .where('kind', '=', 'village')
      .where('active', '=', true)
      .executeTakeFirst();
    if (!village) return null;
    if (village.center_lat !== null && village.center_lng !== null) {
      try {
        const located = await this.orgs.locate(village.center_lat, village.center_lng);
        if (located.village.id === villageId) return located.grid.id;
      } catch {
        // the centre of an odd-shaped village may fall outside it: take its first grid below
      }
    }
    const first = await this.gridQuery().where('g.parent_id', '=', villageId).orderBy('g.code').executeTakeFirst();
    return first?.id ?? null;
  }

  /** Where the case goes: a point checked against the county, a QR code's grid, or a village named by the address. */
  private async place(input: CitizenReportInput): Promise<Pick<CreateCaseInput, 'lat' | 'lng' | 'gridId'>> {
    if (input.lat != null && input.lng != null) {
      try {
        await this.orgs.locate(input.lat, input.lng);
      } catch (error) {
        if (error instanceof AppError && error.code === 'OUTSIDE_COUNTY') {
          throw new AppError('LOCATION_OUTSIDE_COUNTY', {
            details: { field: 'location', fields: [{ field: 'location', problem: 'outside county' }] },
          });
        }
        throw error;
      }
      return { lat: input.lat, lng: input.lng };
    }
    if (input.gridId != null) {
      const grid = await this.gridQuery().where('g.id', '=', input.gridId).executeTakeFirst();
      if (!grid) throw locationError('二维码对应的网格不存在或已撤销，请在地图上选点');
      return { gridId: grid.id };
    }
    let villageId = input.villageId ?? null;
    if (villageId === null) {
      const villages = await this.db
        .selectFrom('orgs')
        .select(['id', 'name'])
        .where('kind', '=', 'village')
        .where('active', '=', true)
        .execute();
      villageId = villageInAddress(input.address?.trim() ?? '', villages)?.id ?? null;
      if (villageId === null) {
        throw locationError('没能从地址中认出所在的村（社区），请选择所在村（社区）或在地图上选点', 'address');
      }
    }
    const gridId = await this.gridOfVillage(villageId);
    if (gridId === null) throw locationError('所选村（社区）不存在，请重新选择或在地图上选点', 'villageId');
    return { gridId };
  }

  /** Files a signed-in citizen's report; the same draft sent again returns the case already made. */
  async report(principal: Principal, input: CitizenReportInput): Promise<CitizenReportResult> {
    if (principal.role !== 'citizen' || !principal.userId) throw new AppError('CITIZEN_ONLY');
    const invalid = problemError(reportProblems(input));
    if (invalid) throw invalid;
    const place = await this.place(input);
    const attachmentIds = input.attachmentIds ?? [];
    const foreign = await this.attachments.notOwnedBy(principal, attachmentIds);
    if (foreign.length > 0) {
      const message = `有 ${foreign.length} 张照片不存在或不是您上传的，请删除后重新添加`;
      throw new AppError('VALIDATION_FAILED', {
        message,
        details: { field: 'attachmentIds', fields: [{ field: 'attachmentIds', problem: message }], ids: foreign },
      });
    }
    const account = await this.db
      .selectFrom('users')
      .select('phone')
      .where('id', '=', principal.userId)
      .executeTakeFirst();
    const anonymous = input.anonymous ?? false;
    const result = await this.cases.create(
      {
        channel: 'citizen_app',
        body: input.body.trim(),
        categoryId: input.categoryId ?? null,
        ...place,
        address: input.address?.trim() || null,
        reporter: {
          citizenUserId: principal.userId,
          anonymous,
          name: anonymous ? null : input.name?.trim() || null,
          phone: anonymous ? null : input.phone?.trim() || account?.phone || null,
        },
        attachmentIds,
        clientToken: citizenClientToken(principal.userId, input.clientToken),
      },
      principal,
    );
    const view = await this.cases.getForCitizen(result.id, principal.userId);
    return { id: result.id, number: view.number, state: view.state, created: result.created };
  }
}
