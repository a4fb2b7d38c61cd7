// The volunteer capability's public face (志愿服务: volunteers, teams, activities, sign-up, check-in and out,
// hours, statistics): each method is one use case of its own file; routes and the demo seed call it.
import { chinaDayOf } from '../../domain/calendar/index.js';
import type { Principal } from '../auth/principal.js';
import { type ActivityActionInput, actOnActivity } from './act-on-activity.js';
import { type CreateActivityInput, createActivity } from './create-activity.js';
import { checkIn, checkOut, confirmHours, type SiteInput } from './on-site.js';
import { type RegisterVolunteerInput, registerVolunteer } from './register-volunteer.js';
import { cancelSignup, signUp } from './sign-up.js';
import { createTeam, joinTeam, leaveTeam, type TeamInput } from './teams.js';
import type { VolunteerDeps } from './volunteer-deps.js';
import * as queries from './volunteer-queries.js';
import { volunteerStats } from './volunteer-stats.js';

export class VolunteerService {
  constructor(private readonly deps: VolunteerDeps) {}

  private get db() {
    return this.deps.db;
  }

  // ── staff ──
  activities(p: Principal, query: queries.ActivityListQuery) {
    return queries.listActivities(this.db, p, query);
  }
  activity(p: Principal, id: number) {
    return queries.activityDetail(this.db, p, id);
  }
  async createActivity(p: Principal, input: CreateActivityInput) {
    const { id } = await createActivity(this.deps, p, input);
    return this.activity(p, id);
  }
  async act(p: Principal, id: number, input: ActivityActionInput) {
    await actOnActivity(this.deps, p, id, input);
    return this.activity(p, id);
  }
  confirmHours(p: Principal, activityId: number, signupId: number) {
    return confirmHours(this.deps, p, activityId, signupId);
  }
  teams(p: Principal) {
    return queries.listTeams(this.db, p);
  }
  createTeam(p: Principal, input: TeamInput) {
    return createTeam(this.deps, p, input);
  }
  volunteers(p: Principal, query: { q?: string; villageId?: number }) {
    return queries.listVolunteers(this.db, p, query);
  }
  record(p: Principal, volunteerId: number | 'me') {
    return queries.volunteerRecord(this.db, p, volunteerId);
  }
  stats(p: Principal, year?: number) {
    return volunteerStats(this.db, p, year ?? Number(chinaDayOf(this.deps.clock.now()).slice(0, 4)));
  }

  // ── the volunteer on the phone ──
  mine(p: Principal) {
    return queries.myVolunteering(this.db, p, this.deps.clock.now());
  }
  villages() {
    return queries.villageChoices(this.db);
  }
  register(p: Principal, input: RegisterVolunteerInput) {
    return registerVolunteer(this.deps, p, input);
  }
  join(p: Principal, teamId: number) {
    return joinTeam(this.deps, p, teamId);
  }
  leave(p: Principal, teamId: number) {
    return leaveTeam(this.deps, p, teamId);
  }
  signUp(p: Principal, activityId: number) {
    return signUp(this.deps, p, activityId);
  }
  cancelSignup(p: Principal, activityId: number) {
    return cancelSignup(this.deps, p, activityId);
  }
  checkIn(p: Principal, activityId: number, input: SiteInput) {
    return checkIn(this.deps, p, activityId, input);
  }
  checkOut(p: Principal, activityId: number, input: SiteInput) {
    return checkOut(this.deps, p, activityId, input);
  }
}
