// 双报到's public face: each method is one use case of its own file; the service holds only what they need.
// Routes and the demo seed call it; no other module touches its tables.
import type { Principal } from '../auth/principal.js';
import { actOnNeed, type NeedActionInput } from './act-on-need.js';
import { type DecideRegistrationInput, decideRegistration } from './decide-registration.js';
import { issueReports, ownReports, reportsXlsx, unitReports } from './issue-reports.js';
import type { PartyServiceDeps } from './party-service-deps.js';
import * as queries from './party-service-queries.js';
import { type PublishNeedInput, publishNeed } from './publish-need.js';
import { type RegisterMemberInput, registerMember } from './register-member.js';
import { type RegisterUnitInput, registerUnit } from './register-unit.js';

export class DoubleReportService {
  constructor(private readonly deps: PartyServiceDeps) {}

  private get db() {
    return this.deps.db;
  }

  // ── registrations ──
  units(p: Principal, q: queries.RegistrationQuery) {
    return queries.listUnits(this.db, p, q);
  }
  registerUnit(p: Principal, input: RegisterUnitInput) {
    return registerUnit(this.deps, p, input);
  }
  members(p: Principal, q: queries.RegistrationQuery) {
    return queries.listMembers(this.db, p, q);
  }
  registerMember(p: Principal, input: RegisterMemberInput) {
    return registerMember(this.deps, p, input);
  }
  decide(p: Principal, which: 'unit' | 'member', id: number, input: DecideRegistrationInput) {
    return decideRegistration(this.deps, p, which, id, input);
  }
  revealMember(p: Principal, id: number, ip?: string) {
    return queries.revealMember(this.db, this.deps.audit, p, id, ip);
  }
  communities() {
    return queries.communities(this.db);
  }
  unitNames() {
    return queries.unitNames(this.db);
  }

  // ── needs ──
  needs(p: Principal, q: queries.NeedQuery) {
    return queries.listNeeds(this.db, p, this.deps.clock.now(), q);
  }
  need(p: Principal, id: number) {
    return queries.needDetail(this.deps.db as never, p, this.deps.clock.now(), id);
  }
  publish(p: Principal, input: PublishNeedInput) {
    return publishNeed(this.deps, p, input);
  }
  act(p: Principal, id: number, input: { version: number; action: NeedActionInput }) {
    return actOnNeed(this.deps, p, id, input);
  }

  // ── yearly reports ──
  reports(p: Principal, year: number) {
    return unitReports(this.db, p, year);
  }
  issueReports(p: Principal, year: number) {
    return issueReports(this.deps, p, year);
  }
  reportsXlsx(p: Principal, year: number) {
    return reportsXlsx(this.db, p, year);
  }
  ownReports(p: Principal) {
    return ownReports(this.db, p);
  }
}
