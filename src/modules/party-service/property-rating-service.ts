// 物业亮星 and 执法亮剑's public face: companies, compounds, residents' ratings, the monthly stars (job and by hand),
// the public boards. Each method is one use case of its own file.
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { Principal } from '../auth/principal.js';
import { publicEnforcement } from './enforcement-list.js';
import type { PartyServiceDeps } from './party-service-deps.js';
import * as queries from './property-queries.js';
import { propertyCategoryNames, savePropertyCategories } from './property-settings.js';
import { rateCompound } from './rate-compound.js';
import { recomputeByHand, recomputeEndedMonth } from './recompute-stars.js';
import { type CompoundInput, createCompany, createCompound, linkCase } from './save-property.js';

export class PropertyRatingService {
  constructor(
    private readonly deps: PartyServiceDeps,
    /** The public enforcement list cuts reporters' names (stored encrypted) out of its texts. */
    private readonly crypto: FieldCrypto,
  ) {}

  private get db() {
    return this.deps.db;
  }

  companies(p: Principal) {
    return queries.companies(this.db, p);
  }
  createCompany(p: Principal, input: { name: string; contactName?: string; phone?: string }) {
    return createCompany(this.deps, p, input);
  }
  compounds(p: Principal, q: { villageId?: number }) {
    return queries.compounds(this.db, p, q);
  }
  compound(p: Principal, id: number) {
    return queries.compoundDetail(this.deps.db as never, p, id);
  }
  createCompound(p: Principal, input: CompoundInput) {
    return createCompound(this.deps, p, input);
  }
  linkCase(p: Principal, compoundId: number, caseId: number) {
    return linkCase(this.deps, p, compoundId, caseId);
  }
  async settings() {
    return { categories: await propertyCategoryNames(this.db) };
  }
  async saveSettings(p: Principal, categories: string[]) {
    return { categories: await savePropertyCategories(this.deps, p, categories) };
  }
  recompute(p: Principal, month: string) {
    return recomputeByHand(this.deps, p, month);
  }
  /** One pass of the monthly job (the month just ended, for compounds that lack it). */
  recomputeEndedMonth() {
    return recomputeEndedMonth(this.db, this.deps.clock.now());
  }

  // ── residents, on the phone ──
  myCompounds(p: Principal) {
    return queries.myCompounds(this.db, p, this.deps.clock.now());
  }
  rate(p: Principal, compoundId: number, input: { stars: number; comment?: string }) {
    return rateCompound(this.deps, p, compoundId, input);
  }

  // ── public boards ──
  publicCompounds(month?: string) {
    return queries.publicCompounds(this.db, month);
  }
  publicEnforcement(q: { townId?: number; month?: string }) {
    return publicEnforcement(this.db, this.crypto, q, this.deps.clock.now());
  }
}
