#!/usr/bin/env node
// `pnpm bench`: the evaluator throughput benchmark and the DuckDB identity-graph benchmark.
// Results are written to docs/benchmarks.md with the machine they ran on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
for (const script of ['bench-evaluator.ts', 'bench-duckdb.ts']) {
  const file = path.join(root, 'scripts', script);
  if (!existsSync(file)) continue;
  const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', file, ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
