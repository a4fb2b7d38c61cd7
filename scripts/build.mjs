// `npm run build`: compiles the server to JavaScript in dist/ (esbuild, file by file, no bundle: the code
// is checked by `npm run typecheck`, which CI runs first; tsc took 49 s to emit what esbuild writes in one),
// copies the files the server reads at run time next to the compiled code (the SQL migrations: src/db/migrations/*.sql → dist/db/migrations/), and builds the web app into
// web/dist. Production then runs `npm run start:prod` (plain `node dist/server.js`, no TypeScript loader).
// datasets/ is found from dist/ as from src/ (three levels up from db/seed), so it stays where it is.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const src = path.join(root, 'src');
const out = path.join(root, 'dist');
const skipWeb = process.argv.includes('--server-only');

function step(label, fn) {
  const started = Date.now();
  fn();
  console.log(`[build] ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** Every file under src/ that is not TypeScript (migrations today) is an asset the server reads. */
function copyAssets(dir) {
  let copied = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) copied += copyAssets(full);
    else if (!entry.name.endsWith('.ts')) {
      const target = path.join(out, path.relative(src, full));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(full, target);
      copied += 1;
    }
  }
  return copied;
}

step('removed the old dist/', () => fs.rmSync(out, { recursive: true, force: true }));
step('compiled the server to dist/', () => {
  const entryPoints = fs
    .readdirSync(src, { recursive: true })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(src, f));
  buildSync({
    entryPoints,
    outdir: out,
    outbase: src,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  console.log(`[build] ${entryPoints.length} modules`);
});
step('copied run-time assets', () => console.log(`[build] ${copyAssets(src)} files (SQL migrations) copied`));
// A package.json beside the code keeps dist/ an ES module tree wherever it is copied to.
fs.writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
if (!skipWeb) {
  step('built the web app into web/dist/', () =>
    execSync('npx vite build --config web/vite.config.ts --logLevel warn', { cwd: root, stdio: 'inherit' }),
  );
}
