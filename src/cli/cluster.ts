// Several server processes on one port (issue 22): `WORKERS=N npm start` makes this process the primary of a
// node:cluster that runs N copies of the server (src/server.ts) and shares the port among them; the primary
// itself opens no database and serves nothing. A worker that dies is replaced; SIGTERM/SIGINT stop all of them
// gracefully (each finishes its requests and closes its database).
//
// Only with PostgreSQL (DATABASE_URL): the embedded database (PGlite) is one process's files and cannot be shared
// between processes, so WORKERS>1 without DATABASE_URL is refused. What several processes share is safe by
// construction: the migrator and the demo seed take a lock (one process migrates and seeds), the sweepers and the
// consumers claim their rows with FOR UPDATE SKIP LOCKED, the outbox's fan-out is serialised by an advisory lock
// and its deliveries are claimed with SKIP LOCKED and a lease (src/jobs/*, src/modules/cases/deadline-sweeper.ts).
import cluster from 'node:cluster';

export class WorkersError extends Error {}

/** The number of server processes asked for by WORKERS (1 when unset); refused without PostgreSQL when > 1. */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WORKERS?.trim();
  if (!raw) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new WorkersError(`WORKERS must be a whole number from 1 to 64 (got "${raw}")`);
  }
  if (n > 1 && !env.DATABASE_URL) {
    throw new WorkersError(
      `WORKERS=${n} needs PostgreSQL: set DATABASE_URL. The embedded database (PGlite, in DATA_DIR) belongs to one ` +
        'process and cannot be shared between processes; without DATABASE_URL run one process (WORKERS=1 or unset).',
    );
  }
  return n;
}

/**
 * Call first in the server's start-up: answers true in the primary of WORKERS>1, which then only forks and
 * supervises the workers (the caller must not start the server); false in a worker or with one process.
 */
export function startCluster(log: (line: string) => void = (line) => console.log(`[共治] ${line}`)): boolean {
  if (!cluster.isPrimary) return false;
  const n = workerCount();
  if (n <= 1) return false;
  let stopping = false;
  log(`starting ${n} server processes on one port (WORKERS=${n})`);
  const fork = (index: number) => {
    const worker = cluster.fork({ GONGZHI_WORKER: String(index) });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      log(`server process ${index} (pid ${worker.process.pid}) exited (${signal ?? code}); starting it again`);
      setTimeout(() => fork(index), 1000).unref();
    });
  };
  for (let i = 1; i <= n; i++) fork(i);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the server processes`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return true;
}
