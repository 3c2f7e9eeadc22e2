import { buildPlan, getDialect, listDialects, prettyIR, type Issue } from '@synthgraph/core';
// Importing the dialect packages registers their dialects (duckdb, spark).
import '@synthgraph/duckdb';
import { databricksStatements, unityCatalogNameIssues } from '@synthgraph/databricks';
import type { CliIO } from '../io.js';
import { choiceOption, parse, throwIfIssues } from '../options.js';
import { resolveRun, scenarioOptions } from '../scenario-source.js';

export const PLAN_HELP = `Usage: synthgraph plan [options]

Prints the statements a run would execute (one CREATE TABLE … AS SELECT per table, in
dependency order, then one violation-count query per check). Executes nothing.

Options:
  --dialect D          duckdb (default) | spark | databricks (the exact statements of
                       generate --target databricks, with --catalog and --schema)
  --catalog C          catalog for --dialect databricks
  --schema S           schema for --dialect databricks
  --mode M             replace (default) | append, for --dialect databricks
  --no-constraints     without informational PRIMARY/FOREIGN KEY constraints
  --preset NAME        preset (default identity-graph)
  -c, --config FILE    config file (JSON or YAML)
  --households N       number of households
  --seed S             seed
  --ir                 print the readable IR instead of SQL
  --no-checks          omit the check queries
  -h, --help           this help`;

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
      help: { type: 'boolean', short: 'h' },
    },
    'plan',
  );
  if (values['help']) {
    io.stdout.write(`${PLAN_HELP}\n`);
    return 0;
  }
  const issues: Issue[] = [];
  const dialectName = choiceOption(values, 'dialect', [...listDialects(), 'databricks'], issues) ?? 'duckdb';
  const mode = choiceOption(values, 'mode', ['replace', 'append'] as const, issues) ?? 'replace';
  if (dialectName === 'databricks') {
    for (const field of ['catalog', 'schema'] as const) {
      if (values[field] === undefined) issues.push({ path: `--${field}`, message: 'is required with --dialect databricks', fix: `--${field} ${field === 'catalog' ? 'main' : 'synthgraph'}` });
      else issues.push(...unityCatalogNameIssues(field, values[field], `--${field}`));
    }
  }
  throwIfIssues(issues, 'plan');
  const run = await resolveRun(values, 'plan', issues, io.cwd);
  const ir = run.toIR();
  if (values['ir']) {
    io.stdout.write(`${prettyIR(ir)}\n`);
    return 0;
  }
  if (dialectName === 'databricks') {
    const runStep = (run.config['run'] as { table_prefix?: string } | undefined) ?? {};
    const o = { catalog: String(values['catalog']), schema: String(values['schema']), mode, tablePrefix: runStep.table_prefix ?? '', constraints: !values['no-constraints'] };
    const { steps } = databricksStatements(ir, o, '<run-id>');
    const parts = [`-- synthgraph plan: ${ir.name}, seed ${ir.seed}, Databricks ${o.catalog}.${o.schema} (${mode}); the run ledger's own statements are not shown`];
    for (const s of steps) if (s.role !== 'check' || !values['no-checks']) parts.push(`-- ${s.kind} ${s.table} (${s.role})\n${s.sql};`);
    io.stdout.write(`${parts.join('\n\n')}\n`);
    return 0;
  }
  const plan = buildPlan(ir, getDialect(dialectName));
  const parts: string[] = [`-- synthgraph plan: ${ir.name}, seed ${ir.seed}, dialect ${plan.dialect}`];
  for (const t of plan.tables) parts.push(`-- table ${t.entity}${t.plan.estimatedRows !== null ? ` (${t.plan.estimatedRows} rows)` : ''}\n${t.sql.join(';\n')};`);
  if (!values['no-checks']) for (const c of plan.checks) parts.push(`-- check ${c.name}\n${c.sql};`);
  io.stdout.write(`${parts.join('\n\n')}\n`);
  return 0;
}
