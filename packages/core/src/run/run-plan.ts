/**
 * The run loop every engine shares: tables in dependency order, the canonical content hash of
 * each, the checks, the manifest and the commit, with the same progress events and the same
 * cancellation everywhere. An engine supplies only what differs: a {@link RunSession} that
 * executes statements and a {@link TableWriter} that stores tables and commits the output.
 * Progress events follow {@link RunProgress}.
 */
import { CancelledError, SynthgraphError } from '../errors.js';
import type { ScenarioIR } from '../ir/types.js';
import type { Dialect } from '../sql/dialect.js';
import { checkColumn } from '../sql/check-groups.js';
import type { StatementPlan, TableShard, TableStatements } from '../sql/plan.js';
import type { TableRef } from '../sql/printer.js';
import { contentHashSql, parseContentHash } from './content-hash.js';
import type { BatchRecord, CheckResult, Manifest, RunOptions, TableResult } from './engine.js';
import { faultPoint } from './fault-point.js';
import { createManifest } from './manifest.js';
import { RunProgress } from './progress.js';

/**
 * A connection to an engine: executes statements and reads small results.
 *
 * @example
 * ```ts
 * const session: RunSession = await DuckdbSession.open({ path: ':memory:', tempDirectory: '/tmp/spill' });
 * const [row] = await session.query('SELECT 1 AS x', 'probing');
 * ```
 */
export interface RunSession {
  /** Runs a statement; `what` names it in errors (e.g. 'writing table households'). */
  execute(sql: string, what: string): Promise<void>;
  /** Runs a query and returns its rows keyed by column name. */
  query(sql: string, what: string): Promise<readonly Readonly<Record<string, unknown>>[]>;
  /** Engine name and version for the manifest, e.g. `duckdb 1.4.1`. */
  engineVersion(): Promise<string>;
  /** The engine's own (cheaper, engine-specific) content hash of a written table, kept as `contentHash`. */
  nativeHash?(table: TableStatements, rows: number): Promise<string>;
  /** Closes the session (called once, also after a failure). */
  close(): Promise<void>;
}

/**
 * Files of one table in the output, relative to it.
 *
 * @example
 * ```ts
 * const { files, bytes } = await writer.tableFiles('households'); // ['households/part-00000.parquet'], 81234
 * ```
 */
export interface TableFiles {
  /** Every file of the table (all batches). */
  readonly files: readonly string[];
  /** The files this run added. */
  readonly batchFiles: readonly string[];
  /** Bytes of every file of the table. */
  readonly bytes: number;
}

/**
 * Where and how an engine stores tables; owns the output's staging and its commit.
 *
 * @example
 * ```ts
 * const writer: TableWriter = new DuckdbWriter(await LocalOutput.open('./out', { format: 'parquet', ir }), 'parquet', 'zstd');
 * ```
 */
export interface TableWriter {
  /** Output format for the manifest (parquet, csv, duckdb, delta, …). */
  readonly format: string;
  /** How a written table is read back (checks and hashes use the plan's own table names). */
  readonly tableRef?: TableRef;
  /** The batches already in the output (append), oldest first. */
  readonly previousBatches: readonly BatchRecord[];
  /** Stores one table of the plan and makes it readable under its plan name. */
  writeTable(session: RunSession, table: TableStatements): Promise<void>;
  /**
   * Stores one household shard of a table (a writer that writes shards; see
   * `TableStatements.shards`). The run loop calls it for every shard in order instead of
   * {@link writeTable}; after the last one the table is readable under its plan name.
   */
  writeShard?(session: RunSession, table: TableStatements, shard: TableShard): Promise<void>;
  /** After every table is written: e.g. make each table name read every batch (append). */
  afterTables?(session: RunSession, plan: StatementPlan): Promise<void>;
  /** After the checks, before the session closes (e.g. convert to the output format). */
  finish?(session: RunSession, plan: StatementPlan): Promise<void>;
  /** Files of a table, once the session is closed. */
  tableFiles(entity: string): Promise<TableFiles>;
  /** Makes the output with this manifest visible at once (the single commit point). */
  commit(manifest: Manifest): Promise<void>;
  /** Removes everything the run staged (after a failure or cancellation); `reason` is what stopped the run. */
  discard(reason?: unknown): Promise<void>;
  /**
   * True when the writer removes the plan's lookup tables itself — at its commit and in its
   * discard (a warehouse rollback drops every table the run created) — so the run loop sends no
   * DROP for them. Default: the run loop drops them after the last table and after a failure.
   */
  readonly dropsLookupTables?: boolean;
}

/**
 * What {@link RunPlanOptions.openSession} receives: the whole plan before the first statement
 * (a planned session, e.g. a warehouse run ledger, hashes it, records it and knows which steps a
 * resumed run has already completed) and the run's progress, for events inside a step
 * (`tableRunning`, plan notes, rollback steps).
 *
 * @example
 * ```ts
 * const openSession = async ({ plan, progress }: SessionStart) => WarehouseSession.begin(plan, progress);
 * ```
 */
export interface SessionStart {
  readonly plan: StatementPlan;
  readonly progress: RunProgress;
}

/**
 * The row count query of a written table (`SELECT count(*) AS n FROM …`), sent by {@link runPlan}
 * after each table; exported so a planned session can list it in its plan.
 *
 * @example
 * ```ts
 * countRowsSql('`main`.`synth`.`households`'); // 'SELECT count(*) AS n FROM `main`.`synth`.`households`'
 * ```
 */
export function countRowsSql(table: string): string {
  return `SELECT count(*) AS n FROM ${table}`;
}

/**
 * Options of {@link runPlan}.
 *
 * @example
 * ```ts
 * const options: RunPlanOptions = { writer, dialect: duckdbDialect, openSession: () => DuckdbSession.open(settings), onProgress: console.log };
 * ```
 */
export interface RunPlanOptions extends RunOptions {
  /** Opens the engine session (after the writer staged its output), given the whole plan and the progress. */
  readonly openSession: (start: SessionStart) => Promise<RunSession>;
  /** What the `plan` progress event says while the session opens, e.g. 'starting local Spark'. */
  readonly sessionLabel?: string;
  readonly writer: TableWriter;
  /** The dialect of the plan, which prints the content-hash queries. */
  readonly dialect: Dialect;
  /** Engine-specific manifest sections (merged under the preset's). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

const CANCELLED = 'The run was cancelled; nothing was written.';

/**
 * Runs a statement plan with an engine's session and writer and returns the committed manifest.
 *
 * @example
 * ```ts
 * const plan = buildPlan(ir, duckdbDialect);
 * const manifest = await runPlan(ir, plan, { dialect: duckdbDialect, writer, openSession: () => DuckdbSession.open(path), signal, onProgress });
 * ```
 */
export async function runPlan(ir: ScenarioIR, plan: StatementPlan, o: RunPlanOptions): Promise<Manifest> {
  const t0 = performance.now();
  const { writer, signal } = o;
  const progress = new RunProgress({ tables: plan.tables.length, checks: plan.checks.length }, o.onProgress);
  const live = (): void => {
    if (signal?.aborted) throw new CancelledError(CANCELLED);
  };
  let session: RunSession | undefined;
  try {
    live();
    progress.plan(o.sessionLabel ?? 'opening the engine session');
    session = await o.openSession({ plan, progress });
    const s = session;
    const count = async (t: TableStatements): Promise<number> => Number(Object.values((await s.query(countRowsSql(t.table), `counting ${t.entity}`))[0] ?? {})[0] ?? 0);
    // The lookup tables (large pools) the tables read, created before the first table.
    for (const l of plan.lookups ?? []) {
      live();
      for (const stmt of l.sql) await s.execute(stmt, `creating the lookup table ${l.table}`);
    }
    const batchRows: Record<string, number> = {};
    const elapsed: Record<string, number> = {};
    for (const t of plan.tables) {
      live();
      const started = performance.now();
      progress.tableStarted(t.entity);
      if (t.shards && writer.writeShard) {
        for (const shard of t.shards) {
          live();
          progress.tableRunning(t.entity, `shard ${shard.index + 1}/${shard.count}`);
          await writer.writeShard(s, t, shard);
        }
      } else await writer.writeTable(s, t);
      faultPoint(`table:${t.entity}`);
      batchRows[t.entity] = await count(t);
      elapsed[t.entity] = Math.round(performance.now() - started);
      progress.tableFinished(t.entity, batchRows[t.entity] ?? 0);
    }
    if (!writer.dropsLookupTables) for (const l of plan.lookups ?? []) await s.execute(l.drop, `dropping the lookup table ${l.table}`);
    await writer.afterTables?.(s, plan);
    const tables: Record<string, TableResult> = {};
    for (const t of plan.tables) {
      live();
      const row = (await s.query(contentHashSql(ir, t.entity, o.dialect, writer.tableRef), `hashing ${t.entity}`))[0] ?? {};
      const canonicalHash = parseContentHash(row);
      const rows = Number(row['n'] ?? 0);
      tables[t.entity] = { rows, files: [], bytes: 0, contentHash: (await s.nativeHash?.(t, rows)) ?? canonicalHash, canonicalHash, elapsedMs: elapsed[t.entity] ?? 0 };
    }
    const checks: CheckResult[] = [];
    for (const g of plan.checkGroups) {
      live();
      progress.checksStarted(g.entity, g.names);
      const row = (await s.query(g.sql, `running the checks of ${g.entity}`))[0] ?? {};
      g.names.forEach((name, i) => {
        const violations = Number(row[checkColumn(i)]);
        checks.push({ name, table: g.entity, violations, verified: g.verified[i] ?? 'scan' });
        progress.checkFinished(g.entity, name, violations);
      });
    }
    live();
    faultPoint('checks:done');
    progress.write('started');
    await writer.finish?.(s, plan);
    const engine = await s.engineVersion();
    session = undefined;
    await s.close();
    live();
    const batchFiles: Record<string, readonly string[]> = {};
    for (const t of plan.tables) {
      const f = await writer.tableFiles(t.entity);
      tables[t.entity] = { ...(tables[t.entity] as TableResult), files: f.files, bytes: f.bytes };
      batchFiles[t.entity] = f.batchFiles;
    }
    const manifest = createManifest(ir, { engine, format: writer.format, tables, checks, elapsedMs: performance.now() - t0, batchRows, batchFiles, previousBatches: writer.previousBatches, extra: o.extra ?? {} });
    if (writer.previousBatches.length > 0) refuseFailedAppend(checks);
    faultPoint('manifest:built');
    await writer.commit(manifest);
    progress.done(manifest.totalRows);
    return manifest;
  } catch (e) {
    if (session && !writer.dropsLookupTables) await dropLookupTables(session, plan);
    await session?.close().catch(() => undefined);
    await writer.discard(e);
    if (signal?.aborted && !(e instanceof CancelledError)) throw new CancelledError(CANCELLED, e);
    throw e;
  }
}

/** Drops the plan's lookup tables after a failure, best effort: the run's own error is what is reported. */
async function dropLookupTables(session: RunSession, plan: StatementPlan): Promise<void> {
  for (const l of plan.lookups ?? []) await session.execute(l.drop, `dropping the lookup table ${l.table}`).catch(() => undefined);
}

/**
 * An append whose checks over the union found violations is not committed: the output keeps its
 * previous batches, byte-identical (a replace commits and reports the violations instead).
 */
function refuseFailedAppend(checks: readonly CheckResult[]): void {
  const failed = checks.filter((c) => c.violations !== 0);
  if (!failed.length) return;
  throw new SynthgraphError(
    'CHECK_FAILED',
    `The appended batch was not committed: ${failed.length} check(s) over the output found violations; the output is unchanged.\n${failed.map((c) => `  ${c.name}: ${c.violations} violations`).join('\n')}\n  fix: append a batch whose keys are disjoint from the output's (a new batch index), with the same config`,
  );
}
