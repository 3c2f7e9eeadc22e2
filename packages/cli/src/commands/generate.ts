import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkOutputPath, generate, type Engine, type Issue, type Manifest } from '@synthgraph/core';
import { choiceOption, intOption, parse, throwIfIssues } from '../options.js';
import { chooseTarget, DATABRICKS_HELP, databricksEngineFor, databricksLocalEngineFor, databricksOptions, type Target } from './databricks-target.js';
import { enginesOf, type EngineLoader, type EnginePackage } from '../engines.js';
import { ProgressRenderer } from '../progress.js';
import { resolveRun, scenarioOptions } from '../scenario-source.js';
import { writeReport } from '../report/index.js';
import type { CliIO } from '../io.js';

export const GENERATE_HELP = `Usage: synthgraph generate [options]

Generates a scenario (default: the identity-graph preset) and writes one Parquet folder per
table plus manifest.json.

Options:
  --preset NAME|PATH     preset to run (default identity-graph), or the path of a preset
                         module of your own (.ts or .js; see docs/custom-presets.md)
  -c, --config FILE      config file (JSON or YAML); options below override it
  --households N         number of households
  --seed S               seed (same seed ⇒ same data; default: run.seed, else a
                         random seed that is printed and kept in the manifest)
  --out DIR              output directory (default ./synthgraph-out)
  --format F             parquet (default) | duckdb | csv
  --threads N            DuckDB threads (default: all cores)
  --memory-limit SIZE    DuckDB memory limit, e.g. 4GB; above it DuckDB spills to disk
                         (default: 1 GiB per thread, at least 1 GiB, at most half the RAM)
  --shard-households N|off
                         DuckDB: generate each household-local table in shards of N
                         households (one Parquet part file per shard), so memory follows
                         the shard; off: one statement per table (default: off up to
                         500,000 households, else shards of 250,000). Same rows either way
  --target T             duckdb (default) | spark (local Apache Spark + Delta;
                         run scripts/setup-spark.sh once) | databricks (a SQL warehouse)
                         | databricks-local (a Databricks run rehearsed on local Spark)
  --mode M               replace (default) | append: add a batch to an existing output
                         (the next unused batch index unless run.batch is set)
  --json                 print the manifest as JSON on stdout
  --no-report            skip report.html / report.json
  -q, --quiet            no progress output
  -h, --help             this help

${DATABRICKS_HELP}

Exit codes: 0 success, 1 failure (incl. checks with violations), 2 invalid input (nothing
written), 3 missing privileges (nothing executed), 130 cancelled by Ctrl-C (nothing written).`;

const fmt = (n: number): string => n.toLocaleString('en-US');
const size = (b: number): string => (b > 1 << 30 ? `${(b / 2 ** 30).toFixed(2)} GiB` : b > 1 << 20 ? `${(b / 2 ** 20).toFixed(1)} MiB` : `${(b / 1024).toFixed(1)} KiB`);

/** Renders the end-of-run summary. */
export function summary(m: Manifest, out: string | undefined): string {
  const rows = Object.entries(m.tables).map(([t, r]) => [t, fmt(r.rows), size(r.bytes), `${(r.elapsedMs / 1000).toFixed(1)}s`]);
  const head = ['table', 'rows', 'size', 'time'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(w[i] as number) : c.padStart(w[i] as number))).join('  ');
  const failed = m.checks.filter((c) => c.violations !== 0);
  return [
    line(head),
    line(w.map((n) => '-'.repeat(n))),
    ...rows.map(line),
    '',
    `${fmt(m.totalRows)} rows in ${Object.keys(m.tables).length} tables, ${(m.elapsedMs / 1000).toFixed(1)}s · seed ${m.seed}`,
    `checks: ${m.checks.length - failed.length} passed, ${failed.length} failed${sampledNote(m)}`,
    ...failed.map((c) => `  FAILED ${c.name}: ${fmt(c.violations)} violations${c.verified === 'construction+sample' ? ' in the spot-check sample' : ''}`),
    ...(out ? [`manifest: ${path.join(out, 'manifest.json')}`] : []),
    ...databricksLines(m),
  ].join('\n');
}

/** How many checks were foreign keys by construction, spot-checked over a sample (the manifest's `verified`). */
function sampledNote(m: Manifest): string {
  const n = m.checks.filter((c) => c.verified === 'construction+sample').length;
  return n ? ` (${n} foreign keys by construction, spot-checked)` : '';
}

/** Where a Databricks run wrote, and how to read its manifest back. */
function databricksLines(m: Manifest): string[] {
  const d = m.extra['databricks'] as { catalog: string; schema: string; runId: string } | undefined;
  if (!d) return [];
  return [`tables: ${d.catalog}.${d.schema} · run ${d.runId} (manifest in ${d.catalog}.${d.schema}._synthgraph_runs)`];
}

/** What every target's engine may use from the command line. */
interface TargetRequest {
  readonly values: Parameters<typeof databricksEngineFor>[1];
  readonly where: { readonly catalog?: string; readonly schema?: string };
  /** The local output directory (undefined for a remote target without --out). */
  readonly out: string | undefined;
  readonly format: 'parquet' | 'duckdb' | 'csv';
  readonly threads: number | undefined;
  readonly memoryLimit: string | undefined;
  readonly shardHouseholds: number | 'off' | undefined;
  readonly mode: 'replace' | 'append';
  readonly tablePrefix: string;
  readonly io: CliIO;
  readonly engines: EngineLoader;
}

/** The targets of `--target`: whether they write to a remote warehouse (`--out` then only receives the manifest and report), and their engine. */
const TARGETS: Readonly<Record<Target, { readonly remote: boolean; readonly package: EnginePackage; readonly engine: (r: TargetRequest) => Promise<Engine> }>> = {
  duckdb: {
    remote: false,
    package: '@synthgraph/duckdb',
    engine: async (r) => (await r.engines.duckdb('generate --target duckdb')).duckdb({ out: r.out as string, format: r.format, threads: r.threads, memoryLimit: r.memoryLimit, mode: r.mode, shardHouseholds: r.shardHouseholds }),
  },
  spark: { remote: false, package: '@synthgraph/databricks', engine: async (r) => (await r.engines.databricks('generate --target spark')).localSpark({ out: r.out as string, cores: r.threads }) },
  databricks: {
    remote: true,
    package: '@synthgraph/databricks',
    engine: (r) => databricksEngineFor(r.engines, r.values, { catalog: r.where.catalog as string, schema: r.where.schema as string }, { mode: r.mode, tablePrefix: r.tablePrefix }, r.io),
  },
  'databricks-local': {
    remote: true,
    package: '@synthgraph/databricks',
    engine: (r) => databricksLocalEngineFor(r.engines, r.values, r.where.schema as string, { mode: r.mode, tablePrefix: r.tablePrefix }, r.io),
  },
};

/** `--shard-households N|off`: a positive integer of households per shard, or `off`. */
function shardOption(raw: unknown, issues: Issue[]): number | 'off' | undefined {
  if (raw === undefined || raw === 'off') return raw;
  const n = /^\d[\d_]*$/.test(String(raw)) ? Number(String(raw).replace(/_/g, '')) : Number.NaN;
  if (Number.isSafeInteger(n) && n >= 1) return n;
  issues.push({ path: '--shard-households', message: "must be a positive number of households or 'off'", value: raw, fix: 'e.g. --shard-households 250000, or --shard-households off' });
  return undefined;
}

/** `synthgraph generate`. */
export async function generateCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parse(
    args,
    {
      ...scenarioOptions,
      out: { type: 'string', short: 'o' },
      format: { type: 'string' },
      threads: { type: 'string' },
      'memory-limit': { type: 'string' },
      'shard-households': { type: 'string' },
      target: { type: 'string' },
      mode: { type: 'string' },
      json: { type: 'boolean' },
      'no-report': { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
      ...databricksOptions,
    },
    'generate',
  );
  if (values['help']) {
    io.stdout.write(`${GENERATE_HELP}\n`);
    return 0;
  }
  const issues: Issue[] = [];
  choiceOption(values, 'mode', ['replace', 'append'] as const, issues);
  const format = choiceOption(values, 'format', ['parquet', 'duckdb', 'csv'] as const, issues) ?? 'parquet';
  const threads = intOption(values, 'threads', issues, { min: 1, max: 1024 });
  const memoryLimit = values['memory-limit'] === undefined ? undefined : String(values['memory-limit']);
  if (memoryLimit !== undefined && !/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memoryLimit))
    issues.push({ path: '--memory-limit', message: 'is not a memory size', value: memoryLimit, fix: 'e.g. --memory-limit 4GB' });
  const shardHouseholds = shardOption(values['shard-households'], issues);
  const run = await resolveRun(values, 'generate', issues.splice(0), io.cwd, 'random', path.resolve(io.cwd, String(values['out'] ?? 'synthgraph-out')));
  for (const w of run.warnings) io.stderr.write(`warning: ${w}\n`);
  if (run.seedChosen) io.stderr.write(`seed: ${run.seed} (chosen at random; pass --seed ${run.seed} or set run.seed to repeat this run)\n`);
  if (run.batchChosen !== undefined) io.stderr.write(`batch: ${run.batchChosen} (the next unused batch index of the output; set run.batch to choose another)\n`);
  const engines = enginesOf(io.importEngine);
  const where = await chooseTarget(values, run.config, issues, engines);
  const target = where.target;
  // The engine package first: when it is not installed, say so before anything else (exit 2).
  await engines.load(TARGETS[target].package, `generate --target ${target}`);
  if (target === 'spark' && values['format'] !== undefined && format !== 'parquet') issues.push({ path: '--format', message: 'the spark target writes Delta tables', value: values['format'], fix: 'omit --format with --target spark' });
  if (target !== 'duckdb' && values['shard-households'] !== undefined)
    issues.push({ path: '--shard-households', message: `applies to the duckdb target (--target ${target} partitions by itself)`, value: values['shard-households'], fix: 'omit --shard-households' });
  throwIfIssues(issues, 'generate');
  const runStep = (run.config['run'] as { mode?: 'replace' | 'append'; table_prefix?: string } | undefined) ?? {};
  // The preset's config carries --mode (see applyRunMode); a custom preset has no run step.
  const mode = runStep.mode ?? choiceOption(values, 'mode', ['replace', 'append'] as const, []) ?? 'replace';
  if (target === 'spark' && mode === 'append') issues.push({ path: '--mode', message: 'the spark target writes a new output; append is supported by the duckdb and databricks targets', value: 'append', fix: 'use --target duckdb (parquet or csv) to append' });
  throwIfIssues(issues, 'generate');
  const remote = TARGETS[target].remote;
  if (!remote && runStep.table_prefix) io.stderr.write(`warning: run.table_prefix applies to Databricks tables; a local output is kept apart by --out (ignored: '${runStep.table_prefix}')\n`);
  // A Databricks run writes to the warehouse; --out then only receives the manifest and report.
  const out = remote && values['out'] === undefined ? undefined : path.resolve(io.cwd, String(values['out'] ?? 'synthgraph-out'));
  if (out !== undefined) throwIfIssues(await checkOutputPath(out, { field: '--out' }), 'generate');
  const engine = await TARGETS[target].engine({ values, where, out, format, threads, memoryLimit, shardHouseholds, mode, tablePrefix: runStep.table_prefix ?? '', io, engines });
  const progress = new ProgressRenderer(io.stderr, Boolean(values['quiet']));
  const controller = new AbortController();
  const stop = io.onInterrupt(() => {
    io.stderr.write('\nCancelling… (press Ctrl-C again to force)\n');
    controller.abort();
  });
  try {
    const manifest = await generate(run.toIR(), engine, { onProgress: progress.on, signal: controller.signal });
    progress.end();
    if (remote && out) {
      await mkdir(out, { recursive: true });
      await writeFile(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    }
    if (out && !values['no-report']) {
      const r = await writeReport(out, { importEngine: io.importEngine });
      if (!values['json']) io.stderr.write(`report: ${r.htmlPath}\n`);
    }
    if (values['json']) io.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
    else io.stdout.write(`${summary(manifest, out)}\n`);
    const failed = manifest.checks.filter((c) => c.violations !== 0);
    if (failed.length) {
      io.stderr.write(`error: ${failed.length} check(s) found violations; see ${out ? path.join(out, 'manifest.json') : 'the manifest above'}\n`);
      return 1;
    }
    return 0;
  } finally {
    progress.end();
    stop();
  }
}
