// `npm run screenshots`: makes every picture the README shows, so they stay current. The browser tests take
// them (Debian's Chromium on a fresh demo county): this finds, for each docs/screenshots/*.png that README.md
// references, the browser test that draws it (written straight into docs/screenshots, or by `shot()` into
// test-artifacts/screenshots and copied from there), builds the web app, runs those tests, copies, and fails
// when a referenced picture was not made anew. `--all` runs every browser test instead of the ones found;
// names given (`npm run screenshots -- work-team-overview`) make only those pictures.
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const docs = path.join(root, 'docs/screenshots');
const artifacts = path.join(root, 'test-artifacts/screenshots');
const e2eDir = path.join(root, 'test/e2e');

// README pictures whose browser-test shot has another name.
const SOURCES = {
  'command-county': 'command-county-laptop',
  'deliberation-decided': 'deliberations-03-decided',
  'meeting-agenda': 'meeting-02-agenda',
  'powers-supervision': 'powers-04-supervision',
};

const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const wanted = [...new Set([...readme.matchAll(/docs\/screenshots\/([\w.-]+)\.png/g)].map((m) => m[1]))].sort();
const tests = fs
  .readdirSync(e2eDir)
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => ({ file: path.join('test/e2e', f), text: fs.readFileSync(path.join(e2eDir, f), 'utf8') }));

/** The browser test that takes picture `shot`: its name in the file, or a head in a template and the tail quoted. */
function writerOf(shot) {
  const direct = tests.find((t) => t.text.includes(`'${shot}'`) || t.text.includes(`"${shot}"`));
  if (direct) return direct.file;
  const parts = shot.split('-');
  for (let k = parts.length - 1; k >= 1; k -= 1) {
    const head = parts.slice(0, k).join('-');
    const tail = parts.slice(k).join('-');
    const found = tests.find((t) => t.text.includes(`${head}-\${`) && t.text.includes(`'${tail}'`));
    if (found) return found.file;
  }
  return tests.find((t) => t.text.includes(shot))?.file ?? null;
}

const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const missingNames = only.filter((n) => !wanted.includes(n));
if (missingNames.length) {
  console.error(`[screenshots] not in README.md: ${missingNames.join(', ')}`);
  process.exit(1);
}
const plan = (only.length ? only : wanted).map((name) => ({ name, shot: SOURCES[name] ?? name }));
for (const p of plan) p.test = writerOf(p.shot);
const unknown = plan.filter((p) => !p.test);
if (unknown.length) {
  console.error(`[screenshots] no browser test takes: ${unknown.map((p) => p.name).join(', ')}`);
  process.exit(1);
}
const files = process.argv.includes('--all') ? tests.map((t) => t.file) : [...new Set(plan.map((p) => p.test))].sort();
console.log(
  `[screenshots] ${wanted.length} pictures in README.md, from ${files.length} browser tests:\n  ${files.join('\n  ')}`,
);

const started = Date.now();
execSync('npm run build:web', { cwd: root, stdio: 'inherit' });
try {
  execFileSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...files], { cwd: root, stdio: 'inherit' });
} catch {
  console.error('[screenshots] a browser test failed: the pictures it takes after the failure are not new');
}

fs.mkdirSync(docs, { recursive: true });
const stale = [];
for (const p of plan) {
  const target = path.join(docs, `${p.name}.png`);
  const shot = path.join(artifacts, `${p.shot}.png`);
  if (fs.existsSync(shot) && fs.statSync(shot).mtimeMs >= started) fs.copyFileSync(shot, target);
  if (!fs.existsSync(target) || fs.statSync(target).mtimeMs < started) stale.push(p.name);
}
if (stale.length) {
  console.error(`[screenshots] not made anew: ${stale.join(', ')}`);
  process.exit(1);
}
console.log(`[screenshots] ${plan.length} README pictures made anew in docs/screenshots/`);
