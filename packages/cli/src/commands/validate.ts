import { ConfigError, SynthgraphError, type Issue } from '@synthgraph/core';
import { EXIT, exitCodeOf } from '../cli-error.js';
import type { CliIO } from '../io.js';
import { parse } from '../options.js';
import { resolveRun, scenarioOptions } from '../scenario-source.js';

export const VALIDATE_HELP = `Usage: synthgraph validate --config FILE [--preset NAME|PATH] [--json]

Validates a config file and prints every problem with its path and fix.

Options:
  -c, --config FILE    the config file (JSON or YAML)
  --preset NAME|PATH   preset the file configures (default identity-graph; a path loads a
                       preset module, see docs/custom-presets.md)
  --json               print the result as JSON on stdout:
                       { "valid": boolean, "config": FILE, "preset": NAME, "seed": N | null,
                         "warnings": [string], "issues": [{ "path", "message", "value"?, "fix"? }] }
  -h, --help           this help

Exit 0 when valid (warnings are printed but never block), 2 when invalid.`;

/**
 * The `validate --json` document.
 *
 * @example
 * ```ts
 * const r = JSON.parse(stdout) as ValidateJson;
 * if (!r.valid) for (const i of r.issues) console.log(i.path, i.message);
 * ```
 */
export interface ValidateJson {
  readonly valid: boolean;
  readonly config: string;
  readonly preset: string;
  /** The seed the config sets (null when it sets none or is invalid). */
  readonly seed: number | null;
  readonly warnings: readonly string[];
  readonly issues: readonly Issue[];
}

/** `synthgraph validate`. */
export async function validateCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { ...scenarioOptions, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, 'validate');
  if (values['help']) {
    io.stdout.write(`${VALIDATE_HELP}\n`);
    return EXIT.ok;
  }
  if (!values['config']) throw new ConfigError([{ path: '--config', message: 'is required', fix: 'synthgraph validate --config synthgraph.yaml' }], 'Nothing to validate');
  const file = String(values['config']);
  if (!values['json']) {
    const run = await resolveRun(values, 'validate', [], io.cwd);
    for (const w of run.warnings) io.stdout.write(`warning: ${w}\n`);
    io.stdout.write(`${file} is valid (preset ${run.presetName}, seed ${run.seed}).\n`);
    return EXIT.ok;
  }
  const preset = String(values['preset'] ?? 'identity-graph');
  let doc: ValidateJson;
  try {
    const run = await resolveRun(values, 'validate', [], io.cwd, 'random');
    doc = { valid: true, config: file, preset: run.presetName, seed: run.seedChosen ? null : run.seed, warnings: run.warnings, issues: [] };
  } catch (e) {
    if (!(e instanceof SynthgraphError) || exitCodeOf(e) !== EXIT.invalid) throw e;
    const issues = e.issues.length ? e.issues : [{ path: '--config', message: e.message }];
    doc = { valid: false, config: file, preset, seed: null, warnings: [], issues };
  }
  io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  return doc.valid ? EXIT.ok : EXIT.invalid;
}
