import { describe, expect, it } from 'vitest';
import { createLedgerSql, foldLedger, insertLedgerSql, parseLedgerRows, selectOpenRunsSql, type LedgerRow } from './run-ledger.js';

const row = (runId: string, event: LedgerRow['event'], table: string | null = null, previousVersion: number | null = null): LedgerRow => ({
  runId,
  event,
  table,
  previousVersion,
  planHash: 'h',
  mode: 'replace',
  principal: 'p',
  detail: null,
});

describe('run ledger SQL', () => {
  it('qualifies and quotes the ledger table', () => {
    expect(createLedgerSql('main', 'synth')).toMatch(/^CREATE TABLE IF NOT EXISTS `main`\.`synth`\.`_synthgraph_runs` \(/);
    expect(selectOpenRunsSql('ma`in', 's')).toContain('FROM `ma``in`.`s`.`_synthgraph_runs`');
  });

  it('escapes every value as a string literal', () => {
    const sql = insertLedgerSql('main', 'synth', [{ ...row('r1', 'run_failed', "o'brien\\x"), detail: '{"reason":"it\'s\nbroken"}' }]);
    expect(sql).toContain("'o\\'brien\\\\x'");
    expect(sql).toContain("'{\"reason\":\"it\\'s\\nbroken\"}'");
    expect(sql).toContain('CAST(NULL AS BIGINT)');
    expect(sql).toContain('current_timestamp()');
  });

  it('selects only runs without a terminal event', () => {
    expect(selectOpenRunsSql('main', 'synth')).toContain("WHEN event IN ('run_completed', 'run_rolled_back', 'run_aborted')");
  });
});

describe('foldLedger', () => {
  it('folds events into runs; only terminal events close a run', () => {
    const rows = [
      row('a', 'run_started'),
      row('a', 'table_planned', 'households', 3),
      row('a', 'table_planned', 'individuals'),
      row('a', 'table_completed', 'households'),
      row('a', 'run_failed'),
      row('b', 'run_started'),
      row('b', 'table_planned', 'campaigns'),
      row('b', 'run_completed'),
    ];
    const runs = foldLedger(rows);
    expect(runs.map((r) => [r.runId, r.terminal, r.lastEvent])).toEqual([
      ['a', undefined, 'run_failed'],
      ['b', 'run_completed', 'run_completed'],
    ]);
    expect(runs[0]?.tables).toEqual([
      { table: 'households', previousVersion: 3, completed: true },
      { table: 'individuals', previousVersion: null, completed: false },
    ]);
  });

  it('reads driver rows (numbers as bigint or string, timestamps as dates)', () => {
    const parsed = parseLedgerRows([
      { run_id: 'a', event: 'table_planned', table_name: 'x', previous_version: 7n, plan_hash: 'h', mode: null, principal: null, detail: null, at: new Date('2030-01-01T00:00:00Z') },
      { run_id: 'a', event: 'table_planned', table_name: 'y', previous_version: '12', plan_hash: 'h', mode: null, principal: null, detail: null, at: '2030-01-01 00:00:01' },
      { something: 'else' },
    ]);
    expect(parsed.map((r) => [r.table, r.previousVersion, r.at])).toEqual([
      ['x', 7, '2030-01-01T00:00:00.000Z'],
      ['y', 12, '2030-01-01 00:00:01'],
    ]);
  });
});
