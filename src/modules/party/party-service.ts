// The party organisation's public face (党建引领 · 组织体系): each method is one use case of its own file; the
// service only holds what they need. Routes and the demo seed call it; no other module touches its tables.
import { chinaDayOf } from '../../domain/calendar/index.js';
import type { Principal } from '../auth/principal.js';
import { toXlsx } from '../dashboards/xlsx.js';
import { type AssignSecretaryInput, assignSecretary, updateSecretary } from './assign-secretary.js';
import type { PartyDeps } from './party-deps.js';
import * as queries from './party-queries.js';
import { type RecordDayInput, recordSecretaryDay } from './record-day.js';
import { type CommitteeMemberFields, createCommitteeMember, updateCommitteeMember } from './save-committee-member.js';
import { createMember, type MemberFields, revealMember, updateMember } from './save-member.js';
import {
  type CreatePartyOrgInput,
  createPartyOrg,
  dissolvePartyOrg,
  type UpdatePartyOrgInput,
  updatePartyOrg,
} from './save-party-org.js';
import * as secretaries from './secretary-queries.js';
import { assignSecretaryTask, type SecretaryTaskInput } from './secretary-task.js';

export class PartyService {
  constructor(private readonly deps: PartyDeps) {}

  private get db() {
    return this.deps.db;
  }

  private now() {
    return this.deps.clock.now();
  }

  // ── the organisation along the grid ──
  orgs(p: Principal, query: queries.OrgQuery) {
    return queries.listPartyOrgs(this.db, p, query);
  }
  org(p: Principal, id: number) {
    return queries.partyOrgDetail(this.db, p, id);
  }
  createOrg(p: Principal, input: CreatePartyOrgInput) {
    return createPartyOrg(this.deps, p, input);
  }
  updateOrg(p: Principal, id: number, input: UpdatePartyOrgInput) {
    return updatePartyOrg(this.deps, p, id, input);
  }
  dissolveOrg(p: Principal, id: number, version: number) {
    return dissolvePartyOrg(this.deps, p, id, version);
  }
  coverage(p: Principal, townId?: number) {
    return queries.coverage(this.db, p, townId);
  }
  gridCard(gridId: number) {
    return queries.gridCard(this.db, gridId);
  }

  // ── members ──
  members(p: Principal, query: queries.MemberQuery) {
    return queries.listMembers(this.db, p, query);
  }
  createMember(p: Principal, partyOrgId: number, input: MemberFields) {
    return createMember(this.deps, p, partyOrgId, input);
  }
  updateMember(p: Principal, id: number, input: Parameters<typeof updateMember>[3]) {
    return updateMember(this.deps, p, id, input);
  }
  revealMember(p: Principal, id: number, ip?: string) {
    return revealMember(this.deps, p, id, ip);
  }
  badges(p: Principal, userIds: number[]) {
    return queries.memberBadges(this.db, p, userIds);
  }

  // ── the community's 大党委 ──
  committee(p: Principal, query: { villageId?: number }) {
    return queries.committeeMembers(this.db, p, query, chinaDayOf(this.now()));
  }
  createCommitteeMember(p: Principal, villageId: number, input: CommitteeMemberFields) {
    return createCommitteeMember(this.deps, p, villageId, input);
  }
  updateCommitteeMember(p: Principal, id: number, input: Parameters<typeof updateCommitteeMember>[3]) {
    return updateCommitteeMember(this.deps, p, id, input);
  }

  // ── first secretaries ──
  secretaries(p: Principal) {
    return secretaries.listSecretaries(this.db, this.deps.tasks, p, this.now());
  }
  mySecretaryAssignments(p: Principal) {
    return secretaries.mySecretaryAssignments(this.db, this.deps.tasks, p, this.now());
  }
  secretary(p: Principal, id: number) {
    return secretaries.secretaryDetail(this.db, this.deps.tasks, p, id, this.now());
  }
  assignSecretary(p: Principal, input: AssignSecretaryInput) {
    return assignSecretary(this.deps, p, input);
  }
  updateSecretary(p: Principal, id: number, input: Parameters<typeof updateSecretary>[3]) {
    return updateSecretary(this.deps, p, id, input);
  }
  assignSecretaryTask(p: Principal, id: number, input: SecretaryTaskInput) {
    return assignSecretaryTask(this.deps, p, id, input);
  }
  recordDay(p: Principal, id: number, input: RecordDayInput) {
    return recordSecretaryDay(this.deps, p, id, input);
  }
  async secretaryMonthly(p: Principal, month: string) {
    const { calendar, now } = await this.deps.contexts.context();
    return secretaries.secretaryMonthly(this.db, this.deps.tasks, p, month, calendar, chinaDayOf(now));
  }
  async secretaryMonthlyXlsx(p: Principal, month: string) {
    const report = await this.secretaryMonthly(p, month);
    return {
      filename: `第一书记驻村情况月报-${month}.xlsx`,
      body: await toXlsx([secretaries.secretaryMonthlySheet(report)]),
    };
  }
}
