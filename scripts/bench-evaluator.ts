/**
 * Benchmark (not a test): throughput of the in-process evaluator on one core for a six-column
 * entity (key, int, double, string, boolean, timestamp), consumed through `Evaluator.batches` as
 * users do. One warm-up run, then the median of `--runs` (default 5) runs of `--rows` (default
 * 2,000,000) rows each. Writes the "Evaluator throughput" section of docs/benchmarks.md.
 *
 * Usage: pnpm bench (runs every benchmark), or
 *   node --conditions=source --import tsx scripts/bench-evaluator.ts [--rows 2000000] [--runs 5] [--no-write]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine as machineOf } from './bench/machine.js';
import { Evaluator, bernoulli, intBetween, normal, pick, scenario, t, timestampIn } from '@synthgraph/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const START = '<!-- evaluator:start -->';
const END = '<!-- evaluator:end -->';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
  return v;
}

const DIURNAL = Array.from({ length: 24 }, (_, h) => (h >= 8 && h <= 22 ? 3 : 1));

/** The benchmarked entity: the key plus five columns of different kinds. */
function benchScenario(rows: number) {
  return scenario('bench').entity('events', (e) =>
    e
      .rows(rows)
      .key('event_id')
      .column('quantity', t.int(), () => intBetween(1, 100))
      .column('score', t.double(), () => normal(50, 10))
      .column('kind', t.string(), () => pick({ view: 0.6, click: 0.25, share: 0.05, like: 0.07, comment: 0.03 }))
      .column('converted', t.boolean(), () => bernoulli(0.03))
      .column('at', t.timestamp(), () => timestampIn({ start: '2026-01-01', days: 90, hourly: DIURNAL, weekly: [1, 1, 1, 1, 1.2, 1.6, 1.5] })),
  );
}

/** Consumes every row of the entity; returns elapsed milliseconds and a checksum (so nothing is optimised away). */
async function run(rows: number): Promise<{ ms: number; checksum: number; count: number }> {
  const ev = new Evaluator(benchScenario(rows).toIR({ seed: 42 }));
  let checksum = 0;
  let count = 0;
  const t0 = performance.now();
  for await (const batch of ev.batches('events', { batchSize: 10_000 })) {
    for (const r of batch) {
      checksum = (checksum + (r['quantity'] as number) + (r['converted'] ? 1 : 0)) % 1_000_000_007;
      count++;
    }
  }
  return { ms: performance.now() - t0, checksum, count };
}

async function main(): Promise<void> {
  const rows = arg('rows', 2_000_000);
  const runs = arg('runs', 5);
  const load = loadavg()[0] ?? 0;
  process.stderr.write(`evaluator: warm-up (${Math.min(rows, 500_000).toLocaleString('en-US')} rows) …\n`);
  await run(Math.min(rows, 500_000));
  const results: { ms: number; checksum: number; count: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await run(rows);
    if (r.count !== rows) throw new Error(`expected ${rows} rows, got ${r.count}`);
    results.push(r);
    process.stderr.write(`  run ${i + 1}: ${(r.ms / 1000).toFixed(2)} s, ${Math.round(rows / (r.ms / 1000)).toLocaleString('en-US')} rows/s\n`);
  }
  if (new Set(results.map((r) => r.checksum)).size !== 1) throw new Error('runs produced different data');
  const sorted = results.map((r) => rows / (r.ms / 1000)).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  const machine = machineOf();
  process.stderr.write(`median ${fmt(median)} rows/s (min ${fmt(sorted[0] as number)}, max ${fmt(sorted[sorted.length - 1] as number)})\n`);
  if (process.argv.includes('--no-write')) return;

  const block = [
    START,
    '## Evaluator throughput',
    '',
    `Machine: ${machine}; 1-minute load average ${load.toFixed(1)} when the benchmark started (other work on the machine slows the runs down).`,
    '',
    'The in-process evaluator (`Evaluator.batches`, batches of 10,000, one core) producing a six-column',
    'entity — key, `intBetween` int, `normal` double, `pick` string (5 categories), `bernoulli` boolean and a',
    '`timestampIn` timestamp with hourly and weekly shaping — as output rows (timestamps as `Date`).',
    `One warm-up run, then ${runs} runs of ${rows.toLocaleString('en-US')} rows; measured by \`pnpm bench\` (scripts/bench-evaluator.ts).`,
    '',
    '| rows per run | runs | median rows/s | min rows/s | max rows/s |',
    '|---:|---:|---:|---:|---:|',
    `| ${rows.toLocaleString('en-US')} | ${runs} | ${fmt(median)} | ${fmt(sorted[0] as number)} | ${fmt(sorted[sorted.length - 1] as number)} |`,
    '',
    `Goal: ≥ 1,000,000 rows/s on one core — ${median >= 1_000_000 ? 'met' : 'not met'}.`,
    END,
  ].join('\n');
  const file = path.join(root, 'docs', 'benchmarks.md');
  let doc = '# Benchmarks\n\nFigures from `pnpm bench` on the machine named in each section. Benchmarks, not tests: nothing asserts timings.\n';
  try {
    doc = await readFile(file, 'utf8');
  } catch {
    /* new file */
  }
  const re = new RegExp(`${START}[\\s\\S]*${END}`);
  doc = re.test(doc) ? doc.replace(re, block) : `${doc.trimEnd()}\n\n${block}\n`;
  await writeFile(file, doc);
  process.stderr.write(`wrote ${file}\n`);
}

await main();
