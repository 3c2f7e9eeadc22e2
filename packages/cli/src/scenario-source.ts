/**
 * Resolves the preset, its config (file + command-line overrides) and the seed, validating
 * everything before anything runs.
 */
import { randomInt } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, type Issue, type ScenarioIR } from '@synthgraph/core';
import { getPreset, identityGraphPreset, isPreset, type Preset } from '@synthgraph/presets';
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

/** True when `--preset` names a module file rather than a registered preset. */
const isPresetPath = (ref: string): boolean => /[\\/]/.test(ref) || /\.[cm]?[jt]s$/.test(ref);

/** Imports a preset module, TypeScript or JavaScript, through tsx (loaded only when needed). */
async function importModule(file: string): Promise<Record<string, unknown>> {
  const { tsImport } = await import('tsx/esm/api');
  return (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
}

/**
 * The preset `--preset` names: a registered name (default identity-graph) or the path of a
 * module (TypeScript or JavaScript) whose default export, `preset` export or only preset-shaped
 * export is a preset made with `definePreset`. Problems are issues on `--preset` (exit 2).
 *
 * @example
 * ```ts
 * const preset = await loadPreset('./examples/custom-preset.ts', process.cwd(), issues);
 * ```
 */
export async function loadPreset(ref: string | undefined, cwd: string, issues: Issue[]): Promise<Preset<unknown> | undefined> {
  const name = ref ?? identityGraphPreset.name;
  if (!isPresetPath(name)) {
    try {
      return getPreset(name) as Preset<unknown>;
    } catch (e) {
      issues.push({ path: '--preset', message: (e as Error).message.split('\n')[0] ?? 'unknown preset', value: name, fix: 'use --preset identity-graph, or the path of a preset module (./my-preset.ts)' });
      return undefined;
    }
  }
  const file = path.resolve(cwd, name);
  if (!existsSync(file) || !statSync(file).isFile()) {
    issues.push({ path: '--preset', message: 'no preset module at this path', value: name, fix: 'give the path of a .ts or .js file that exports a preset made with definePreset' });
    return undefined;
  }
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(file);
  } catch (e) {
    issues.push({ path: '--preset', message: `the module failed to load: ${(e as Error).message.split('\n')[0]}`, value: name, fix: 'run it with tsx or node to see the error' });
    return undefined;
  }
  const candidates = [mod['default'], mod['preset'], ...Object.values(mod)].filter(isPreset);
  if (!candidates.length) {
    issues.push({ path: '--preset', message: `exports no preset (exports: ${Object.keys(mod).join(', ') || 'none'})`, value: name, fix: "export default definePreset({ name, description, config, build }) from '@synthgraph/presets'" });
    return undefined;
  }
  return candidates[0];
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
  const preset = await loadPreset(values['preset'] === undefined ? undefined : String(values['preset']), cwd, issues);
  const builtIn = preset === (identityGraphPreset as Preset<unknown>);
  // --households is the identity graph's size; a custom preset sizes itself in its config.
  if (households !== undefined && preset && !builtIn) issues.push({ path: '--households', message: `applies to the identity-graph preset, not to ${preset.name}`, value: values['households'], fix: 'set the size in the config file (--config)' });
  throwIfIssues(issues, command);
  const p = preset as Preset<unknown>;
  const fromFile = values['config'] ? ((await loadConfigFile(path.resolve(cwd, String(values['config'])))) as Record<string, unknown>) : {};
  const input = structuredClone(fromFile) as Record<string, Record<string, unknown>>;
  if (households !== undefined) input['households'] = { ...(input['households'] ?? {}), num_households: households };
  // The seed lives in the identity graph's config (run.seed); a custom preset takes it apart.
  if (seed !== undefined && builtIn) input['run'] = { ...(input['run'] ?? {}), seed };
  const result = p.validateConfig(input);
  if (!result.ok) throw new ConfigError(result.issues, values['config'] ? `The config ${String(values['config'])} is invalid` : 'The configuration is invalid');
  const config = result.config as unknown as Record<string, unknown>;
  const given = builtIn ? (config['run'] as { seed?: number } | undefined)?.seed : seed;
  // The spec's default: a random seed, printed and recorded in the manifest so the run can be
  // repeated. It only picks the seed; the data stays a pure function of it.
  const runSeed = given ?? (seedDefault === 'random' ? randomInt(0, 2 ** 31) : seedDefault);
  if (given === undefined && builtIn) config['run'] = { ...((config['run'] as Record<string, unknown> | undefined) ?? {}), seed: runSeed };
  return {
    seedChosen: given === undefined && seedDefault === 'random',
    presetName: p.name,
    config,
    warnings: result.warnings.map((w) => (typeof w === 'string' ? w : `${w.path}: ${w.message}`)),
    seed: runSeed,
    toIR: () => p.build(result.config).toIR({ seed: runSeed }),
  };
}
