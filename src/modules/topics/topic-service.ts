// 每月一题 · 未诉先办 (issue 19): the module's public face — propose, adopt, list, get, close — one use case per file.
import type { Principal } from '../auth/principal.js';
import { type AdoptTopicInput, adoptTopic } from './adopt-topic.js';
import { closeTopic } from './close-topic.js';
import { getTopic, type TopicDetail } from './get-topic.js';
import { listTopics } from './list-topics.js';
import { type ProposeTopicsInput, proposeTopics } from './propose-topics.js';
import type { TopicDeps } from './topic-deps.js';

export class TopicService {
  constructor(private readonly deps: TopicDeps) {}

  async proposals(principal: Principal, input: ProposeTopicsInput) {
    const result = await proposeTopics(this.deps, principal, input);
    // the signature is the server's rule, not the client's business
    return { ...result, items: result.items.map(({ signature: _signature, ...p }) => p) };
  }

  async adopt(principal: Principal, input: AdoptTopicInput): Promise<TopicDetail> {
    const { id } = await adoptTopic(this.deps, principal, input);
    return getTopic(this.deps, principal, id);
  }

  list(principal: Principal, query: Parameters<typeof listTopics>[2]) {
    return listTopics(this.deps, principal, query);
  }

  get(principal: Principal, id: number): Promise<TopicDetail> {
    return getTopic(this.deps, principal, id);
  }

  async close(principal: Principal, id: number, input: { version: number; note: string }): Promise<TopicDetail> {
    await closeTopic(this.deps, principal, id, input);
    return getTopic(this.deps, principal, id);
  }
}
