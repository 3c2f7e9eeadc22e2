import { buildPlan, checkColumn, getDialect, listDialects, prettyIR, type CheckVerification, type Issue } from '@synthgraph/core';
import { DIALECT_PACKAGES, enginesOf } from '../engines.js';
import type { CliIO } from '../io.js';
import { choiceOption, parse, throwIfIssues } from '../options.js';
import { resolveRun, scenarioOptions } from '../scenario-source.js';

export const PLAN_HELP = `Usage: synthgraph plan [options]

Prints the statements a run would execute (the lookup tables of large pools, one CREATE
TABLE … AS SELECT per table in dependency order, the lookup tables dropped, then the checks:
one statement per table whose one row holds, in column c<i>, the violations of its i-th
check). Executes nothing.

Options:
  --dialect D          duckdb (default) | spark | databricks (the exact statements of
                       generate --target databricks, with --catalog and --schema)
  --catalog C          catalog for --dialect databricks
  --schema S           schema for --dialect databricks
  --mode M             replace (default) | append, for --dialect databricks
  --no-constraints     without informational PRIMARY/FOREIGN KEY constraints
  --preset NAME|PATH   preset (default identity-graph) or a preset module's path
  -c, --config FILE    config file (JSON or YAML)
  --households N       number of households
  --seed S             seed
  --ir                 print the readable IR instead of SQL
  --no-checks          omit the check statements
  --json               print JSON on stdout instead (see PlanJson; with --ir: { scenario,
                       seed, ir }):
                       { "scenario", "seed", "dialect", "statements": [{ "kind": "lookup" |
                         "table" | "check" | …, "table", "role"?, "estimatedRows"?,
                         "checks"?: [{ "name", "column", "verified" }], "sql" }] }
  -h, --help           this help`;

/**
 * The `plan --json` document: every statement in execution order.
 *
 * @example
 * ```ts
 * const plan = JSON.parse(stdout) as PlanJson;
 * for (const s of plan.statements) if (s.kind === 'table') console.log(s.table, s.estimatedRows);
 * ```
 */
export interface PlanJson {
  readonly scenario: string;
  readonly seed: number;
  readonly dialect: string;
  readonly statements: readonly PlanJsonStatement[];
}

/**
 * One statement of {@link PlanJson}. A `check` statement covers every check of its table: its one
 * row holds, in `checks[i].column`, the violation count of `checks[i].name`, verified as
 * `checks[i].verified` says (a scan of every row, or a foreign key that holds by construction,
 * spot-checked over a sample).
 *
 * @example
 * ```ts
 * const s: PlanJsonStatement = { kind: 'check', table: 'individuals', checks: [{ name: 'individuals.primaryKey(individual_id)', column: 'c0', verified: 'scan' }], sql: 'SELECT …' };
 * ```
 */
export interface PlanJsonStatement {
  readonly kind: string;
  readonly table: string;
  readonly role?: string;
  readonly estimatedRows?: number | null;
  readonly checks?: readonly { readonly name: string; readonly column: string; readonly verified?: CheckVerification }[];
  readonly sql: string;
}

/** The checks a check statement covers, for the JSON and the text plan. */
function checksOf(names: readonly string[], verified?: readonly CheckVerification[]): { name: string; column: string; verified?: CheckVerification }[] {
  return names.map((name, i) => ({ name, column: checkColumn(i), ...(verified?.[i] ? { verified: verified[i] } : {}) }));
}

/** The comment above a check statement: which column holds which check's violations. */
function checksComment(table: string, names: readonly string[], verified: readonly CheckVerification[]): string {
  const lines = checksOf(names, verified).map((c) => `--   ${c.column} ${c.name}${c.verified === 'construction+sample' ? ' (holds by construction; spot-checked over a sample)' : ''}`);
  return [`-- checks of ${table}: one statement, one row; column c<i> = violations of check i`, ...lines].join('\n');
}

/** `synthgraph plan`. */
export async function planCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parse(
    args,
    {
      ...scenarioOptions,
      dialect: { type: 'string' },
      ir: { type: 'boolean' },
      'no-checks': { type: 'boolean' },
      catalog: { type: 'string' },
      schema: { type: 'string' },
      mode: { type: 'string' },
      'no-constraints': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    'plan',
  );
  if (values['help']) {
    io.stdout.write(`${PLAN_HELP}\n`);
    return 0;
  }
  const issues: Issue[] = [];
  // The dialects of the engine packages (loaded below: importing one registers its dialects), and any other registered one.
  const dialectName = choiceOption(values, 'dialect', [...new Set([...Object.keys(DIALECT_PACKAGES), ...listDialects()])], issues) ?? 'duckdb';
  const mode = choiceOption(values, 'mode', ['replace', 'append'] as const, issues) ?? 'replace';
  throwIfIssues(issues, 'plan');
  const engines = enginesOf(io.importEngine);
  if (!values['ir']) await engines.dialect(dialectName, `plan --dialect ${dialectName}`);
  if (dialectName === 'databricks') {
    const { unityCatalogNameIssues } = await engines.databricks('plan --dialect databricks');
    for (const field of ['catalog', 'schema'] as const) {
      if (values[field] === undefined) issues.push({ path: `--${field}`, message: 'is required with --dialect databricks', fix: `--${field} ${field === 'catalog' ? 'main' : 'synthgraph'}` });
      else issues.push(...unityCatalogNameIssues(field, values[field], `--${field}`));
    }
  }
  throwIfIssues(issues, 'plan');
  const run = await resolveRun(values, 'plan', issues, io.cwd);
  const ir = run.toIR();
  const json = (doc: unknown): number => (io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`), 0);
  if (values['ir']) {
    if (values['json']) return json({ scenario: ir.name, seed: ir.seed, ir });
    io.stdout.write(`${prettyIR(ir)}\n`);
    return 0;
  }
  if (dialectName === 'databricks') {
    const runStep = (run.config['run'] as { table_prefix?: string } | undefined) ?? {};
    const o = { catalog: String(values['catalog']), schema: String(values['schema']), mode, tablePrefix: runStep.table_prefix ?? '', constraints: !values['no-constraints'] };
    const { databricksStatements } = await engines.databricks('plan --dialect databricks');
    const { steps } = databricksStatements(ir, o, '<run-id>');
    const shown = steps.filter((st) => st.role !== 'check' || !values['no-checks']);
    if (values['json']) return json({ scenario: ir.name, seed: ir.seed, dialect: 'databricks', statements: shown.map((st) => ({ kind: st.kind, table: st.table, role: st.role, ...(st.checkNames ? { checks: checksOf(st.checkNames, st.checkVerified) } : {}), sql: st.sql })) } satisfies PlanJson);
    const parts = [`-- synthgraph plan: ${ir.name}, seed ${ir.seed}, Databricks ${o.catalog}.${o.schema} (${mode}); the run ledger's own statements are not shown`];
    for (const s of steps) if (s.role !== 'check' || !values['no-checks']) parts.push(`-- ${s.kind} ${s.table} (${s.role})\n${s.sql};`);
    io.stdout.write(`${parts.join('\n\n')}\n`);
    return 0;
  }
  const plan = buildPlan(ir, getDialect(dialectName));
  if (values['json']) {
    const lookups = plan.lookups ?? [];
    const created = lookups.map((l) => ({ kind: 'lookup', table: l.table, role: 'create', sql: l.sql.join(';\n') }));
    const tables = plan.tables.map((t) => ({ kind: 'table', table: t.entity, estimatedRows: t.plan.estimatedRows, sql: t.sql.join(';\n') }));
    const dropped = lookups.map((l) => ({ kind: 'lookup', table: l.table, role: 'drop', sql: l.drop }));
    const checks = values['no-checks'] ? [] : plan.checkGroups.map((g) => ({ kind: 'check', table: g.entity, checks: checksOf(g.names, g.verified), sql: g.sql }));
    return json({ scenario: ir.name, seed: ir.seed, dialect: plan.dialect, statements: [...created, ...tables, ...dropped, ...checks] } satisfies PlanJson);
  }
  const parts: string[] = [`-- synthgraph plan: ${ir.name}, seed ${ir.seed}, dialect ${plan.dialect}`];
  for (const l of plan.lookups ?? []) parts.push(`-- lookup table ${l.table} (${l.rows} rows)\n${l.sql.join(';\n')};`);
  for (const t of plan.tables) parts.push(`-- table ${t.entity}${t.plan.estimatedRows !== null ? ` (${t.plan.estimatedRows} rows)` : ''}\n${t.sql.join(';\n')};`);
  for (const l of plan.lookups ?? []) parts.push(`-- drop lookup table ${l.table}\n${l.drop};`);
  if (!values['no-checks']) for (const g of plan.checkGroups) parts.push(`${checksComment(g.entity, g.names, g.verified)}\n${g.sql};`);
  io.stdout.write(`${parts.join('\n\n')}\n`);
  return 0;
}
