/**
 * `pnpm bench`'s command line and doc writer (scripts/bench): which sections run at which sizes,
 * and how results become docs/benchmarks.md. No benchmark runs here and nothing is timed.
 */
import { describe, expect, it } from 'vitest';
import { BenchUsageError, DEFAULT_SECTIONS, parseBenchArgs } from '../../scripts/bench/args.js';
import { goal, readResults, replaceSection, writeDoc } from '../../scripts/bench/doc.js';
import { EMPTY_RESULTS, mergeResults, phasesOf, type BaselineResult, type BenchResults, type DuckdbResult, type SparkResult } from '../../scripts/bench/results.js';

const ctx = { date: '2026-12-07T21:00:00.000Z', machine: 'test CPU, 2 cores', load: [1, 2, 3] as [number, number, number] };

function duck(households: number, wallMs: number, extra: Partial<DuckdbResult> = {}): DuckdbResult {
  return { ...ctx, households, wallMs, rows: households * 90, peakRssMiB: 2048, tables: { households: { rows: households, columns: 15, bytes: 10, ms: 100 } }, floorMs: wallMs / 10, duckdbVersion: 'v1', violations: 0, phases: { session: 1, tables: wallMs - 1 }, ...extra };
}

const spark: SparkResult = {
  ...ctx,
  households: 100,
  wallMs: 60_000,
  rows: 9_000,
  tables: {
    households: { rows: 100, ms: 2_000, tasks: 1 },
    individuals: { rows: 230, ms: 3_000, tasks: 2 },
    identity_mappings: { rows: 1_400, ms: 5_000, tasks: 2 },
    content_engagements: { rows: 2_000_000, ms: 10_000, tasks: 1 },
  },
  violations: 0,
  phases: { session: 5_000 },
  cores: 2,
  driverMemory: '2g',
  sparkVersion: 'spark 4.0.1',
};

const baseline: BaselineResult = {
  ...ctx,
  households: 100,
  spark: '4.0.1',
  partitions: 2,
  sessionStartSeconds: 5,
  totalSeconds: 40,
  tables: { households: { rows: 100, seconds: 10 }, individuals: { rows: 230, seconds: 5 }, identity_mappings: { rows: 1_400, seconds: 10 }, content_engagements: { rows: 2_000_000, seconds: 15 } },
};

describe('pnpm bench arguments', () => {
  it('runs the issue’s sections at its sizes by default, DuckDB at 10M only when asked', () => {
    const a = parseBenchArgs([]);
    expect(a.sections).toEqual(DEFAULT_SECTIONS);
    expect(a.sections).not.toContain('duckdb-10m');
    expect(a.households).toEqual([100_000, 1_000_000]);
    expect(a.sparkHouseholds).toBe(100_000);
    expect(a.sparkDriverMemory).toBe('2g');
    expect(a.sparkTimeoutMinutes).toBe(180);
    expect(a.largeHouseholds).toBe(10_000_000);
    expect(a.memoryLimit).toBe('4GB');
    expect(a.write).toBe(true);
    expect(parseBenchArgs(['--with', 'duckdb-10m']).sections).toEqual(['evaluator', 'duckdb', 'duckdb-10m', 'spark', 'baseline']);
  });

  it('chooses sections and sizes, in run order, after pnpm’s `--`', () => {
    const a = parseBenchArgs(['--', '--only', 'spark,duckdb', '--households', '100_000,1000000', '--spark-households', '20000', '--no-write']);
    expect(a.sections).toEqual(['duckdb', 'spark']);
    expect(a.households).toEqual([100_000, 1_000_000]);
    expect(a.sparkHouseholds).toBe(20_000);
    expect(parseBenchArgs(['--spark-driver-memory', '4g']).sparkDriverMemory).toBe('4g');
    expect(() => parseBenchArgs(['--spark-driver-memory', '4GB'])).toThrow(/not a JVM memory size/);
    expect(a.write).toBe(false);
    expect(parseBenchArgs(['--sizes', '10000']).households).toEqual([10_000]);
    expect(parseBenchArgs(['--rows', '1000', '--runs', '3']).evaluatorArgs).toEqual(['--rows', '1000', '--runs', '3']);
  });

  it('names the mistake and the usage', () => {
    expect(() => parseBenchArgs(['--only', 'spork'])).toThrow(/unknown section 'spork'.*\n.*usage: pnpm bench/s);
    expect(() => parseBenchArgs(['--households', '1e3x'])).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(['--households', '0'])).toThrow(/--households: '0' is not a positive whole number/);
    expect(() => parseBenchArgs(['--memory-limit', 'lots'])).toThrow(/not a memory size/);
    expect(() => parseBenchArgs(['--only'])).toThrow(/--only needs a value/);
    expect(() => parseBenchArgs(['--fast', '1'])).toThrow(/unknown option '--fast'/);
  });
});

describe('docs/benchmarks.md writer', () => {
  it('replaces a section between its markers and keeps the text around it', () => {
    const doc = '# B\n\nintro\n\n<!-- x:start -->\nold\n<!-- x:end -->\n\nhand-written\n';
    expect(replaceSection(doc, 'x', 'new')).toBe('# B\n\nintro\n\n<!-- x:start -->\nnew\n<!-- x:end -->\n\nhand-written\n');
    expect(replaceSection('# B\n', 'y', 'body')).toBe('# B\n\n<!-- y:start -->\nbody\n<!-- y:end -->\n');
  });

  it('says whether a goal is met or by how much it is missed', () => {
    expect(goal(45, 60, ' s')).toBe('**met** (45 s ≤ 60 s)');
    expect(goal(120, 60, ' s')).toBe('**missed** by 2.0× (120 s against ≤ 60 s)');
  });

  it('keeps every section’s results in the doc, so one section can run alone', () => {
    const first = writeDoc('# Benchmarks\n\nhand-written\n', mergeResults(EMPTY_RESULTS, { duckdb: { '100000': duck(100_000, 30_000) } }));
    expect(readResults(first).duckdb['100000']?.wallMs).toBe(30_000);
    const second = writeDoc(first, mergeResults(readResults(first), { spark: { '100': spark } }));
    const r: BenchResults = readResults(second);
    expect(Object.keys(r.duckdb)).toEqual(['100000']);
    expect(r.spark['100']?.wallMs).toBe(60_000);
    expect(second).toContain('hand-written');
    expect(second.match(/<!-- bench-data/g)).toHaveLength(1);
    expect(second.match(/<!-- spark:start -->/g)).toHaveLength(1);
  });

  it('reports the 1M goals, the 10M cost per row against 1M, and says when 10M was not run', () => {
    const doc = writeDoc('', { ...EMPTY_RESULTS, duckdb: { '1000000': duck(1_000_000, 120_000) } });
    expect(doc).toContain('- wall time ≤ 60 s: **missed** by 2.0×');
    expect(doc).toContain('- peak RSS ≤ 4 GiB: **met**');
    expect(doc).toContain('Not run by default');
    const large = writeDoc('', { ...EMPTY_RESULTS, duckdb: { '1000000': duck(1_000_000, 100_000) }, duckdbLarge: { '10000000': duck(10_000_000, 1_100_000, { memoryLimit: '4GB', peakRssMiB: 7 * 1024 }) } });
    expect(large).toContain('cost per row within 1.2× of 1M: **met** (1.10× ≤ 1.20×)');
    expect(large).toContain('peak RSS ≤ 6 GiB: **missed**');
  });

  it('compares the baseline with synthgraph’s time on the four shared tables and flags under-parallel tables', () => {
    const doc = writeDoc('', { ...EMPTY_RESULTS, spark: { '100': spark }, baseline: { '100': baseline } });
    // 40 s of dbldatagen against 20 s of synthgraph on the four tables.
    expect(doc).toContain('| **four tables** | | **40.0 s** | | **20.0 s** | | **2.0×** |');
    expect(doc).toContain('**missed**: 2.0× faster; synthgraph would need to be 1.5× faster on these tables to meet it');
    expect(doc).toContain('2 partitions, 2 cores, 2g driver');
    expect(doc).toContain('fewer tasks than the default parallelism (2): **content_engagements (1)**');
    const small = writeDoc('', { ...EMPTY_RESULTS, spark: { '100': { ...spark, tables: { households: { rows: 100, ms: 1, tasks: 1 } } } } });
    expect(small).toContain('No table is above 1M rows at this size');
  });
});

describe('run phases from progress events', () => {
  it('splits a run into session, tables, hashes, checks and write', () => {
    const events = [
      { phase: 'plan', state: 'started', elapsedMs: 0 },
      { phase: 'table', state: 'started', elapsedMs: 1_000 },
      { phase: 'table', state: 'finished', elapsedMs: 5_000 },
      { phase: 'check', state: 'started', elapsedMs: 6_000 },
      { phase: 'write', state: 'started', elapsedMs: 9_000 },
    ];
    expect(phasesOf(events, 10_000)).toEqual({ session: 1_000, tables: 4_000, hashes: 1_000, checks: 3_000, write: 1_000 });
  });
});
