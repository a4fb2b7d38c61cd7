// The convenience-service capability's public face (便民服务): each method is one use case of its own file; the
// service only holds what they need. Routes and the demo seed call it; no other module touches its tables.
import type { GeoPoint } from '../../domain/service-item/index.js';
import type { Principal } from '../auth/principal.js';
import { type CompleteInput, completeApplication, recordVisit, revealResident } from './act-on-application.js';
import { adoptTemplate, syncFromTemplate } from './adopt-template.js';
import { createItem, type ItemFields, updateItem } from './save-item.js';
import { createStation, type StationFields, updateStation } from './save-station.js';
import type { ServiceDeps } from './service-deps.js';
import * as queries from './service-queries.js';
import { type ServiceStats, type StatsQuery, serviceStats, statsWorkbook } from './service-stats.js';
import { type TakeApplicationInput, takeApplication } from './take-application.js';

export class ServiceItemService {
  constructor(private readonly deps: ServiceDeps) {}

  private get db() {
    return this.deps.db;
  }

  // ── stations ──
  stations(p: Principal) {
    return queries.listStations(this.db, p);
  }
  station(p: Principal, id: number) {
    return queries.stationDetail(this.db, p, id);
  }
  createStation(p: Principal, input: StationFields) {
    return createStation(this.deps, p, input);
  }
  updateStation(p: Principal, id: number, input: Partial<Omit<StationFields, 'orgId' | 'kind'>> & { version: number }) {
    return updateStation(this.deps, p, id, input);
  }

  // ── the county template and the stations' lists ──
  template(p: Principal) {
    return queries.templateItems(this.db, p.countyCode ?? '');
  }
  createItem(p: Principal, stationId: number | null, input: ItemFields) {
    return createItem(this.deps, p, stationId, input);
  }
  updateItem(p: Principal, id: number, input: Partial<ItemFields> & { version: number }) {
    return updateItem(this.deps, p, id, input);
  }
  adopt(p: Principal, stationId: number, itemIds?: number[]) {
    return adoptTemplate(this.deps, p, stationId, itemIds);
  }
  syncFromTemplate(p: Principal, id: number, version: number) {
    return syncFromTemplate(this.deps, p, id, version);
  }

  // ── applications ──
  applications(p: Principal, query: queries.ApplicationQuery) {
    return queries.listApplications(this.db, p, this.deps.clock.now(), query);
  }
  application(p: Principal, id: number) {
    return queries.applicationDetail(this.db, p, this.deps.clock.now(), id);
  }
  take(p: Principal, input: TakeApplicationInput) {
    return takeApplication(this.deps, p, input);
  }
  recordVisit(p: Principal, id: number, input: { version: number; materialsReceived?: string[]; note?: string }) {
    return recordVisit(this.deps, p, id, input);
  }
  complete(p: Principal, id: number, input: CompleteInput) {
    return completeApplication(this.deps, p, id, input);
  }
  reveal(p: Principal, id: number, ip?: string) {
    return revealResident(this.deps, p, id, ip);
  }

  // ── figures ──
  stats(p: Principal, query: StatsQuery): Promise<ServiceStats> {
    return serviceStats(this.db, p, query);
  }
  async statsWorkbook(p: Principal, query: StatsQuery): Promise<Buffer> {
    return statsWorkbook(await serviceStats(this.db, p, query));
  }

  // ── the resident's side (no sign-in) ──
  searchPublic(query: { q?: string; category?: string }) {
    return queries.searchPublicItems(this.db, query);
  }
  publicItem(p: Principal | null, id: number, from: { point: GeoPoint | null; villageId?: number }) {
    return queries.publicItem(this.db, p, id, from);
  }
}
