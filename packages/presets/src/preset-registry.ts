/**
 * The preset registry the CLI and SDK users look presets up in.
 */
import { SynthgraphError, type Issue, type ScenarioBuilder } from '@synthgraph/core';
import { identityGraphConfigSchema, STEP_NAMES, type IdentityGraphConfig, type StepName } from './identity-graph/config-schema.js';
import { validateConfig, validateStep, type ValidationResult } from './identity-graph/config-validation.js';
import { identityGraph } from './identity-graph/identity-graph.js';
import { identityGraphJsonSchema } from './identity-graph/json-schema.js';

/** A ready-made scenario with a validated, step-by-step configuration. */
export interface Preset<C> {
  /** Registry name, e.g. `identity-graph`. */
  readonly name: string;
  /** One-line description. */
  readonly description: string;
  /** The resolved default configuration. */
  readonly defaultConfig: C;
  /** Step names in wizard order. */
  readonly steps: readonly string[];
  /** Validates a whole configuration (cross-step rules included). */
  validateConfig(input: unknown): ValidationResult<C>;
  /** Validates one step alone. */
  validateStep(step: string, input: unknown): ValidationResult<unknown>;
  /** The scenario for a resolved configuration. */
  build(config: C): ScenarioBuilder<never>;
  /** The JSON Schema of the configuration (for editors and UIs). */
  jsonSchema(): Record<string, unknown>;
}

/**
 * The identity-graph preset.
 *
 * @example
 * ```ts
 * identityGraphPreset.validateConfig({}).ok; // true
 * ```
 */
export const identityGraphPreset: Preset<IdentityGraphConfig> = {
  name: 'identity-graph',
  description: 'Households, individuals, cross-device identity mappings, content engagement, audiences, campaigns, responses and attribution (ten tables)',
  defaultConfig: identityGraphConfigSchema.parse({}),
  steps: STEP_NAMES,
  validateConfig,
  validateStep: (step, input) => validateStep(step as StepName, input),
  build: (config) => identityGraph(config) as unknown as ScenarioBuilder<never>,
  jsonSchema: identityGraphJsonSchema,
};

/**
 * Every preset by name.
 *
 * @example
 * ```ts
 * const p = presets['identity-graph'];
 * const r = p.validateConfig({});
 * if (r.ok) p.build(r.config);
 * ```
 */
export const presets = { 'identity-graph': identityGraphPreset } as const;

/** A registered preset name. */
export type PresetName = keyof typeof presets;

/**
 * A preset name that is not registered.
 *
 * @example
 * ```ts
 * try { getPreset('nope'); } catch (e) { if (e instanceof UnknownPresetError) console.log(e.known); }
 * ```
 */
export class UnknownPresetError extends SynthgraphError {
  readonly known: readonly string[];
  constructor(name: string, known: readonly string[]) {
    const issue: Issue = { path: 'preset', message: `unknown preset '${name}'`, value: name, fix: `use one of ${known.join(', ')}` };
    super('INPUT_INVALID', `Unknown preset '${name}'. Known presets: ${known.join(', ')}`, { issues: [issue] });
    this.known = known;
  }
}

/**
 * Looks a preset up by name; throws {@link UnknownPresetError} listing the known ones.
 *
 * @example
 * ```ts
 * const preset = getPreset('identity-graph');
 * ```
 */
export function getPreset(name: string): Preset<IdentityGraphConfig> {
  if (Object.hasOwn(presets, name)) return presets[name as PresetName];
  throw new UnknownPresetError(name, Object.keys(presets));
}
