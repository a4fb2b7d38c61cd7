import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedMeetingActions,
  checkMeetingAction,
  type MeetingAction,
  type MeetingFacts,
  transitionMeeting,
} from './meeting-rules.js';
import { defaultMemberOrgIds, MEETING_STATES } from './types.js';

const base: MeetingFacts = { state: 'draft', itemCount: 2, memberOrgIds: [1, 2, 3], attendanceOrgIds: [] };

describe('what each state allows', () => {
  const table: [MeetingFacts['state'], MeetingAction, boolean][] = [
    ['draft', 'setAgenda', true],
    ['draft', 'recordAttendance', true],
    ['draft', 'recordDecision', false],
    ['draft', 'dispatchCase', false],
    ['held', 'recordDecision', true],
    ['held', 'dispatchCase', true],
    ['held', 'setAgenda', true],
    ['held', 'cancel', false],
    ['published', 'edit', false],
    ['published', 'recordDecision', false],
    ['cancelled', 'setAgenda', false],
  ];
  it.each(table)('%s: %s → %s', (state, action, allowed) => {
    expect(checkMeetingAction(state, action) === null).toBe(allowed);
  });

  it('names the state and where the action is allowed when it refuses', () => {
    const refused = checkMeetingAction('draft', 'recordDecision');
    expect(refused?.code).toBe('MEETING_NOT_ALLOWED_IN_STATE');
    expect(refused?.message).toBe('会议当前状态为“筹备中”，不能记录决定事项（需为“已召开”）');
    expect(checkMeetingAction('published', 'edit')?.message).toContain('纪要已发布');
  });

  it('leaves nothing to do once minutes are published or the meeting is cancelled', () => {
    expect(allowedMeetingActions('published')).toEqual([]);
    expect(allowedMeetingActions('cancelled')).toEqual([]);
  });
});

describe('state changes', () => {
  it('holds a meeting with an agenda, not an empty one', () => {
    expect(transitionMeeting(base, 'held')).toEqual({ ok: true, value: 'held' });
    const empty = transitionMeeting({ ...base, itemCount: 0 }, 'held');
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.message).toContain('议程为空');
  });

  it('publishes minutes only when every member unit’s attendance is recorded', () => {
    const held = { ...base, state: 'held' as const };
    const missing = transitionMeeting({ ...held, attendanceOrgIds: [1, 3] }, 'published');
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.code).toBe('MEETING_NOT_READY');
      expect(missing.error.details).toEqual({ missingOrgIds: [2] });
    }
    expect(transitionMeeting({ ...held, attendanceOrgIds: [3, 2, 1] }, 'published').ok).toBe(true);
    expect(transitionMeeting({ ...base, attendanceOrgIds: [1, 2, 3] }, 'published').ok).toBe(false);
  });

  it('cancels a meeting in preparation with a reason only', () => {
    expect(transitionMeeting(base, 'cancelled').ok).toBe(false);
    expect(transitionMeeting({ ...base, cancelReason: '  ' }, 'cancelled').ok).toBe(false);
    expect(transitionMeeting({ ...base, cancelReason: '主持人出差' }, 'cancelled').ok).toBe(true);
    expect(transitionMeeting({ ...base, state: 'held', cancelReason: '晚了' }, 'cancelled').ok).toBe(false);
  });

  it('never leaves a final state', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('published' as const, 'cancelled' as const),
        fc.constantFrom('held' as const, 'published' as const, 'cancelled' as const),
        (state, to) => {
          expect(transitionMeeting({ ...base, state, attendanceOrgIds: [1, 2, 3], cancelReason: 'x' }, to).ok).toBe(
            false,
          );
        },
      ),
    );
    expect(MEETING_STATES).toHaveLength(4);
  });
});

describe('default member units of a new kind of meeting', () => {
  it('takes the county’s departments and towns, a town’s offices and villages, none for a topic', () => {
    const orgs = [
      { id: 2, kind: 'department', parentId: 1, active: true },
      { id: 3, kind: 'town', parentId: 1, active: true },
      { id: 4, kind: 'third_party', parentId: 1, active: true },
      { id: 5, kind: 'department', parentId: 1, active: false },
      { id: 6, kind: 'office', parentId: 3, active: true },
      { id: 7, kind: 'village', parentId: 3, active: true },
      { id: 8, kind: 'grid', parentId: 7, active: true },
    ];
    expect(defaultMemberOrgIds('county', 1, orgs)).toEqual([2, 3]);
    expect(defaultMemberOrgIds('town', 3, orgs)).toEqual([6, 7]);
    expect(defaultMemberOrgIds('topic', 1, orgs)).toEqual([]);
  });
});
