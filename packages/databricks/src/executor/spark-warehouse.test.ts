/**
 * The warehouse executor's run-state contract on real Delta Lake: its statements (plan, run
 * ledger, DESCRIBE HISTORY, RESTORE, DROP) run on a local Apache Spark 4 + Delta session through
 * `sparkWarehouse`. The tests share one session and one schema and build on each other's tables,
 * in order. They never skip: without `bash scripts/setup-spark.sh` they fail with that instruction.
 * The last group rehearses whole Databricks engine runs (as `--target databricks-local` does) in a
 * schema of their own: run → rollback → run, and append after replace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contentHashSql, generate, parseContentHash, type Manifest, type ProgressEvent, type ScenarioIR } from '@synthgraph/core';
import { conformanceScenario } from '../../../../test/conformance/scenario.js';
import { databricks } from '../engine/databricks-engine.js';
import { sparkDialect } from '../spark/spark-dialect.js';
import type { GrantReport } from '../grants/grant-report.js';
import { qualifiedName } from '../grants/unity-catalog-names.js';
import { LocalSpark } from '../local-spark/index.js';
import { LOCAL_CONF } from '../spark/spark-engine.js';
import { StatementFailedError, WarehouseRunCancelledError } from './executor-error.js';
import type { PlannedStatement } from './planned-statement.js';
import { RUN_ID_PROPERTY } from './run-ledger.js';
import { TOperationState } from '../../test/support/fake-warehouse.js';
import { SESSION_CATALOG, sparkWarehouse, type SparkWarehouse } from '../rehearsal/spark-warehouse.js';
import { runOnWarehouse, type WarehouseProgressEvent, type WarehouseRunOptions } from './warehouse-executor.js';

const SCHEMA = 'synth';
const T = (table: string): string => qualifiedName(SESSION_CATALOG, SCHEMA, table);
const LEDGER = T('_synthgraph_runs');

const report = (schemaExists: boolean): GrantReport => ({
  principal: 'alice@example.com',
  principalType: 'user',
  groups: ['account users'],
  catalog: SESSION_CATALOG,
  schema: SCHEMA,
  mode: 'replace',
  schemaExists,
  required: ['USE_CATALOG', 'USE_SCHEMA', 'CREATE_TABLE'],
  satisfied: true,
  missing: [],
  notes: [],
});

const ctas = (table: string, select: string): PlannedStatement => ({ table, kind: 'create', sql: `CREATE OR REPLACE TABLE ${T(table)} USING DELTA AS ${select}` });
const comment = (table: string): PlannedStatement => ({ table, kind: 'meta', sql: `ALTER TABLE ${T(table)} ALTER COLUMN id COMMENT 'row key'` });
const countCheck = (table: string): PlannedStatement => ({ table, kind: 'check', sql: `SELECT count(*) AS n FROM ${T(table)}` });

/** Run 1: two tables, a comment and a check. */
const PLAN_1 = [ctas('a', 'SELECT id FROM range(10)'), comment('a'), ctas('b', 'SELECT id, id * 2 AS x FROM range(5)'), countCheck('a')];
/** Replaces `a`, creates `c`, then fails on `b` (a column that does not exist). */
const FAILING_PLAN = [ctas('a', 'SELECT id FROM range(100)'), comment('a'), ctas('c', 'SELECT id FROM range(3)'), ctas('b', 'SELECT id, missing_column FROM range(5)')];

let spark: LocalSpark;
let warehouseDir: string;
let startError: unknown;
let warehouse: SparkWarehouse;

beforeAll(async () => {
  warehouseDir = mkdtempSync(join(tmpdir(), 'synthgraph-spark-warehouse-'));
  try {
    spark = await LocalSpark.start({ warehouseDir, catalog: 'in-memory', conf: LOCAL_CONF, cores: 2, shufflePartitions: 1 });
  } catch (e) {
    startError = e; // every test fails with it (e.g. "run `bash scripts/setup-spark.sh`"), none is skipped
  }
}, 180_000);

beforeEach(() => {
  if (startError !== undefined) throw startError;
  warehouse = sparkWarehouse(spark);
});

afterAll(async () => {
  await spark?.close();
  rmSync(warehouseDir, { recursive: true, force: true });
}, 180_000);

function options(over: Partial<WarehouseRunOptions> = {}): WarehouseRunOptions {
  return { catalog: SESSION_CATALOG, schema: SCHEMA, grantsChecked: report(true), session: warehouse.factory, sleep: async () => undefined, ...over };
}

/** Rows of a query, as the executor sees them (through a session of the same warehouse). */
async function query(sql: string): Promise<Record<string, unknown>[]> {
  const session = await sparkWarehouse(spark).factory({});
  return (await (await session.executeStatement(sql)).fetchAll()) as Record<string, unknown>[];
}

/** Row count and sum of `id` per table, in one statement: `{ a: '10/45', … }`. */
async function contents(...names: string[]): Promise<Record<string, string>> {
  const rows = await query(names.map((t) => `SELECT '${t}' AS t, count(*) AS n, sum(id) AS s FROM ${T(t)}`).join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [String(r.t), `${String(r.n)}/${String(r.s)}`]));
}
const runIdOf = async (table: string): Promise<unknown> => (await query(`SHOW TBLPROPERTIES ${T(table)} ('${RUN_ID_PROPERTY}')`))[0]?.value;
const versionOf = async (table: string): Promise<unknown> => (await query(`DESCRIBE HISTORY ${T(table)} LIMIT 1`))[0]?.version;
const tables = async (): Promise<string[]> => (await query(`SHOW TABLES IN ${qualifiedName(SESSION_CATALOG, SCHEMA)}`)).map((r) => String(r.tableName)).sort();
/** The run's ledger events, sorted (events of one INSERT share a timestamp). */
const events = async (runId: string): Promise<string[]> => (await query(`SELECT event FROM ${LEDGER} WHERE run_id = '${runId}'`)).map((r) => String(r.event)).sort();

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected the run to fail');
    },
    (e: unknown) => e,
  );
}

describe('runOnWarehouse on real Spark + Delta Lake', () => {
  it('creates the schema, runs the plan, tags each table and records the run in the ledger', async () => {
    const result = await runOnWarehouse(PLAN_1, options({ runId: 'run-1', grantsChecked: report(false) }));

    expect(warehouse.sessions).toEqual([{ initialCatalog: SESSION_CATALOG }]);
    expect(warehouse.executed.slice(0, 2)).toEqual([`CREATE SCHEMA IF NOT EXISTS ${qualifiedName(SESSION_CATALOG, SCHEMA)}`, `USE SCHEMA \`${SCHEMA}\``]);
    expect(result.statements.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(result.statements[3]?.rows).toEqual([{ n: 10 }]);

    expect(await contents('a', 'b')).toEqual({ a: '10/45', b: '5/10' });
    expect(await query(`DESCRIBE TABLE ${T('a')}`)).toContainEqual({ col_name: 'id', data_type: 'bigint', comment: 'row key' });
    expect(await runIdOf('a')).toBe('run-1');
    expect(await runIdOf('b')).toBe('run-1');
    expect(await query(`SELECT event, table_name, previous_version FROM ${LEDGER} WHERE run_id = 'run-1' ORDER BY event, table_name`)).toEqual([
      { event: 'run_completed', table_name: null, previous_version: null },
      { event: 'run_started', table_name: null, previous_version: null },
      { event: 'table_completed', table_name: 'a', previous_version: null },
      { event: 'table_completed', table_name: 'b', previous_version: null },
      { event: 'table_planned', table_name: 'a', previous_version: null },
      { event: 'table_planned', table_name: 'b', previous_version: null },
    ]);
  });

  it('rolls a failed run back: RESTOREs the tables it replaced and drops the ones it created', async () => {
    const before = await versionOf('a');
    const e = await failure(runOnWarehouse(FAILING_PLAN, options({ runId: 'run-2' })));

    expect(warehouse.sessions).toEqual([{ initialCatalog: SESSION_CATALOG, initialSchema: SCHEMA }]);
    expect(e).toBeInstanceOf(StatementFailedError);
    expect(e).toMatchObject({ outcome: 'rolled-back', table: 'b', statementIndex: 3, kind: 'create', sqlState: '42703', attempts: 1, transient: false });
    expect(warehouse.executed).toContain(`RESTORE TABLE ${T('a')} TO VERSION AS OF ${String(before)}`);
    expect(warehouse.executed).toContain(`DROP TABLE IF EXISTS ${T('c')}`);
    expect(await tables()).toEqual(['_synthgraph_runs', 'a', 'b']);
    expect(await contents('a', 'b')).toEqual({ a: '10/45', b: '5/10' });
    expect(await runIdOf('a')).toBe('run-1'); // RESTORE brings the table properties back too
    expect(await events('run-2')).toEqual(['run_failed', 'run_rolled_back', 'run_started', 'table_completed', 'table_completed', 'table_planned', 'table_planned', 'table_planned']);
  });

  it('leaves a failed run for the next one, which rolls it back with recover: rollback', async () => {
    const e = await failure(runOnWarehouse(FAILING_PLAN, options({ runId: 'run-3', onFailure: 'leave' })));
    expect(e).toMatchObject({ outcome: 'left-incomplete', table: 'b' });
    expect(await tables()).toEqual(['_synthgraph_runs', 'a', 'b', 'c']);
    expect(await contents('a', 'b', 'c')).toEqual({ a: '100/4950', b: '5/10', c: '3/3' });

    const recovered = await runOnWarehouse([countCheck('a')], options({ runId: 'run-4', recover: 'rollback' }));
    expect(recovered.rolledBackRuns).toEqual(['run-3']);
    expect(recovered.statements[0]?.rows).toEqual([{ n: 10 }]); // restored before the run's own statements
    expect(await tables()).toEqual(['_synthgraph_runs', 'a', 'b']);
    expect(await events('run-3')).toEqual(['run_failed', 'run_rolled_back', 'run_started', 'table_completed', 'table_completed', 'table_planned', 'table_planned', 'table_planned']);
  });

  it('resumes a failed run: only the tables it had not completed are run again', async () => {
    const plan = [ctas('a', 'SELECT id FROM range(20)'), ctas('b', `SELECT id FROM ${T('src')}`), countCheck('b')];
    const e = await failure(runOnWarehouse(plan, options({ runId: 'run-5', onFailure: 'leave' })));
    expect(e).toMatchObject({ outcome: 'left-incomplete', table: 'b', sqlState: '42P01' });

    await spark.sql(`CREATE TABLE ${T('src')} USING DELTA AS SELECT id FROM range(7)`);
    const resumed = sparkWarehouse(spark);
    const result = await runOnWarehouse(plan, options({ runId: 'run-5', recover: 'resume', session: resumed.factory }));

    expect(result.resumed).toBe(true);
    expect(result.statements.map((s) => s.status)).toEqual(['skipped', 'succeeded', 'succeeded']);
    expect(result.statements[2]?.rows).toEqual([{ n: 7 }]);
    expect(resumed.executed).not.toContain(plan[0]?.sql);
    expect(resumed.executed).toContain(plan[1]?.sql);
    expect(await contents('a', 'b')).toEqual({ a: '20/190', b: '7/21' });
    expect(await runIdOf('b')).toBe('run-5');
    expect(await events('run-5')).toEqual(['run_completed', 'run_failed', 'run_resumed', 'run_started', 'table_completed', 'table_completed', 'table_planned', 'table_planned']);
  });

  it('cancels the running Spark job when the signal aborts, then rolls the run back', async () => {
    const slow = ctas('slow', 'SELECT count(*) AS id FROM range(0, 100000000000, 1, 2) WHERE (id * 7) % 1000003 = 5');
    const controller = new AbortController();
    let abortedAt = 0;
    const onProgress = (ev: WarehouseProgressEvent): void => {
      if (ev.table === 'slow' && ev.state === 'started') {
        setTimeout(() => {
          abortedAt = performance.now();
          controller.abort(new Error('stop'));
        }, 1000);
      }
    };
    const e = await failure(runOnWarehouse([ctas('d', 'SELECT id FROM range(4)'), slow], options({ runId: 'run-6', signal: controller.signal, onProgress })));
    const settledMs = performance.now() - abortedAt;

    expect(e).toBeInstanceOf(WarehouseRunCancelledError);
    expect(e).toMatchObject({ outcome: 'rolled-back', table: 'slow', statementIndex: 1 });
    expect(warehouse.cancelled).toEqual([slow.sql]);
    // A job over 10^11 rows would run for hours: it was stopped, and the rollback ran after it.
    expect(settledMs).toBeLessThan(30_000);
    expect(warehouse.executed).toContain(`DROP TABLE IF EXISTS ${T('d')}`);
    expect(await tables()).toEqual(['_synthgraph_runs', 'a', 'b', 'src']);
    expect(await events('run-6')).toEqual(['run_cancelled', 'run_rolled_back', 'run_started', 'table_completed', 'table_planned', 'table_planned']);
  });
});

describe('sparkWarehouse operations', () => {
  it("report the driver's operation states, errors and numbers", async () => {
    const session = await warehouse.factory({ initialCatalog: SESSION_CATALOG, initialSchema: SCHEMA });
    const ok = await session.executeStatement("SELECT 1 AS i, CAST(2 AS BIGINT) AS n, 'x' AS s, CAST(NULL AS BIGINT) AS z");
    expect(await ok.fetchAll()).toEqual([{ i: 1, n: 2, s: 'x', z: null }]);
    expect((await ok.status()).operationState).toBe(TOperationState.FINISHED_STATE);

    const bad = await session.executeStatement('SELECT missing_column FROM range(1)');
    await expect(bad.fetchAll()).rejects.toMatchObject({ errorCode: 'ERROR', response: { sqlState: '42703' } });
    expect(await bad.status()).toMatchObject({ operationState: TOperationState.ERROR_STATE, sqlState: '42703' });

    const slow = await session.executeStatement('SELECT count(*) FROM range(0, 100000000000, 1, 2) WHERE (id * 7) % 1000003 = 5');
    expect((await slow.status()).operationState).toBe(TOperationState.RUNNING_STATE);
    await slow.cancel();
    await expect(slow.fetchAll()).rejects.toMatchObject({ errorCode: 'CANCELED' });
    expect((await slow.status()).operationState).toBe(TOperationState.CANCELED_STATE);
    expect(warehouse.cancelled).toHaveLength(1);
  });
});

describe('the Databricks engine rehearsed on the same session (as --target databricks-local)', () => {
  const REHEARSAL = 'rehearsal';
  const R = (table: string): string => qualifiedName(SESSION_CATALOG, REHEARSAL, table);
  const small = (seed: number, batch = 0): ScenarioIR => conformanceScenario(40, batch).toIR({ seed });
  const run = async (ir: ScenarioIR, mode: 'replace' | 'append', extra: { signal?: AbortSignal; onProgress?: (e: ProgressEvent) => void } = {}): Promise<Manifest> => {
    const schemaExists = (await query(`SHOW SCHEMAS IN ${SESSION_CATALOG}`)).some((r) => String(r.databaseName ?? r.namespace).toLowerCase() === REHEARSAL);
    const grantsChecked: GrantReport = { ...report(schemaExists), schema: REHEARSAL, mode };
    return generate(ir, databricks({ catalog: SESSION_CATALOG, schema: REHEARSAL, session: warehouse.factory, grantsChecked, mode, rowsPerPartition: 100, retries: 0 }), extra);
  };
  const canonical = (m: Manifest): Record<string, string> => Object.fromEntries(Object.entries(m.tables).map(([t, r]) => [t, r.canonicalHash]));
  const canonicalNow = async (ir: ScenarioIR, entity: string): Promise<string> => parseContentHash((await query(contentHashSql(ir, entity, sparkDialect(), (e) => R(e))))[0] ?? {});
  const constraintsSent = (): string[] => warehouse.skipped.filter((q) => /ADD CONSTRAINT \S+ (PRIMARY|FOREIGN) KEY/.test(q));
  const zero = (m: Manifest): unknown[] => m.checks.filter((c) => c.violations !== 0);

  it('run → rollback → run: a cancelled second run is restored to the first run, and a third run completes with its constraints and every check at 0', async () => {
    const first = await run(small(7), 'replace');
    expect(zero(first)).toEqual([]);
    const perRun = constraintsSent().length;
    expect(perRun).toBeGreaterThan(0);

    // A second run with another seed, cancelled once its second table is written.
    const controller = new AbortController();
    let finished = 0;
    const cancelled = await run(small(8), 'replace', {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.phase === 'table' && e.state === 'finished' && ++finished === 2) controller.abort(new Error('stop'));
      },
    }).catch((e: unknown) => e);
    expect(cancelled).toBeInstanceOf(WarehouseRunCancelledError);
    expect(cancelled).toMatchObject({ outcome: 'rolled-back' });
    for (const entity of ['households', 'individuals']) expect(await canonicalNow(small(7), entity), entity).toBe(first.tables[entity]?.canonicalHash);
    const rolledBack = await query(`SELECT run_id FROM ${R('_synthgraph_runs')} WHERE event = 'run_rolled_back'`);
    expect(rolledBack).toHaveLength(1);

    const skippedBefore = constraintsSent().length;
    const third = await run(small(7), 'replace');
    expect(zero(third)).toEqual([]);
    expect(canonical(third)).toEqual(canonical(first));
    expect(constraintsSent().length - skippedBefore).toBe(perRun);
  }, 600_000);

  it('append after replace: the batch is inserted, every check over both batches is 0, no staging table is left', async () => {
    const replaced = await run(small(7, 0), 'replace');
    const appended = await run(small(7, 1), 'append');
    expect(zero(appended)).toEqual([]);
    expect(appended.batches.map((b) => b.index)).toEqual([0, 1]);
    expect(appended.batches[0]).toEqual(replaced.batches[0]);
    for (const [entity, t] of Object.entries(appended.tables)) expect(t.rows, entity).toBe((replaced.tables[entity]?.rows ?? 0) + (appended.batches[1]?.rows[entity] ?? 0));
    expect((await query(`SHOW TABLES IN ${qualifiedName(SESSION_CATALOG, REHEARSAL)} LIKE '_synthgraph_stage*'`))).toEqual([]);
  }, 600_000);
});
