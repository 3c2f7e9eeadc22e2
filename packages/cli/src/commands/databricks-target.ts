/**
 * `generate --target databricks`: the options that choose the workspace, warehouse, catalog and
 * schema, and the engine built from them.
 */
import type { Engine, Issue } from '@synthgraph/core';
import { databricks, resolveDatabricksConfig, unityCatalogNameIssues } from '@synthgraph/databricks';
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
} as const;

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
The privileges are checked first; when one is missing nothing is executed and the
GRANT statements are printed (exit 3).`;

/** Where `generate` writes: a local engine, or Databricks with a catalog and schema. */
export type Target = 'duckdb' | 'spark' | 'databricks';

/** Chooses the target: `--target`, else `run.target` of the config (`catalog.schema` ⇒ databricks), else duckdb. */
export function chooseTarget(values: Values, config: Record<string, unknown>, issues: Issue[]): { target: Target; catalog?: string; schema?: string } {
  const explicit = choiceOption(values, 'target', ['duckdb', 'spark', 'databricks'] as const, issues);
  const configured = (config['run'] as { target?: string } | undefined)?.target;
  const [cCatalog, cSchema] = configured && configured !== 'local' ? configured.split('.') : [];
  const target: Target = explicit ?? (cCatalog ? 'databricks' : 'duckdb');
  if (target !== 'databricks') {
    for (const k of Object.keys(databricksOptions)) {
      if (values[k] !== undefined) issues.push({ path: `--${k}`, message: `applies to --target databricks only`, value: values[k], fix: `add --target databricks, or drop --${k}` });
    }
    return { target };
  }
  const catalog = (values['catalog'] as string | undefined) ?? cCatalog;
  const schema = (values['schema'] as string | undefined) ?? cSchema;
  for (const [field, value] of [
    ['catalog', catalog],
    ['schema', schema],
  ] as const) {
    if (value === undefined) {
      issues.push({ path: `--${field}`, message: 'is required with --target databricks', fix: `--${field} ${field === 'catalog' ? 'main' : 'synthgraph'} (or run.target: main.synthgraph in the config)` });
      continue;
    }
    issues.push(...unityCatalogNameIssues(field, value, `--${field}`));
  }
  for (const k of ['format', 'threads', 'memory-limit'] as const) {
    if (values[k] !== undefined) issues.push({ path: `--${k}`, message: 'does not apply to --target databricks (the warehouse writes Delta tables)', value: values[k], fix: `drop --${k}` });
  }
  if (values['warehouse'] !== undefined && values['http-path'] !== undefined) issues.push({ path: '--warehouse', message: 'give either --warehouse or --http-path, not both', fix: 'keep one' });
  choiceOption(values, 'recover', ['fail', 'rollback', 'resume'] as const, issues);
  if (values['recover'] === 'resume' && values['run-id'] === undefined) issues.push({ path: '--run-id', message: 'is required with --recover resume', fix: 'pass the id of the unfinished run (printed by the failed run)' });
  if (values['run-id'] !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(String(values['run-id']))) issues.push({ path: '--run-id', message: 'must be 1–64 letters, digits, - or _', value: values['run-id'] });
  return { target, catalog, schema };
}

/** Builds the Databricks engine: resolves the connection (no network call yet). */
export async function databricksEngineFor(
  values: Values,
  where: { catalog: string; schema: string },
  run: { mode: 'replace' | 'append'; tablePrefix: string },
  io: CliIO,
): Promise<Engine> {
  const connection = await resolveDatabricksConfig({
    ...(values['profile'] !== undefined ? { profile: String(values['profile']) } : {}),
    ...(values['host'] !== undefined ? { host: String(values['host']) } : {}),
    ...(values['warehouse'] !== undefined ? { warehouseId: String(values['warehouse']) } : {}),
    ...(values['http-path'] !== undefined ? { httpPath: String(values['http-path']) } : {}),
    env: io.env,
  });
  // Fails early (exit 2) when no warehouse is configured, before the grant check.
  connection.sqlConnectOptions();
  return databricks({
    catalog: where.catalog,
    schema: where.schema,
    connection,
    mode: run.mode,
    tablePrefix: run.tablePrefix,
    constraints: !values['no-constraints'],
    ...(values['run-id'] !== undefined ? { runId: String(values['run-id']) } : {}),
    ...(values['recover'] !== undefined ? { recover: values['recover'] as 'fail' | 'rollback' | 'resume' } : {}),
  });
}
