// How far the read replica (DATABASE_READ_URL, issue 22) is behind the primary, for /health and /metrics: asked of
// the replica itself, so it needs no connection to the primary and no monitoring role.
import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.js';

export interface ReplicaStatus {
  /** The server is a standby replaying the primary's WAL (false: DATABASE_READ_URL names a primary). */
  inRecovery: boolean;
  /** Replay paused by an administrator (`pg_wal_replay_pause()`); null on a primary. */
  replayPaused: boolean | null;
  /**
   * Seconds the replayed data is behind: 0 when everything received has been replayed, else the time since the
   * last replayed commit (`pg_last_xact_replay_timestamp()`); null on a primary or before the first replayed commit.
   */
  lagSeconds: number | null;
  /** WAL received from the primary and not yet replayed. */
  behindBytes: number | null;
  /** The primary's commit time of the last transaction replayed. */
  lastReplayAt: string | null;
}

/**
 * The replica's own view of its lag. The time since the last replayed commit alone would grow while the primary is
 * idle (there is nothing to replay), so a replica that has replayed all it received counts as 0 behind.
 */
export async function replicaStatus(reader: Kysely<DB>): Promise<ReplicaStatus> {
  const { rows } = await sql<{
    in_recovery: boolean;
    paused: boolean | null;
    lag_seconds: number | null;
    behind_bytes: number | null;
    last_replay_at: Date | null;
  }>`SELECT pg_is_in_recovery() AS in_recovery,
      CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() END AS paused,
      CASE
        WHEN NOT pg_is_in_recovery() THEN NULL
        WHEN pg_last_wal_receive_lsn() IS NOT NULL AND pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0
        ELSE extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())
      END AS lag_seconds,
      pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()) AS behind_bytes,
      pg_last_xact_replay_timestamp() AS last_replay_at`.execute(reader);
  const row = rows[0];
  if (!row) throw new Error('the replica answered no row');
  return {
    inRecovery: row.in_recovery,
    replayPaused: row.paused,
    lagSeconds: row.lag_seconds === null ? null : Math.max(0, Math.round(Number(row.lag_seconds) * 1000) / 1000),
    behindBytes: row.behind_bytes === null ? null : Math.max(0, Number(row.behind_bytes)),
    lastReplayAt: row.last_replay_at ? new Date(row.last_replay_at).toISOString() : null,
  };
}
