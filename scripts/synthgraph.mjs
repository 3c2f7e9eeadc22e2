#!/usr/bin/env node
// Runs the synthgraph CLI from the repo root, building the packages first when their
// sources are newer than their build output.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packages = ['core', 'duckdb', 'databricks', 'presets', 'cli'];

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (!e.name.endsWith('.test.ts') && !e.name.endsWith('.test-d.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

const stale = packages.filter((p) => {
  const dist = path.join(root, 'packages', p, 'dist', 'index.js');
  if (!existsSync(dist)) return true;
  const built = statSync(dist).mtimeMs;
  return newest(path.join(root, 'packages', p, 'src')) > built || statSync(path.join(root, 'packages', p, 'package.json')).mtimeMs > built;
});
if (stale.length) {
  process.stderr.write(`Building ${stale.join(', ')} …\n`);
  const pnpm = process.env.npm_execpath;
  const args = ['-r', '--filter', './packages/**', 'build'];
  const r = pnpm && pnpm.includes('pnpm')
    ? spawnSync(process.execPath, [pnpm, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
    : spawnSync('npx', ['-y', 'pnpm@10.34.8', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write('Build failed.\n');
    process.exit(1);
  }
}
const r = spawnSync(process.execPath, [path.join(root, 'packages', 'cli', 'dist', 'bin.js'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.env.INIT_CWD ?? process.cwd() });
process.exit(r.status ?? 1);
