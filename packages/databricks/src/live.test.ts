/**
 * Opt-in live suite against a real Databricks workspace and SQL warehouse (see
 * docs/databricks.md, "The live suite"). It runs only when DATABRICKS_HOST is set:
 *
 *   DATABRICKS_HOST=https://… DATABRICKS_TOKEN=… DATABRICKS_WAREHOUSE_ID=… \
 *   SYNTHGRAPH_LIVE_CATALOG=main SYNTHGRAPH_LIVE_SCHEMA=synthgraph_live \
 *   npx vitest run packages/databricks/src/live.test.ts
 *
 * Without DATABRICKS_HOST the live block is not registered at all (nothing is reported as
 * skipped); only the small offline test of the suite's own settings runs, because a test file
 * without any test fails in Vitest.
 */
import { DBSQLClient } from '@databricks/sql';
import { generate } from '@synthgraph/core';
import { describe, expect, it } from 'vitest';
import { conformanceScenario } from '../../../test/conformance/scenario.js';
import { resolveDatabricksConfig } from './auth/index.js';
import { LEDGER_TABLE, runOnWarehouse, StatementFailedError, type PlannedStatement } from './executor/index.js';
import { assertGrants, qualifiedName } from './grants/index.js';
import { databricks } from './engine/index.js';

/** The live suite's settings, or undefined when it must not run. */
function liveSettings(env: Readonly<Record<string, string | undefined>>): { catalog: string; schema: string; table: string } | undefined {
  if (!env.DATABRICKS_HOST) return undefined;
  return { catalog: env.SYNTHGRAPH_LIVE_CATALOG || 'main', schema: env.SYNTHGRAPH_LIVE_SCHEMA || 'synthgraph_live', table: 'synthgraph_live_probe' };
}

describe('live suite settings', () => {
  it('is off without DATABRICKS_HOST and defaults the catalog and schema', () => {
    expect(liveSettings({})).toBeUndefined();
    expect(liveSettings({ DATABRICKS_HOST: 'https://x' })).toEqual({ catalog: 'main', schema: 'synthgraph_live', table: 'synthgraph_live_probe' });
    expect(liveSettings({ DATABRICKS_HOST: 'https://x', SYNTHGRAPH_LIVE_CATALOG: 'dev', SYNTHGRAPH_LIVE_SCHEMA: 's' })).toMatchObject({ catalog: 'dev', schema: 's' });
  });
});

const live = liveSettings(process.env);
if (live) {
  const { catalog, schema, table } = live;
  const probe = qualifiedName(catalog, schema, table);
  const ctas = (rows: number): PlannedStatement => ({ table, kind: 'create', sql: `CREATE OR REPLACE TABLE ${probe} AS SELECT id, id * 2 AS twice FROM range(${rows})` });
  const count: PlannedStatement = { table, kind: 'check', sql: `SELECT count(*) AS n FROM ${probe}` };

  describe(`live: Databricks ${process.env.DATABRICKS_HOST} → ${catalog}.${schema}`, () => {
    it('checks grants, runs a tiny CTAS, and rolls a failing run back', { timeout: 900_000 }, async () => {
      const conn = await resolveDatabricksConfig();
      const report = await assertGrants({ catalog, schema, mode: 'replace' }, conn.workspaceClient());
      expect(report.principal).not.toBe('');

      const first = await runOnWarehouse([ctas(10), count], { connection: conn.sqlConnectOptions(), catalog, schema, grantsChecked: report, recover: 'rollback' });
      expect(Number((first.statements[1]?.rows[0] as { n: unknown }).n)).toBe(10);

      // A second run replaces the probe, then fails: the probe must be restored.
      const again = await assertGrants({ catalog, schema, mode: 'replace' }, conn.workspaceClient());
      const failing: PlannedStatement = { table: `${table}_fail`, kind: 'create', sql: `CREATE OR REPLACE TABLE ${qualifiedName(catalog, schema, `${table}_fail`)} AS SELECT CAST(raise_error('synthgraph live suite: deliberate failure') AS INT) AS x` };
      const e = await runOnWarehouse([ctas(20), failing], { connection: conn.sqlConnectOptions(), catalog, schema, grantsChecked: again, retries: 0 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(StatementFailedError);
      expect((e as StatementFailedError).outcome).toBe('rolled-back');

      const client = await new DBSQLClient().connect(conn.sqlConnectOptions());
      const session = await client.openSession({ initialCatalog: catalog, initialSchema: schema });
      try {
        const read = async (sql: string): Promise<Array<Record<string, unknown>>> => {
          const op = await session.executeStatement(sql);
          try {
            return (await op.fetchAll()) as Array<Record<string, unknown>>;
          } finally {
            await op.close();
          }
        };
        expect(Number((await read(`SELECT count(*) AS n FROM ${probe}`))[0]?.n)).toBe(10);
        const events = await read(`SELECT event FROM ${qualifiedName(catalog, schema, LEDGER_TABLE)} WHERE run_id = '${first.runId}'`);
        expect(events.map((r) => r.event)).toContain('run_completed');
        await read(`DROP TABLE IF EXISTS ${probe}`);
      } finally {
        await session.close();
        await client.close();
      }
    });

    it('generates a scenario with the engine, appends a batch, every check at 0', { timeout: 1_800_000 }, async () => {
      const conn = await resolveDatabricksConfig();
      const engine = (mode: 'replace' | 'append') => databricks({ catalog, schema, connection: conn, tablePrefix: 'sg_live_', mode, recover: 'rollback' });
      const first = await generate(conformanceScenario(200, 0), engine('replace'), { seed: 7 });
      expect(first.checks.length).toBeGreaterThan(0);
      expect(first.checks.filter((c) => c.violations !== 0)).toEqual([]);
      const second = await generate(conformanceScenario(200, 1), engine('append'), { seed: 8 });
      expect(second.checks.filter((c) => c.violations !== 0)).toEqual([]);
      expect(second.batches).toHaveLength(2);
      for (const [t, r] of Object.entries(second.tables)) expect(r.rows, t).toBe((first.tables[t]?.rows ?? 0) + (second.batches[1]?.rows[t] ?? 0));

      const client = await new DBSQLClient().connect(conn.sqlConnectOptions());
      const session = await client.openSession({ initialCatalog: catalog, initialSchema: schema });
      try {
        const tables = (second.extra['databricks'] as { tables: Record<string, string> }).tables;
        for (const full of Object.values(tables)) {
          const op = await session.executeStatement(`DROP TABLE IF EXISTS ${qualifiedName(...full.split('.'))}`);
          await op.fetchAll();
          await op.close();
        }
      } finally {
        await session.close();
        await client.close();
      }
    });
  });
}
