// `npm run bench -- faults` (issue 18): PostgreSQL restarted in the middle of a load of POST /api/cases, and the
// embedded database's disk full; prints what the clients got. Needs root (pg_ctlcluster, mount) and restarts the
// PostgreSQL server: never run it beside other tests. Not part of a plain `npm run bench`.
// FAULT_SCENARIOS=pg,disk chooses (default both); BENCH_DATABASE_URL / TEST_DATABASE_URL the PostgreSQL server.

import {
  type Answer,
  diskFullScenario,
  ensurePostgresUp,
  postgresRestartScenario,
  type Tally,
} from './faults-scenarios.js';
import { ADMIN_URL, ensureDatabase } from './support.js';

const byPhase = (answers: Answer[], phase: Answer['phase']) => {
  const counts: Record<string, number> = {};
  for (const a of answers.filter((x) => x.phase === phase)) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return Object.entries(counts)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
};

function printTally(answers: Answer[], t: Tally) {
  for (const phase of ['before', 'during', 'after'] as const)
    console.log(`  ${phase.padEnd(7)} ${byPhase(answers, phase)}`);
  console.log(
    `  ${t.total} answers; other 5xx or no answer: ${t.bad}; 503/507 without Retry-After: ${t.withoutRetryAfter}`,
  );
}

export async function runFaultsBench(): Promise<void> {
  const chosen = (process.env.FAULT_SCENARIOS ?? 'pg,disk').split(',');
  if (chosen.includes('pg')) {
    console.log('\n== PostgreSQL restarted under load (4 writers of POST /api/cases, 1 reader) ==');
    const url = await ensureDatabase(ADMIN_URL, 'gongzhi_bench_faults', true);
    try {
      const r = await postgresRestartScenario({
        adminUrl: ADMIN_URL,
        databaseUrl: url,
        log: (l) => console.log(`  ${l}`),
      });
      printTally(r.answers, r.tally);
      console.log(
        `  acknowledged ${r.acknowledged} cases: missing ${r.missing}, duplicated ${r.duplicates}; 2xx after the restart ${r.okAfter}; jobs caught up: ${r.jobsCaughtUp}; server alive: ${r.serverAlive}`,
      );
    } finally {
      await ensurePostgresUp(ADMIN_URL);
    }
  }
  if (chosen.includes('disk')) {
    console.log('\n== PGlite: disk full (DATA_DIR on a 256 MB tmpfs filled by a file; 2 writers) ==');
    const r = await diskFullScenario({ log: (l) => console.log(`  ${l}`) });
    printTally(r.answers, r.tally);
    console.log(
      `  while full: refused ${r.refusedWhileFull}, still accepted ${r.acceptedWhileFull} (free pages in the files); server alive: ${r.serverAliveWhileFull}`,
    );
    console.log(`  after space returned: ${r.okAfterSpace} accepted, same process`);
    console.log(
      `  after SIGKILL and restart on the same files: ${r.acknowledged} acknowledged, ${r.missingAfterRestart} missing`,
    );
    for (const m of r.messages) console.log(`  answer: ${m}`);
  }
}
