import { SynthgraphError, version } from '@synthgraph/core';
import { exitCodeOf, EXIT } from './cli-error.js';
import { generateCommand } from './commands/generate.js';
import { planCommand } from './commands/plan.js';
import { validateCommand } from './commands/validate.js';
import { reportCommand } from './commands/report.js';
import { initCommand } from './commands/init.js';
import { checkGrantsCommand } from './commands/check-grants.js';
import { scoreResolutionCommand } from './commands/score-resolution.js';
import { processIO, type CliIO } from './io.js';
import { closest } from './options.js';

export const HELP = `synthgraph — realistic, reproducible synthetic identity-graph data

Usage: synthgraph <command> [options]

Commands:
  generate          generate a scenario locally (DuckDB) into Parquet + manifest.json
  plan              print the SQL a run would execute
  validate          validate a config file
  check-grants      check Unity Catalog privileges before a Databricks run
  init              guided set-up that writes a config file
  report            HTML + JSON report of a generated output
  score-resolution  score an entity resolution of source_records against the truth

Run 'synthgraph help <command>' (or 'synthgraph <command> --help') for a command's options.
Every command takes --json for machine-readable output on stdout.
-V, --version prints the version.
Exit codes: 0 success, 1 failure, 2 invalid input, 3 missing privileges, 130 interrupted (Ctrl-C).`;

type Command = (args: readonly string[], io: CliIO) => Promise<number>;

/** The commands by name. */
export const COMMANDS: Record<string, Command> = {
  generate: generateCommand,
  plan: planCommand,
  validate: validateCommand,
  'check-grants': checkGrantsCommand,
  init: initCommand,
  report: reportCommand,
  'score-resolution': scoreResolutionCommand,
};

/**
 * Runs the CLI with arguments and returns the exit code (never calls process.exit).
 *
 * @example
 * ```ts
 * const code = await main(['generate', '--households', '1000', '--out', 'out']);
 * ```
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' && rest.length) return main([rest[0] as string, '--help'], io);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${HELP}\n`);
    return name ? EXIT.ok : EXIT.invalid;
  }
  if (name === '--version' || name === '-V' || name === '-v') {
    io.stdout.write(`${version}\n`);
    return EXIT.ok;
  }
  const cmd = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!cmd) {
    const near = closest(name.replace(/^-+/, ''), Object.keys(COMMANDS));
    const what = name.startsWith('-') ? `unknown option '${name}' (options go after the command)` : `unknown command '${name}'`;
    io.stderr.write(`error: ${what}.${near ? ` Did you mean '${near}'?` : ''} Commands: ${Object.keys(COMMANDS).join(', ')}.\nRun 'synthgraph --help' for usage.\n`);
    return EXIT.invalid;
  }
  try {
    return await cmd(rest, io);
  } catch (e) {
    const code = exitCodeOf(e);
    const msg = e instanceof SynthgraphError ? e.message : `unexpected error: ${(e as Error)?.stack ?? String(e)}`;
    io.stderr.write(`error: ${msg}\n`);
    for (const line of hints(e)) io.stderr.write(`${line}\n`);
    // With --json, a script reads the failure from stdout too: { "error": { code, exitCode, message, issues } }.
    if (rest.includes('--json')) {
      const error = e instanceof SynthgraphError ? { code: e.code, exitCode: code, message: e.message, issues: e.issues } : { code: 'INTERNAL', exitCode: code, message: String((e as Error)?.message ?? e), issues: [] };
      io.stdout.write(`${JSON.stringify({ error }, null, 2)}\n`);
    }
    return code;
  }
}

/** What to do next, for errors whose message speaks the SDK's option names. */
function hints(e: unknown): string[] {
  if (!(e instanceof SynthgraphError)) return [];
  const detail = e as SynthgraphError & { outcome?: string; reason?: string; runId?: string; runs?: readonly { runId: string }[] };
  if (detail.outcome === 'left-incomplete') {
    return [`The run is left incomplete in the schema's _synthgraph_runs ledger: run again with --recover rollback, or --recover resume --run-id ${detail.runId ?? '<run id>'} to finish it.`];
  }
  if (detail.reason === 'incomplete-run') {
    const id = detail.runs?.[0]?.runId ?? '<run id>';
    return [`In the CLI: add --recover rollback to restore that run's tables, or --recover resume --run-id ${id} (with the same options) to finish it.`];
  }
  if (e.code === 'CANCELLED') return [detail.outcome === 'rolled-back' ? 'Cancelled: the tables were restored to their versions before the run.' : 'Cancelled: no partial output was left behind.'];
  return [];
}
