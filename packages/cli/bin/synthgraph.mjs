#!/usr/bin/env node
// The `synthgraph` command. Committed (not built) so the bin resolves at install time. In a
// published package it only loads the built CLI; in a clone of the repository it first builds
// the packages whose sources are newer than their build output, saying so on stderr.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cliDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = path.dirname(cliDir);
const workspaceRoot = path.dirname(packagesDir);
const inWorkspace = existsSync(path.join(cliDir, 'src')) && existsSync(path.join(workspaceRoot, 'pnpm-workspace.yaml'));

/** Newest modification time of the sources under `dir` (tests excluded). */
function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (!/\.test(-d)?\.ts$/.test(e.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** Workspace packages whose build output is missing or older than their sources. */
function stalePackages() {
  return readdirSync(packagesDir).filter((name) => {
    const pkg = path.join(packagesDir, name);
    if (!existsSync(path.join(pkg, 'src'))) return false;
    const dist = path.join(pkg, 'dist', 'index.js');
    if (!existsSync(dist)) return true;
    const built = statSync(dist).mtimeMs;
    return newest(path.join(pkg, 'src')) > built || statSync(path.join(pkg, 'package.json')).mtimeMs > built;
  });
}

if (inWorkspace) {
  // A clone has no global `synthgraph`: suggested commands say how to run it here.
  process.env.SYNTHGRAPH_COMMAND ||= 'pnpm exec synthgraph';
  const stale = stalePackages();
  if (stale.length) {
    process.stderr.write(`building synthgraph (${stale.join(', ')} changed since the last build; takes about half a minute) …\n`);
    const args = ['run', 'build'];
    const pnpm = process.env.npm_execpath;
    const r =
      pnpm && pnpm.includes('pnpm')
        ? spawnSync(process.execPath, [pnpm, ...args], { cwd: workspaceRoot, stdio: ['ignore', 'ignore', 'inherit'] })
        : spawnSync('npx', ['-y', 'pnpm@10.34.8', ...args], { cwd: workspaceRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) {
      process.stderr.write(`error: building synthgraph failed (exit ${r.status}); run 'npx -y pnpm@10.34.8 build' in ${workspaceRoot} to see why.\n`);
      process.exit(1);
    }
    process.stderr.write('built.\n');
  }
}
const built = path.join(cliDir, 'dist', 'bin.js');
if (!existsSync(built)) {
  process.stderr.write(`error: ${built} is missing: the package was published without its build output; reinstall @synthgraph/cli.\n`);
  process.exit(1);
}
await import(pathToFileURL(built).href);
