/**
 * `generate --target databricks`: the options that choose the workspace, warehouse, catalog and
 * schema, and the engine built from them.
 */
import path from 'node:path';
import type { Engine, Issue } from '@synthgraph/core';
import type { EngineLoader } from '../engines.js';
import type { CliIO } from '../io.js';
import { choiceOption, type Values } from '../options.js';

/** The options `generate` adds for the Databricks target. */
export const databricksOptions = {
  catalog: { type: 'string' },
  schema: { type: 'string' },
  warehouse: { type: 'string' },
  'http-path': { type: 'string' },
  profile: { type: 'string' },
  host: { type: 'string' },
  'no-constraints': { type: 'boolean' },
  'run-id': { type: 'string' },
  recover: { type: 'string' },
  rehearse: { type: 'boolean' },
} as const;

/** Where the rehearsal keeps its local warehouse (Delta tables, ledger, metastore), under the working directory. */
export const REHEARSAL_DIR = '.synthgraph-rehearsal';

/** Options of the Databricks target that name the workspace: meaningless for a rehearsal. */
const WORKSPACE_OPTIONS = ['catalog', 'warehouse', 'http-path', 'profile', 'host'] as const;

/** Help lines for {@link databricksOptions}. */
export const DATABRICKS_HELP = `Databricks (--target databricks; credentials: DATABRICKS_HOST + DATABRICKS_TOKEN,
DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET, or a ~/.databrickscfg profile):
  --catalog C            Unity Catalog catalog (or run.target: catalog.schema in the config)
  --schema S             schema; created when missing (needs CREATE SCHEMA)
  --warehouse ID         SQL warehouse id (or DATABRICKS_WAREHOUSE_ID, profile warehouse_id)
  --http-path P          warehouse HTTP path instead of an id
  --profile NAME         ~/.databrickscfg profile
  --host URL             workspace URL (beats DATABRICKS_HOST)
  --no-constraints       no informational PRIMARY/FOREIGN KEY constraints (non-UC catalogs)
  --recover R            an unfinished earlier run on these tables: fail (default) |
                         rollback (restore its tables) | resume (with --run-id, finish it)
  --run-id ID            run id for the ledger (default: a new UUID); the id to resume
  --out DIR              optional: also write manifest.json and report.html there
  --rehearse             run the same statements on local Spark + Delta instead
                         (same as --target databricks-local; no workspace, no grants;
                         tables kept in ./.synthgraph-rehearsal, schema --schema or synthgraph)
The privileges are checked first; when one is missing nothing is executed and the
GRANT statements are printed (exit 3).`;

/** Where `generate` writes: a local engine, Databricks with a catalog and schema, or its local rehearsal. */
export type Target = 'duckdb' | 'spark' | 'databricks' | 'databricks-local';

/**
 * Chooses the target: `--target`, else `run.target` of the config (`catalog.schema` ⇒ databricks), else duckdb. `--rehearse` turns databricks into databricks-local.
 * A Databricks target loads `@synthgraph/databricks` (its name rules); a missing package is an `EngineMissingError`.
 */
export async function chooseTarget(values: Values, config: Record<string, unknown>, issues: Issue[], engines: EngineLoader): Promise<{ target: Target; catalog?: string; schema?: string }> {
  const explicit = choiceOption(values, 'target', ['duckdb', 'spark', 'databricks', 'databricks-local'] as const, issues);
  const configured = (config['run'] as { target?: string } | undefined)?.target;
  const [cCatalog, cSchema] = configured && configured !== 'local' ? configured.split('.') : [];
  const chosen: Target = explicit ?? (cCatalog ? 'databricks' : 'duckdb');
  const target: Target = chosen === 'databricks' && values['rehearse'] ? 'databricks-local' : chosen;
  if (target !== 'databricks' && target !== 'databricks-local') {
    for (const k of Object.keys(databricksOptions)) {
      if (values[k] !== undefined) issues.push({ path: `--${k}`, message: `applies to --target databricks only`, value: values[k], fix: `add --target databricks, or drop --${k}` });
    }
    return { target };
  }
  const { unityCatalogNameIssues } = await engines.databricks(`generate --target ${target}`);
  const catalog = (values['catalog'] as string | undefined) ?? cCatalog;
  const schema = (values['schema'] as string | undefined) ?? cSchema;
  const fields: ReadonlyArray<readonly ['catalog' | 'schema', string | undefined]> = target === 'databricks' ? [['catalog', catalog], ['schema', schema]] : [['schema', schema ?? 'synthgraph']];
  for (const [field, value] of fields) {
    if (value === undefined) {
      issues.push({ path: `--${field}`, message: 'is required with --target databricks', fix: `--${field} ${field === 'catalog' ? 'main' : 'synthgraph'} (or run.target: main.synthgraph in the config)` });
      continue;
    }
    issues.push(...unityCatalogNameIssues(field, value, `--${field}`));
  }
  if (explicit === 'databricks-local') {
    for (const k of WORKSPACE_OPTIONS) if (values[k] !== undefined) issues.push({ path: `--${k}`, message: 'does not apply to --target databricks-local (a local rehearsal: no workspace)', value: values[k], fix: `drop --${k}` });
  }
  for (const k of ['format', 'threads', 'memory-limit'] as const) {
    if (values[k] !== undefined) issues.push({ path: `--${k}`, message: 'does not apply to --target databricks (the warehouse writes Delta tables)', value: values[k], fix: `drop --${k}` });
  }
  if (values['warehouse'] !== undefined && values['http-path'] !== undefined) issues.push({ path: '--warehouse', message: 'give either --warehouse or --http-path, not both', fix: 'keep one' });
  choiceOption(values, 'recover', ['fail', 'rollback', 'resume'] as const, issues);
  if (values['recover'] === 'resume' && values['run-id'] === undefined) issues.push({ path: '--run-id', message: 'is required with --recover resume', fix: 'pass the id of the unfinished run (printed by the failed run)' });
  if (values['run-id'] !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(String(values['run-id']))) issues.push({ path: '--run-id', message: 'must be 1–64 letters, digits, - or _', value: values['run-id'] });
  return target === 'databricks' ? { target, catalog, schema } : { target, schema: schema ?? 'synthgraph' };
}

/** The run options both Databricks targets take from the command line. */
function runOptions(values: Values, run: { mode: 'replace' | 'append'; tablePrefix: string }) {
  return {
    mode: run.mode,
    tablePrefix: run.tablePrefix,
    constraints: !values['no-constraints'],
    ...(values['run-id'] !== undefined ? { runId: String(values['run-id']) } : {}),
    ...(values['recover'] !== undefined ? { recover: values['recover'] as 'fail' | 'rollback' | 'resume' } : {}),
  };
}

/**
 * Builds the rehearsal engine (`--target databricks-local` or `--rehearse`): the Databricks
 * statements on local Spark + Delta, tables kept in {@link REHEARSAL_DIR}.
 */
export async function databricksLocalEngineFor(engines: EngineLoader, values: Values, schema: string, run: { mode: 'replace' | 'append'; tablePrefix: string }, io: CliIO): Promise<Engine> {
  const { databricksLocal } = await engines.databricks('generate --target databricks-local');
  return databricksLocal({ warehouseDir: path.resolve(io.cwd, REHEARSAL_DIR), schema, ...runOptions(values, run) });
}

/** Builds the Databricks engine: resolves the connection (no network call yet). */
export async function databricksEngineFor(
  engines: EngineLoader,
  values: Values,
  where: { catalog: string; schema: string },
  run: { mode: 'replace' | 'append'; tablePrefix: string },
  io: CliIO,
): Promise<Engine> {
  const { databricks, resolveDatabricksConfig } = await engines.databricks('generate --target databricks');
  const connection = await resolveDatabricksConfig({
    ...(values['profile'] !== undefined ? { profile: String(values['profile']) } : {}),
    ...(values['host'] !== undefined ? { host: String(values['host']) } : {}),
    ...(values['warehouse'] !== undefined ? { warehouseId: String(values['warehouse']) } : {}),
    ...(values['http-path'] !== undefined ? { httpPath: String(values['http-path']) } : {}),
    env: io.env,
  });
  // Fails early (exit 2) when no warehouse is configured, before the grant check.
  connection.sqlConnectOptions();
  return databricks({ catalog: where.catalog, schema: where.schema, connection, ...runOptions(values, run) });
}
