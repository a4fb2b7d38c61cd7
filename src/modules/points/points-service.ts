// The points capability's public face (文明积分 · 诚信户): each method is one use case of its own file; the
// service only holds what they need. Routes and the demo seed call it; no other module touches its tables.
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { ObjectionState, PointsSettings, RequestState } from '../../domain/points/index.js';
import type { AttachmentService } from '../attachments/attachment-service.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { adoptTemplate } from './adopt-template.js';
import { decideRequest } from './approve-entry.js';
import { type AwardPointsInput, awardPoints } from './award-points.js';
import { cancelRedemption } from './cancel-redemption.js';
import { type CorrectEntryInput, correctEntry } from './correct-entry.js';
import { creditCandidates, creditHouseholds, creditSheet } from './credit-queries.js';
import { type DecideObjectionInput, decideObjection } from './decide-objection.js';
import { type DesignateInput, designateCreditHouseholds } from './designate-credit-households.js';
import { handOverRedemption } from './hand-over-redemption.js';
import { importHouseholds, readHouseholdSheet } from './import-households.js';
import { myPoints } from './my-points.js';
import { type ObjectInput, objectToEntry } from './object-to-entry.js';
import type { PointsDeps } from './points-deps.js';
import * as queries from './points-queries.js';
import { publicBoard, rankingSheet, villageRanking } from './rankings.js';
import { type RedeemInput, redeemItem } from './redeem-item.js';
import { revealHousehold } from './reveal-household.js';
import { revokeCreditHousehold } from './revoke-credit-household.js';
import {
  type CreateHouseholdInput,
  createHousehold,
  type UpdateHouseholdInput,
  updateHousehold,
} from './save-household.js';
import { createItem, type ItemFields, updateItem } from './save-item.js';
import { createRule, type RuleFields, updateRule } from './save-rule.js';
import { updateSettings } from './update-settings.js';

export class PointsService {
  private readonly deps: PointsDeps;

  constructor(deps: {
    db: Kysely<DB>;
    clock: Clock;
    audit: AuditService;
    attachments: Pick<AttachmentService, 'notOwnedBy'>;
  }) {
    this.deps = deps;
  }

  private get db() {
    return this.deps.db;
  }

  // ── rules and settings ──
  template(p: Principal) {
    return queries.templateRules(this.db, p);
  }
  village(p: Principal, villageId: number) {
    return queries.villageOverview(this.db, p, villageId);
  }
  villages(p: Principal) {
    return queries.pointsVillages(this.db, p);
  }
  createRule(p: Principal, villageId: number | null, input: RuleFields) {
    return createRule(this.deps, p, villageId, input);
  }
  updateRule(p: Principal, id: number, input: Partial<RuleFields> & { version: number }) {
    return updateRule(this.deps, p, id, input);
  }
  adoptTemplate(p: Principal, villageId: number) {
    return adoptTemplate(this.deps, p, villageId);
  }
  updateSettings(p: Principal, villageId: number, input: Partial<PointsSettings> & { version: number }) {
    return updateSettings(this.deps, p, villageId, input);
  }

  // ── households ──
  households(p: Principal, query: Parameters<typeof queries.listHouseholds>[2]) {
    return queries.listHouseholds(this.db, p, query);
  }
  household(p: Principal, id: number) {
    return queries.getHousehold(this.db, p, id);
  }
  createHousehold(p: Principal, input: CreateHouseholdInput) {
    return createHousehold(this.deps, p, input);
  }
  updateHousehold(p: Principal, id: number, input: UpdateHouseholdInput) {
    return updateHousehold(this.deps, p, id, input);
  }
  revealHousehold(p: Principal, id: number, ip?: string) {
    return revealHousehold(this.deps, p, id, ip);
  }
  async importHouseholds(p: Principal, villageId: number, file: { bytes: Buffer; fileName: string }, dryRun: boolean) {
    const rows = await readHouseholdSheet(file.bytes, file.fileName);
    return importHouseholds(this.deps, p, villageId, rows, dryRun);
  }
  ledger(p: Principal, householdId: number) {
    return queries.householdLedger(this.db, p, householdId, this.deps.clock.now());
  }

  // ── the ledger ──
  award(p: Principal, input: AwardPointsInput) {
    return awardPoints(this.deps, p, input);
  }
  requests(p: Principal, query: { villageId?: number; state?: RequestState }) {
    return queries.listRequests(this.db, p, query);
  }
  decideRequest(p: Principal, id: number, input: { approve: boolean; note?: string }) {
    return decideRequest(this.deps, p, id, input);
  }
  correct(p: Principal, entryId: number, input: CorrectEntryInput) {
    return correctEntry(this.deps, p, entryId, input);
  }
  objections(p: Principal, query: { villageId?: number; state?: ObjectionState }) {
    return queries.listObjections(this.db, p, query);
  }
  decideObjection(p: Principal, id: number, input: DecideObjectionInput) {
    return decideObjection(this.deps, p, id, input);
  }

  // ── the shop ──
  items(p: Principal, villageId: number) {
    return queries.villageItems(this.db, p, villageId);
  }
  createItem(p: Principal, villageId: number, input: ItemFields) {
    return createItem(this.deps, p, villageId, input);
  }
  updateItem(p: Principal, id: number, input: Partial<ItemFields> & { version: number }) {
    return updateItem(this.deps, p, id, input);
  }
  redeem(p: Principal, input: RedeemInput) {
    return redeemItem(this.deps, p, input);
  }
  redemptions(p: Principal, query: { villageId?: number; awaiting?: boolean }) {
    return queries.listRedemptions(this.db, p, query);
  }
  handOver(p: Principal, id: number) {
    return handOverRedemption(this.deps, p, id);
  }
  cancelRedemption(p: Principal, id: number, input: { reason?: string }) {
    return cancelRedemption(this.deps, p, id, input);
  }

  // ── rankings and credit households ──
  ranking(p: Principal, villageId: number, period: string) {
    return villageRanking(this.db, p, villageId, period);
  }
  rankingSheet = rankingSheet;
  board(villageId: number, period: string) {
    return publicBoard(this.db, villageId, period);
  }
  creditCandidates(p: Principal, villageId: number, year: number) {
    return creditCandidates(this.db, p, villageId, year);
  }
  designate(p: Principal, input: DesignateInput) {
    return designateCreditHouseholds(this.deps, p, input);
  }
  creditHouseholds(p: Principal, query: { year: number; villageId?: number; includeRevoked?: boolean }) {
    return creditHouseholds(this.db, p, query);
  }
  creditSheet = creditSheet;
  revokeCredit(p: Principal, id: number, reason: string) {
    return revokeCreditHousehold(this.deps, p, id, reason);
  }

  // ── the household on its phone ──
  mine(p: Principal) {
    return myPoints(this.deps, p);
  }
  object(p: Principal, entryId: number, input: ObjectInput) {
    return objectToEntry(this.deps, p, entryId, input);
  }
}
