/**
 * Cancellation waits for the warehouse to report the cancelled statement stopped before it rolls
 * back (a CTAS can commit after `cancel()` returned), and leaves the run to the next one when the
 * statement does not stop within the bound. Driven at the driver-session interface.
 */
import { describe, expect, it } from 'vitest';
import { FakeWarehouse } from '../../test/support/fake-warehouse.js';
import { GRANTED_REPORT } from '../../test/support/granted-report.js';
import { WarehouseRunCancelledError } from './executor-error.js';
import type { PlannedStatement } from './planned-statement.js';
import { runOnWarehouse, type WarehouseRunOptions } from './warehouse-executor.js';

const REPORT = GRANTED_REPORT;
const T = (name: string): string => `\`main\`.\`synth\`.\`${name}\``;
const ctas = (table: string, label: string): PlannedStatement => ({ table, kind: 'create', sql: `CREATE OR REPLACE TABLE ${T(table)} TBLPROPERTIES ('synthgraph.run_id' = '${label}') AS SELECT 1 AS id /* rows: 10 */` });

function cancelledRun(label: string, behavior: { stopsAfterPolls: number; commitsWhileStopping?: boolean }, cancelWait: WarehouseRunOptions['cancelWait']) {
  const w = new FakeWarehouse();
  w.seed('households', 'old');
  w.seed('individuals', 'old');
  w.behaviors = [{ match: /TABLE `main`\.`synth`\.`individuals` TBLPROPERTIES/, hang: true, ...behavior }];
  const controller = new AbortController();
  const sleeps: number[] = [];
  const run = runOnWarehouse([ctas('households', label), ctas('individuals', label)], {
    catalog: 'main',
    schema: 'synth',
    grantsChecked: REPORT,
    session: w.factory,
    runId: label,
    signal: controller.signal,
    cancelWait,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onProgress: (e) => {
      if (e.table === 'individuals' && e.state === 'running') controller.abort();
    },
  }).then(
    () => {
      throw new Error('expected the run to be cancelled');
    },
    (e: unknown) => e,
  );
  return { w, sleeps, run };
}

describe('cancellation waits for the statement to stop', () => {
  it('a CTAS that commits while being cancelled is still rolled back: the rollback waits for the terminal state, then re-reads the version', async () => {
    const { w, sleeps, run } = cancelledRun('run-late', { stopsAfterPolls: 3, commitsWhileStopping: true }, { pollMs: 500, boundMs: 10_000 });
    const e = await run;
    expect(e).toBeInstanceOf(WarehouseRunCancelledError);
    expect(e).toMatchObject({ outcome: 'rolled-back', table: 'individuals' });
    // Polled until the server said it stopped (3 polls, 2 waits between them), and only then restored.
    expect(w.statusPolls).toBe(3);
    expect(sleeps).toEqual([500, 500]);
    expect(w.executed.filter((s) => /^RESTORE TABLE/.test(s))).toEqual([`RESTORE TABLE ${T('individuals')} TO VERSION AS OF 0`, `RESTORE TABLE ${T('households')} TO VERSION AS OF 0`]);
    // The late commit landed (version 1) before the RESTORE (version 2), which the re-read version caught.
    expect(w.tables.get('individuals')?.versions).toEqual(['old', 'run-late', 'old']);
    expect(w.content('households')).toBe('old');
    expect(w.events().slice(-2)).toEqual(['run-late:run_cancelled:individuals', 'run-late:run_rolled_back']);
  });

  it('a statement that does not stop within the bound is not rolled back: the run stays open for the next run to recover', async () => {
    const { w, sleeps, run } = cancelledRun('run-stuck', { stopsAfterPolls: Infinity }, { pollMs: 1000, boundMs: 3000 });
    const e = await run;
    expect(e).toBeInstanceOf(WarehouseRunCancelledError);
    expect(e).toMatchObject({ outcome: 'left-incomplete', table: 'individuals' });
    expect(sleeps).toEqual([1000, 1000, 1000]);
    expect(w.statusPolls).toBe(4);
    expect(w.executed.filter((s) => /^(RESTORE|DROP) TABLE/.test(s))).toEqual([]);
    // run_cancelled is not terminal: `recover: 'rollback'` on the next run restores the tables.
    expect(w.events().at(-1)).toBe('run-stuck:run_cancelled:individuals');
  });

  it('a statement that stops at once is rolled back without waiting', async () => {
    const { w, sleeps, run } = cancelledRun('run-quick', { stopsAfterPolls: 0 }, undefined);
    expect(await run).toMatchObject({ outcome: 'rolled-back' });
    expect(sleeps).toEqual([]);
    expect(w.content('households')).toBe('old');
  });
});
