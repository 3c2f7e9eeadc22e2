/**
 * Faults at every statement boundary: a run that fails, hangs (until cancelled) or loses its
 * session at statement N, for every N, leaves its tables all old or all new once it is
 * recovered, and the ledger's last event says which.
 */
import { describe, expect, it } from 'vitest';
import { FakeWarehouse, faultAt, type FaultKind } from '../../test/support/fake-warehouse.js';
import { GRANTED_REPORT } from '../../test/support/granted-report.js';
import type { PlannedStatement } from './planned-statement.js';
import { runOnWarehouse, type WarehouseRunOptions } from './warehouse-executor.js';

const REPORT = GRANTED_REPORT;

const T = (name: string): string => `\`main\`.\`synth\`.\`${name}\``;
const TABLES = ['households', 'individuals', 'events'] as const;

/** Two replaced tables and one appended table. */
function plan(label: string): PlannedStatement[] {
  return [
    { table: 'households', kind: 'create', sql: `CREATE OR REPLACE TABLE ${T('households')} TBLPROPERTIES ('synthgraph.run_id' = '${label}') AS SELECT 1 AS id /* rows: 100 */` },
    { table: 'households', kind: 'meta', sql: `ALTER TABLE ${T('households')} ALTER COLUMN \`id\` COMMENT 'key'` },
    { table: 'individuals', kind: 'create', sql: `CREATE OR REPLACE TABLE ${T('individuals')} TBLPROPERTIES ('synthgraph.run_id' = '${label}') AS SELECT 2 AS id /* rows: 250 */` },
    { table: 'events', kind: 'create', sql: `INSERT INTO ${T('events')} SELECT 3 AS id /* data: ${label} */` },
    { table: 'households', kind: 'check', sql: `SELECT count(*) AS violations FROM ${T('households')} WHERE id IS NULL` },
  ];
}

const OLD = ['old', 'old', 'old'];
const newContent = (label: string): string[] => [label, label, `old+${label}`];

function seeded(): FakeWarehouse {
  const w = new FakeWarehouse();
  for (const t of TABLES) w.seed(t, 'old');
  return w;
}

function options(w: FakeWarehouse, over: Partial<WarehouseRunOptions>): WarehouseRunOptions {
  return { catalog: 'main', schema: 'synth', grantsChecked: REPORT, session: w.factory, sleep: async () => {}, retries: 0, ...over };
}

const contents = (w: FakeWarehouse): Array<string | undefined> => TABLES.map((t) => w.content(t));
const lastEvent = (w: FakeWarehouse, runId: string): unknown => w.ledger.filter((r) => r.run_id === runId).at(-1)?.event;

/** Runs `run-1` with a fault at statement `n`; returns whether it failed. */
async function faulted(w: FakeWarehouse, n: number, kind: FaultKind): Promise<boolean> {
  const controller = new AbortController();
  w.behaviors = [faultAt(n, kind, () => controller.abort())];
  const over: Partial<WarehouseRunOptions> = { runId: 'run-1', signal: controller.signal };
  const failed = await runOnWarehouse(plan('run-1'), options(w, over)).then(
    () => false,
    () => true,
  );
  w.behaviors = [];
  return failed;
}


/** The state after the faulted run: all old (rolled back) or all new (completed), or unfinished in the ledger. */
function settled(w: FakeWarehouse): 'old' | 'new' | 'unfinished' {
  const c = contents(w);
  const last = lastEvent(w, 'run-1');
  if (last === undefined) {
    // The run stopped before recording its start, so before changing anything.
    expect(c).toEqual(OLD);
    return 'old';
  }
  if (last === 'run_completed') {
    expect(c).toEqual(newContent('run-1'));
    return 'new';
  }
  if (last === 'run_rolled_back') {
    expect(c).toEqual(OLD);
    return 'old';
  }
  return 'unfinished';
}

/** Statements a clean run sends. */
async function total(): Promise<number> {
  const w = seeded();
  await runOnWarehouse(plan('run-1'), options(w, { runId: 'run-1' }));
  return w.executed.length;
}

const KINDS: FaultKind[] = ['fail', 'hang', 'disconnect'];

describe('a fault at every statement boundary', () => {
  it('a clean run writes the new content and completes', async () => {
    const w = seeded();
    await runOnWarehouse(plan('run-1'), options(w, { runId: 'run-1' }));
    expect(contents(w)).toEqual(newContent('run-1'));
    expect(lastEvent(w, 'run-1')).toBe('run_completed');
  });

  for (const kind of KINDS) {
    it(`${kind}: the run ends all old or all new, and recover: 'rollback' then 'resume' settle it`, async () => {
      const n = await total();
      expect(n).toBeGreaterThan(5);
      // Every boundary, the ledger's run_completed row included: a hang there is cancelled too.
      for (let i = 1; i <= n; i += 1) {
        for (const recover of ['rollback', 'resume'] as const) {
          const w = seeded();
          const failed = await faulted(w, i, kind);
          const state = settled(w);
          if (!failed) expect(state).toBe('new');
          if (kind === 'hang' && failed) expect(w.cancelled.length, `statement ${i}`).toBeGreaterThan(0);
          if (state !== 'unfinished') continue;
          // The run could not record its end: a later run must recover it.
          const runId = recover === 'rollback' ? 'run-2' : 'run-1';
          await runOnWarehouse(plan(runId), options(w, { runId, recover }));
          if (recover === 'rollback') {
            expect(lastEvent(w, 'run-1'), `statement ${i}`).toBe('run_rolled_back');
            expect(contents(w)).toEqual(['run-2', 'run-2', 'old+run-2']);
          } else {
            expect(lastEvent(w, 'run-1'), `statement ${i}`).toBe('run_completed');
            expect(contents(w), `statement ${i}`).toEqual(newContent('run-1'));
          }
        }
      }
    }, 20_000);
  }
});
