import type { GrantReport } from '@synthgraph/databricks';
import type { Issue } from '@synthgraph/core';
import type { CliIO } from '../io.js';
import { EXIT } from '../cli-error.js';
import { enginesOf } from '../engines.js';
import { choiceOption, parse, throwIfIssues } from '../options.js';

export const CHECK_GRANTS_HELP = `Usage: synthgraph check-grants --catalog C --schema S [--mode replace|append]
                               [--profile NAME] [--host URL] [--json]

Checks, before any compute, that the authenticated principal (DATABRICKS_HOST +
DATABRICKS_TOKEN, OAuth M2M client id/secret, or a ~/.databrickscfg profile) holds
USE CATALOG, USE SCHEMA and CREATE TABLE (MODIFY for append; CREATE SCHEMA when the
schema does not exist). Sends no SQL statement.

Exit codes: 0 all privileges held, 3 privileges missing (the GRANT statements to ask
for are printed), 2 invalid input or credentials, 1 other failures.`;

/** Renders a grant report for people. */
export function renderGrantReport(r: GrantReport): string {
  const lines = [`principal: ${r.principal} (${r.principalType})`, `target: ${r.catalog}.${r.schema} (mode ${r.mode}${r.schemaExists ? '' : ', schema will be created'})`];
  const unknown = r.unknown?.length ?? 0;
  if (r.satisfied && unknown === 0) lines.push(`ok: all ${r.required.length} required privileges are held`);
  else if (r.satisfied) lines.push(`ok: no required privilege is missing, but ${unknown} could not be checked (see the warnings)`);
  else {
    lines.push(`missing ${r.missing.length} privilege(s); ask an admin to run:`);
    for (const m of r.missing) lines.push(`  ${m.grantStatement};${m.alternative ? `  -- or: ${m.alternative};` : ''}`);
  }
  for (const note of r.notes) lines.push(`warning: ${note}`);
  return lines.join('\n');
}

/** `synthgraph check-grants`. */
export async function checkGrantsCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parse(
    args,
    { catalog: { type: 'string' }, schema: { type: 'string' }, mode: { type: 'string' }, profile: { type: 'string' }, host: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    'check-grants',
  );
  if (values['help']) {
    io.stdout.write(`${CHECK_GRANTS_HELP}\n`);
    return EXIT.ok;
  }
  const issues: Issue[] = [];
  if (!values['catalog']) issues.push({ path: '--catalog', message: 'is required', fix: '--catalog main' });
  if (!values['schema']) issues.push({ path: '--schema', message: 'is required', fix: '--schema synthgraph' });
  const mode = choiceOption(values, 'mode', ['replace', 'append'] as const, issues) ?? 'replace';
  throwIfIssues(issues, 'check-grants');
  const { checkGrants, resolveDatabricksConfig } = await enginesOf(io.importEngine).databricks('check-grants');
  const conn = await resolveDatabricksConfig({
    ...(values['profile'] ? { profile: String(values['profile']) } : {}),
    ...(values['host'] ? { host: String(values['host']) } : {}),
    env: io.env,
  });
  const report = await checkGrants({ catalog: String(values['catalog']), schema: String(values['schema']), mode }, conn.workspaceClient());
  io.stdout.write(values['json'] ? `${JSON.stringify(report, null, 2)}\n` : `${renderGrantReport(report)}\n`);
  return report.satisfied ? EXIT.ok : EXIT.privileges;
}
