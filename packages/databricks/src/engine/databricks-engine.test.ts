/**
 * The Databricks engine against the in-memory warehouse (driver session interface) and a locally
 * served workspace (the real SDK does the grant check): statement order and kinds, the manifest
 * in the ledger, append through staging tables, and nothing executed without the privileges.
 */
import { ConfigError, generate, type Manifest, type ProgressEvent } from '@synthgraph/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceScenario, CONFORMANCE_ENTITIES, DERIVED_ENTITIES } from '../../../../test/conformance/scenario.js';
import { lookupScenarioIR } from '../../../../test/conformance/lookup-scenario.js';
import { resolveDatabricksConfig } from '../auth/databricks-connection.js';
import { InvalidRunError, StatementFailedError, WarehouseRunCancelledError } from '../executor/executor-error.js';
import { driverErrors, FakeWarehouse } from '../../test/support/fake-warehouse.js';
import type { GrantsClient } from '../grants/grant-check.js';
import { MissingPrivilegesError } from '../grants/grants-error.js';
import { aliceWorkspace, startFakeWorkspace, type FakeWorkspace, type FakeWorkspaceServer } from '../../test/support/fake-workspace-server.js';
import { databricks, databricksStatements, latestManifestSql, MANIFEST_DETAIL_KEY, type DatabricksEngineOptions } from './databricks-engine.js';

const TOKEN = 'dapi-engine-test-0123456789abcdef';
const ALL = [...CONFORMANCE_ENTITIES, ...DERIVED_ENTITIES];
const granted: FakeWorkspace = aliceWorkspace(TOKEN, { catalog: ['USE_CATALOG', 'CREATE_SCHEMA'], schema: ['USE_SCHEMA', 'CREATE_TABLE', 'MODIFY'] });
let server: FakeWorkspaceServer;
let grants: GrantsClient;

beforeAll(async () => {
  server = await startFakeWorkspace(granted);
  grants = (await resolveDatabricksConfig({ host: server.url, token: TOKEN, env: {}, retryTimeoutSeconds: 5 })).workspaceClient();
});
afterAll(async () => {
  await server.close();
});

function engine(w: FakeWarehouse, over: Partial<DatabricksEngineOptions> = {}) {
  return databricks({ catalog: 'main', schema: 'synth', session: w.factory, grants, retries: 0, ...over });
}

const ir = (households = 40, batch = 0) => conformanceScenario(households, batch).toIR({ seed: 7 });

describe('databricks engine (replace)', () => {
  it('runs every table in dependency order with comments, UC constraints, statistics and checks, and stores the manifest in the ledger', async () => {
    server.setWorkspace(granted);
    const w = new FakeWarehouse();
    const events: ProgressEvent[] = [];
    const manifest = await generate(ir(), engine(w), { onProgress: (e) => events.push(e) });

    // Every entity's CTAS, in the IR's order, each before anything that reads it (the lookup tables of its large buckets aside).
    const ctas = w.executed
      .filter((s) => s.startsWith('CREATE OR REPLACE TABLE'))
      .map((s) => /`main`\.`synth`\.`(\w+)`/.exec(s)?.[1])
      .filter((t) => !t?.startsWith('_sg_lookup_'));
    expect(ctas).toEqual(ALL.filter((e) => ctas.includes(e)));
    expect(new Set(ctas)).toEqual(new Set(ALL));
    expect(w.executed.some((s) => /ADD CONSTRAINT `individuals_pk` PRIMARY KEY \(`individual_id`\) NOT ENFORCED/.test(s))).toBe(true);
    expect(w.executed.some((s) => /FOREIGN KEY \(`household_id`\) REFERENCES `main`\.`synth`\.`households` \(`household_id`\) NOT ENFORCED/.test(s))).toBe(true);
    expect(w.executed.filter((s) => s.startsWith('DESCRIBE DETAIL'))).toHaveLength(ALL.length);
    // Checks run after the last table is complete.
    const lastCreate = Math.max(...w.executed.map((s, i) => (s.startsWith('CREATE OR REPLACE TABLE') ? i : -1)));
    const firstCheck = w.executed.findIndex((s) => s.startsWith('SELECT') && s.includes('AS `c0`'));
    expect(firstCheck).toBeGreaterThan(lastCreate);

    expect(Object.keys(manifest.tables).sort()).toEqual([...ALL].sort());
    expect(manifest.checks.length).toBeGreaterThan(5);
    expect(manifest.checks.every((c) => c.violations === 0)).toBe(true);
    expect(manifest.engine).toBe('databricks-sql');
    expect(manifest.format).toBe('delta');
    expect(manifest.tables['households']?.bytes).toBeGreaterThan(0);
    const where = manifest.extra['databricks'] as { catalog: string; schema: string; runId: string; principal: string; tables: Record<string, string> };
    expect(where).toMatchObject({ catalog: 'main', schema: 'synth', principal: 'alice@example.com' });
    expect(where.tables['households']).toBe('main.synth.households');

    // The manifest is the detail of the row that completes the run: written only once every table is.
    const completed = w.ledger.filter((r) => r.event === 'run_completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]?.run_id).toBe(where.runId);
    expect(JSON.parse(String(completed[0]?.detail))[MANIFEST_DETAIL_KEY]).toEqual(JSON.parse(JSON.stringify(manifest)));
    for (const t of ALL) expect(w.tables.get(t)?.props['synthgraph.run_id']).toBe(where.runId);

    const started = events.filter((e) => e.phase === 'table' && e.state === 'started').map((e) => e.table);
    expect(new Set(started)).toEqual(new Set(ALL));
    expect(events.at(-1)).toMatchObject({ phase: 'done', state: 'finished', rows: manifest.totalRows });
    // Each table is reported finished, with its rows, as soon as it is measured — before the checks run.
    const finished = events.filter((e) => e.phase === 'table' && e.state === 'finished');
    expect(Object.fromEntries(finished.map((e) => [e.table, e.rows]))).toEqual(Object.fromEntries(Object.entries(manifest.tables).map(([t, r]) => [t, r.rows])));
    const firstCheckEvent = events.findIndex((e) => e.phase === 'check');
    expect(events.indexOf(finished.at(-1) as ProgressEvent)).toBeLessThan(firstCheckEvent);
    const checked = events.filter((e) => e.phase === 'check' && e.state === 'finished');
    expect(checked.map((e) => e.detail)).toEqual(manifest.checks.map((c) => c.name));
    expect(events.every((e) => e.steps === events[0]?.steps && e.step <= e.steps)).toBe(true);
  });

  it('leaves the constraints out with constraints: false, and prefixes every table name', async () => {
    const w = new FakeWarehouse();
    const m = await generate(ir(), engine(w, { constraints: false, tablePrefix: 'exp1_' }));
    expect(w.executed.some((s) => /PRIMARY KEY|FOREIGN KEY/.test(s))).toBe(false);
    expect([...w.tables.keys()].filter((t) => t !== '_synthgraph_runs').sort()).toEqual(ALL.map((e) => `exp1_${e}`).sort());
    expect(Object.keys(m.tables)).toContain('households');
    expect((m.extra['databricks'] as { tables: Record<string, string> }).tables['households']).toBe('main.synth.exp1_households');
  });

  it('sends no statement at all when a privilege is missing', async () => {
    server.setWorkspace({ ...granted, grants: [granted.grants[0] as FakeWorkspace['grants'][number]] });
    const w = new FakeWarehouse();
    const err = await generate(ir(), engine(w)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingPrivilegesError);
    expect((err as MissingPrivilegesError).message).toContain('GRANT CREATE TABLE ON SCHEMA `main`.`synth` TO `alice@example.com`');
    expect(w.sessions).toEqual([]);
    expect(w.executed).toEqual([]);
    server.setWorkspace(granted);
  });

  it('stops on the ownership of an existing table it would replace, before any statement, with the hints', async () => {
    server.setWorkspace({ ...granted, tables: { 'main.synth.exp1_households': { owner: 'bob@example.com' } } });
    const w = new FakeWarehouse();
    const err = await generate(ir(), engine(w, { tablePrefix: 'exp1_' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingPrivilegesError);
    expect((err as Error).message).toContain('ALTER TABLE `main`.`synth`.`exp1_households` OWNER TO `alice@example.com`');
    expect((err as Error).message).toContain('GRANT MANAGE ON TABLE `main`.`synth`.`exp1_households` TO `alice@example.com`');
    expect(w.executed).toEqual([]);
    server.setWorkspace(granted);
  });

  it('a missing USE SCHEMA stops the run with nothing sent; refused permission queries only warn and the run goes on', async () => {
    server.setWorkspace({ ...granted, grants: granted.grants.map((g) => (g.securableType === 'SCHEMA' ? { ...g, privileges: g.privileges.filter((p) => p !== 'USE_SCHEMA') } : g)) });
    const stopped = new FakeWarehouse();
    const err = await generate(ir(), engine(stopped)).catch((e: unknown) => e);
    expect((err as MissingPrivilegesError).grantStatements).toEqual(['GRANT USE SCHEMA ON SCHEMA `main`.`synth` TO `alice@example.com`']);
    expect(stopped.executed).toEqual([]);

    server.setWorkspace({ ...granted, forbidden: [/effective-permissions/] });
    const w = new FakeWarehouse();
    const m = await generate(ir(), engine(w));
    expect(m.checks.every((c) => c.violations === 0)).toBe(true);
    expect(w.executed.length).toBeGreaterThan(0);
    server.setWorkspace(granted);
  });

  it('validates clusterBy before anything is sent: a table the scenario lacks, more than four keys, a type liquid clustering cannot use', async () => {
    const paths = async (clusterBy: Record<string, string[]>): Promise<string[]> => {
      const w = new FakeWarehouse();
      const err = await generate(ir(), engine(w, { clusterBy })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect(w.executed).toEqual([]);
      return (err as ConfigError).issues.map((i) => i.path);
    };
    expect(await paths({ nope: ['id'] })).toEqual(['clusterBy.nope']);
    expect(await paths({ individuals: ['household_id', 'individual_id', 'household_id', 'individual_id', 'household_id'] })).toEqual(['clusterBy.individuals']);
    const bool = ir().entities.flatMap((e) => e.columns.filter((c) => c.type.kind === 'boolean' || c.type.kind === 'array').map((c) => [e.name, c.name] as const))[0] as readonly [string, string];
    expect(await paths({ [bool[0]]: [bool[1]] })).toEqual([`clusterBy.${bool[0]}.0`]);
  });

  it('rejects invalid options naming the field', () => {
    const w = new FakeWarehouse();
    expect(() => engine(w, { catalog: 'ma.in' })).toThrow(ConfigError);
    expect(() => engine(w, { tablePrefix: '1x' })).toThrow(/tablePrefix/);
    expect(() => databricks({ catalog: 'main', schema: 'synth' })).toThrow(/connection/);
  });
});

describe('databricks engine (failures, resume, cancel)', () => {
  const ctasOf = (t: string): RegExp => new RegExp(`^CREATE OR REPLACE TABLE \`main\`\\.\`synth\`\\.\`${t}\``);

  it('rolls the run back after a failed statement and says so; the next run replaces the tables', async () => {
    server.setWorkspace(granted);
    const w = new FakeWarehouse();
    await generate(ir(), engine(w));
    const before = w.content('households');
    w.behaviors = [{ match: ctasOf('individuals'), failFetch: () => driverErrors.sql('[DIVIDE_BY_ZERO] injected', '22012') }];
    const err = await generate(ir(), engine(w)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatementFailedError);
    expect(err).toMatchObject({ outcome: 'rolled-back', table: 'individuals' });
    expect(w.content('households')).toBe(before);
    expect(w.ledger.at(-1)?.event).toBe('run_rolled_back');
    const again = await generate(ir(), engine(w));
    expect(again.checks.every((c) => c.violations === 0)).toBe(true);
  });

  it('creates the lookup tables of large pools first and leaves none in the schema, after a completed or a rolled-back run', async () => {
    server.setWorkspace(granted);
    const w = new FakeWarehouse();
    const lookups = (): string[] => [...w.tables.keys()].filter((t) => t.includes('_sg_lookup_'));
    const m = await generate(lookupScenarioIR(), engine(w, { tablePrefix: 'exp1_' }));
    expect(m.checks.every((c) => c.violations === 0)).toBe(true);
    expect(w.executed.find((s) => s.startsWith('CREATE OR REPLACE TABLE'))).toBe(
      'CREATE OR REPLACE TABLE `main`.`synth`.`exp1__sg_lookup_names` (`__idx` BIGINT, `name` STRING, `code` BIGINT, `score` DOUBLE) USING DELTA',
    );
    expect(w.executed.some((s) => s.includes('LEFT JOIN `main`.`synth`.`exp1__sg_lookup_names`'))).toBe(true);
    expect(Object.keys(m.tables)).toEqual(['people']);
    expect(lookups()).toEqual([]);
    w.behaviors = [{ match: ctasOf('exp1_people'), failFetch: () => driverErrors.sql('[DIVIDE_BY_ZERO] injected', '22012') }];
    const err = await generate(lookupScenarioIR(), engine(w, { tablePrefix: 'exp1_' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ outcome: 'rolled-back' });
    expect(lookups()).toEqual([]);
  });

  it('resumes a run left incomplete: completed tables are not written again, the manifest is complete', async () => {
    const w = new FakeWarehouse();
    w.behaviors = [{ match: ctasOf('individuals'), failFetch: () => driverErrors.sql('[INTERNAL_ERROR] injected', 'XX000') }];
    const err = await generate(ir(), engine(w, { runId: 'run-r', onFailure: 'leave' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ outcome: 'left-incomplete' });
    const sent = w.executed.length;
    const events: ProgressEvent[] = [];
    const m = await generate(ir(), engine(w, { runId: 'run-r', recover: 'resume' }), { onProgress: (e) => events.push(e) });
    const resumed = w.executed.slice(sent);
    expect(resumed.some((s) => ctasOf('households').test(s))).toBe(false);
    expect(resumed.some((s) => ctasOf('individuals').test(s))).toBe(true);
    expect(Object.keys(m.tables).sort()).toEqual([...ALL].sort());
    expect(m.tables['households']?.rows).toBeGreaterThan(0);
    expect(w.ledger.filter((r) => r.run_id === 'run-r').map((r) => r.event)).toContain('run_resumed');
    expect(w.ledger.at(-1)?.event).toBe('run_completed');
    expect(events.at(-1)).toMatchObject({ phase: 'done' });
  });

  it('a cancel while a CTAS runs stops it on the warehouse, rolls back and throws the cancellation with its outcome', async () => {
    const w = new FakeWarehouse();
    await generate(ir(), engine(w));
    const before = w.content('households');
    const controller = new AbortController();
    w.behaviors = [{ match: ctasOf('individuals'), hang: true, onHang: () => controller.abort() }];
    const err = await generate(ir(), engine(w), { signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WarehouseRunCancelledError);
    expect(err).toMatchObject({ outcome: 'rolled-back' });
    expect(w.cancelled).toHaveLength(1);
    expect(w.content('households')).toBe(before);
    expect(w.ledger.at(-1)?.event).toBe('run_rolled_back');
  });
});

describe('databricks engine (append)', () => {
  it('refuses to append to tables that do not exist, changing nothing', async () => {
    const w = new FakeWarehouse();
    const err = await generate(ir(40, 1), engine(w, { mode: 'append' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRunError);
    expect(String((err as Error).message)).toMatch(/households.*do not exist.*replace mode first/s);
    expect(w.executed.filter((s) => /^(CREATE OR REPLACE|INSERT INTO `main`\.`synth`\.`(?!_synthgraph_runs))/.test(s))).toEqual([]);
  });

  it('refuses to append into a schema that does not exist', async () => {
    server.setWorkspace({ ...granted, schemas: {} });
    const err = await generate(ir(40, 1), engine(new FakeWarehouse(), { mode: 'append' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    server.setWorkspace(granted);
  });

  it('writes the batch to staging tables, inserts it, checks every batch, drops the staging tables and extends the batches', async () => {
    const w = new FakeWarehouse();
    const first: Manifest = await generate(ir(40, 0), engine(w));
    const before = new Map([...w.tables].map(([k, v]) => [k, v.versions.length]));
    const second = await generate(ir(40, 1), engine(w, { mode: 'append', runId: 'batch-1' }));

    const staged = w.executed.filter((s) => s.startsWith('CREATE OR REPLACE TABLE `main`.`synth`.`_synthgraph_stage_batch_1_'));
    expect(staged).toHaveLength(ALL.length);
    // Derived entities aggregate the batch's own staging tables, not the whole table.
    expect(staged.find((s) => s.includes('_synthgraph_stage_batch_1_household_stats'))).toMatch(/FROM `main`\.`synth`\.`_synthgraph_stage_batch_1_individuals`/);
    for (const t of ALL) {
      expect(w.executed).toContain(w.executed.find((s) => s.startsWith(`INSERT INTO \`main\`.\`synth\`.\`${t}\` (`)));
      expect(w.tables.get(t)?.versions.length).toBeGreaterThan(before.get(t) as number);
    }
    // No CREATE OR REPLACE of a final table in an append.
    expect(w.executed.some((s) => /^CREATE OR REPLACE TABLE `main`\.`synth`\.`(households|individuals)`/.test(s) && w.executed.indexOf(s) > w.executed.indexOf(staged[0] as string))).toBe(false);
    expect([...w.tables.keys()].some((t) => t.startsWith('_synthgraph_stage_'))).toBe(false);
    expect(second.batches.map((b) => b.index)).toEqual([0, 1]);
    expect(second.batches[0]).toEqual(first.batches[0]);
    expect(second.checks.length).toBe(first.checks.length);
  });

  it('continues the batches of the run that wrote the same tables, not of another prefix in the schema', async () => {
    const w = new FakeWarehouse();
    await generate(ir(40, 0), engine(w, { tablePrefix: 'a_' }));
    await generate(ir(40, 0), engine(w, { tablePrefix: 'b_' }));
    await generate(ir(40, 1), engine(w, { tablePrefix: 'b_', mode: 'append' }));
    const third = await generate(ir(40, 2), engine(w, { tablePrefix: 'a_', mode: 'append' }));
    expect(third.batches.map((b) => b.index)).toEqual([0, 1]);
    expect((third.extra['databricks'] as { tables: Record<string, string> }).tables['households']).toBe('main.synth.a_households');
  });

  it('builds the same statements for the same run id (a resume presents the same plan)', () => {
    const a = databricksStatements(ir(40, 1), { catalog: 'main', schema: 'synth', mode: 'append' }, 'r1');
    const b = databricksStatements(ir(40, 1), { catalog: 'main', schema: 'synth', mode: 'append' }, 'r1');
    expect(a.steps).toEqual(b.steps);
    expect(a.plan).toEqual(b.plan);
    expect(a.staging).toHaveLength(ALL.length);
    expect(latestManifestSql('main', 'synth')).toContain("get_json_object(detail, '$.manifest')");
  });
});
