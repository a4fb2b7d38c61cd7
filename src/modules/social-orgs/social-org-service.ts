// The social-organisation capability's public face (社会组织: registry, incubation, purchased services, cases
// assigned to them): each method is one use case of its own file; routes and the demo seed call it.

import type { IncubationStage } from '../../domain/social-org/index.js';
import type { Principal } from '../auth/principal.js';
import { addSupport, moveStage, type SupportInput } from './incubation.js';
import { type CreateProjectInput, createProject, evaluateProject } from './projects.js';
import { createSocialOrg, type SocialOrgFields, updateSocialOrg } from './register-social-org.js';
import * as queries from './social-org-queries.js';
import type { SocialOrgDeps } from './social-org-store.js';

export class SocialOrgService {
  constructor(private readonly deps: SocialOrgDeps) {}

  list(p: Principal, query: { stage?: string; q?: string }) {
    return queries.listSocialOrgs(this.deps.db, p, query);
  }
  get(p: Principal, id: number) {
    return queries.socialOrgDetail(this.deps.db, p, id);
  }
  async create(p: Principal, input: SocialOrgFields) {
    const { id } = await createSocialOrg(this.deps, p, input);
    return this.get(p, id);
  }
  async update(p: Principal, id: number, input: SocialOrgFields & { version: number }) {
    await updateSocialOrg(this.deps, p, id, input);
    return this.get(p, id);
  }
  async advance(p: Principal, id: number, input: { stage: IncubationStage; version: number; note?: string }) {
    await moveStage(this.deps, p, id, input);
    return this.get(p, id);
  }
  async support(p: Principal, id: number, input: SupportInput) {
    await addSupport(this.deps, p, id, input);
    return this.get(p, id);
  }
  createProject(p: Principal, id: number, input: CreateProjectInput) {
    return createProject(this.deps, p, id, input);
  }
  evaluate(p: Principal, projectId: number, input: { score: number; note?: string; version: number }) {
    return evaluateProject(this.deps, p, projectId, input);
  }
}
