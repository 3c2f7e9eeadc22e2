import path from 'node:path';
/**
 * Resolves the preset, its config (file + command-line overrides) and the seed, validating
 * everything before anything runs.
 */
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
export async function resolveRun(values: Values, command: string, extraIssues: Issue[] = [], cwd: string = process.cwd()): Promise<ResolvedRun> {
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
  const runSeed = (config['run'] as { seed?: number } | undefined)?.seed ?? 42;
  return {
    presetName,
    config,
    warnings: result.warnings.map((w) => (typeof w === 'string' ? w : `${w.path}: ${w.message}`)),
    seed: runSeed,
    toIR: () => p.build(result.config).toIR({ seed: runSeed }),
  };
}
