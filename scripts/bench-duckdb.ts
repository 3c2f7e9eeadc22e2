/**
 * Benchmark (not a test): the identity-graph preset on DuckDB at several sizes, next to a floor —
 * DuckDB writing the same number of rows and columns of constant values to Parquet.
 * Usage: pnpm bench [-- --sizes 10000,100000,1000000]. Writes docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, totalmem, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface RunResult {
  households: number;
  wallMs: number;
  rows: number;
  peakRssMiB: number;
  tables: Record<string, { rows: number; bytes: number; columns: number }>;
  floorMs: number;
  duckdbVersion: string;
  violations: number;
}

async function child(households: number): Promise<void> {
  const { generate } = await import('@synthgraph/core');
  const { duckdb } = await import('@synthgraph/duckdb');
  const { getPreset } = await import('@synthgraph/presets');
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const preset = getPreset('identity-graph');
  const v = preset.validateConfig({ households: { num_households: households } });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const dir = await mkdtemp(path.join(tmpdir(), 'sg-bench-'));
  const ir = preset.build(v.config).toIR({ seed: 42 });
  const t0 = performance.now();
  const m = await generate(ir, duckdb({ out: path.join(dir, 'out') }));
  const wallMs = performance.now() - t0;
  const tables: RunResult['tables'] = {};
  for (const e of ir.entities) tables[e.name] = { rows: m.tables[e.name]?.rows ?? 0, bytes: m.tables[e.name]?.bytes ?? 0, columns: e.columns.filter((c) => c.output).length };
  // Floor: the same rows × columns of constants written to Parquet by DuckDB.
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  await conn.run('SET preserve_insertion_order = false');
  const f0 = performance.now();
  for (const [name, t] of Object.entries(tables)) {
    const cols = Array.from({ length: t.columns }, (_, i) => `${i}::BIGINT AS c${i}`).join(', ');
    await conn.run(`COPY (SELECT ${cols} FROM range(${t.rows})) TO '${path.join(dir, `${name}.parquet`)}' (FORMAT parquet, COMPRESSION zstd)`);
  }
  const floorMs = performance.now() - f0;
  const version = String((await conn.runAndReadAll('SELECT version()')).getRows()[0]?.[0]);
  conn.closeSync();
  inst.closeSync();
  await rm(dir, { recursive: true, force: true });
  const result: RunResult = {
    households,
    wallMs,
    rows: m.totalRows,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    tables,
    floorMs,
    duckdbVersion: version,
    violations: m.checks.reduce((a, c) => a + c.violations, 0),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`;
}

async function main(): Promise<void> {
  const arg = process.argv.indexOf('--sizes');
  const sizes = (arg > 0 ? String(process.argv[arg + 1]) : process.env['BENCH_SIZES'] ?? '10000,100000,1000000').split(',').map(Number);
  const results: RunResult[] = [];
  for (const n of sizes) {
    process.stderr.write(`identity graph, ${n} households …\n`);
    const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(n)], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`benchmark child failed for ${n} households`);
    const res = JSON.parse(r.stdout.trim().split('\n').pop() as string) as RunResult;
    results.push(res);
    process.stderr.write(`  ${(res.wallMs / 1000).toFixed(1)}s, ${res.rows} rows, ${(res.rows / (res.wallMs / 1000)).toFixed(0)} rows/s, peak RSS ${res.peakRssMiB.toFixed(0)} MiB, floor ${(res.floorMs / 1000).toFixed(1)}s\n`);
  }
  const fmt = (n: number): string => n.toLocaleString('en-US');
  const lines = [
    '<!-- duckdb:start -->',
    '## Identity graph on DuckDB',
    '',
    `Machine: ${machine()}; DuckDB ${results[0]?.duckdbVersion ?? '?'}; default config, seed 42, Parquet (ZSTD), default threads.`,
    'Floor: DuckDB writing the same number of rows and columns of constant BIGINTs to Parquet. Measured by `pnpm bench` (scripts/bench-duckdb.ts); each size runs in its own process.',
    '',
    '| households | rows (10 tables) | wall time | rows/s | peak RSS | floor | ratio to floor | check violations |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${fmt(r.households)} | ${fmt(r.rows)} | ${(r.wallMs / 1000).toFixed(1)} s | ${fmt(Math.round(r.rows / (r.wallMs / 1000)))} | ${r.peakRssMiB.toFixed(0)} MiB | ${(r.floorMs / 1000).toFixed(1)} s | ${(r.wallMs / r.floorMs).toFixed(1)}× | ${r.violations} |`,
    ),
    '',
  ];
  const largest = results[results.length - 1];
  if (largest) {
    lines.push(`Per table at ${fmt(largest.households)} households:`, '', '| table | rows | columns | bytes |', '|---|---:|---:|---:|');
    for (const [t, v] of Object.entries(largest.tables)) lines.push(`| ${t} | ${fmt(v.rows)} | ${v.columns} | ${fmt(v.bytes)} |`);
  }
  lines.push('<!-- duckdb:end -->');
  const file = path.join(root, 'docs', 'benchmarks.md');
  let doc = '# Benchmarks\n\nFigures from `pnpm bench` on the machine named in each section. Benchmarks, not tests: nothing asserts timings.\n';
  try {
    doc = await readFile(file, 'utf8');
  } catch {
    /* new file */
  }
  const block = lines.join('\n');
  doc = /<!-- duckdb:start -->[\s\S]*<!-- duckdb:end -->/.test(doc) ? doc.replace(/<!-- duckdb:start -->[\s\S]*<!-- duckdb:end -->/, block) : `${doc.trimEnd()}\n\n${block}\n`;
  await writeFile(file, doc);
  process.stderr.write(`wrote ${file}\n`);
}

if (process.argv.includes('--child')) await child(Number(process.argv[process.argv.indexOf('--child') + 1]));
else await main();
