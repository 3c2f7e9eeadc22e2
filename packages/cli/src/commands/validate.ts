import { ConfigError } from '@synthgraph/core';
import type { CliIO } from '../io.js';
import { parse } from '../options.js';
import { resolveRun, scenarioOptions } from '../scenario-source.js';

export const VALIDATE_HELP = `Usage: synthgraph validate --config FILE [--preset NAME]

Validates a config file and prints every problem with its path and fix.
Exit 0 when valid (warnings are printed but never block), 2 when invalid.`;

/** `synthgraph validate`. */
export async function validateCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { ...scenarioOptions, help: { type: 'boolean', short: 'h' } }, 'validate');
  if (values['help']) {
    io.stdout.write(`${VALIDATE_HELP}\n`);
    return 0;
  }
  if (!values['config']) throw new ConfigError([{ path: '--config', message: 'is required', fix: 'synthgraph validate --config synthgraph.yaml' }], 'Nothing to validate');
  const run = await resolveRun(values, 'validate', [], io.cwd);
  for (const w of run.warnings) io.stdout.write(`warning: ${w}\n`);
  io.stdout.write(`${String(values['config'])} is valid (preset ${run.presetName}, seed ${run.seed}).\n`);
  return 0;
}
