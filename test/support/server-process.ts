// The real server as a child process (`tsx src/server.ts`) on a free port: for browser tests and for tests
// that kill a server mid-stream. The process gets its own process group so it can be stopped whole.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  baseUrl: string;
  port: number;
  child: ChildProcess;
  log: () => string;
  /** SIGTERM (graceful) and wait; SIGKILL after 10 s. */
  stop: () => Promise<void>;
  /** SIGKILL at once, as a crash. */
  kill: () => Promise<void>;
}

export async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log().slice(-3000)}`);
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${log().slice(-3000)}`);
}

function signal(child: ChildProcess, sig: NodeJS.Signals) {
  if (!child.pid || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    child.kill(sig);
  }
}

/**
 * The server's command: `tsx src/server.ts` (the sources as they are), or with TEST_SERVER=dist the compiled
 * `node dist/server.js` of `npm run build` — what production runs, and what CI's browser tests start (no
 * TypeScript loader compiling the server anew in every test file).
 */
function serverCommand(): [string, string[]] {
  // SERVER_CPU_PROF=<dir>: the compiled server writes a V8 CPU profile there when it exits (a bench's profile)
  const profile = process.env.SERVER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SERVER_CPU_PROF}`] : [];
  if (process.env.TEST_SERVER === 'dist')
    return [process.execPath, [...profile, '--enable-source-maps', 'dist/server.js']];
  return [path.join(ROOT, 'node_modules/.bin/tsx'), ['src/server.ts']];
}

/** Starts the server (see serverCommand) with the given environment (demo mode, no history unless asked) and waits for /health. */
export async function startServerProcess(env: Record<string, string>, port?: number): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  let output = '';
  const [command, args] = serverCommand();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(p),
      HOST: '127.0.0.1',
      GONGZHI_MODE: 'demo',
      SEED_HISTORY: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const baseUrl = `http://127.0.0.1:${p}`;
  const log = () => output;
  const exited = () =>
    child.exitCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));
  await waitForHealth(baseUrl, child, log);
  return {
    baseUrl,
    port: p,
    child,
    log,
    async stop() {
      signal(child, 'SIGTERM');
      await Promise.race([exited(), new Promise((r) => setTimeout(r, 10_000))]);
      signal(child, 'SIGKILL');
      await exited();
    },
    async kill() {
      signal(child, 'SIGKILL');
      await exited();
    },
  };
}

/** Runs the server from the sources with `env` (nothing inherited is removed but what `unset` names) until it exits. */
export async function runServerUntilExit(
  env: NodeJS.ProcessEnv,
  unset: string[] = [],
): Promise<{ code: number | null; output: string }> {
  const full: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of unset) delete full[name];
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/server.ts'], { cwd: ROOT, env: full });
  let output = '';
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, output };
}
