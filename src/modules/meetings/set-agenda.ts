// Sets the agenda in one go, as the secretary arranges it: the items kept (in their new order, a free item's
// wording changed), candidates picked from the proposal (by key; their title and reason come from the proposal
// as it stands now, never from the client), and items added by hand. An item with a decision or a dispatch on
// record stays.
import { AppError } from '../../core/errors.js';
import type { AgendaCandidate, ItemKind } from '../../domain/meeting/index.js';
import type { Principal } from '../auth/principal.js';
import {
  commitMeetingChange,
  invalid,
  loadMeeting,
  type MeetingDeps,
  meetingForChange,
  requireOrganiser,
} from './meeting-store.js';
import { agendaOf } from './propose-agenda.js';

export const MAX_AGENDA_ITEMS = 50;
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 2000;

export interface AgendaEntryInput {
  /** An item already on the agenda. */
  id?: number;
  /** A candidate of the proposal ('case:12' …). */
  key?: string;
  /** A free item's wording (or a kept free item's new wording). */
  title?: string;
  description?: string;
}

interface NewItem {
  kind: ItemKind;
  source_key: string | null;
  case_id: number | null;
  title: string;
  description: string;
  reason: string | null;
}

export interface SetAgendaInput {
  version: number;
  items: AgendaEntryInput[];
}

function wording(entry: AgendaEntryInput, index: number) {
  const title = entry.title?.trim() ?? '';
  const description = entry.description?.trim() ?? '';
  if (!title) throw invalid(`第 ${index + 1} 个议题缺少标题`, { field: `items/${index}/title` });
  if (title.length > MAX_TITLE) throw invalid(`议题标题不能超过 ${MAX_TITLE} 字`, { field: `items/${index}/title` });
  if (description.length > MAX_DESCRIPTION) {
    throw invalid(`议题说明不能超过 ${MAX_DESCRIPTION} 字`, { field: `items/${index}/description` });
  }
  return { title, description };
}

export async function setAgenda(
  deps: MeetingDeps,
  id: number,
  input: SetAgendaInput,
  principal: Principal,
): Promise<{ version: number }> {
  if (input.items.length > MAX_AGENDA_ITEMS)
    throw invalid(`一次会议最多 ${MAX_AGENDA_ITEMS} 个议题`, { field: 'items' });
  const ids = input.items.flatMap((e) => (e.id === undefined ? [] : [e.id]));
  const keys = input.items.flatMap((e) => (e.id === undefined && e.key !== undefined ? [e.key] : []));
  if (new Set(ids).size !== ids.length || new Set(keys).size !== keys.length) {
    throw invalid('同一议题不能重复列入议程', { field: 'items' });
  }
  // The proposal reads cases, tasks and hotspots: before the transaction, and only when a candidate is added.
  let proposal: Map<string, AgendaCandidate> | null = null;
  if (keys.length > 0) {
    const current = await loadMeeting(deps.db, id, principal);
    requireOrganiser(principal, current);
    proposal = new Map((await agendaOf(deps, current, principal)).candidates.map((c) => [c.key, c]));
  }
  return deps.db.transaction().execute(async (trx) => {
    const meeting = await meetingForChange(trx, id, principal, input.version, 'setAgenda');
    const existing = await trx.selectFrom('meeting_items').selectAll().where('meeting_id', '=', id).execute();
    const byId = new Map(existing.map((i) => [i.id, i]));
    const byKey = new Map(existing.filter((i) => i.source_key).map((i) => [i.source_key as string, i]));
    const decided = new Set(
      (await trx.selectFrom('meeting_decisions').select('item_id').where('meeting_id', '=', id).execute()).map(
        (d) => d.item_id,
      ),
    );
    const now = deps.clock.now();
    const kept = new Set<number>();
    const plan: ({ keep: number; wording?: { title: string; description: string } } | { add: NewItem })[] = [];
    input.items.forEach((entry, index) => {
      const already = entry.id !== undefined ? byId.get(entry.id) : entry.key ? byKey.get(entry.key) : undefined;
      if (entry.id !== undefined && !already) {
        throw invalid('议题不属于本次会议', { field: `items/${index}/id`, itemId: entry.id });
      }
      if (already) {
        if (kept.has(already.id)) throw invalid('同一议题不能重复列入议程', { field: `items/${index}` });
        kept.add(already.id);
        const reworded = already.kind === 'free' && entry.title !== undefined ? wording(entry, index) : undefined;
        plan.push({ keep: already.id, wording: reworded });
        return;
      }
      if (entry.key !== undefined) {
        const candidate = proposal?.get(entry.key);
        if (!candidate) {
          throw new AppError('AGENDA_CANDIDATE_GONE', { details: { field: `items/${index}/key`, key: entry.key } });
        }
        plan.push({
          add: {
            kind: candidate.itemKind,
            source_key: candidate.key,
            case_id: candidate.caseId,
            title: candidate.title.slice(0, MAX_TITLE),
            description: '',
            reason: candidate.reason,
          },
        });
        return;
      }
      plan.push({ add: { kind: 'free', source_key: null, case_id: null, reason: null, ...wording(entry, index) } });
    });
    const removed = existing.filter((i) => !kept.has(i.id));
    const stuck = removed.filter((i) => decided.has(i.id) || i.dispatch);
    if (stuck.length) {
      throw invalid(`议题“${stuck[0]?.title}”已有决定事项或派遣记录，不能从议程中删除`, {
        field: 'items',
        itemIds: stuck.map((i) => i.id),
      });
    }
    if (removed.length) {
      await trx
        .deleteFrom('meeting_items')
        .where(
          'id',
          'in',
          removed.map((i) => i.id),
        )
        .execute();
    }
    let added = 0;
    for (const [index, step] of plan.entries()) {
      const position = index + 1;
      if ('keep' in step) {
        await trx
          .updateTable('meeting_items')
          .set({ position, ...(step.wording && { ...step.wording, updated_at: now }) })
          .where('id', '=', step.keep)
          .execute();
      } else {
        added += 1;
        await trx
          .insertInto('meeting_items')
          .values({ ...step.add, meeting_id: id, position, created_at: now, updated_at: now })
          .execute();
      }
    }
    const version = await commitMeetingChange(trx, deps, principal, meeting, {
      type: 'agenda',
      details: { items: plan.length, added, removed: removed.length },
    });
    return { version };
  });
}
