// The organisation tree: reading it within the caller's scope, changing it, and locating points in grids.
// What a principal may see: its own subtree, plus the county-level directory (departments and third-party
// organisations) that every unit works with. Anything else answers "not found".
import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { DB, GeoJSONGeometry, Org, OrgKind, Participant } from '../../db/schema.js';
import { canNest, codeProblem } from '../../domain/org/org-rules.js';
import type { AuditService } from '../audit/audit-service.js';
import { inScope, type Principal } from '../auth/principal.js';
import { GridLocator } from './grid-locator.js';

export interface OrgSummary {
  id: number;
  code: string;
  name: string;
  kind: OrgKind;
  subkind: string | null;
  participant: Participant;
  parentId: number | null;
  depth: number;
  households: number | null;
  population: number | null;
  gridWorker: { id: number; displayName: string } | null;
  phone: string | null;
  address: string | null;
  active: boolean;
  centerLat: number | null;
  centerLng: number | null;
}

export interface OrgTreeNode extends OrgSummary {
  children: OrgTreeNode[];
}

export interface OrgDetail extends OrgSummary {
  boundary: GeoJSONGeometry | null;
  ancestors: { id: number; name: string; kind: OrgKind }[];
  counts: { children: number; users: number };
  version: number;
  path: string;
}

export interface NewOrgInput {
  code: string;
  name: string;
  kind: OrgKind;
  subkind?: string | null;
  participant: Participant;
  parentId: number;
  households?: number | null;
  population?: number | null;
  phone?: string | null;
  address?: string | null;
  boundary?: GeoJSONGeometry | null;
}

export interface OrgChanges {
  version: number;
  name?: string;
  subkind?: string | null;
  participant?: Participant;
  households?: number | null;
  population?: number | null;
  phone?: string | null;
  address?: string | null;
  gridWorkerId?: number | null;
  active?: boolean;
  boundary?: GeoJSONGeometry | null;
}

export interface LocateResult {
  county: { id: number; code: string; name: string };
  town: { id: number; code: string; name: string };
  village: { id: number; code: string; name: string };
  grid: { id: number; code: string; name: string };
}

const DIRECTORY_KINDS: OrgKind[] = ['department', 'third_party'];
const LOCATOR_TTL_MS = 30_000;

type OrgRow = Org & { grid_worker_name?: string | null };

export function toOrgSummary(row: OrgRow): OrgSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    subkind: row.subkind,
    participant: row.participant,
    parentId: row.parent_id,
    depth: row.depth,
    households: row.households,
    population: row.population,
    gridWorker:
      row.grid_worker_id && row.grid_worker_name ? { id: row.grid_worker_id, displayName: row.grid_worker_name } : null,
    phone: row.phone,
    address: row.address,
    active: row.active,
    centerLat: row.center_lat,
    centerLng: row.center_lng,
  };
}

/** Rows of `orgs` the principal may read. */
export function visibleOrgs(principal: Principal) {
  return (eb: ExpressionBuilder<DB, 'orgs'>) =>
    eb.or([
      eb('orgs.path', 'like', `${principal.scopePath ?? '∅'}%`),
      eb.and([eb('orgs.depth', '=', 1), eb('orgs.kind', 'in', DIRECTORY_KINDS)]),
    ]);
}

/** Ids of the organisations in the principal's subtree, as a subquery. */
export function subtreeIds(db: Kysely<DB>, scopePath: string | null) {
  return db
    .selectFrom('orgs')
    .select('orgs.id')
    .where('orgs.path', 'like', `${scopePath ?? '∅'}%`);
}

export class OrgService {
  private locator: { at: number; value: GridLocator; chain: Map<number, Org> } | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  private baseQuery(db: Kysely<DB> | Transaction<DB> = this.db) {
    return db
      .selectFrom('orgs')
      .leftJoin('users as gw', 'gw.id', 'orgs.grid_worker_id')
      .selectAll('orgs')
      .select('gw.display_name as grid_worker_name');
  }

  async list(
    principal: Principal,
    filter: { kind?: OrgKind; parentId?: number; q?: string; limit: number; offset: number },
  ): Promise<{ items: OrgSummary[]; total: number }> {
    let query = this.db.selectFrom('orgs').where(visibleOrgs(principal));
    if (filter.kind) query = query.where('orgs.kind', '=', filter.kind);
    if (filter.parentId !== undefined) query = query.where('orgs.parent_id', '=', filter.parentId);
    if (filter.q) {
      const like = `%${filter.q}%`;
      query = query.where((eb) => eb.or([eb('orgs.name', 'like', like), eb('orgs.code', 'like', like)]));
    }
    const ids = query.select('orgs.id');
    const [rows, count] = await Promise.all([
      this.baseQuery()
        .where('orgs.id', 'in', ids)
        .orderBy('orgs.depth')
        .orderBy('orgs.sort')
        .orderBy('orgs.code')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toOrgSummary), total: Number(count.n) };
  }

  async tree(principal: Principal, includeGrids: boolean): Promise<OrgTreeNode[]> {
    let query = this.baseQuery().where(visibleOrgs(principal));
    if (!includeGrids) query = query.where('orgs.kind', '!=', 'grid').where(sql<boolean>`orgs.depth <= 3`);
    const rows = await query.orderBy('orgs.depth').orderBy('orgs.sort').orderBy('orgs.code').execute();
    const nodes = new Map<number, OrgTreeNode>();
    const roots: OrgTreeNode[] = [];
    for (const row of rows) nodes.set(row.id, { ...toOrgSummary(row), children: [] });
    for (const node of nodes.values()) {
      const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }

  /** Loads an organisation the principal may see, or answers ORG_NOT_FOUND. */
  async get(principal: Principal, id: number): Promise<OrgDetail> {
    const row = await this.baseQuery().where('orgs.id', '=', id).where(visibleOrgs(principal)).executeTakeFirst();
    if (!row) throw new AppError('ORG_NOT_FOUND');
    return this.detail(row);
  }

  private async detail(row: OrgRow, db: Kysely<DB> | Transaction<DB> = this.db): Promise<OrgDetail> {
    const ancestorIds = row.path.split('/').filter(Boolean).map(Number).slice(0, -1);
    const [ancestors, children, users] = await Promise.all([
      ancestorIds.length
        ? db
            .selectFrom('orgs')
            .select(['id', 'name', 'kind', 'depth'])
            .where('id', 'in', ancestorIds)
            .orderBy('depth')
            .execute()
        : Promise.resolve([]),
      db
        .selectFrom('orgs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('parent_id', '=', row.id)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', row.id)
        .executeTakeFirstOrThrow(),
    ]);
    return {
      ...toOrgSummary(row),
      boundary: (row.boundary as GeoJSONGeometry | null) ?? null,
      ancestors: ancestors.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
      counts: { children: Number(children.n), users: Number(users.n) },
      version: row.version,
      path: row.path,
    };
  }

  /** An organisation the principal may change: in its own subtree. */
  async requireManageable(principal: Principal, id: number, db: Kysely<DB> | Transaction<DB> = this.db): Promise<Org> {
    const row = await db
      .selectFrom('orgs')
      .selectAll()
      .where('id', '=', id)
      .where(visibleOrgs(principal))
      .executeTakeFirst();
    if (!row) throw new AppError('ORG_NOT_FOUND');
    if (!inScope(principal, row.path)) throw new AppError('OUTSIDE_SCOPE');
    return row;
  }

  async create(principal: Principal, input: NewOrgInput): Promise<OrgDetail> {
    return this.db.transaction().execute(async (trx) => {
      const parent = await this.requireManageable(principal, input.parentId, trx);
      const org = await this.insertOrg(trx, parent, input);
      await this.audit.record(
        principal,
        { action: 'org.create', targetType: 'org', targetId: org.id, details: { code: org.code, name: org.name } },
        trx,
      );
      this.invalidateLocator();
      return this.detail(org, trx);
    });
  }

  /** Inserts one organisation under a parent after checking nesting and code rules (used by import too). */
  async insertOrg(trx: Transaction<DB>, parent: Org, input: Omit<NewOrgInput, 'parentId'>): Promise<Org> {
    if (!canNest(parent.kind, input.kind)) {
      throw new AppError('INVALID_PARENT', { message: `「${parent.name}」下不能建立该类型的组织` });
    }
    const problem = codeProblem(
      input.kind,
      input.code,
      ['town', 'village', 'grid'].includes(input.kind) ? parent.code : null,
    );
    if (problem) throw new AppError('VALIDATION_FAILED', { message: problem, details: { field: 'code' } });
    const clash = await trx.selectFrom('orgs').select('id').where('code', '=', input.code).executeTakeFirst();
    if (clash) throw new AppError('DUPLICATE', { message: `编码 ${input.code} 已存在` });
    const now = this.clock.now();
    const inserted = await trx
      .insertInto('orgs')
      .values({
        code: input.code,
        name: input.name,
        kind: input.kind,
        subkind: input.subkind ?? null,
        participant: input.participant,
        parent_id: parent.id,
        path: '',
        depth: parent.depth + 1,
        county_code: parent.county_code,
        boundary: input.boundary ? JSON.stringify(input.boundary) : null,
        households: input.households ?? null,
        population: input.population ?? null,
        phone: input.phone ?? null,
        address: input.address ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return trx
      .updateTable('orgs')
      .set({ path: `${parent.path}${inserted.id}/` })
      .where('id', '=', inserted.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async update(principal: Principal, id: number, changes: OrgChanges): Promise<OrgDetail> {
    return this.db.transaction().execute(async (trx) => {
      const org = await this.requireManageable(principal, id, trx);
      if (org.version !== changes.version) {
        throw new AppError('CONFLICT', { details: { currentVersion: org.version } });
      }
      if (changes.gridWorkerId !== undefined && changes.gridWorkerId !== null) {
        const worker = await trx
          .selectFrom('users')
          .select(['id', 'role', 'org_id'])
          .where('id', '=', changes.gridWorkerId)
          .executeTakeFirst();
        if (worker?.role !== 'grid_worker' || worker.org_id !== org.id) {
          throw new AppError('VALIDATION_FAILED', {
            message: '网格员须是本网格的网格员账号',
            details: { field: 'gridWorkerId' },
          });
        }
      }
      if (changes.active === false && org.active) {
        const busy = await trx
          .selectFrom('orgs')
          .select('id')
          .where('parent_id', '=', id)
          .where('active', '=', true)
          .union(trx.selectFrom('users').select('id').where('org_id', '=', id).where('active', '=', true))
          .limit(1)
          .executeTakeFirst();
        if (busy) throw new AppError('ORG_HAS_CHILDREN');
      }
      const updated = await trx
        .updateTable('orgs')
        .set({
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.subkind !== undefined && { subkind: changes.subkind }),
          ...(changes.participant !== undefined && { participant: changes.participant }),
          ...(changes.households !== undefined && { households: changes.households }),
          ...(changes.population !== undefined && { population: changes.population }),
          ...(changes.phone !== undefined && { phone: changes.phone }),
          ...(changes.address !== undefined && { address: changes.address }),
          ...(changes.gridWorkerId !== undefined && { grid_worker_id: changes.gridWorkerId }),
          ...(changes.active !== undefined && { active: changes.active }),
          ...(changes.boundary !== undefined && {
            boundary: changes.boundary ? JSON.stringify(changes.boundary) : null,
          }),
          version: org.version + 1,
          updated_at: this.clock.now(),
        })
        .where('id', '=', id)
        .where('version', '=', changes.version)
        .returningAll()
        .executeTakeFirst();
      if (!updated) throw new AppError('CONFLICT');
      const { version: _v, ...changed } = changes;
      await this.audit.record(
        principal,
        { action: 'org.update', targetType: 'org', targetId: id, details: { fields: Object.keys(changed) } },
        trx,
      );
      if (changes.boundary !== undefined || changes.active !== undefined) this.invalidateLocator();
      const row = await this.baseQuery(trx).where('orgs.id', '=', id).executeTakeFirstOrThrow();
      return this.detail(row, trx);
    });
  }

  /** Grids with their boundaries as a GeoJSON FeatureCollection, for maps. */
  async gridsGeoJson(principal: Principal, withinId?: number) {
    let scope = principal.scopePath ?? '∅';
    if (withinId !== undefined) {
      const within = await this.get(principal, withinId);
      if (!inScope(principal, within.path)) throw new AppError('ORG_NOT_FOUND');
      scope = within.path;
    }
    const rows = await this.db
      .selectFrom('orgs as g')
      .innerJoin('orgs as v', 'v.id', 'g.parent_id')
      .innerJoin('orgs as t', 't.id', 'v.parent_id')
      .leftJoin('users as gw', 'gw.id', 'g.grid_worker_id')
      .select([
        'g.id',
        'g.code',
        'g.name',
        'g.boundary',
        'g.households',
        'v.id as village_id',
        'v.name as village_name',
        't.id as town_id',
        't.name as town_name',
        'gw.display_name as grid_worker_name',
      ])
      .where('g.kind', '=', 'grid')
      .where('g.active', '=', true)
      .where('g.boundary', 'is not', null)
      .where('g.path', 'like', `${scope}%`)
      .orderBy('g.code')
      .execute();
    return {
      type: 'FeatureCollection' as const,
      features: rows.map((r) => ({
        type: 'Feature' as const,
        geometry: r.boundary,
        properties: {
          id: r.id,
          code: r.code,
          name: r.name,
          villageId: r.village_id,
          villageName: r.village_name,
          townId: r.town_id,
          townName: r.town_name,
          households: r.households,
          gridWorkerName: r.grid_worker_name,
        },
      })),
    };
  }

  invalidateLocator(): void {
    this.locator = null;
  }

  private async loadLocator() {
    const now = Date.now();
    if (this.locator && now - this.locator.at < LOCATOR_TTL_MS) return this.locator;
    const rows = await this.db
      .selectFrom('orgs')
      .selectAll()
      .where('kind', 'in', ['county', 'town', 'village', 'grid'])
      .where('active', '=', true)
      .execute();
    const chain = new Map(rows.map((r) => [r.id, r]));
    const grids = rows
      .filter((r) => r.kind === 'grid' && r.boundary)
      .map((r) => ({ id: r.id, code: r.code, boundary: r.boundary as GeoJSONGeometry }));
    this.locator = { at: now, value: new GridLocator(grids), chain };
    return this.locator;
  }

  /** Which grid, village, town and county a point falls in; OUTSIDE_COUNTY when none. */
  async locate(lat: number, lng: number): Promise<LocateResult> {
    const { value, chain } = await this.loadLocator();
    const grid = value.locate(lng, lat);
    const gridRow = grid ? chain.get(grid.id) : undefined;
    const village = gridRow?.parent_id ? chain.get(gridRow.parent_id) : undefined;
    const town = village?.parent_id ? chain.get(village.parent_id) : undefined;
    const county = town?.parent_id ? chain.get(town.parent_id) : undefined;
    if (!gridRow || !village || !town || !county) {
      throw new AppError('OUTSIDE_COUNTY', { details: { lat, lng } });
    }
    const pick = (o: Org) => ({ id: o.id, code: o.code, name: o.name });
    return { county: pick(county), town: pick(town), village: pick(village), grid: pick(gridRow) };
  }
}
