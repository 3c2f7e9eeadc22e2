#!/usr/bin/env node
// The whole test suite, as CI runs it: build, lint, typecheck, API docs, the local Spark
// runtime (installed and cached on first use), headless Chromium for the report's browser test
// (installed with apt-get when missing), every vitest suite, and every example.
// Prints a final 'N passed, N failed' line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (n) => path.join(root, 'node_modules', '.bin', n);
const pnpm = process.env.npm_execpath && process.env.npm_execpath.includes('pnpm') ? [process.execPath, process.env.npm_execpath] : ['npx', '-y', 'pnpm@10.34.8'];
const results = [];

function step(name, cmd, args, opts = {}) {
  const t0 = performance.now();
  process.stdout.write(`\n=== ${name}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...opts.env } });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: (performance.now() - t0) / 1000 });
  process.stdout.write(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status})`} in ${((performance.now() - t0) / 1000).toFixed(1)}s\n`);
  return ok;
}

// The root `build` script, so the suite builds exactly as `pnpm build` does.
const built = step('build', pnpm[0], [...pnpm.slice(1), 'run', 'build']);
step('lint', bin('eslint'), ['--max-warnings', '0', '.']);
step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('api docs', bin('typedoc'), ['--options', 'typedoc.json', '--logLevel', 'Warn']);
if (existsSync(path.join(root, 'scripts', 'setup-spark.sh'))) step('local spark runtime', 'bash', [path.join(root, 'scripts', 'setup-spark.sh')]);
step('headless chromium', 'bash', [path.join(root, 'scripts', 'setup-chromium.sh')]);
const report = path.join(os.tmpdir(), `synthgraph-vitest-${process.pid}.json`);
// SYNTHGRAPH_PACKAGES_BUILT: the packages' dist is fresh, so test/packaging/packed.test.ts packs it without building again.
step('tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { env: built ? { SYNTHGRAPH_PACKAGES_BUILT: '1' } : {} });
const examples = path.join(root, 'scripts', 'run-examples.mjs');
if (existsSync(examples)) step('examples', process.execPath, [examples]);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  passed = j.numPassedTests ?? 0;
  failed = (j.numFailedTests ?? 0) + (j.numTodoTests ?? 0) + (j.numPendingTests ?? 0);
  rmSync(report, { force: true });
}
const stepFailures = results.filter((r) => !r.ok);
process.stdout.write('\n=== summary\n');
for (const r of results) process.stdout.write(`${r.ok ? 'ok    ' : 'FAILED'} ${r.name} (${r.seconds.toFixed(1)}s)\n`);
failed += stepFailures.filter((r) => r.name !== 'tests').length;
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(stepFailures.length || failed ? 1 : 0);
