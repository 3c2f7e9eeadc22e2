/**
 * Example: a script that generates the identity graph on Databricks. It validates a config whose target is a Unity Catalog `catalog.schema`,
 * compiles the run to plain Spark SQL with `sparkDialect` (Delta tables, informational keys, run
 * metadata as table properties), prints the plan, then checks the Unity Catalog privileges the
 * run needs — with REST calls only, before any compute starts. Run it with
 *
 *   node_modules/.bin/tsx --conditions=source examples/databricks-script.ts
 *
 * With DATABRICKS_HOST (and DATABRICKS_TOKEN, or OAuth M2M client credentials, or a profile)
 * set, the check runs against that workspace as the caller; with SYNTHGRAPH_EXECUTE=1 and a
 * warehouse (DATABRICKS_WAREHOUSE_ID) the script then runs the tables on it with the
 * `databricks()` engine and prints the row counts and checks. Without it, the script serves a tiny
 * Unity Catalog endpoint on 127.0.0.1 itself (node:http) and checks against that — twice: once
 * with every privilege granted, once with CREATE TABLE missing, to show the GRANT statement the
 * check prints; with SYNTHGRAPH_EXECUTE=1 it then rehearses the run on local Spark + Delta
 * (`databricksLocal`, the statements of a Databricks run; scripts/setup-spark.sh once). Other settings: SYNTHGRAPH_TARGET (catalog.schema, default
 * main.synthgraph_demo), SYNTHGRAPH_HOUSEHOLDS (default 100000), SYNTHGRAPH_SEED (default 42).
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { buildPlan, formatIssues, generate, irHash, SynthgraphError, type Engine, type StatementPlan } from '@synthgraph/core';
import { checkGrants, databricks, databricksLocal, resolveDatabricksConfig, sparkDialect, sparkIdent, type GrantReport } from '@synthgraph/databricks';
import { getPreset, type IdentityGraphConfig } from '@synthgraph/presets';

/** What the script generates, from the environment. */
export interface ScriptSettings {
  readonly target: string;
  readonly households: number;
  readonly seed: number;
}

/** Reads the settings (defaults suit a first try). */
export function settingsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): ScriptSettings {
  return {
    target: env['SYNTHGRAPH_TARGET'] ?? 'main.synthgraph_demo',
    households: Number(env['SYNTHGRAPH_HOUSEHOLDS'] ?? 100_000),
    seed: Number(env['SYNTHGRAPH_SEED'] ?? 42),
  };
}

/** Validates the config for the settings; throws with every issue (path, value, fix). */
export function resolveConfig(s: ScriptSettings): IdentityGraphConfig {
  const r = getPreset('identity-graph').validateConfig({
    run: { seed: s.seed, target: s.target, table_prefix: 'ig_' },
    households: { num_households: s.households },
    campaigns: { num_campaigns: 30 },
  });
  if (!r.ok) throw new Error(`invalid config:\n${formatIssues(r.issues)}`);
  for (const w of r.warnings) console.warn(`warning: ${w.path}: ${w.message}`);
  return r.config;
}

/** The Spark SQL plan of a run into `catalog.schema`, tables named `<prefix><table>`. */
export function databricksPlan(config: IdentityGraphConfig): { readonly plan: StatementPlan; readonly irHash: string } {
  const [catalog, schema] = config.run.target.split('.') as [string, string];
  const seed = config.run.seed ?? 42;
  const ir = getPreset('identity-graph').build(config).toIR({ seed });
  const tableRef = (entity: string): string => [catalog, schema, `${config.run.table_prefix}${entity}`].map(sparkIdent).join('.');
  const dialect = sparkDialect({
    unityCatalogConstraints: true,
    tableRef,
    properties: { 'synthgraph.seed': String(seed), 'synthgraph.ir_hash': irHash(ir), 'synthgraph.batch': String(config.run.batch) },
  });
  return { plan: buildPlan(ir, dialect, { tableRef }), irHash: irHash(ir) };
}

// ---------------------------------------------------------------- a local Unity Catalog endpoint

/** Privileges granted in the local workspace: principal → securable full name → privileges. */
type LocalGrants = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/**
 * Serves the REST calls of the grant check (SCIM Me, catalog, schema, effective permissions) for
 * one caller on 127.0.0.1, in the API's wire format. Read-only; anything else is a 404.
 */
export async function serveLocalUnityCatalog(o: { readonly token: string; readonly me: string; readonly catalog: string; readonly schema: string; readonly grants: LocalGrants }): Promise<{ readonly url: string; close(): Promise<void> }> {
  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (req.headers.authorization !== `Bearer ${o.token}`) return json(res, 401, { error_code: 'UNAUTHENTICATED', message: 'Invalid access token.' });
    if (path === '/api/2.0/preview/scim/v2/Me') return json(res, 200, { id: '1', userName: o.me, active: true, groups: [] });
    const fullSchema = `${o.catalog}.${o.schema}`;
    if (path === `/api/2.1/unity-catalog/catalogs/${o.catalog}`) return json(res, 200, { name: o.catalog, full_name: o.catalog, owner: 'workspace-admins' });
    if (path === `/api/2.1/unity-catalog/schemas/${fullSchema}`) return json(res, 200, { name: o.schema, catalog_name: o.catalog, full_name: fullSchema, owner: 'workspace-admins' });
    const eff = /^\/api\/2\.1\/unity-catalog\/effective-permissions\/(catalog|schema)\/(.+)$/i.exec(path);
    if (eff && (eff[2] === o.catalog || eff[2] === fullSchema)) {
      const onSchema = eff[2] === fullSchema;
      const privilege_assignments = Object.entries(o.grants).map(([principal, on]) => ({
        principal,
        privileges: [
          ...(on[eff[2] as string] ?? []).map((privilege) => ({ privilege })),
          // a schema also lists what was granted on its catalog
          ...(onSchema ? (on[o.catalog] ?? []).map((privilege) => ({ privilege, inherited_from_type: 'CATALOG', inherited_from_name: o.catalog })) : []),
        ],
      }));
      return json(res, 200, { privilege_assignments });
    }
    return json(res, 404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Not served locally: ${req.method} ${path}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

function printReport(r: GrantReport): void {
  console.log(`-- grant check for ${r.principal} (${r.principalType}) on ${r.catalog}.${r.schema}, mode ${r.mode}: needs ${r.required.join(', ')}`);
  if (r.satisfied) console.log('--   every privilege is held: the run may start');
  else for (const m of r.missing) console.log(`--   missing ${m.privilege} on ${m.securableType.toLowerCase()} ${m.securable}; an admin runs:\n${m.grantStatement};`);
  for (const n of r.notes) console.log(`--   note: ${n}`);
}

async function main(): Promise<void> {
  const config = resolveConfig(settingsFromEnv());
  const { plan, irHash: hash } = databricksPlan(config);
  console.log(`-- synthgraph identity graph → ${config.run.target} (${plan.dialect} SQL), seed ${config.run.seed}, IR ${hash.replace(/^sha256:/, '').slice(0, 12)}`);
  console.log(`-- ${plan.tables.length} tables in dependency order, then ${plan.checks.length} checks\n`);
  for (const t of plan.tables) console.log(`--   ${t.table}${t.plan.estimatedRows !== null ? `  (~${t.plan.estimatedRows.toLocaleString('en-US')} rows)` : ''}`);
  const first = plan.tables[0];
  if (first) {
    const lines = first.sql.join(';\n').split('\n');
    console.log(`\n-- the first statement (${lines.length} lines; value pools are inlined, so no file or UDF is needed on the cluster):\n${lines.slice(0, 7).join('\n')}\n…\n`);
  }
  const check = plan.checks[0];
  if (check) console.log(`-- a check (its count must be 0): ${check.name}\n${check.sql};\n`);

  const [catalog, schema] = config.run.target.split('.') as [string, string];
  const request = { catalog, schema, mode: config.run.mode } as const;
  if (process.env['DATABRICKS_HOST']) {
    const conn = await resolveDatabricksConfig();
    const report = await checkGrants(request, conn.workspaceClient());
    printReport(report);
    if (!report.satisfied) {
      process.exitCode = 3;
      return;
    }
    if (process.env['SYNTHGRAPH_EXECUTE'] !== '1') {
      console.log('-- set SYNTHGRAPH_EXECUTE=1 (and DATABRICKS_WAREHOUSE_ID) to run it on the warehouse');
      return;
    }
    // The run itself: the same plan through the Databricks engine, on the warehouse, with the ledger.
    const engine = databricks({ catalog, schema, connection: conn, tablePrefix: config.run.table_prefix, mode: config.run.mode, grantsChecked: report });
    await runAndReport(config, engine, 'written');
    return;
  }
  // No workspace: check against a local endpoint, first fully granted, then without CREATE TABLE.
  const token = 'dapi-local-example-token';
  const me = 'you@example.com';
  const granted: LocalGrants = { [me]: { [catalog]: ['USE_CATALOG'], [`${catalog}.${schema}`]: ['USE_SCHEMA', 'CREATE_TABLE'] } };
  const missingCreate: LocalGrants = { [me]: { [catalog]: ['USE_CATALOG'], [`${catalog}.${schema}`]: ['USE_SCHEMA'] } };
  for (const grants of [granted, missingCreate]) {
    const local = await serveLocalUnityCatalog({ token, me, catalog, schema, grants });
    try {
      const conn = await resolveDatabricksConfig({ host: local.url, token, env: {}, retryTimeoutSeconds: 5 });
      printReport(await checkGrants(request, conn.workspaceClient()));
    } finally {
      await local.close();
    }
  }
  if (process.env['SYNTHGRAPH_EXECUTE'] !== '1') {
    console.log('-- (DATABRICKS_HOST is unset: checked against a local Unity Catalog endpoint; nothing was executed)');
    console.log('-- set SYNTHGRAPH_EXECUTE=1 to rehearse the run on local Spark + Delta (scripts/setup-spark.sh once)');
    return;
  }
  // No workspace, but asked to execute: the same statements, rehearsed on local Spark + Delta.
  const engine = databricksLocal({ warehouseDir: '.synthgraph-rehearsal', schema, tablePrefix: config.run.table_prefix, mode: config.run.mode });
  await runAndReport(config, engine, 'rehearsed on local Spark + Delta (tables in .synthgraph-rehearsal)');
}

/** Runs the identity graph on `engine`, printing each table's rows and the checks. */
async function runAndReport(config: IdentityGraphConfig, engine: Engine, where: string): Promise<void> {
  const manifest = await generate(getPreset('identity-graph').build(config), engine, {
    seed: config.run.seed ?? 42,
    onProgress: (e) => {
      if (e.state === 'finished' && e.phase === 'table') console.log(`--   ${e.table}: ${(e.rows ?? 0).toLocaleString('en-US')} rows`);
    },
  });
  const failed = manifest.checks.filter((c) => c.violations !== 0);
  console.log(`-- ${manifest.totalRows.toLocaleString('en-US')} rows ${where}; ${manifest.checks.length - failed.length} checks passed, ${failed.length} failed`);
  if (failed.length) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await main().catch((e: unknown) => {
    // synthgraph errors are user-facing (credentials are redacted from them); anything else is a bug
    if (!(e instanceof SynthgraphError)) throw e;
    console.error(`error: ${e.message}`);
    process.exitCode = e.code === 'MISSING_PRIVILEGES' ? 3 : 1;
  });
