// Watches PostgreSQL's backends of the test database while some work runs: answers true as soon as one of them
// (other than the watcher's) waits on a lock, false if the work settled first. Used to show that a background
// job never waits behind a person's transaction (the first half of a deadlock) without waiting for the
// deadlock detector.
import { type Kysely, sql } from 'kysely';

export async function waitsOnLocks<DB>(db: Kysely<DB>, work: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void work.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  while (!settled) {
    const { rows } = await sql`
      SELECT 1 FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`.execute(db);
    if (rows.length > 0) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

/** A transaction that holds what `take` locks until `release()` is called; `held` resolves once it holds it. */
export function holdLocks<DB>(db: Kysely<DB>, take: (trx: Kysely<DB>) => Promise<unknown>) {
  let release!: () => void;
  let holding!: () => void;
  const released = new Promise<void>((r) => {
    release = r;
  });
  const held = new Promise<void>((r) => {
    holding = r;
  });
  const done = db.transaction().execute(async (trx) => {
    await take(trx);
    holding();
    await released;
  });
  return { held, release, done };
}
