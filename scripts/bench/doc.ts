/**
 * docs/benchmarks.md from the benchmark results: each section between `<!-- name:start -->` and
 * `<!-- name:end -->` is rendered from the results, text outside the markers is kept, and the
 * results themselves live in a `<!-- bench-data … -->` comment so one section can be re-run alone.
 */
import { EMPTY_RESULTS, SHARED_TABLES, type BenchResults, type DuckdbResult, type RunContext, type SparkResult } from './results.js';

const DATA = /<!-- bench-data\n([\s\S]*?)\n-->/;
const GiB = 1024;

/** The sections this module renders, in document order. */
export const DOC_SECTIONS = ['duckdb', 'duckdb-large', 'spark', 'baseline'] as const;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const ratio = (r: number): string => `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;
const sizes = <T>(m: Readonly<Record<string, T>>): T[] =>
  Object.keys(m)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => m[k] as T);

/** "met" or how far off: `actual` against a `limit` that must not be exceeded. */
export function goal(actual: number, limit: number, unit: string): string {
  const show = (n: number): string => `${Number.isInteger(n) ? fmt(n) : n.toFixed(2)}${unit}`;
  return actual <= limit ? `**met** (${show(actual)} ≤ ${show(limit)})` : `**missed** by ${ratio(actual / limit)} (${show(actual)} against ≤ ${show(limit)})`;
}

function context(c: RunContext): string {
  return `${c.date.slice(0, 16).replace('T', ' ')} UTC on ${c.machine}; load average ${c.load.map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min) at the start`;
}

/** Reads the results kept in the doc (none in a doc without them). */
export function readResults(doc: string): BenchResults {
  const m = DATA.exec(doc);
  return m?.[1] ? { ...EMPTY_RESULTS, ...(JSON.parse(m[1]) as Partial<BenchResults>) } : EMPTY_RESULTS;
}

/** Replaces the section `name` (markers included) or appends it. */
export function replaceSection(doc: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) return doc.slice(0, i) + block + doc.slice(j + end.length);
  return `${doc.trimEnd()}\n\n${block}\n`;
}

function phases(p: Readonly<Record<string, number>>): string {
  return Object.entries(p)
    .map(([k, v]) => `${k} ${sec(v)}`)
    .join(', ');
}

export function renderDuckdb(r: BenchResults): string {
  const runs = sizes(r.duckdb);
  if (!runs.length) return '## Identity graph on DuckDB\n\nNot measured yet: `pnpm bench -- --only duckdb`.';
  const lines = [
    '## Identity graph on DuckDB',
    '',
    'The identity-graph preset, default config, seed 42, Parquet (ZSTD), DuckDB default threads, every table and every check;',
    'each size in its own process (`pnpm bench -- --only duckdb --households 100000,1000000`, scripts/bench/child-duckdb.ts).',
    'Floor: DuckDB writing the same number of rows and columns of constant BIGINTs to Parquet. Peak RSS: the whole Node process.',
    '',
    '| households | rows (all tables) | wall time | rows/s | peak RSS | floor | ratio to floor | check violations | phases | run |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...runs.map(
      (d) =>
        `| ${fmt(d.households)} | ${fmt(d.rows)} | ${sec(d.wallMs)} | ${fmt(d.rows / (d.wallMs / 1000))} | ${fmt(d.peakRssMiB)} MiB | ${d.floorMs !== undefined ? sec(d.floorMs) : '–'} | ${d.floorMs ? ratio(d.wallMs / d.floorMs) : '–'} | ${d.violations} | ${phases(d.phases)} | ${context(d)}; DuckDB ${d.duckdbVersion} |`,
    ),
    '',
  ];
  const largest = runs[runs.length - 1] as DuckdbResult;
  lines.push(`Per table at ${fmt(largest.households)} households:`, '', '| table | rows | columns | bytes | time (create + count) |', '|---|---:|---:|---:|---:|');
  for (const [t, v] of Object.entries(largest.tables)) lines.push(`| ${t} | ${fmt(v.rows)} | ${v.columns ?? '–'} | ${fmt(v.bytes ?? 0)} | ${sec(v.ms ?? 0)} |`);
  const million = r.duckdb['1000000'];
  lines.push('', '**Goals at 1,000,000 households** (issue 17; benchmarks, not tests):', '');
  if (million) {
    lines.push(`- wall time ≤ 60 s: ${goal(million.wallMs / 1000, 60, ' s')}`);
    if (million.floorMs) lines.push(`- ≤ 3× the floor: ${goal(million.wallMs / million.floorMs, 3, '×')}`);
    lines.push(`- peak RSS ≤ 4 GiB: ${goal(million.peakRssMiB / GiB, 4, ' GiB')}`);
  } else lines.push('- not measured in this run (`pnpm bench -- --only duckdb --households 1000000`).');
  return lines.join('\n');
}

export function renderDuckdbLarge(r: BenchResults): string {
  const runs = sizes(r.duckdbLarge);
  const lines = ['## Identity graph on DuckDB at 10M households, bounded memory', ''];
  if (!runs.length) {
    lines.push(
      'Not run by default: extrapolating the 1M run, 10M households take over an hour on this 2-core machine, so the',
      'section runs only when asked: `pnpm bench -- --with duckdb-10m` (or `--only duckdb-10m --large-households 10000000 --memory-limit 4GB`).',
      'Goals (issue 17): completes with `--memory-limit 4GB`, peak RSS ≤ 6 GiB, cost per row within 1.2× of the 1M run.',
    );
    return lines.join('\n');
  }
  lines.push(
    'The same run as above with a DuckDB memory limit (it spills to a temporary directory beside the output), without the floor.',
    '',
    '| households | memory limit | rows | wall time | peak RSS | µs per row | µs per row at 1M | cost ratio | check violations | run |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  const million = r.duckdb['1000000'];
  const perRow = (d: DuckdbResult): number => (d.wallMs * 1000) / d.rows;
  for (const d of runs)
    lines.push(
      `| ${fmt(d.households)} | ${d.memoryLimit ?? 'none'} | ${fmt(d.rows)} | ${sec(d.wallMs)} | ${fmt(d.peakRssMiB)} MiB | ${perRow(d).toFixed(2)} | ${million ? perRow(million).toFixed(2) : '–'} | ${million ? ratio(perRow(d) / perRow(million)) : '–'} | ${d.violations} | ${context(d)} |`,
    );
  const big = runs[runs.length - 1] as DuckdbResult;
  lines.push('', `**Goals at ${fmt(big.households)} households:**`, '', `- peak RSS ≤ 6 GiB: ${goal(big.peakRssMiB / GiB, 6, ' GiB')}`);
  if (million) lines.push(`- cost per row within 1.2× of 1M: ${goal(perRow(big) / perRow(million), 1.2, '×')}`);
  return lines.join('\n');
}

export function renderSpark(r: BenchResults): string {
  const runs = sizes(r.spark);
  const lines = ['## Identity graph on local Spark', ''];
  if (!runs.length) return [...lines, 'Not measured yet: `pnpm bench -- --only spark --spark-households 100000`.'].join('\n');
  lines.push(
    '`--target spark` as a user runs it (scripts/bench/child-spark.ts): local Apache Spark + Delta, the cores and driver memory in the',
    '“run” column (`--target spark` defaults: 2 cores, 2 GB), default config, seed 42, every table and every check. Write tasks: Parquet',
    'files of each table’s Delta commit (tasks that wrote rows).',
    '',
    '| households | rows | wall time | rows/s | DuckDB wall at the same size | Spark / DuckDB | check violations | phases | run |',
    '|---:|---:|---:|---:|---:|---:|---:|---|---|',
  );
  for (const s of runs) {
    const d = r.duckdb[String(s.households)];
    lines.push(
      `| ${fmt(s.households)} | ${fmt(s.rows)} | ${sec(s.wallMs)} | ${fmt(s.rows / (s.wallMs / 1000))} | ${d ? sec(d.wallMs) : '–'} | ${d ? ratio(s.wallMs / d.wallMs) : '–'} | ${s.violations} | ${phases(s.phases)} | ${context(s)}; ${s.sparkVersion}, ${s.cores} cores, ${s.driverMemory} driver |`,
    );
  }
  const largest = runs[runs.length - 1] as SparkResult;
  lines.push('', `Per table at ${fmt(largest.households)} households:`, '', '| table | rows | time (create + count) | write tasks |', '|---|---:|---:|---:|');
  const few: string[] = [];
  for (const [t, v] of Object.entries(largest.tables)) {
    lines.push(`| ${t} | ${fmt(v.rows)} | ${sec(v.ms ?? 0)} | ${v.tasks ?? '–'} |`);
    if (v.rows > 1_000_000 && v.tasks !== undefined && v.tasks < largest.cores) few.push(`${t} (${v.tasks})`);
  }
  const large = Object.values(largest.tables).some((v) => v.rows > 1_000_000);
  lines.push(
    '',
    large
      ? `Tables above 1M rows written in fewer tasks than the default parallelism (${largest.cores}): ${few.length ? `**${few.join(', ')}**` : '**none** (goal met)'}.`
      : 'No table is above 1M rows at this size, so the goal “no table above 1M rows in fewer tasks than the default parallelism” is not exercised by this run.',
  );
  return lines.join('\n');
}

/** Seconds synthgraph spent on the four shared tables of a Spark run. */
export function sharedSeconds(s: SparkResult): number {
  return SHARED_TABLES.reduce((a, t) => a + (s.tables[t]?.ms ?? 0), 0) / 1000;
}

export function renderBaseline(r: BenchResults): string {
  const runs = sizes(r.baseline);
  const lines = ['## dbldatagen baseline: the replaced system on the same Spark', ''];
  if (!runs.length) return [...lines, 'Not measured yet: `pnpm bench -- --only spark,baseline`.'].join('\n');
  lines.push(
    'The replaced system’s approach rebuilt from the seed documents (scripts/bench/dbldatagen_baseline.py): dbldatagen',
    '`DataGenerator` specs for the structural columns and Faker pandas UDFs for city, state, ZIP, identifier values and session ids,',
    'partitioned by the seeds’ rule `max(1, min(200, households // 10000))` (at least the cores), written as Delta tables — on',
    'synthgraph’s own local Spark session (same runner, venv, Delta jars, cores and driver memory as the synthgraph run; whole-stage',
    'codegen on, Spark’s default) with the row counts of the synthgraph run at the same size. Baseline time per table: spec build + Delta write;',
    'synthgraph time per table: create + row count, from the run’s progress. Neither includes starting Spark.',
    '',
  );
  for (const b of runs) {
    const s = r.spark[String(b.households)];
    const driver = s ? `, ${s.cores} cores, ${s.driverMemory} driver` : '';
    lines.push(`At ${fmt(b.households)} households (${context(b)}; ${b.partitions} partitions${driver}, Spark started in ${b.sessionStartSeconds.toFixed(1)} s):`, '');
    lines.push('| table | rows | dbldatagen + Faker | write tasks | synthgraph on Spark | synthgraph tasks | baseline / synthgraph |', '|---|---:|---:|---:|---:|---:|---:|');
    for (const t of SHARED_TABLES) {
      const bt = b.tables[t];
      const st = s?.tables[t];
      if (!bt) continue;
      lines.push(
        `| ${t} | ${fmt(bt.rows)} | ${bt.seconds.toFixed(1)} s | ${bt.files ?? '–'} | ${st?.ms !== undefined ? sec(st.ms) : '–'} | ${st?.tasks ?? '–'} | ${st?.ms ? ratio(bt.seconds / (st.ms / 1000)) : '–'} |`,
      );
    }
    const shared = s ? sharedSeconds(s) : undefined;
    lines.push(`| **four tables** | | **${b.totalSeconds.toFixed(1)} s** | | **${shared !== undefined ? `${shared.toFixed(1)} s` : '–'}** | | **${shared ? ratio(b.totalSeconds / shared) : '–'}** |`, '');
    if (shared) {
      const speedup = b.totalSeconds / shared;
      lines.push(
        `Goal (issue 17): synthgraph ≥ 3× faster than the baseline on the four tables — ${speedup >= 3 ? `**met** (${ratio(speedup)})` : `**missed**: ${speedup >= 1 ? `${ratio(speedup)} faster` : `the baseline is ${ratio(1 / speedup)} faster`}; synthgraph would need to be ${ratio(3 / speedup)} faster on these tables to meet it`}.`,
        '',
      );
    }
  }
  return lines.join('\n').trimEnd();
}

/** The doc with every rendered section and the results comment brought up to date. */
export function writeDoc(doc: string, results: BenchResults): string {
  let out = doc;
  const renderers: Record<(typeof DOC_SECTIONS)[number], (r: BenchResults) => string> = {
    duckdb: renderDuckdb,
    'duckdb-large': renderDuckdbLarge,
    spark: renderSpark,
    baseline: renderBaseline,
  };
  for (const name of DOC_SECTIONS) out = replaceSection(out, name, renderers[name](results));
  const data = `<!-- bench-data\n${JSON.stringify(results)}\n-->`;
  out = DATA.test(out) ? out.replace(DATA, () => data) : `${out.trimEnd()}\n\n${data}\n`;
  return out;
}
