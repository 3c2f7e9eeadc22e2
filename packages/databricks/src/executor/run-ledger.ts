/**
 * The run ledger: an append-only Delta table `_synthgraph_runs` in the target schema that
 * records what each run planned and finished, so that a failed, cancelled or crashed run can
 * be finished or rolled back by the next one. This file is pure: it prints the ledger's SQL and
 * folds its rows into run states; the executor runs the statements.
 *
 * Events (one row each): `run_started` (plan hash, mode, principal, planned tables in
 * `detail`), `table_planned` (one per table, with the table's Delta version before the run, or
 * NULL when it did not exist), `table_completed`, and the run's end: `run_completed`,
 * `run_rolled_back` or `run_aborted` (terminal), or `run_failed` / `run_cancelled` /
 * `run_resumed` (not terminal: the tables may hold a mix until the run is rolled back or
 * resumed). Rows are only ever inserted, so concurrent runs never conflict on the ledger.
 */
import { sparkString } from '../spark/spark-dialect.js';
import { qualifiedName } from '../grants/unity-catalog-names.js';

/**
 * The ledger table's name (in the target schema).
 *
 * @example
 * ```ts
 * `SELECT * FROM ${qualifiedName('main', 'synth', LEDGER_TABLE)} ORDER BY at`;
 * ```
 */
export const LEDGER_TABLE = '_synthgraph_runs';

/**
 * The table property the executor sets on each table once all its statements succeeded.
 *
 * @example
 * ```ts
 * `SHOW TBLPROPERTIES main.synth.households ('${RUN_ID_PROPERTY}')`;
 * ```
 */
export const RUN_ID_PROPERTY = 'synthgraph.run_id';

/** A ledger event. */
export type LedgerEvent =
  | 'run_started'
  | 'table_planned'
  | 'table_completed'
  | 'run_completed'
  | 'run_failed'
  | 'run_cancelled'
  | 'run_resumed'
  | 'run_rolled_back'
  | 'run_aborted';

/**
 * Events after which a run leaves nothing to finish or roll back.
 *
 * @example
 * ```ts
 * foldLedger(rows).filter((r) => r.terminal === undefined); // runs without one of TERMINAL_EVENTS
 * ```
 */
export const TERMINAL_EVENTS: readonly LedgerEvent[] = ['run_completed', 'run_rolled_back', 'run_aborted'];

/** One ledger row. */
export interface LedgerRow {
  readonly runId: string;
  readonly event: LedgerEvent;
  readonly table: string | null;
  /** The table's Delta version before the run (`table_planned`); NULL when it did not exist. */
  readonly previousVersion: number | null;
  readonly planHash: string | null;
  readonly mode: string | null;
  readonly principal: string | null;
  readonly detail: string | null;
  /** Server time, as text (set by `current_timestamp()` on insert). */
  readonly at?: string | null;
}

/** A planned table of a run, as the ledger knows it. */
export interface LedgerTableState {
  readonly table: string;
  readonly previousVersion: number | null;
  readonly completed: boolean;
}

/**
 * A run as the ledger knows it.
 *
 * @example
 * ```ts
 * const open = foldLedger(rows).filter((r) => !r.terminal);
 * ```
 */
export interface LedgerRunState {
  readonly runId: string;
  readonly planHash: string | null;
  readonly mode: string | null;
  readonly principal: string | null;
  readonly startedAt: string | null;
  readonly tables: readonly LedgerTableState[];
  /** The terminal event, if the run reached one. */
  readonly terminal: LedgerEvent | undefined;
  /** The last non-terminal end event (`run_failed`, `run_cancelled`), if any. */
  readonly lastEvent: LedgerEvent;
}

const COLUMNS = 'run_id, event, table_name, previous_version, plan_hash, mode, principal, detail, at';

/**
 * `CREATE TABLE IF NOT EXISTS` for the ledger.
 *
 * @example
 * ```ts
 * await exec(createLedgerSql('main', 'synth'));
 * ```
 */
export function createLedgerSql(catalog: string, schema: string): string {
  return [
    `CREATE TABLE IF NOT EXISTS ${qualifiedName(catalog, schema, LEDGER_TABLE)} (`,
    '  run_id STRING NOT NULL,',
    '  event STRING NOT NULL,',
    '  table_name STRING,',
    '  previous_version BIGINT,',
    '  plan_hash STRING,',
    '  mode STRING,',
    '  principal STRING,',
    '  detail STRING,',
    '  at TIMESTAMP NOT NULL',
    ') USING DELTA',
    `COMMENT ${sparkString('synthgraph run ledger: which run planned, changed and finished which tables (append-only; see docs/databricks.md)')}`,
  ].join('\n');
}

/**
 * One `INSERT INTO` adding the rows (time stamped by the server).
 *
 * @example
 * ```ts
 * insertLedgerSql('main', 'synth', [{ runId, event: 'run_completed', table: null, previousVersion: null, planHash, mode, principal, detail: null }]);
 * ```
 */
export function insertLedgerSql(catalog: string, schema: string, rows: readonly LedgerRow[]): string {
  const lit = (v: string | null): string => (v === null ? 'NULL' : sparkString(v));
  const values = rows.map(
    (r) =>
      `(${[
        lit(r.runId),
        lit(r.event),
        lit(r.table),
        r.previousVersion === null ? 'CAST(NULL AS BIGINT)' : `CAST(${Math.trunc(r.previousVersion)} AS BIGINT)`,
        lit(r.planHash),
        lit(r.mode),
        lit(r.principal),
        lit(r.detail),
        'current_timestamp()',
      ].join(', ')})`,
  );
  return `INSERT INTO ${qualifiedName(catalog, schema, LEDGER_TABLE)} (${COLUMNS}) VALUES\n${values.join(',\n')}`;
}

/**
 * The rows of every run that has not reached a terminal event.
 *
 * @example
 * ```ts
 * const open = foldLedger(parseLedgerRows(await exec(selectOpenRunsSql('main', 'synth'))));
 * ```
 */
export function selectOpenRunsSql(catalog: string, schema: string): string {
  const t = qualifiedName(catalog, schema, LEDGER_TABLE);
  const terminal = TERMINAL_EVENTS.map((e) => sparkString(e)).join(', ');
  return [
    `SELECT run_id, event, table_name, previous_version, plan_hash, mode, principal, detail, CAST(at AS STRING) AS at`,
    `FROM ${t}`,
    `WHERE run_id IN (SELECT run_id FROM ${t} GROUP BY run_id HAVING sum(CASE WHEN event IN (${terminal}) THEN 1 ELSE 0 END) = 0)`,
    'ORDER BY at, run_id',
  ].join('\n');
}

/**
 * Counts a run id's rows (column `n`): run ids are unique.
 *
 * @example
 * ```ts
 * countRunSql('main', 'synth', 'run-1'); // SELECT count(*) AS n FROM `main`.`synth`.`_synthgraph_runs` WHERE run_id = 'run-1'
 * ```
 */
export function countRunSql(catalog: string, schema: string, runId: string): string {
  return `SELECT count(*) AS n FROM ${qualifiedName(catalog, schema, LEDGER_TABLE)} WHERE run_id = ${sparkString(runId)}`;
}

/**
 * Reads result rows (objects keyed by column name) as ledger rows; rows that are not ledger
 * rows are dropped.
 *
 * @example
 * ```ts
 * const rows = parseLedgerRows(await operation.fetchAll());
 * ```
 */
export function parseLedgerRows(rows: readonly object[]): LedgerRow[] {
  const str = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));
  const out: LedgerRow[] = [];
  for (const raw of rows) {
    const r = raw as Record<string, unknown>;
    const runId = str(r.run_id);
    const event = str(r.event);
    if (runId === null || event === null) continue;
    const pv = r.previous_version;
    const previousVersion = pv === null || pv === undefined ? null : Number(pv);
    out.push({
      runId,
      event: event as LedgerEvent,
      table: str(r.table_name),
      previousVersion: previousVersion !== null && Number.isFinite(previousVersion) ? previousVersion : null,
      planHash: str(r.plan_hash),
      mode: str(r.mode),
      principal: str(r.principal),
      detail: str(r.detail),
      at: str(r.at),
    });
  }
  return out;
}

/**
 * Folds ledger rows into one state per run, in order of first appearance.
 *
 * @example
 * ```ts
 * foldLedger(rows).filter((r) => r.terminal === undefined); // runs to finish or roll back
 * ```
 */
export function foldLedger(rows: readonly LedgerRow[]): LedgerRunState[] {
  interface Acc {
    runId: string;
    planHash: string | null;
    mode: string | null;
    principal: string | null;
    startedAt: string | null;
    tables: Map<string, { table: string; previousVersion: number | null; completed: boolean }>;
    terminal: LedgerEvent | undefined;
    lastEvent: LedgerEvent;
  }
  const runs = new Map<string, Acc>();
  for (const r of rows) {
    let acc = runs.get(r.runId);
    if (!acc) {
      acc = { runId: r.runId, planHash: null, mode: null, principal: null, startedAt: null, tables: new Map(), terminal: undefined, lastEvent: r.event };
      runs.set(r.runId, acc);
    }
    const key = r.table?.toLowerCase();
    switch (r.event) {
      case 'run_started':
        acc.planHash = r.planHash;
        acc.mode = r.mode;
        acc.principal = r.principal;
        acc.startedAt = r.at ?? null;
        break;
      case 'table_planned':
        if (key !== undefined && r.table !== null && !acc.tables.has(key)) acc.tables.set(key, { table: r.table, previousVersion: r.previousVersion, completed: false });
        break;
      case 'table_completed': {
        const t = key === undefined ? undefined : acc.tables.get(key);
        if (t) t.completed = true;
        break;
      }
      default:
        if (TERMINAL_EVENTS.includes(r.event)) acc.terminal = r.event;
    }
    if (r.event !== 'table_planned' && r.event !== 'table_completed') acc.lastEvent = r.event;
  }
  return [...runs.values()].map((a) => ({
    runId: a.runId,
    planHash: a.planHash,
    mode: a.mode,
    principal: a.principal,
    startedAt: a.startedAt,
    tables: [...a.tables.values()],
    terminal: a.terminal,
    lastEvent: a.lastEvent,
  }));
}
