// Ends a team (专班撤销): from today no further weekly reports are owed; its record, tasks and reports stay.
// Reports and tasks already open stay open — the units still owe what was asked before the end.
import { chinaDayOf } from '../../domain/calendar/index.js';
import type { Principal } from '../auth/principal.js';
import { recordChange } from '../record-history/index.js';
import { teamForChange, type WorkTeamDeps } from './work-team-store.js';

export async function endWorkTeam(
  deps: WorkTeamDeps,
  id: number,
  input: { version: number; note?: string | null },
  principal: Principal,
): Promise<void> {
  const now = deps.clock.now();
  const today = chinaDayOf(now);
  const note = input.note?.trim() || null;
  await deps.db.transaction().execute(async (trx) => {
    const team = await teamForChange(trx, id, principal, input.version);
    // The period ends today (or on its first day, for a team ended before it began).
    const endDate = [team.start_date, [team.end_date, today].sort()[0] as string].sort()[1] as string;
    await trx
      .updateTable('work_teams')
      .set((eb) => ({
        state: 'ended',
        ended_at: now,
        end_note: note,
        end_date: endDate,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', id)
      .execute();
    await recordChange(trx, deps.audit, principal, {
      kind: 'work_team',
      id,
      type: 'end',
      at: now,
      details: { note, endDate },
    });
  });
}
