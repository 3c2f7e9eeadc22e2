/**
 * What the Databricks engine gives core's run loop (`runPlan`): a planned session, which runs
 * the run's statements — known in full before the first one, for the ledger's plan hash, resume
 * and rollback — one by one as the loop sends them, and the Unity Catalog table writer, whose
 * commit is the ledger row that completes the run and whose discard rolls the run back.
 */
import { InternalError, type BatchRecord, type Manifest, type RunProgress, type RunSession, type TableFiles, type TableStatements, type TableWriter } from '@synthgraph/core';
import type { WarehouseRun } from '../executor/warehouse-run.js';
import { parseTableStats } from '../spark/table-stats.js';
import { MANIFEST_DETAIL_KEY, type DatabricksStatement } from './databricks-statements.js';

type Row = Readonly<Record<string, unknown>>;

/**
 * A `RunSession` over a {@link WarehouseRun}: each statement the run loop sends must be the next
 * one of the plan the run began with (else an internal error: the plan hash in the ledger would
 * not describe what ran); it runs with the executor's retries, cancellation and ledger records,
 * and is skipped when a resumed run already completed its table.
 *
 * @example
 * ```ts
 * const session = new PlannedWarehouseSession(await WarehouseRun.open(steps, options), steps);
 * await session.execute(steps[0].sql, 'writing households');
 * ```
 */
export class PlannedWarehouseSession implements RunSession {
  #next = 0;

  constructor(
    readonly run: WarehouseRun,
    readonly steps: readonly DatabricksStatement[],
  ) {}

  /** Runs the next statement of the plan, which must be `sql` (or have this role and entity). */
  async #run(expected: { sql: string } | { role: DatabricksStatement['role']; entity: string }, what: string): Promise<readonly Row[]> {
    const index = this.#next++;
    const s = this.steps[index];
    const matches = s !== undefined && ('sql' in expected ? s.sql === expected.sql : s.role === expected.role && s.entity === expected.entity);
    if (!matches) throw new InternalError(`${what}: the run loop sent a statement that is not statement ${index} of the Databricks plan (${s ? `${s.role} ${s.entity}` : 'past its end'})`);
    return (await this.run.statement(index)).rows as readonly Row[];
  }

  /** The role of the next statement of the plan (the writer runs a table's writes). */
  peek(): DatabricksStatement | undefined {
    return this.steps[this.#next];
  }

  async execute(sql: string, what: string): Promise<void> {
    await this.#run({ sql }, what);
  }

  query(sql: string, what: string): Promise<readonly Row[]> {
    return this.#run({ sql }, what);
  }

  /** Spark's own content hash (`spark-xxh64`), from the plan's statistics statement of the table. */
  async nativeHash(table: TableStatements): Promise<string> {
    const row = (await this.#run({ role: 'stats', entity: table.entity }, `measuring ${table.entity}`))[0] ?? {};
    return parseTableStats(row['n'], row['h']).contentHash;
  }

  async engineVersion(): Promise<string> {
    return 'databricks-sql';
  }

  /** The warehouse session stays open for the writer's commit (a ledger row) or rollback. */
  async close(): Promise<void> {}
}

/**
 * The Unity Catalog table writer: the tables are written by the plan's statements (CTAS with
 * comments, properties and informational constraints; an append's staging table and INSERT),
 * their sizes read with `DESCRIBE DETAIL`; the commit records the manifest in the ledger's
 * `run_completed` row and drops the staging tables; a discard rolls the run back.
 *
 * @example
 * ```ts
 * const writer = new UnityCatalogWriter(steps, (e) => `\`main\`.\`synth\`.\`${e}\``);
 * writer.begin(session, progress);
 * ```
 */
export class UnityCatalogWriter implements TableWriter {
  readonly format = 'delta';
  /** The lookup tables are dropped by the run's completion (`dropAfterCompletion`) or by its rollback. */
  readonly dropsLookupTables = true;
  previousBatches: readonly BatchRecord[] = [];
  /** The error to throw after a discard: the executor's, saying whether the tables were rolled back. */
  failure: unknown;
  readonly #bytes = new Map<string, number>();
  #session: PlannedWarehouseSession | undefined;
  #progress: RunProgress | undefined;

  constructor(
    readonly steps: readonly DatabricksStatement[],
    readonly tableRef: (entity: string) => string,
  ) {}

  /** Binds the writer to the run once its session is open. */
  begin(session: PlannedWarehouseSession, progress: RunProgress): void {
    this.#session = session;
    this.#progress = progress;
  }

  async writeTable(session: RunSession, table: TableStatements): Promise<void> {
    for (let s = this.#session?.peek(); s?.role === 'write' && s.entity === table.entity; s = this.#session?.peek()) await session.execute(s.sql, `writing table ${table.entity}`);
  }

  /** Reads every table's size (`DESCRIBE DETAIL`). */
  async finish(session: RunSession): Promise<void> {
    for (const s of this.steps.filter((x) => x.role === 'detail')) {
      const size = Number((await session.query(s.sql, `measuring ${s.entity}`))[0]?.['sizeInBytes'] ?? 0);
      this.#bytes.set(s.entity, Number.isFinite(size) ? size : 0);
    }
  }

  async tableFiles(entity: string): Promise<TableFiles> {
    return { files: [], batchFiles: [], bytes: this.#bytes.get(entity) ?? 0 };
  }

  async commit(manifest: Manifest): Promise<void> {
    const run = this.#session?.run;
    if (!run) throw new InternalError('the Databricks writer committed without a run');
    this.#progress?.write('running', 'recording the run in the ledger');
    // A failure here (e.g. cancelled while the ledger row is written) reaches discard, which rolls back.
    const leftOver = await run.complete({ [MANIFEST_DETAIL_KEY]: manifest });
    await run.close();
    if (leftOver.length) this.#progress?.write('finished', `could not drop staging tables ${leftOver.join(', ')}; drop them by hand`);
  }

  async discard(reason?: unknown): Promise<void> {
    const run = this.#session?.run;
    if (!run) return;
    this.failure = await run.failed(reason);
    await run.close();
  }
}
