// What /api/topics answers (每月一题 · 未诉先办, issue 19): the server's own types.
import type { TopicDetail } from '@server/modules/topics/get-topic';
import type { TopicListItem } from '@server/modules/topics/list-topics';
import type { TopicProposal as ServerProposal } from '@server/modules/topics/propose-topics';

export type { TopicDetail, TopicListItem };
/** A proposal as the API shows it (the signature stays on the server). */
export type TopicProposal = Omit<ServerProposal, 'signature'>;

export interface ProposalsResult {
  month: string;
  area: { id: number; name: string; kind: string };
  items: TopicProposal[];
}
