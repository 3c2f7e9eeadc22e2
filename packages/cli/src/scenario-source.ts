/**
 * Resolves the preset, its config (file + command-line overrides) and the seed, validating
 * everything before anything runs.
 */
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { ConfigError, type Issue, type ScenarioIR } from '@synthgraph/core';
import { getPreset } from '@synthgraph/presets';
import { loadConfigFile } from './config-file.js';
import { intOption, throwIfIssues, type Values } from './options.js';

/** What a command needs to run a preset. */
export interface ResolvedRun {
  readonly presetName: string;
  readonly config: Record<string, unknown>;
  readonly warnings: readonly string[];
  readonly seed: number;
  /** True when no seed was given and one was picked at random (print it). */
  readonly seedChosen: boolean;
  toIR(): ScenarioIR;
}

/** Options shared by generate, plan and validate. */
export const scenarioOptions = {
  preset: { type: 'string' },
  config: { type: 'string', short: 'c' },
  households: { type: 'string' },
  seed: { type: 'string' },
} as const;

/** Resolves preset + config + overrides; throws exit-2 errors naming the option or config path. */
export async function resolveRun(values: Values, command: string, extraIssues: Issue[] = [], cwd: string = process.cwd(), seedDefault: 'random' | number = 42): Promise<ResolvedRun> {
  const issues = [...extraIssues];
  const households = intOption(values, 'households', issues, { min: 1, max: 10_000_000_000 });
  const seed = intOption(values, 'seed', issues, { min: 0, max: Number.MAX_SAFE_INTEGER });
  const presetName = String(values['preset'] ?? 'identity-graph');
  let preset: ReturnType<typeof getPreset> | undefined;
  try {
    preset = getPreset(presetName);
  } catch (e) {
    issues.push({ path: '--preset', message: (e as Error).message.split('\n')[0] ?? 'unknown preset', value: presetName, fix: 'use --preset identity-graph' });
  }
  throwIfIssues(issues, command);
  const fromFile = values['config'] ? ((await loadConfigFile(path.resolve(cwd, String(values['config'])))) as Record<string, unknown>) : {};
  const input = structuredClone(fromFile) as Record<string, Record<string, unknown>>;
  if (households !== undefined) input['households'] = { ...(input['households'] ?? {}), num_households: households };
  if (seed !== undefined) input['run'] = { ...(input['run'] ?? {}), seed };
  const p = preset as NonNullable<typeof preset>;
  const result = p.validateConfig(input);
  if (!result.ok) throw new ConfigError(result.issues, values['config'] ? `The config ${String(values['config'])} is invalid` : 'The configuration is invalid');
  const config = result.config as unknown as Record<string, unknown>;
  const given = (config['run'] as { seed?: number } | undefined)?.seed;
  // The spec's default: a random seed, printed and recorded in the manifest so the run can be
  // repeated. It only picks the seed; the data stays a pure function of it.
  const runSeed = given ?? (seedDefault === 'random' ? randomInt(0, 2 ** 31) : seedDefault);
  if (given === undefined) config['run'] = { ...((config['run'] as Record<string, unknown> | undefined) ?? {}), seed: runSeed };
  return {
    seedChosen: given === undefined && seedDefault === 'random',
    presetName,
    config,
    warnings: result.warnings.map((w) => (typeof w === 'string' ? w : `${w.path}: ${w.message}`)),
    seed: runSeed,
    toIR: () => p.build(result.config).toIR({ seed: runSeed }),
  };
}
