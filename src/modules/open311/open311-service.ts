// Open311 GeoReport v2 over our categories and cases: services are the active leaf categories (service_code =
// category code), requests are cases. Anyone may read the requests that came in through Open311; an API key
// holding case.read also sees the other cases of its organisation's subtree. No response carries a
// reporter's name, phone, e-mail or account.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { FINISHED_STATES } from '../../domain/case/index.js';
import { parseCoordSystem, toStored } from '../../domain/geo/coord-system.js';
import { checkAttributes, OPEN311_ATTRIBUTES, Open311Error, parseW3cDate } from '../../domain/intake/open311.js';
import type { AuthService } from '../auth/auth-service.js';
import type { Principal } from '../auth/principal.js';
import { casesVisibleTo } from '../cases/case-scope.js';
import type { CaseService } from '../cases/case-service.js';
import type { HotlineService } from '../hotline/hotline-service.js';

export interface Open311RequestParams {
  api_key?: string;
  service_code?: string;
  lat?: string;
  long?: string;
  /** Extension: the system of lat/long when not WGS-84 (GCJ02 from 高德/腾讯/微信, BD09 from 百度); stored as WGS-84. */
  coord_system?: string;
  address_string?: string;
  address_id?: string;
  email?: string;
  device_id?: string;
  account_id?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  description?: string;
  media_url?: string;
  attributes: Record<string, string>;
}

export interface ServiceRequestView {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string | null;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

const MAX_RESULTS = 1000;
const DEFAULT_WINDOW_DAYS = 90;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = String(Array.isArray(v) ? v[0] : v).trim();
  return s === '' ? undefined : s;
}

export function requestParams(raw: Record<string, unknown>, attributes: Record<string, string>): Open311RequestParams {
  const keys = [
    'api_key',
    'service_code',
    'lat',
    'long',
    'coord_system',
    'address_string',
    'address_id',
    'email',
    'device_id',
    'account_id',
    'first_name',
    'last_name',
    'phone',
    'description',
    'media_url',
  ] as const;
  const out: Open311RequestParams = { attributes };
  for (const k of keys) out[k] = str(raw[k]);
  return out;
}

export class Open311Service {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly auth: AuthService,
    private readonly cases: CaseService,
    private readonly hotline: HotlineService,
  ) {}

  /** The principal of an api_key parameter: Open311's 403 when missing, wrong or without the permission. */
  async principal(apiKey: string | undefined, required: boolean): Promise<Principal | null> {
    if (!apiKey) {
      if (required) throw new Open311Error(403, 'api_key is required');
      return null;
    }
    let principal: Principal;
    try {
      principal = await this.auth.principalForApiKey(apiKey);
    } catch (error) {
      if (error instanceof AppError) throw new Open311Error(403, 'api_key is invalid or revoked');
      throw error;
    }
    if (!principal.permissions.has('open311')) throw new Open311Error(403, 'api_key is not allowed to use Open311');
    return principal;
  }

  async services() {
    const rows = await this.db
      .selectFrom('categories as c')
      .leftJoin('categories as p', 'p.id', 'c.parent_id')
      .leftJoin('categories as g', 'g.id', 'p.parent_id')
      .select(['c.code', 'c.name', 'c.level', 'p.name as parent_name', 'g.name as grand_name'])
      .where('c.active', '=', true)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('categories as k')
              .select('k.id')
              .whereRef('k.parent_id', '=', 'c.id')
              .where('k.active', '=', true),
          ),
        ),
      )
      .orderBy('c.code')
      .execute();
    return rows.map((r) => ({
      service_code: r.code,
      service_name: r.name,
      description: [r.grand_name, r.parent_name, r.name].filter(Boolean).join(' / '),
      metadata: true,
      type: 'realtime',
      keywords: [r.parent_name, r.name].filter(Boolean).join(','),
      group: r.grand_name ?? r.parent_name ?? r.name,
    }));
  }

  private async category(code: string) {
    const row = await this.db
      .selectFrom('categories')
      .select(['id', 'code', 'name'])
      .where('code', '=', code)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!row) throw new Open311Error(404, `service_code ${code} was not found`);
    return row;
  }

  async definition(code: string) {
    const cat = await this.category(code);
    return { service_code: cat.code, attributes: OPEN311_ATTRIBUTES.map((a) => ({ ...a, values: [...a.values] })) };
  }

  /** POST requests: a new case from an Open311 client (created at once, so the id is returned directly). */
  async createRequest(params: Open311RequestParams) {
    const principal = await this.principal(params.api_key, true);
    if (!params.service_code) throw new Open311Error(400, 'service_code is required');
    const cat = await this.category(params.service_code);
    const attributes = checkAttributes(params.attributes);
    const description = params.description ?? '';
    if (description.length < 5) throw new Open311Error(400, 'description is required (at least 5 characters)');
    if (description.length > 4000) throw new Open311Error(400, 'description is longer than 4000 characters');
    if (params.email && !EMAIL.test(params.email)) throw new Open311Error(400, 'email is not a valid e-mail address');
    if (params.media_url && !/^https?:\/\/\S+$/.test(params.media_url)) {
      throw new Open311Error(400, 'media_url must be an http(s) URL');
    }
    let lat: number | null = null;
    let lng: number | null = null;
    let gridId: number | null = null;
    if (params.lat !== undefined || params.long !== undefined) {
      lat = Number(params.lat);
      lng = Number(params.long);
      if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
        throw new Open311Error(400, 'lat and long must both be given as WGS84 decimal degrees');
      }
      const system = parseCoordSystem(params.coord_system);
      if (system === null) {
        throw new Open311Error(
          400,
          'coord_system must be WGS84 (the default), GCJ02 (AMap, Tencent, WeChat) or BD09 (Baidu)',
        );
      }
      if (system) ({ lat, lng } = toStored({ lat, lng }, system));
    } else if (params.address_id) {
      const grid = await this.db
        .selectFrom('orgs')
        .select('id')
        .where('kind', '=', 'grid')
        .where('code', '=', params.address_id)
        .executeTakeFirst();
      if (!grid) throw new Open311Error(400, `address_id ${params.address_id} is not a grid code of this jurisdiction`);
      gridId = grid.id;
    } else if (params.address_string) {
      try {
        gridId = (
          await this.hotline.placeOf(
            { lat: null, lng: null, address: params.address_string },
            principal?.countyCode ?? null,
          )
        ).gridId;
      } catch {
        throw new Open311Error(
          400,
          'address_string names no town, village or grid of this jurisdiction: give lat and long',
        );
      }
    } else {
      throw new Open311Error(400, 'a location is required: lat and long, address_string or address_id');
    }
    const token = randomUUID();
    const name = [params.last_name, params.first_name].filter(Boolean).join('') || null;
    try {
      const created = await this.cases.create(
        {
          channel: 'open311',
          body: description,
          categoryId: cat.id,
          urgency: attributes.urgency === 'urgent' ? 'urgent' : 'normal',
          lat,
          lng,
          gridId,
          address: [params.address_string, attributes.location_detail].filter(Boolean).join(' ') || null,
          reporter: { name, phone: params.phone ?? null, anonymous: attributes.anonymous === 'true' },
          clientToken: `open311:${token}`,
          extra: {
            open311: {
              token,
              attributes,
              media_url: params.media_url ?? null,
              email: params.email ?? null,
              device_id: params.device_id ?? null,
              account_id: params.account_id ?? null,
            },
          },
        },
        principal,
      );
      const row = await this.db
        .selectFrom('cases')
        .select('number')
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      return [
        { service_request_id: row.number, token, service_notice: '已受理登记，将转交属地处理。', account_id: null },
      ];
    } catch (error) {
      if (error instanceof AppError) {
        const status = error.code === 'OUTSIDE_COUNTY' ? 400 : error.status >= 500 ? 500 : 400;
        const description =
          error.code === 'OUTSIDE_COUNTY' ? 'the location is outside this jurisdiction' : `${error.message}`;
        throw new Open311Error(status, description);
      }
      throw error;
    }
  }

  async token(token: string) {
    const row = await this.db
      .selectFrom('cases')
      .select('number')
      .where('client_token', '=', `open311:${token}`)
      .executeTakeFirst();
    if (!row) throw new Open311Error(404, `token ${token} was not found`);
    return [{ service_request_id: row.number, token }];
  }

  private query(principal: Principal | null) {
    let q = this.db
      .selectFrom('cases')
      .leftJoin('categories as c', 'c.id', 'cases.category_id')
      .leftJoin('orgs as lead', 'lead.id', 'cases.lead_org_id')
      .leftJoin('orgs as owner', 'owner.id', 'cases.owner_org_id')
      .leftJoin('orgs as grid', 'grid.id', 'cases.grid_id')
      .select([
        'cases.id',
        'cases.number',
        'cases.status',
        'cases.body',
        'cases.reply',
        'cases.address',
        'cases.lat',
        'cases.lng',
        'cases.reported_at',
        'cases.updated_at',
        'cases.extra',
        'c.code as service_code',
        'c.name as service_name',
        'lead.name as lead_name',
        'owner.name as owner_name',
        'grid.code as grid_code',
      ])
      .select((eb) =>
        eb
          .selectFrom('case_deadlines as d')
          .select((e) => e.fn.min('d.due_at').as('due'))
          .whereRef('d.case_id', '=', 'cases.id')
          .as('expected'),
      )
      .where('cases.merged_into_id', 'is', null);
    if (principal?.permissions.has('case.read')) q = q.where(casesVisibleTo(principal));
    else q = q.where('cases.channel', '=', 'open311');
    return q;
  }

  async requests(
    filter: {
      service_request_id?: string;
      service_code?: string;
      start_date?: string;
      end_date?: string;
      status?: string;
    },
    principal: Principal | null,
  ): Promise<ServiceRequestView[]> {
    let q = this.query(principal);
    if (filter.service_request_id) {
      // The spec: with ids given, every other parameter is ignored.
      const ids = filter.service_request_id
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (ids.length > MAX_RESULTS) throw new Open311Error(400, `at most ${MAX_RESULTS} service_request_id values`);
      const rows = await q.where('cases.number', 'in', ids).orderBy('cases.reported_at', 'desc').execute();
      return rows.map((r) => this.view(r));
    }
    if (filter.service_code) {
      const codes = filter.service_code
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      q = q.where('c.code', 'in', codes);
    }
    const end = filter.end_date ? parseW3cDate(filter.end_date, 'end_date') : null;
    let start = filter.start_date ? parseW3cDate(filter.start_date, 'start_date') : null;
    if (start && end && start > end) throw new Open311Error(400, 'start_date is after end_date');
    if (!start && !end) start = new Date(this.clock.now().getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
    if (start) q = q.where('cases.reported_at', '>=', start);
    if (end) q = q.where('cases.reported_at', '<=', end);
    if (filter.status) {
      const statuses = filter.status.split(',').map((s) => s.trim().toLowerCase());
      const bad = statuses.filter((s) => s !== 'open' && s !== 'closed');
      if (bad.length) throw new Open311Error(400, 'status must be open, closed or open,closed');
      if (statuses.includes('open') && !statuses.includes('closed'))
        q = q.where('cases.status', 'not in', [...FINISHED_STATES]);
      if (statuses.includes('closed') && !statuses.includes('open'))
        q = q.where('cases.status', 'in', [...FINISHED_STATES]);
    }
    const rows = await q.orderBy('cases.reported_at', 'desc').limit(MAX_RESULTS).execute();
    return rows.map((r) => this.view(r));
  }

  async request(id: string, principal: Principal | null): Promise<ServiceRequestView[]> {
    const row = await this.query(principal).where('cases.number', '=', id).executeTakeFirst();
    if (!row) throw new Open311Error(404, `service_request_id ${id} was not found`);
    return [this.view(row)];
  }

  private view(r: {
    number: string;
    status: string;
    body: string;
    reply: string | null;
    address: string | null;
    lat: number | null;
    lng: number | null;
    reported_at: Date;
    updated_at: Date;
    extra: unknown;
    service_code: string | null;
    service_name: string | null;
    lead_name: string | null;
    owner_name: string | null;
    grid_code: string | null;
    expected: unknown;
  }): ServiceRequestView {
    const closed = (FINISHED_STATES as readonly string[]).includes(r.status);
    const extra = (r.extra ?? {}) as { open311?: { media_url?: string | null } };
    return {
      service_request_id: r.number,
      status: closed ? 'closed' : 'open',
      status_notes: r.reply,
      service_name: r.service_name,
      service_code: r.service_code,
      description: r.body,
      agency_responsible: r.lead_name ?? r.owner_name,
      service_notice: null,
      requested_datetime: new Date(r.reported_at).toISOString(),
      updated_datetime: new Date(r.updated_at).toISOString(),
      expected_datetime: r.expected && !closed ? new Date(r.expected as string).toISOString() : null,
      address: r.address,
      address_id: r.grid_code,
      zipcode: null,
      lat: r.lat,
      long: r.lng,
      media_url: extra.open311?.media_url ?? null,
    };
  }
}
