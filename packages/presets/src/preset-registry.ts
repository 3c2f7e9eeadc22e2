/**
 * The preset registry the CLI and SDK users look presets up in.
 */
import { SynthgraphError, type Issue, type RowShape, type ScenarioBuilder } from '@synthgraph/core';
import { z } from 'zod';
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
  description: 'Households, individuals, cross-device identity mappings, content engagement, audiences, campaigns, responses and attribution (eleven tables), noisy source records, and truth_* answer keys',
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

/**
 * What a custom preset declares: a name, its configuration schema (a zod schema; an object
 * schema whose top-level fields become the wizard steps) and the scenario for a valid config.
 *
 * @example
 * ```ts
 * const def: PresetDefinition<{ customers: number }> = {
 *   name: 'shop',
 *   description: 'customers and orders',
 *   config: z.object({ customers: z.number().int().min(1).default(1000) }),
 *   build: (c) => scenario('shop').entity('customers', (e) => e.rows(c.customers).key('customer_id')),
 * };
 * ```
 */
export interface PresetDefinition<C> {
  readonly name: string;
  readonly description: string;
  /** The configuration schema; its defaults make the default configuration. */
  readonly config: z.ZodType<C>;
  /** The scenario for a validated configuration. */
  build(config: C): ScenarioBuilder<Record<string, RowShape>>;
}

const issuesOf = (error: z.ZodError, prefix: string): Issue[] =>
  error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message, fix: 'see the preset\'s config schema' }));

/**
 * Makes a {@link Preset} from a config schema and a scenario, the shape the CLI's
 * `--preset PATH` loads (export it as the module's default export or as `preset`).
 *
 * @example
 * ```ts
 * export default definePreset({
 *   name: 'shop',
 *   description: 'customers and orders',
 *   config: z.object({ customers: z.number().int().min(1).default(1000) }),
 *   build: (c) => scenario('shop').entity('customers', (e) => e.rows(c.customers).key('customer_id')),
 * });
 * ```
 */
export function definePreset<C>(d: PresetDefinition<C>): Preset<C> {
  const shape = d.config instanceof z.ZodObject ? (d.config.shape as Record<string, z.ZodType>) : {};
  const validate = (schema: z.ZodType, input: unknown, prefix: string): ValidationResult<never> => {
    const r = schema.safeParse(input ?? {});
    return r.success ? { ok: true, config: r.data as never, warnings: [] } : { ok: false, issues: issuesOf(r.error, prefix), warnings: [] };
  };
  return {
    name: d.name,
    description: d.description,
    defaultConfig: d.config.parse({}),
    steps: Object.keys(shape),
    validateConfig: (input) => validate(d.config, input, ''),
    validateStep: (step, input) => {
      const schema = shape[step];
      if (!schema) return { ok: false, issues: [{ path: step, message: `unknown step of preset ${d.name}`, fix: `use one of ${Object.keys(shape).join(', ')}` }], warnings: [] };
      return validate(schema, input, step);
    },
    build: (config) => d.build(config) as unknown as ScenarioBuilder<never>,
    jsonSchema: () => z.toJSONSchema(d.config, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
  };
}

/**
 * True when `value` has the shape of a {@link Preset} (what a preset module must export).
 *
 * @example
 * ```ts
 * isPreset(identityGraphPreset); // true
 * isPreset({}); // false
 * ```
 */
export function isPreset(value: unknown): value is Preset<unknown> {
  const p = value as Partial<Preset<unknown>> | null;
  return typeof p === 'object' && p !== null && typeof p.name === 'string' && typeof p.validateConfig === 'function' && typeof p.build === 'function' && typeof p.jsonSchema === 'function' && Array.isArray(p.steps);
}
