import { describe, expect, it } from 'vitest';
import { allowedNeedActions, decideNeed, type NeedInput } from './need-machine.js';
import type { NeedActor, NeedState } from './types.js';

const TODAY = '2026-06-10';
const nobody: NeedActor = { community: false, above: false, registered: false, claimer: false };
const community: NeedActor = { ...nobody, community: true };
const town: NeedActor = { ...nobody, above: true };
const member: NeedActor = { ...nobody, registered: true };
const claimer: NeedActor = { ...nobody, registered: true, claimer: true };

const claim: NeedInput = { action: 'claim' };
const complete: NeedInput = { action: 'complete', hours: 2.5, result: '已送达轮椅一台' };
const rate: NeedInput = { action: 'rate', rating: 5, comment: '很及时' };
const cancel: NeedInput = { action: 'cancel', reason: '居民已另行解决' };

describe('the need lifecycle: published → claimed → done → rated', () => {
  it.each<[string, NeedState, NeedInput, NeedActor, NeedState | string]>([
    ['a registered member claims a published need', 'published', claim, member, 'claimed'],
    ['the claimer records it done', 'claimed', complete, claimer, 'done'],
    ['the community rates it', 'done', rate, community, 'rated'],
    ['the community cancels a published need', 'published', cancel, community, 'cancelled'],
    ['the town cancels a claimed need', 'claimed', cancel, town, 'cancelled'],
    // who may do what
    ['an unregistered person cannot claim', 'published', claim, nobody, 'PARTY_NOT_REGISTERED'],
    ['community staff cannot claim as themselves', 'published', claim, community, 'PARTY_NOT_REGISTERED'],
    ['another member cannot record it done', 'claimed', complete, member, 'PARTY_NEED_NOT_AUTHORISED'],
    [
      'the community cannot record it done for the claimer',
      'claimed',
      complete,
      community,
      'PARTY_NEED_NOT_AUTHORISED',
    ],
    ['the claimer cannot rate their own work', 'done', rate, claimer, 'PARTY_NEED_NOT_AUTHORISED'],
    ['the town cannot rate (the community rates)', 'done', rate, town, 'PARTY_NEED_NOT_AUTHORISED'],
    ['a member cannot cancel', 'published', cancel, claimer, 'PARTY_NEED_NOT_AUTHORISED'],
    // which state is needed
    ['a claimed need cannot be claimed again', 'claimed', claim, member, 'PARTY_NEED_NOT_ALLOWED_IN_STATE'],
    ['a published need cannot be done', 'published', complete, claimer, 'PARTY_NEED_NOT_ALLOWED_IN_STATE'],
    ['a claimed need cannot be rated before it is done', 'claimed', rate, community, 'PARTY_NEED_NOT_ALLOWED_IN_STATE'],
    ['a rated need cannot be rated again', 'rated', rate, community, 'PARTY_NEED_NOT_ALLOWED_IN_STATE'],
    ['a done need cannot be cancelled', 'done', cancel, community, 'PARTY_NEED_NOT_ALLOWED_IN_STATE'],
    ['a cancelled need cannot be claimed', 'cancelled', claim, member, 'PARTY_NEED_NOT_ALLOWED_IN_STATE'],
  ])('%s', (_name, state, input, actor, expected) => {
    const result = decideNeed({ state, dueOn: '2026-06-30' }, input, actor, TODAY);
    if (result.ok) expect(result.value).toBe(expected);
    else expect(result.error.code).toBe(expected);
  });

  it.each<[string, NeedInput, string]>([
    ['no hours', { action: 'complete', hours: 0, result: '好' }, 'hours'],
    ['too many hours', { action: 'complete', hours: 1000.5, result: '好' }, 'hours'],
    ['two decimals', { action: 'complete', hours: 1.25, result: '好' }, 'hours'],
    ['no result', { action: 'complete', hours: 1, result: '  ' }, 'result'],
  ])('completing with %s is refused, naming the field', (_name, input, field) => {
    const result = decideNeed({ state: 'claimed', dueOn: '2026-06-30' }, input, claimer, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
  });

  it.each([0, 6, 3.5])('a rating of %s is refused', (rating) => {
    const result = decideNeed({ state: 'done', dueOn: '2026-06-30' }, { action: 'rate', rating }, community, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.details).toMatchObject({ field: 'rating' });
  });

  it('a cancellation needs a reason', () => {
    const result = decideNeed(
      { state: 'published', dueOn: '2026-06-30' },
      { action: 'cancel', reason: ' ' },
      community,
      TODAY,
    );
    expect(result.ok).toBe(false);
  });

  it('a need past its due day can no longer be claimed, and is not offered', () => {
    const need = { state: 'published' as const, dueOn: '2026-06-09' };
    const result = decideNeed(need, claim, member, TODAY);
    expect(result.ok).toBe(false);
    expect(allowedNeedActions(need, member, TODAY)).toEqual([]);
    expect(allowedNeedActions({ ...need, dueOn: TODAY }, member, TODAY)).toEqual(['claim']);
  });

  it('offers each actor only what it may do now', () => {
    const due = '2026-06-30';
    expect(allowedNeedActions({ state: 'published', dueOn: due }, community, TODAY)).toEqual(['cancel']);
    expect(allowedNeedActions({ state: 'claimed', dueOn: due }, claimer, TODAY)).toEqual(['complete']);
    expect(allowedNeedActions({ state: 'done', dueOn: due }, community, TODAY)).toEqual(['rate']);
    expect(allowedNeedActions({ state: 'rated', dueOn: due }, community, TODAY)).toEqual([]);
  });
});
