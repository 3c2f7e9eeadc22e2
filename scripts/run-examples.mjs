#!/usr/bin/env node
// Runs every example in examples/ (each must exit 0). Examples are TypeScript run with tsx,
// resolving the workspace packages from source.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts')).sort();
let failed = 0;
for (const f of files) {
  const t0 = performance.now();
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=source', path.join(dir, f)], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SYNTHGRAPH_EXAMPLE: '1' } });
  const ok = r.status === 0;
  if (!ok) failed++;
  process.stdout.write(`${ok ? 'ok    ' : 'FAILED'} examples/${f} (${((performance.now() - t0) / 1000).toFixed(1)}s)\n`);
  if (!ok) process.stdout.write(String(r.stdout).slice(-4000));
}
process.stdout.write(`${files.length - failed} examples passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
