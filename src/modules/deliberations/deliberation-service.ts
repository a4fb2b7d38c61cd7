// The deliberation capability's public face (议事: stations, topics, comments, votes, the public page): each
// method is one use case of its own file; routes and the demo seed call it; no other module touches its tables.
import type { Principal } from '../auth/principal.js';
import { actOnTopic, type TopicActionInput } from './act-on-topic.js';
import { castVote } from './cast-vote.js';
import { addComment, moderateComment } from './comments.js';
import type { DeliberationDeps } from './deliberation-deps.js';
import * as queries from './deliberation-queries.js';
import type { TopicDetail } from './deliberation-views.js';
import { type RaiseTopicInput, raiseTopic } from './raise-topic.js';
import {
  addMember,
  createStation,
  type MemberFields,
  removeMember,
  type StationFields,
  updateStation,
} from './stations.js';

type Listener = (topicId: number) => void;

export class DeliberationService {
  private readonly listeners: Listener[] = [];

  constructor(private readonly deps: DeliberationDeps) {}

  /** Called after each committed change of a topic (the live hub nudges the web app). */
  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  private changed(id: number): void {
    for (const l of this.listeners) l(id);
  }

  // ── stations ──
  stations(p: Principal, villageId?: number) {
    return queries.listStations(this.deps.db, p, villageId);
  }
  createStation(p: Principal, villageId: number, input: StationFields) {
    return createStation(this.deps, p, villageId, input);
  }
  updateStation(p: Principal, id: number, input: Partial<StationFields> & { version: number }) {
    return updateStation(this.deps, p, id, input);
  }
  addMember(p: Principal, stationId: number, input: MemberFields) {
    return addMember(this.deps, p, stationId, input);
  }
  removeMember(p: Principal, stationId: number, memberId: number) {
    return removeMember(this.deps, p, stationId, memberId);
  }

  // ── topics ──
  topics(p: Principal, query: queries.TopicListQuery) {
    return queries.listTopics(this.deps.db, p, query);
  }
  topic(p: Principal, id: number): Promise<TopicDetail> {
    return queries.topicDetail(this.deps.db, p, id, this.deps.clock.now());
  }
  async raise(p: Principal, input: RaiseTopicInput): Promise<TopicDetail> {
    const { id } = await raiseTopic(this.deps, p, input);
    this.changed(id);
    return this.topic(p, id);
  }
  async act(p: Principal, id: number, input: { version: number; action: TopicActionInput }): Promise<TopicDetail> {
    await actOnTopic(this.deps, p, id, input);
    this.changed(id);
    return this.topic(p, id);
  }
  moderate(p: Principal, commentId: number, input: { approve: boolean; reason?: string }) {
    return moderateComment(this.deps, p, commentId, input);
  }

  // ── the resident on the phone, and the public ──
  mine(p: Principal) {
    return queries.myDeliberations(this.deps.db, p);
  }
  comment(p: Principal, topicId: number, body: string) {
    return addComment(this.deps, p, topicId, body);
  }
  vote(p: Principal, topicId: number, choice: string) {
    return castVote(this.deps, p, topicId, choice);
  }
  board(villageId: number) {
    return queries.publicBoard(this.deps.db, villageId);
  }
}
