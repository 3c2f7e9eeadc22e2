/**
 * `synthgraph generate --target databricks` as a user runs it: credentials from the environment,
 * the grant check with the real SDK against a locally served workspace, and the SQL driver's
 * client replaced at its module boundary by one whose sessions run on the in-memory warehouse.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWarehouse } from '../../../databricks/test/support/fake-warehouse.js';
import { aliceWorkspace, startFakeWorkspace, type FakeWorkspace, type FakeWorkspaceServer } from '../../../databricks/test/support/fake-workspace-server.js';
import { fakeIO } from '../../test/support/fake-io.js';
import { main } from '../main.js';
import type { PlanJson } from './plan.js';

const driver = await vi.hoisted(async () => {
  const { createRequire } = await import('node:module');
  // The driver as the databricks package resolves it (the CLI does not depend on it directly).
  const sqlModule = createRequire(new URL('../../../databricks/package.json', import.meta.url)).resolve('@databricks/sql');
  return { warehouse: undefined as unknown, connects: [] as Array<Record<string, unknown>>, sqlModule };
});

vi.mock(driver.sqlModule, async (importOriginal) => {
  const original = await importOriginal<Record<string, unknown>>();
  class DBSQLClient {
    async connect(options: Record<string, unknown>) {
      driver.connects.push(options);
      return this;
    }
    async openSession(request: Parameters<FakeWarehouse['factory']>[0]) {
      return (driver.warehouse as FakeWarehouse).factory(request);
    }
    async close() {
      return undefined;
    }
  }
  return { ...original, DBSQLClient, default: { ...original, DBSQLClient } };
});

const TOKEN = 'dapi-cli-databricks-secret-0123456789';
const granted: FakeWorkspace = aliceWorkspace(TOKEN, { catalog: ['USE_CATALOG'], schema: ['USE_SCHEMA', 'CREATE_TABLE'] });
let server: FakeWorkspaceServer;
let warehouse: FakeWarehouse;

const io = (env: Record<string, string>, cwd = process.cwd()): ReturnType<typeof fakeIO> => fakeIO(cwd, env);

const env = (): Record<string, string> => ({ DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: TOKEN });
const small = ['--households', '30', '--seed', '5', '--no-constraints'];

beforeAll(async () => {
  server = await startFakeWorkspace(granted);
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  warehouse = new FakeWarehouse();
  driver.warehouse = warehouse;
  driver.connects.length = 0;
  server.setWorkspace(granted);
});

describe('synthgraph generate --target databricks', () => {
  it('checks grants, runs the plan on the warehouse given by id, prints where the tables are, and writes the manifest to --out', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sg-dbx-'));
    const r = io(env());
    const code = await main(['generate', '--target', 'databricks', '--catalog', 'main', '--schema', 'synth', '--warehouse', 'abc123', '--out', dir, ...small], r);
    expect(code, r.err).toBe(0);
    expect(driver.connects).toHaveLength(1);
    expect(driver.connects[0]).toMatchObject({ host: new URL(server.url).hostname, path: '/sql/1.0/warehouses/abc123', authType: 'access-token' });
    expect(warehouse.sessions[0]).toMatchObject({ initialCatalog: 'main', initialSchema: 'synth' });
    const tables = ['households', 'individuals', 'identity_mappings', 'content_engagements', 'viewership_patterns', 'audience_attributes', 'campaigns', 'campaign_assignments', 'campaign_exposures', 'response_events', 'outcome_metrics'];
    for (const t of tables) expect(warehouse.tables.has(t), t).toBe(true);
    expect(r.out).toMatch(/tables: main\.synth · run [0-9a-f-]{36}/);
    expect(r.out).toMatch(/checks: \d+ passed, 0 failed/);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.extra.databricks.catalog).toBe('main');
    expect(existsSync(path.join(dir, 'report.html'))).toBe(true);
    expect(r.out + r.err).not.toContain(TOKEN);
  });

  it('plan --dialect databricks prints exactly the statements generate sends', async () => {
    const args = ['--catalog', 'main', '--schema', 'synth', ...small];
    const p = io(env());
    expect(await main(['plan', '--dialect', 'databricks', ...args], p), p.err).toBe(0);
    const printed = p.out.trimEnd().split('\n\n').slice(1).map((block) => block.split('\n').slice(1).join('\n').replace(/;$/, ''));
    const r = io(env());
    expect(await main(['generate', '--target', 'databricks', '--warehouse', 'w', ...args], r), r.err).toBe(0);
    const sent = warehouse.executed.filter((s) => !s.includes('_synthgraph_runs') && !/^(SHOW TABLES|DESCRIBE HISTORY|ALTER TABLE \S+ SET TBLPROPERTIES \('synthgraph\.run_id')/.test(s));
    // The lookup tables (large pools) are created first and dropped once the run is complete: none is left in the schema.
    const lookups = printed.filter((s) => /^CREATE OR REPLACE TABLE `main`\.`synth`\.`_sg_lookup_\w+` \(/.test(s)).map((s) => s.split(' ')[4]);
    expect(lookups.length).toBeGreaterThan(0);
    expect(printed[0]).toMatch(/_sg_lookup_/);
    expect(sent).toEqual([...printed, ...lookups.map((t) => `DROP TABLE IF EXISTS ${t}`)]);
    expect([...warehouse.tables.keys()].filter((t) => t.includes('_sg_lookup_'))).toEqual([]);
    // --json: each check statement lists the checks it covers, by result column, and how each is verified
    const j = io(env());
    expect(await main(['plan', '--dialect', 'databricks', '--json', ...args], j), j.err).toBe(0);
    const checks = (JSON.parse(j.out) as PlanJson).statements.filter((st) => st.role === 'check');
    expect(checks.length).toBeGreaterThan(10);
    for (const st of checks) expect(printed).toContain(st.sql);
    expect(checks.find((st) => st.checks?.[0]?.name === 'individuals.primaryKey(individual_id)')?.checks?.find((c) => c.name.startsWith('individuals.foreignKey(household_id'))).toMatchObject({ verified: 'construction+sample' });
  });

  it('exits 3 with the GRANT statements and opens no warehouse session when a privilege is missing', async () => {
    server.setWorkspace({ ...granted, grants: [granted.grants[0] as FakeWorkspace['grants'][number]] });
    const r = io(env());
    const code = await main(['generate', '--target', 'databricks', '--catalog', 'main', '--schema', 'synth', '--warehouse', 'abc123', ...small], r);
    expect(code).toBe(3);
    expect(r.err).toContain('GRANT USE SCHEMA ON SCHEMA `main`.`synth` TO `alice@example.com`');
    expect(r.err).toContain('GRANT CREATE TABLE ON SCHEMA `main`.`synth` TO `alice@example.com`');
    expect(driver.connects).toEqual([]);
    expect(warehouse.executed).toEqual([]);
    expect(r.err).not.toContain(TOKEN);
  });

  it('takes catalog and schema from run.target in the config', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sg-dbx-cfg-'));
    writeFileSync(path.join(dir, 'synthgraph.yaml'), 'run:\n  seed: 3\n  target: main.synth\n  table_prefix: t1_\nhouseholds:\n  num_households: 20\n');
    const r = io({ ...env(), DATABRICKS_WAREHOUSE_ID: 'wh1' }, dir);
    const code = await main(['generate', '-c', 'synthgraph.yaml', '--no-constraints', '--json'], r);
    expect(code, r.err).toBe(0);
    expect(warehouse.tables.has('t1_households')).toBe(true);
    expect(JSON.parse(r.out).seed).toBe(3);
    expect(existsSync(path.join(dir, 'synthgraph-out'))).toBe(false);
  });

  it('stops at an unfinished earlier run with the CLI way out, and --recover rollback restores it and runs', async () => {
    const base = ['generate', '--target', 'databricks', '--catalog', 'main', '--schema', 'synth', '--warehouse', 'w', ...small];
    expect(await main(base, io(env()))).toBe(0);
    // A run that crashed half-way: planned the households table, changed it, never finished.
    const v = (warehouse.tables.get('households')?.versions.length ?? 1) - 1;
    const row = { plan_hash: 'x', mode: 'replace', principal: 'bob@example.com', previous_version: null, detail: null, table_name: null };
    warehouse.ledger.push({ ...row, run_id: 'crashed-1', event: 'run_started', at: '2030-01-02 00:00:00' }, { ...row, run_id: 'crashed-1', event: 'table_planned', table_name: 'households', previous_version: v, at: '2030-01-02 00:00:00' });
    warehouse.tables.get('households')?.versions.push('half-written');

    const r = io(env());
    expect(await main(base, r)).toBe(1);
    expect(r.err).toContain('crashed-1');
    expect(r.err).toContain('--recover rollback');
    expect(r.err).toContain('--recover resume --run-id crashed-1');

    const again = io(env());
    expect(await main([...base, '--recover', 'rollback'], again), again.err).toBe(0);
    expect(warehouse.ledger.some((x) => x.run_id === 'crashed-1' && x.event === 'run_rolled_back')).toBe(true);
    expect(warehouse.content('households')).not.toBe('half-written');
  });

  it('Ctrl-C cancels the running statement on the warehouse, rolls the run back and exits 130 saying so', async () => {
    const base = ['generate', '--target', 'databricks', '--catalog', 'main', '--schema', 'synth', '--warehouse', 'w', ...small];
    expect(await main(base, io(env()))).toBe(0);
    const before = warehouse.content('households');
    warehouse.behaviors = [{ match: /^CREATE OR REPLACE TABLE `main`\.`synth`\.`individuals`/, hang: true }];
    let interrupt: (() => void) | undefined;
    const r = io(env());
    r.onInterrupt = (h: () => void) => ((interrupt = h), () => undefined);
    const sentBefore = warehouse.executed.length;
    const running = main(base, r);
    const hanging = (): boolean => warehouse.executed.slice(sentBefore).some((q) => q.startsWith('CREATE OR REPLACE TABLE `main`.`synth`.`individuals`'));
    while (!hanging()) await new Promise((res) => setTimeout(res, 10));
    interrupt?.();
    expect(await running).toBe(130);
    expect(warehouse.cancelled).toHaveLength(1);
    expect(r.err).toContain('Cancelling');
    expect(r.err).toContain('the tables were restored to their versions before the run');
    expect(warehouse.content('households')).toBe(before);
    expect(warehouse.ledger.at(-1)?.event).toBe('run_rolled_back');
  });

  it('exits 2 on invalid input before any network call', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--target', 'databricks', '--schema', 'synth', '--warehouse', 'w'], /--catalog: is required/],
      [['--target', 'databricks', '--catalog', 'main', '--schema', 'syn.th', '--warehouse', 'w'], /--schema/],
      [['--target', 'databricks', '--catalog', 'main', '--schema', 'synth', '--warehouse', 'w', '--format', 'csv'], /--format: does not apply/],
      [['--catalog', 'main'], /--catalog: applies to --target databricks only/],
      [['--target', 'databricks', '--catalog', 'main', '--schema', 'synth', '--recover', 'resume', '--warehouse', 'w'], /--run-id: is required/],
      [['--target', 'databricks', '--catalog', 'main', '--schema', 'synth'], /No SQL warehouse is configured/],
      [['--target', 'databricks-local', '--catalog', 'main'], /--catalog: does not apply to --target databricks-local/],
      [['--target', 'databricks-local', '--schema', 'syn.th'], /--schema/],
      [['--target', 'databricks', '--rehearse', '--schema', 'synth', '--format', 'csv'], /--format: does not apply/],
    ];
    for (const [args, message] of cases) {
      server.requests.length = 0;
      const r = io(env());
      expect(await main(['generate', ...args, ...small], r), args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(server.requests).toEqual([]);
    }
    expect(driver.connects).toEqual([]);
  });
});
