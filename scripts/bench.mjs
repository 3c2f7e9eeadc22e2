#!/usr/bin/env node
// `pnpm bench`: the evaluator throughput, the identity graph on DuckDB and on local Spark, and the
// dbldatagen baseline — see scripts/bench/args.ts for the flags (`pnpm bench -- --only duckdb
// --households 100000,1000000`). Results are written to docs/benchmarks.md with the machine.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const main = path.join(root, 'scripts', 'bench', 'main.ts');
const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', main, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
