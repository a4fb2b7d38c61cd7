// `npm run rollups:rebuild`: recomputes the dashboards' rollups from cases and case_events (DATABASE_URL or
// the embedded database under DATA_DIR), with progress, then proves they equal a direct aggregation.
// `--check` only checks. Safe while servers run: the rebuild is one transaction holding the consumer's cursor.
import { loadConfig } from '../core/config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { checkRollups, rebuildRollups } from '../modules/dashboards/rollups.js';

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    if (!process.argv.includes('--check')) {
      let last = 0;
      const result = await rebuildRollups(database.db, {
        progress: (done, total) => {
          const pct = Math.floor((done / total) * 100);
          if (pct !== last || done === total) {
            last = pct;
            process.stdout.write(`\r[rollups] ${done.toLocaleString()} / ${total.toLocaleString()} cases (${pct}%)`);
          }
        },
      });
      process.stdout.write('\n');
      if (result) {
        console.log(
          `[rollups] rebuilt from ${result.cases.toLocaleString()} cases and ${result.events.toLocaleString()} events in ${(result.ms / 1000).toFixed(1)} s ` +
            `(${Object.entries(result.phases)
              .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`)
              .join(', ')})`,
        );
      }
    }
    console.log('[rollups] checking against a direct aggregation of cases and case_events …');
    const check = await checkRollups(database.db, {
      progress: (name, n, ms) => console.log(`  ${name.padEnd(18)} ${n} differing rows (${(ms / 1000).toFixed(1)} s)`),
    });
    console.log(
      `[rollups] check up to event ${check.upToEventId}: ${check.ok ? 'OK, equal to the raw tables' : 'MISMATCH'}`,
    );
    process.exitCode = check.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error('[rollups] failed:', error);
  process.exit(1);
});
