/**
 * The embedded DuckDB engine: runs the shared SQL plan, writes each table as Parquet (default,
 * ZSTD), into a `.duckdb` file, or as CSV, runs every check, and writes `manifest.json`.
 * Everything is written under a temporary directory that replaces the output only when the run
 * is complete: a failed or cancelled run leaves no partial table.
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import {
  defineEngine,
  assertReplaceable,
  buildPlan,
  CancelledError,
  ConfigError,
  createManifest,
  SynthgraphError,
  type CheckResult,
  type Engine,
  type Issue,
  type Manifest,
  type ProgressEvent,
  type RunOptions,
  type ScenarioIR,
  type TableResult,
} from '@synthgraph/core';
import { duckdbDialect } from './duckdb-dialect.js';

/** Output formats of the DuckDB engine. */
export type DuckdbFormat = 'parquet' | 'duckdb' | 'csv';

/** Options of {@link duckdb}. */
export interface DuckdbOptions {
  /** Output directory (created; replaced when it holds an earlier synthgraph output). */
  readonly out: string;
  /** `parquet` (default), `duckdb` (one `synthgraph.duckdb` file) or `csv`. */
  readonly format?: DuckdbFormat;
  /** DuckDB worker threads. Default: DuckDB's default (all cores). */
  readonly threads?: number;
  /** DuckDB memory limit, e.g. `'4GB'`. Default: DuckDB's default (80% of RAM). */
  readonly memoryLimit?: string;
  /** Where DuckDB spills when over the memory limit. Default: inside the temporary output directory. */
  readonly tempDirectory?: string;
  /** Parquet compression. Default `zstd`. */
  readonly compression?: 'zstd' | 'snappy' | 'gzip' | 'uncompressed';
  /** Extra manifest sections (e.g. a preset's resolved config). */
  readonly manifestExtra?: Readonly<Record<string, unknown>>;
  /**
   * `replace` (default) writes a new output; `append` adds this run as a new batch to an
   * existing Parquet or CSV output (keys must be disjoint — presets offset them per batch) and
   * checks every constraint over the union.
   */
  readonly mode?: 'replace' | 'append';
}

/** A failure inside DuckDB while running a statement. */
export class DuckdbEngineError extends SynthgraphError {
  constructor(message: string, cause?: unknown) {
    super('ENGINE_FAILED', message, { cause });
  }
}

const MEMORY = /^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

/** Validates engine options; returns every problem. */
export function validateDuckdbOptions(o: DuckdbOptions): Issue[] {
  const issues: Issue[] = [];
  if (typeof o.out !== 'string' || o.out.trim() === '') issues.push({ path: 'out', message: 'is required', value: o.out, fix: 'pass an output directory, e.g. ./synthgraph-out' });
  if (o.format !== undefined && !['parquet', 'duckdb', 'csv'].includes(o.format))
    issues.push({ path: 'format', message: 'is not a known format', value: o.format, fix: 'use parquet, duckdb or csv' });
  if (o.threads !== undefined && !(Number.isInteger(o.threads) && o.threads >= 1 && o.threads <= 1024))
    issues.push({ path: 'threads', message: 'must be an integer from 1 to 1024', value: o.threads, fix: 'e.g. --threads 2' });
  if (o.memoryLimit !== undefined && !MEMORY.test(o.memoryLimit)) issues.push({ path: 'memoryLimit', message: 'is not a memory size', value: o.memoryLimit, fix: "use e.g. '4GB' or '512MB'" });
  if (o.mode !== undefined && !['replace', 'append'].includes(o.mode)) issues.push({ path: 'mode', message: 'must be replace or append', value: o.mode, fix: 'use replace or append' });
  if (o.mode === 'append' && o.format === 'duckdb') issues.push({ path: 'mode', message: 'append is supported for parquet and csv outputs', value: 'append', fix: 'use --format parquet' });
  if (o.compression !== undefined && !['zstd', 'snappy', 'gzip', 'uncompressed'].includes(o.compression))
    issues.push({ path: 'compression', message: 'is not a known Parquet compression', value: o.compression, fix: 'use zstd, snappy, gzip or uncompressed' });
  return issues;
}

const q = (name: string): string => duckdbDialect.quoteIdent(name);
const s = (text: string): string => duckdbDialect.stringLiteral(text);


/**
 * Creates the DuckDB engine.
 *
 * @example
 * ```ts
 * import { generate } from '@synthgraph/core';
 * import { duckdb } from '@synthgraph/duckdb';
 * const manifest = await generate(scenario, duckdb({ out: './out', threads: 2 }), { seed: 42 });
 * console.log(manifest.tables.households.rows);
 * ```
 */
export function duckdb(options: DuckdbOptions): Engine {
  return defineEngine('duckdb', 'DuckDB', options, validateDuckdbOptions, runDuckdb);
}

interface PreviousOutput {
  readonly manifest: Manifest;
  /** Existing files per table, absolute paths. */
  readonly files: Record<string, string[]>;
}

async function readPrevious(out: string, format: DuckdbFormat, ir: ScenarioIR): Promise<PreviousOutput> {
  const manifestPath = path.join(out, 'manifest.json');
  if (!existsSync(manifestPath))
    throw new ConfigError([{ path: 'mode', message: `append needs an existing output, but ${manifestPath} does not exist`, value: 'append', fix: 'run once without append mode first, or point --out at an earlier output' }]);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
  const issues: Issue[] = [];
  if (manifest.format !== format) issues.push({ path: 'format', message: `the existing output is ${manifest.format}`, value: format, fix: `append with --format ${manifest.format}` });
  if (manifest.scenario !== ir.name) issues.push({ path: 'scenario', message: `the existing output holds scenario '${manifest.scenario}'`, value: ir.name, fix: 'append the same scenario' });
  const names = ir.entities.map((e) => e.name);
  const missing = names.filter((n) => !(n in manifest.tables));
  if (missing.length) issues.push({ path: 'tables', message: `the existing output lacks tables ${missing.join(', ')}`, fix: 'append the same scenario and config steps that shape tables' });
  if (issues.length) throw new ConfigError(issues, 'Cannot append to this output');
  const files: Record<string, string[]> = {};
  for (const n of names) files[n] = ((manifest.tables[n] as TableResult).files ?? []).map((f) => path.join(out, f));
  return { manifest, files };
}

async function runDuckdb(ir: ScenarioIR, o: DuckdbOptions, run: RunOptions): Promise<Manifest> {
  const t0 = performance.now();
  const format = o.format ?? 'parquet';
  const append = o.mode === 'append';
  const out = path.resolve(o.out);
  const previous = append ? await readPrevious(out, format, ir) : undefined;
  if (!append) await assertReplaceable(out);
  // Replace: a sibling directory swapped in when complete. Append: a directory inside the
  // output whose files are moved into place when complete; manifest.json is the commit point.
  const staging = append ? path.join(out, `.synthgraph-append-${process.pid}`) : `${out}.synthgraph-tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const signal = run.signal;
  const plan = buildPlan(ir, duckdbDialect);
  const steps = plan.tables.length + plan.checks.length + 1;
  let step = 0;
  const emit = (e: Omit<ProgressEvent, 'elapsedMs' | 'step' | 'steps'>): void => run.onProgress?.({ ...e, step, steps, elapsedMs: Math.round(performance.now() - t0) });
  const batchIndex = previous ? previous.manifest.batches.length : 0;
  const part = `part-${String(batchIndex).padStart(5, '0')}`;

  const dbPath = format === 'duckdb' ? path.join(staging, 'synthgraph.duckdb') : ':memory:';
  let instance: DuckDBInstance | undefined;
  let conn: DuckDBConnection | undefined;
  const onAbort = (): void => conn?.interrupt();
  signal?.addEventListener('abort', onAbort);
  try {
    instance = await DuckDBInstance.create(dbPath);
    conn = await instance.connect();
    const c = conn;
    const exec = async (sql: string, what: string): Promise<void> => {
      if (signal?.aborted) throw new CancelledError('The run was cancelled; nothing was written.');
      try {
        await c.run(sql);
      } catch (e) {
        if (signal?.aborted) throw new CancelledError('The run was cancelled; nothing was written.', e);
        throw new DuckdbEngineError(`DuckDB failed while ${what}: ${(e as Error).message}\n--- statement (first 2000 characters) ---\n${sql.slice(0, 2000)}`, e);
      }
    };
    const scalar = async (sql: string): Promise<string> => {
      const r = await c.runAndReadAll(sql);
      return String(r.getRows()[0]?.[0] ?? '');
    };
    const tmp = o.tempDirectory ?? path.join(staging, '.spill');
    await exec(`SET temp_directory = ${s(tmp)}`, 'configuring');
    await exec('SET preserve_insertion_order = false', 'configuring');
    if (o.threads) await exec(`SET threads = ${o.threads}`, 'configuring');
    if (o.memoryLimit) await exec(`SET memory_limit = ${s(o.memoryLimit)}`, 'configuring');
    const engineVersion = await scalar('SELECT version()');

    const batchRows: Record<string, number> = {};
    const started = new Map<string, number>();
    const elapsed = new Map<string, number>();
    const dataDir = (t: string): string => path.join(format === 'csv' ? path.join(staging, '.parquet') : staging, t);
    const newFile = (t: string): string => path.join(dataDir(t), `${part}.parquet`);
    for (const t of plan.tables) {
      step++;
      started.set(t.entity, performance.now());
      emit({ phase: 'table', table: t.entity, state: 'started' });
      if (format === 'duckdb') {
        for (const sql of t.sql) await exec(sql, `creating table ${t.entity}`);
      } else {
        await mkdir(dataDir(t.entity), { recursive: true });
        await exec(`COPY (\n${t.select}\n) TO ${s(newFile(t.entity))} (FORMAT parquet, COMPRESSION ${o.compression ?? 'zstd'})`, `writing table ${t.entity}`);
        await exec(`CREATE OR REPLACE VIEW ${q(t.entity)} AS SELECT * FROM read_parquet(${s(newFile(t.entity))})`, `opening table ${t.entity}`);
      }
      const rows = Number(await scalar(`SELECT count(*) FROM ${q(t.entity)}`));
      batchRows[t.entity] = rows;
      elapsed.set(t.entity, Math.round(performance.now() - (started.get(t.entity) ?? t0)));
      emit({ phase: 'table', table: t.entity, state: 'finished', rows });
    }
    if (previous) {
      // Checks and hashes cover the union of every batch.
      for (const t of plan.tables) {
        const all = [...(previous.files[t.entity] ?? []), newFile(t.entity)];
        const reader = format === 'csv' ? 'read_csv' : 'read_parquet';
        if (format === 'csv') {
          const old = (previous.files[t.entity] ?? []).map((f) => s(f)).join(', ');
          await exec(
            `CREATE OR REPLACE VIEW ${q(t.entity)} AS SELECT * FROM read_parquet(${s(newFile(t.entity))}) UNION ALL BY NAME SELECT * FROM ${reader}([${old}], header = true, auto_detect = true)`,
            `opening ${t.entity}`,
          );
        } else await exec(`CREATE OR REPLACE VIEW ${q(t.entity)} AS SELECT * FROM read_parquet([${all.map((f) => s(f)).join(', ')}])`, `opening ${t.entity}`);
      }
    }
    const tables: Record<string, TableResult> = {};
    for (const t of plan.tables) {
      const rows = Number(await scalar(`SELECT count(*) FROM ${q(t.entity)}`));
      const hash = await scalar(`SELECT coalesce(sum(hash(x)), 0) % 18446744073709551616 FROM ${q(t.entity)} x`);
      tables[t.entity] = { rows, files: [], bytes: 0, contentHash: `duckdb-xxh:${BigInt(hash).toString(16).padStart(16, '0')}:${rows}`, elapsedMs: elapsed.get(t.entity) ?? 0 };
    }

    const checks: CheckResult[] = [];
    for (const ch of plan.checks) {
      step++;
      emit({ phase: 'check', table: ch.entity, state: 'started', detail: ch.name });
      if (signal?.aborted) throw new CancelledError('The run was cancelled; nothing was written.');
      let v: string;
      try {
        v = await scalar(ch.sql);
      } catch (e) {
        if (signal?.aborted) throw new CancelledError('The run was cancelled; nothing was written.', e);
        throw new DuckdbEngineError(`DuckDB failed while running check ${ch.name}: ${(e as Error).message}\n--- query ---\n${ch.sql.slice(0, 2000)}`, e);
      }
      checks.push({ name: ch.name, table: ch.entity, violations: Number(v) });
      emit({ phase: 'check', table: ch.entity, state: 'finished', detail: ch.name, rows: Number(v) });
    }

    step++;
    emit({ phase: 'write', state: 'started' });
    if (format === 'csv') {
      for (const t of plan.tables) {
        const dir = path.join(staging, t.entity);
        await mkdir(dir, { recursive: true });
        await exec(`COPY (SELECT * FROM read_parquet(${s(newFile(t.entity))})) TO ${s(path.join(dir, `${part}.csv`))} (HEADER, DELIMITER ',')`, `writing ${t.entity} as CSV`);
      }
    }
    conn.closeSync();
    conn = undefined;
    instance.closeSync();
    instance = undefined;
    await rm(path.join(staging, '.parquet'), { recursive: true, force: true });
    if (!o.tempDirectory) await rm(tmp, { recursive: true, force: true });
    if (signal?.aborted) throw new CancelledError('The run was cancelled; nothing was written.');

    const ext = format === 'csv' ? 'csv' : 'parquet';
    const batchFiles: Record<string, string[]> = {};
    for (const t of plan.tables) {
      batchFiles[t.entity] = format === 'duckdb' ? ['synthgraph.duckdb'] : [`${t.entity}/${part}.${ext}`];
      const prevFiles = previous ? ((previous.manifest.tables[t.entity] as TableResult).files ?? []) : [];
      const files = [...prevFiles, ...(batchFiles[t.entity] as string[])];
      let bytes = 0;
      if (format !== 'duckdb') for (const f of batchFiles[t.entity] as string[]) bytes += (await stat(path.join(staging, f))).size;
      tables[t.entity] = { ...(tables[t.entity] as TableResult), files: format === 'duckdb' ? ['synthgraph.duckdb'] : files, bytes: bytes + (previous ? (previous.manifest.tables[t.entity] as TableResult).bytes : 0) };
    }
    const manifest = createManifest(ir, {
      engine: `duckdb ${engineVersion}`,
      format,
      tables,
      checks,
      elapsedMs: performance.now() - t0,
      batchRows,
      batchFiles,
      previousBatches: previous?.manifest.batches ?? [],
      extra: o.manifestExtra ?? {},
    });
    if (append) {
      for (const t of plan.tables) for (const f of batchFiles[t.entity] as string[]) await rename(path.join(staging, f), path.join(out, f));
      await writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      await rename(path.join(staging, 'manifest.json'), path.join(out, 'manifest.json'));
      await rm(staging, { recursive: true, force: true });
    } else {
      await writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      // Swap the complete output into place.
      const old = `${out}.synthgraph-old-${process.pid}`;
      if (existsSync(out)) await rename(out, old);
      await rename(staging, out);
      await rm(old, { recursive: true, force: true });
    }
    emit({ phase: 'done', state: 'finished', rows: manifest.totalRows });
    return manifest;
  } catch (e) {
    try {
      conn?.closeSync();
      instance?.closeSync();
    } catch {
      /* already failing */
    }
    await rm(staging, { recursive: true, force: true });
    if (signal?.aborted && !(e instanceof CancelledError)) throw new CancelledError('The run was cancelled; nothing was written.', e);
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
