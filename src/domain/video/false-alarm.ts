// 误报率: of the events the grid workers have verified, the share they dismissed as false alarms.
//   false-alarm rate = dismissed ÷ (confirmed + dismissed)
// counted in events (an event attached to a case shares its case's finding); events still awaiting
// verification count in neither; no verified event, no rate (null, not 0).

export type VideoFinding = 'confirmed' | 'dismissed' | 'pending';

export interface FalseAlarmCount {
  readonly events: number;
  readonly confirmed: number;
  readonly dismissed: number;
  readonly pending: number;
  /** 0..1 rounded to 4 places, or null when nothing is verified yet. */
  readonly rate: number | null;
}

export function falseAlarmRate(confirmed: number, dismissed: number): number | null {
  const verified = confirmed + dismissed;
  return verified === 0 ? null : Math.round((dismissed / verified) * 10_000) / 10_000;
}

/** Counts per key (camera × type, or anything else) from each event's finding. */
export function countFindings<K>(
  events: Iterable<{ readonly key: K; readonly finding: VideoFinding }>,
  keyOf: (key: K) => string = (key) => String(key),
): Map<string, FalseAlarmCount & { readonly key: K }> {
  const acc = new Map<string, { key: K; confirmed: number; dismissed: number; pending: number }>();
  for (const e of events) {
    const id = keyOf(e.key);
    const row = acc.get(id) ?? { key: e.key, confirmed: 0, dismissed: 0, pending: 0 };
    row[e.finding]++;
    acc.set(id, row);
  }
  return new Map(
    [...acc].map(([id, r]) => [
      id,
      {
        ...r,
        events: r.confirmed + r.dismissed + r.pending,
        rate: falseAlarmRate(r.confirmed, r.dismissed),
      },
    ]),
  );
}

/**
 * An event's finding from its case: the grid's 核实 finding when there is one; a case that left 核实 another
 * way (solved on the spot by the grid, merged into a case already open) was real; still at 核实, pending.
 */
export function findingOfCase(state: string, verifyFinding: 'confirmed' | 'not_confirmed' | null): VideoFinding {
  if (verifyFinding === 'not_confirmed') return 'dismissed';
  if (verifyFinding === 'confirmed') return 'confirmed';
  return state === 'verifying' ? 'pending' : 'confirmed';
}
