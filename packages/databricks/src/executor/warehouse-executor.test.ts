import { inspect } from 'node:util';
import { CancelledError } from '@synthgraph/core';
import { describe, expect, it } from 'vitest';
import { RedactedError, registerSecret } from '../auth/redact.js';
import { MissingPrivilegesError } from '../grants/grants-error.js';
import { GrantsNotCheckedError, InvalidRunError, RunStateError, StatementFailedError, WarehouseConnectionError, WarehouseRunCancelledError } from './executor-error.js';
import { driverErrors, FakeWarehouse } from '../../test/support/fake-warehouse.js';
import type { GrantReport } from '../grants/grant-report.js';
import { GRANTED_REPORT } from '../../test/support/granted-report.js';
import type { PlannedStatement } from './planned-statement.js';
import { runOnWarehouse, type WarehouseProgressEvent, type WarehouseRunOptions } from './warehouse-executor.js';

const REPORT = GRANTED_REPORT;

const T = (name: string): string => `\`main\`.\`synth\`.\`${name}\``;

/** A small plan whose tables record which run wrote them. */
function plan(label: string): PlannedStatement[] {
  return [
    { table: 'households', kind: 'create', sql: `CREATE OR REPLACE TABLE ${T('households')} TBLPROPERTIES ('synthgraph.run_id' = '${label}') AS SELECT 1 AS id /* rows: 100 */` },
    { table: 'households', kind: 'meta', sql: `ALTER TABLE ${T('households')} ALTER COLUMN \`id\` COMMENT 'key'` },
    { table: 'individuals', kind: 'create', sql: `CREATE OR REPLACE TABLE ${T('individuals')} TBLPROPERTIES ('synthgraph.run_id' = '${label}') AS SELECT 2 AS id /* rows: 250 */` },
    { table: 'households', kind: 'check', sql: `SELECT count(*) AS violations FROM ${T('households')} WHERE id IS NULL` },
  ];
}

function setup(over: Partial<WarehouseRunOptions> = {}) {
  const w = new FakeWarehouse();
  const events: WarehouseProgressEvent[] = [];
  const sleeps: number[] = [];
  const options: WarehouseRunOptions = {
    catalog: 'main',
    schema: 'synth',
    grantsChecked: REPORT,
    session: w.factory,
    onProgress: (e) => events.push(e),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...over,
  };
  return { w, events, sleeps, options };
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected the run to fail');
    },
    (e: unknown) => e,
  );
}

/** Every rendering of an error and its causes. */
function renderings(e: unknown): string[] {
  const out = [String(e), JSON.stringify(e) ?? '', inspect(e, { depth: Infinity, showHidden: true })];
  for (let c: unknown = e; c instanceof Error; c = c.cause) out.push(c.message, c.stack ?? '');
  return out;
}

describe('runOnWarehouse refuses to run without a passing grant check', () => {
  it.each([
    ['no report', undefined, GrantsNotCheckedError],
    ['a report for another schema', { ...REPORT, schema: 'other' }, GrantsNotCheckedError],
    ['a report for another catalog', { ...REPORT, catalog: 'dev' }, GrantsNotCheckedError],
    [
      'a failing report',
      { ...REPORT, satisfied: false, missing: [{ privilege: 'CREATE_TABLE', securableType: 'SCHEMA', securable: 'main.synth', grantStatement: 'GRANT CREATE TABLE ON SCHEMA `main`.`synth` TO `alice@example.com`' }] },
      MissingPrivilegesError,
    ],
  ] as const)('%s', async (_name, report, errorClass) => {
    const { w, options } = setup({ grantsChecked: report as unknown as GrantReport });
    const e = await failure(runOnWarehouse(plan('r1'), options));
    expect(e).toBeInstanceOf(errorClass);
    expect((e as { code: string }).code).toBe('MISSING_PRIVILEGES');
    expect(w.sessions).toEqual([]);
    expect(w.executed).toEqual([]);
  });
});

describe('runOnWarehouse: order, sessions, progress', () => {
  it('opens one session on the catalog and schema and runs the statements in order', async () => {
    const { w, events, options } = setup({ runId: 'run-1' });
    const result = await runOnWarehouse(plan('run-1'), options);
    expect(w.sessions).toEqual([{ initialCatalog: 'main', initialSchema: 'synth' }]);
    expect(w.planStatements()).toEqual(plan('run-1').map((s) => s.sql));
    expect(w.closedSessions).toBe(1);
    expect(w.openOperations).toBe(0);
    expect(result.runId).toBe('run-1');
    expect(result.statements.map((s) => [s.index, s.table, s.kind, s.status, s.affectedRows, s.attempts])).toEqual([
      [0, 'households', 'create', 'succeeded', 100, 1],
      [1, 'households', 'meta', 'succeeded', undefined, 1],
      [2, 'individuals', 'create', 'succeeded', 250, 1],
      [3, 'households', 'check', 'succeeded', undefined, 1],
    ]);
    expect(result.statements[3]?.rows).toEqual([{ violations: 0 }]);

    expect(events.map((e) => `${e.statementIndex}:${e.phase}:${e.table}:${e.state}${e.rows === undefined ? '' : `:${e.rows}`}`)).toEqual([
      '0:create:households:started',
      '0:create:households:running',
      '0:create:households:succeeded:100',
      '1:meta:households:started',
      '1:meta:households:running',
      '1:meta:households:succeeded',
      '2:create:individuals:started',
      '2:create:individuals:running',
      '2:create:individuals:succeeded:250',
      '3:check:households:started',
      '3:check:households:running',
      '3:check:households:succeeded',
    ]);
    for (const e of events) {
      expect(e.runId).toBe('run-1');
      expect(e.elapsedMs).toBeGreaterThanOrEqual(0);
      expect(e.runElapsedMs).toBeGreaterThanOrEqual(e.elapsedMs);
    }
  });

  it('records the run in the ledger and marks each finished table with the run id', async () => {
    const { w, options } = setup({ runId: 'run-1' });
    await runOnWarehouse(plan('run-1'), options);
    expect(w.events()).toEqual([
      'run-1:run_started',
      'run-1:table_planned:households',
      'run-1:table_planned:individuals',
      'run-1:table_completed:households',
      'run-1:table_completed:individuals',
      'run-1:run_completed',
    ]);
    expect(w.ledger.every((r) => r.principal === 'alice@example.com' && r.mode === 'replace')).toBe(true);
    expect(w.tables.get('households')?.props['synthgraph.run_id']).toBe('run-1');
    expect(w.tables.get('individuals')?.props['synthgraph.run_id']).toBe('run-1');
    // The ledger's table is created if needed, and the run reads it before starting.
    expect(w.executed[0]).toMatch(/^CREATE TABLE IF NOT EXISTS `main`\.`synth`\.`_synthgraph_runs`/);
    expect(w.executed[1]).toMatch(/^SELECT [\s\S]*FROM `main`\.`synth`\.`_synthgraph_runs`/);
  });

  it('records the Delta version each existing table had before the run', async () => {
    const { w, options } = setup({ runId: 'run-2' });
    w.seed('households', 'old');
    await runOnWarehouse(plan('run-2'), options);
    const planned = w.ledger.filter((r) => r.event === 'table_planned').map((r) => [r.table_name, r.previous_version]);
    expect(planned).toEqual([
      ['households', 0],
      ['individuals', null],
    ]);
  });

  it('creates a missing schema first and opens the session without it', async () => {
    const { w, options } = setup({ grantsChecked: { ...REPORT, schemaExists: false, required: ['USE_CATALOG', 'CREATE_SCHEMA'] } });
    await runOnWarehouse(plan('r'), options);
    expect(w.sessions).toEqual([{ initialCatalog: 'main' }]);
    expect(w.executed.slice(0, 2)).toEqual(['CREATE SCHEMA IF NOT EXISTS `main`.`synth`', 'USE SCHEMA `synth`']);
  });

  it('does nothing for an empty plan', async () => {
    const { w, options } = setup();
    const result = await runOnWarehouse([], options);
    expect(result.statements).toEqual([]);
    expect(w.sessions).toEqual([]);
  });

  it('rejects invalid statements before opening a session, naming each problem', async () => {
    const { w, options } = setup({ runId: 'bad id!' });
    const bad = [
      { table: 'a.b', kind: 'create', sql: 'CREATE OR REPLACE TABLE x AS SELECT 1' },
      { table: 'ok', kind: 'drop', sql: 'SELECT 1' },
      { table: 'ok', kind: 'meta', sql: 'DROP TABLE `main`.`synth`.`ok`' },
      { table: 'ok', kind: 'create', sql: '  ' },
    ] as unknown as PlannedStatement[];
    const e = await failure(runOnWarehouse(bad, options));
    expect(e).toBeInstanceOf(InvalidRunError);
    expect((e as InvalidRunError).issues.map((i) => i.path)).toEqual(['statements[0].table', 'statements[1].kind', 'statements[2].sql', 'statements[3].sql', 'runId']);
    expect(w.sessions).toEqual([]);
  });
});

describe('runOnWarehouse: retries', () => {
  it('retries an idempotent statement after HTTP 503, with exponential backoff, then succeeds', async () => {
    const { w, events, sleeps, options } = setup({ backoff: { initialMs: 100, maxMs: 150 } });
    w.behaviors = [{ match: /TABLE `main`\.`synth`\.`individuals` TBLPROPERTIES/, times: 2, failFetch: () => driverErrors.http(503) }];
    const result = await runOnWarehouse(plan('r'), options);
    expect(result.statements[2]?.attempts).toBe(3);
    expect(sleeps).toEqual([100, 150]);
    expect(events.filter((e) => e.statementIndex === 2).map((e) => `${e.attempt}:${e.state}${e.willRetry === undefined ? '' : `:${e.willRetry}`}`)).toEqual([
      '1:started',
      '1:running',
      '1:failed:true',
      '2:started',
      '2:running',
      '2:failed:true',
      '3:started',
      '3:running',
      '3:succeeded',
    ]);
    expect(w.content('individuals')).toBe('r');
  });

  it.each([
    ['a connection reset', driverErrors.connectionReset],
    ["the driver's RetryError", driverErrors.retryExhausted],
    ['HTTP 429', () => driverErrors.http(429)],
  ])('retries after %s', async (_name, error) => {
    const { w, sleeps, options } = setup();
    w.behaviors = [{ match: /TABLE `main`\.`synth`\.`households` TBLPROPERTIES/, failFetch: error }];
    const result = await runOnWarehouse(plan('r'), options);
    expect(result.statements[0]?.attempts).toBe(2);
    expect(sleeps).toEqual([1000]);
  });

  it('gives up after the retries allowed, names the table, and rolls the run back', async () => {
    const { w, options } = setup({ retries: 2, runId: 'run-x' });
    w.seed('households', 'old');
    w.behaviors = [{ match: /TABLE `main`\.`synth`\.`individuals` TBLPROPERTIES/, times: Infinity, failFetch: () => driverErrors.http(503) }];
    const e = await failure(runOnWarehouse(plan('run-x'), options));
    expect(e).toBeInstanceOf(StatementFailedError);
    const err = e as StatementFailedError;
    expect(err).toMatchObject({ code: 'STATEMENT_FAILED', table: 'individuals', statementIndex: 2, kind: 'create', attempts: 3, transient: true, outcome: 'rolled-back', runId: 'run-x' });
    expect(err.message).toContain('Statement 3 (create) for table individuals failed after 3 attempts');
    expect(err.message).toContain('restored to their previous versions');
    expect(err.statement).toContain('CREATE OR REPLACE TABLE `main`.`synth`.`individuals`');
    // No mix: households is back to what the earlier run wrote, individuals never existed.
    expect(w.content('households')).toBe('old');
    expect(w.tables.has('individuals')).toBe(false);
    expect(w.events().slice(-2)).toEqual(['run-x:run_failed:individuals', 'run-x:run_rolled_back']);
    expect(w.planStatements().filter((s) => s.startsWith('SELECT count'))).toEqual([]);
  });

  it('does not resend a non-idempotent statement after an ambiguous failure', async () => {
    const { w, options } = setup({ grantsChecked: { ...REPORT, mode: 'append' } });
    w.seed('events', 'batch0');
    const append: PlannedStatement[] = [{ table: 'events', kind: 'create', sql: `INSERT INTO ${T('events')} SELECT 1 /* data: batch1 */` }];
    // The INSERT took effect, then the connection dropped: sending it again would duplicate rows.
    w.behaviors = [{ match: /^INSERT INTO `main`\.`synth`\.`events`/, failFetch: driverErrors.connectionReset, applied: true }];
    const e = await failure(runOnWarehouse(append, options));
    expect(e).toBeInstanceOf(StatementFailedError);
    expect((e as StatementFailedError).attempts).toBe(1);
    expect((e as StatementFailedError).transient).toBe(true);
    expect(w.content('events')).toBe('batch0');
  });

  it('resends a non-idempotent statement that was refused before it started (HTTP 429)', async () => {
    const { w, options } = setup({ grantsChecked: { ...REPORT, mode: 'append' } });
    w.seed('events', 'batch0');
    w.behaviors = [{ match: /^INSERT INTO `main`\.`synth`\.`events`/, failExecute: () => driverErrors.http(429) }];
    const result = await runOnWarehouse([{ table: 'events', kind: 'create', sql: `INSERT INTO ${T('events')} SELECT 1 /* data: batch1 */` }], options);
    expect(result.statements[0]?.attempts).toBe(2);
    expect(w.content('events')).toBe('batch0+batch1');
  });
});

describe('runOnWarehouse: error mapping', () => {
  it('maps a SQL error to StatementFailedError with its SQLSTATE, without retrying', async () => {
    const { w, options } = setup();
    w.behaviors = [{ match: /ALTER COLUMN/, failFetch: () => driverErrors.sql('[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column `id` cannot be resolved.', '42703') }];
    const e = (await failure(runOnWarehouse(plan('r'), options))) as StatementFailedError;
    expect(e).toBeInstanceOf(StatementFailedError);
    expect(e).toMatchObject({ table: 'households', kind: 'meta', statementIndex: 1, sqlState: '42703', attempts: 1, transient: false });
    expect(e.message).toContain('[SQLSTATE 42703]: [UNRESOLVED_COLUMN.WITH_SUGGESTION]');
    expect(e.cause).toBeInstanceOf(RedactedError);
    expect((e.cause as RedactedError).fields.errorCode).toBe('ERROR');
  });

  it("keeps the SQLSTATE of a statement the server refused with an error status (the driver's StatusError drops it)", async () => {
    const { w, options } = setup();
    w.behaviors = [{ match: /ALTER COLUMN/, refuse: { message: '[TABLE_OR_VIEW_NOT_FOUND] The table or view `main`.`synth`.`households` cannot be found.', sqlState: '42P01' } }];
    const e = (await failure(runOnWarehouse(plan('r'), options))) as StatementFailedError;
    expect(e).toBeInstanceOf(StatementFailedError);
    expect(e).toMatchObject({ table: 'households', kind: 'meta', sqlState: '42P01', attempts: 1, transient: false });
    expect(e.message).toContain('[SQLSTATE 42P01]: [TABLE_OR_VIEW_NOT_FOUND]');
  });

  it('keeps a truncated statement and never shows a secret', async () => {
    const token = 'dapi77777777777777777777777777777777';
    registerSecret(token);
    const { w, options } = setup();
    const long: PlannedStatement = { table: 'wide', kind: 'create', sql: `CREATE OR REPLACE TABLE ${T('wide')} AS SELECT ${'x, '.repeat(3000)} '${token}' AS t` };
    w.behaviors = [{ match: /`wide`/, failExecute: () => Object.assign(new Error(`HTTP 400 for Authorization: Bearer ${token}`), { statusCode: 400 }) }];
    const e = (await failure(runOnWarehouse([long], options))) as StatementFailedError;
    expect(e.statement.length).toBeLessThan(1100);
    expect(e.statement).toContain('characters omitted');
    for (const text of renderings(e)) expect(text).not.toContain(token);
  });

  it('retries opening the session after a transient failure, and reports a lasting one', async () => {
    const first = setup();
    first.w.openFailures = [driverErrors.connectionReset];
    await runOnWarehouse(plan('r'), first.options);
    expect(first.sleeps).toEqual([1000]);

    const second = setup();
    second.w.openFailures = [() => Object.assign(new Error('Invalid access token'), { statusCode: 401 })];
    const e = await failure(runOnWarehouse(plan('r'), second.options));
    expect(e).toBeInstanceOf(WarehouseConnectionError);
    expect(second.w.executed).toEqual([]);
  });
});

describe('runOnWarehouse: cancellation', () => {
  it('cancels the running operation, sends nothing more, and rolls the run back', async () => {
    const controller = new AbortController();
    const { w, events, options } = setup({
      runId: 'run-c',
      signal: controller.signal,
      onProgress: (e) => {
        events.push(e);
        if (e.table === 'individuals' && e.state === 'running') controller.abort();
      },
    });
    w.seed('households', 'old');
    w.behaviors = [{ match: /TABLE `main`\.`synth`\.`individuals` TBLPROPERTIES/, hang: true }];
    const e = await failure(runOnWarehouse(plan('run-c'), options));
    expect(e).toBeInstanceOf(WarehouseRunCancelledError);
    expect(e).toBeInstanceOf(CancelledError);
    expect(e).toMatchObject({ code: 'CANCELLED', table: 'individuals', statementIndex: 2, outcome: 'rolled-back', runId: 'run-c' });
    expect(w.cancelled).toEqual([plan('run-c')[2]?.sql]);
    expect(w.planStatements()).toEqual(plan('run-c').slice(0, 3).map((s) => s.sql));
    expect(events.filter((x) => x.statementIndex === 2 && x.phase === 'create').map((x) => x.state)).toEqual(['started', 'running', 'cancelled']);
    expect(w.content('households')).toBe('old');
    expect(w.events().slice(-2)).toEqual(['run-c:run_cancelled:individuals', 'run-c:run_rolled_back']);
    expect(events.filter((x) => x.phase === 'rollback').map((x) => `${x.table}:${x.state}`)).toEqual(['households:started', 'households:running', 'households:succeeded']);
    expect(w.openOperations).toBe(0);
    expect(w.closedSessions).toBe(1);
  });

  it('stops while waiting to retry', async () => {
    const controller = new AbortController();
    const { w, options } = setup({
      signal: controller.signal,
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(new Error('aborted')));
          controller.abort();
        }),
    });
    w.behaviors = [{ match: /`households` TBLPROPERTIES/, failFetch: () => driverErrors.http(503) }];
    const e = await failure(runOnWarehouse(plan('r'), options));
    expect(e).toBeInstanceOf(WarehouseRunCancelledError);
    expect(w.planStatements()).toHaveLength(1);
  });

  it('an already aborted signal opens nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const { w, options } = setup({ signal: controller.signal });
    const e = await failure(runOnWarehouse(plan('r'), options));
    expect(e).toMatchObject({ code: 'CANCELLED', outcome: 'unchanged' });
    expect(w.sessions).toEqual([]);
  });
});

describe('runOnWarehouse: run state across runs', () => {
  /** A run that fails on individuals and leaves its tables as they are. */
  async function leaveIncomplete(w: FakeWarehouse): Promise<void> {
    w.seed('households', 'old');
    w.seed('individuals', 'old');
    w.behaviors = [{ match: /TABLE `main`\.`synth`\.`individuals` TBLPROPERTIES/, failFetch: () => driverErrors.sql('[DIVIDE_BY_ZERO] Division by zero.', '22012') }];
    const e = await failure(runOnWarehouse(plan('run-1'), { catalog: 'main', schema: 'synth', grantsChecked: REPORT, session: w.factory, runId: 'run-1', onFailure: 'leave' }));
    expect(e).toMatchObject({ outcome: 'left-incomplete' });
    // The silent mix the ledger exists to catch:
    expect([w.content('households'), w.content('individuals')]).toEqual(['run-1', 'old']);
    w.behaviors = [];
  }

  it('a later run refuses to start while an earlier run on the same tables is unfinished', async () => {
    const { w, options } = setup({ runId: 'run-2' });
    await leaveIncomplete(w);
    const before = w.planStatements().length;
    const e = (await failure(runOnWarehouse(plan('run-2'), options))) as RunStateError;
    expect(e).toBeInstanceOf(RunStateError);
    expect(e.reason).toBe('incomplete-run');
    expect(e.runs).toEqual([{ runId: 'run-1', principal: 'alice@example.com', startedAt: expect.any(String), lastEvent: 'run_failed', completedTables: ['households'], pendingTables: ['individuals'] }]);
    expect(e.message).toContain("recover: 'rollback'");
    expect(w.planStatements().length).toBe(before);
  });

  it("recover: 'rollback' restores the earlier run's tables, then runs", async () => {
    const { w, options } = setup({ runId: 'run-2', recover: 'rollback' });
    await leaveIncomplete(w);
    const restoredTo: string[] = [];
    w.behaviors = [
      {
        match: /^RESTORE TABLE `main`\.`synth`\.`households`/,
        before: (wh) => {
          restoredTo.push(wh.content('households') ?? '');
        },
      },
    ];
    const result = await runOnWarehouse(plan('run-2'), options);
    expect(result.rolledBackRuns).toEqual(['run-1']);
    expect(restoredTo).toEqual(['run-1']);
    expect(w.executed).toContain('RESTORE TABLE `main`.`synth`.`households` TO VERSION AS OF 0');
    expect(w.events()).toContain('run-1:run_rolled_back');
    expect([w.content('households'), w.content('individuals')]).toEqual(['run-2', 'run-2']);
  });

  it("recover: 'resume' finishes the earlier run with the same id and statements", async () => {
    const { w, options } = setup({ runId: 'run-1', recover: 'resume' });
    await leaveIncomplete(w);
    const result = await runOnWarehouse(plan('run-1'), options);
    expect(result.resumed).toBe(true);
    expect(result.statements.map((s) => s.status)).toEqual(['skipped', 'skipped', 'succeeded', 'succeeded']);
    expect([w.content('households'), w.content('individuals')]).toEqual(['run-1', 'run-1']);
    expect(w.events().slice(-3)).toEqual(['run-1:run_resumed', 'run-1:table_completed:individuals', 'run-1:run_completed']);
  });

  it('a resume must present the same statements', async () => {
    const { w, options } = setup({ runId: 'run-1', recover: 'resume' });
    await leaveIncomplete(w);
    const changed = plan('run-1').map((s, i) => (i === 2 ? { ...s, sql: `${s.sql} -- changed` } : s));
    const e = (await failure(runOnWarehouse(changed, options))) as RunStateError;
    expect(e.reason).toBe('resume-mismatch');
    expect([w.content('households'), w.content('individuals')]).toEqual(['run-1', 'old']);
  });

  it('a run id cannot be used twice (a reused id would hide a later crash)', async () => {
    const { w, options } = setup({ runId: 'run-1' });
    await runOnWarehouse(plan('run-1'), options);
    const before = w.planStatements().length;
    const e = (await failure(runOnWarehouse(plan('run-1'), options))) as RunStateError;
    expect(e).toBeInstanceOf(RunStateError);
    expect(e.reason).toBe('duplicate-run-id');
    expect(w.planStatements().length).toBe(before);
  });

  it('a run on other tables is not blocked by an unfinished run', async () => {
    const { w, options } = setup({ runId: 'run-2' });
    await leaveIncomplete(w);
    const other: PlannedStatement[] = [{ table: 'campaigns', kind: 'create', sql: `CREATE OR REPLACE TABLE ${T('campaigns')} TBLPROPERTIES ('synthgraph.run_id' = 'run-2') AS SELECT 1` }];
    await runOnWarehouse(other, options);
    expect(w.content('campaigns')).toBe('run-2');
  });

  it('two runs starting at the same moment: the one that sees the other backs off before changing anything', async () => {
    const { w, options } = setup({ runId: 'run-b' });
    w.behaviors = [
      {
        match: /^INSERT INTO `main`\.`synth`\.`_synthgraph_runs`[\s\S]*'run_started'/,
        before: (wh) => {
          wh.ledger.push(
            { run_id: 'run-a', event: 'run_started', table_name: null, previous_version: null, plan_hash: 'h', mode: 'replace', principal: 'bob@example.com', detail: null, at: '2030-01-01 00:00:00' },
            { run_id: 'run-a', event: 'table_planned', table_name: 'individuals', previous_version: null, plan_hash: 'h', mode: 'replace', principal: 'bob@example.com', detail: null, at: '2030-01-01 00:00:00' },
          );
        },
      },
    ];
    const e = (await failure(runOnWarehouse(plan('run-b'), options))) as RunStateError;
    expect(e.reason).toBe('concurrent-run');
    expect(e.runs.map((r) => r.runId)).toEqual(['run-a']);
    expect(w.planStatements()).toEqual([]);
    expect(w.events()).toContain('run-b:run_aborted');
  });
});

describe('runOnWarehouse with connection options (the real driver)', () => {
  it('opens a DBSQLClient session; an unreachable warehouse is a redacted WarehouseConnectionError after the retries', async () => {
    const token = 'dapi12121212121212121212121212121212';
    const sleeps: number[] = [];
    const e = await failure(
      runOnWarehouse(plan('r'), {
        catalog: 'main',
        schema: 'synth',
        grantsChecked: REPORT,
        connection: { host: '127.0.0.1', port: 9, path: '/sql/1.0/warehouses/abc', token, telemetryEnabled: false },
        retries: 1,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      }),
    );
    expect(e).toBeInstanceOf(WarehouseConnectionError);
    expect((e as WarehouseConnectionError).attempts).toBe(2);
    expect(sleeps).toEqual([1000]);
    for (const text of renderings(e)) expect(text).not.toContain(token);
  });
});
