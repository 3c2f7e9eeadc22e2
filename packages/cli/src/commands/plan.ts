import { buildPlan, prettyIR, type Dialect, type Issue } from '@synthgraph/core';
import { duckdbDialect } from '@synthgraph/duckdb';
import { sparkDialect } from '@synthgraph/databricks';
import type { CliIO } from '../io.js';
import { choiceOption, parse } from '../options.js';
import { resolveRun, scenarioOptions } from '../scenario-source.js';

export const PLAN_HELP = `Usage: synthgraph plan [options]

Prints the statements a run would execute (one CREATE TABLE … AS SELECT per table, in
dependency order, then one violation-count query per check). Executes nothing.

Options:
  --dialect D          duckdb (default) | spark
  --preset NAME        preset (default identity-graph)
  -c, --config FILE    config file (JSON or YAML)
  --households N       number of households
  --seed S             seed
  --ir                 print the readable IR instead of SQL
  --no-checks          omit the check queries
  -h, --help           this help`;

/** Dialects `plan` can print. */
export const DIALECTS: Record<string, Dialect> = { duckdb: duckdbDialect, spark: sparkDialect() };

/** `synthgraph plan`. */
export async function planCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { ...scenarioOptions, dialect: { type: 'string' }, ir: { type: 'boolean' }, 'no-checks': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, 'plan');
  if (values['help']) {
    io.stdout.write(`${PLAN_HELP}\n`);
    return 0;
  }
  const issues: Issue[] = [];
  const dialectName = choiceOption(values, 'dialect', Object.keys(DIALECTS), issues) ?? 'duckdb';
  const run = await resolveRun(values, 'plan', issues, io.cwd);
  const ir = run.toIR();
  if (values['ir']) {
    io.stdout.write(`${prettyIR(ir)}\n`);
    return 0;
  }
  const plan = buildPlan(ir, DIALECTS[dialectName] as Dialect);
  const parts: string[] = [`-- synthgraph plan: ${ir.name}, seed ${ir.seed}, dialect ${plan.dialect}`];
  for (const t of plan.tables) parts.push(`-- table ${t.entity}${t.plan.estimatedRows !== null ? ` (${t.plan.estimatedRows} rows)` : ''}\n${t.sql.join(';\n')};`);
  if (!values['no-checks']) for (const c of plan.checks) parts.push(`-- check ${c.name}\n${c.sql};`);
  io.stdout.write(`${parts.join('\n\n')}\n`);
  return 0;
}
