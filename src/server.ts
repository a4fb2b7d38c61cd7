// The server process: reads the configuration, starts the system, listens, prints where to open it and
// how to sign in, and shuts down gracefully (in-flight requests finish, the database closes cleanly).
import closeWithGrace from 'close-with-grace';
import { startSystem } from './bootstrap.js';
import { startCluster, WorkersError } from './cli/cluster.js';
import { ConfigError, loadConfig } from './core/config.js';
import { DEMO_ACCOUNTS, DEMO_CITIZEN_PHONE, DEMO_PASSWORD } from './db/seed/index.js';

async function main() {
  if (startCluster()) return; // WORKERS=N: this process only supervises N server processes (src/cli/cluster.ts)
  const config = loadConfig();
  const started = Date.now();
  const system = await startSystem(config, { progress: (line) => console.log(`[共治] ${line}`) });
  const { app } = system;
  closeWithGrace({ delay: 15_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'fatal error, shutting down');
    else app.log.info({ signal }, 'shutting down');
    await system.close();
  });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  共治 Gongzhi is up (${config.mode} mode, ${system.services.dbKind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `  Web app:   ${url}/`,
    `  API docs:  ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
  ];
  if (config.mode !== 'production') {
    lines.push(`  Demo logins (password ${DEMO_PASSWORD}):`);
    for (const account of DEMO_ACCOUNTS) lines.push(`    ${account.username.padEnd(9)} ${account.description}`);
    lines.push(`  Citizen:   phone ${DEMO_CITIZEN_PHONE}, the one-time code is shown on screen`);
  }
  console.log(lines.join('\n'));
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof WorkersError) {
    console.error(`[共治] configuration error: ${error.message}`);
  } else {
    console.error('[共治] failed to start:', error);
  }
  process.exit(1);
});
