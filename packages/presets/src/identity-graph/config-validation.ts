/**
 * Validation of the identity-graph configuration: per step (each wizard step alone) and whole
 * (with the cross-step and plausibility rules). Every problem is a core {@link Issue} naming the
 * field path, the offending value, the allowed range and how to fix it; warnings never block.
 */
import { ConfigError, type Issue } from '@synthgraph/core';
import type { z } from 'zod';
import {
  DEFAULT_SEGMENTS,
  identityGraphConfigSchema,
  segmentSchema,
  STEP_NAMES,
  STEP_SCHEMAS,
  type IdentityGraphConfig,
  type SegmentConfig,
  type StepConfig,
  type StepName,
} from './config-schema.js';
import { closest, describeType, isRecord, zodToIssues } from './config-issues.js';
import { crossRules, fillZeros, stepRules } from './config-rules.js';
import { resolutionStep } from './resolution-config.js';

/** Config groups that are no wizard step (set in the config file only), with their schemas. */
const EXTRA_GROUPS: Readonly<Record<string, z.ZodType>> = { resolution: resolutionStep };

export { LOCAL_HOUSEHOLDS_WARNING, WEIGHT_SUM_TOLERANCE } from './config-rules.js';

/** The result of a validation: the resolved value, or the issues; warnings either way. */
export type ValidationResult<T> =
  | { readonly ok: true; readonly config: T; readonly warnings: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[]; readonly warnings: readonly Issue[] };

/**
 * Validates one step alone (what a wizard does before moving on). Cross-step rules (segments
 * naming configured categories, flights fitting the window, plausibility across steps) run in
 * {@link validateConfig}.
 *
 * @example
 * ```ts
 * const r = validateStep('households', { num_households: 50_000 });
 * if (!r.ok) for (const i of r.issues) console.log(i.path, i.message, i.fix);
 * ```
 */
export function validateStep<S extends StepName>(step: S, input: unknown): ValidationResult<StepConfig<S>> {
  if (!(STEP_NAMES as readonly string[]).includes(step))
    return { ok: false, issues: [{ path: String(step), message: 'is not a step of the identity-graph config', value: step, fix: `use one of ${STEP_NAMES.join(', ')}` }], warnings: [] };
  const schema = STEP_SCHEMAS[step] as unknown as z.ZodType<StepConfig<S>>;
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, issues: zodToIssues(schema, parsed.error, input, step), warnings: [] };
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const value = structuredClone(parsed.data);
  fillZeros(step, value as Record<string, unknown>);
  stepRules(step, value, issues, warnings);
  return issues.length ? { ok: false, issues, warnings } : { ok: true, config: value, warnings };
}

/**
 * The default segments adapted to the configured content categories (used when the config does
 * not define segments): default segments keep the categories that exist and are dropped when none
 * do; every category no segment covers gets a `<category>_enthusiasts` segment.
 *
 * @example
 * ```ts
 * defaultSegmentsFor(['news', 'cooking']).map((s) => s.name); // ['news_junkies', 'young_professionals', 'cooking_enthusiasts']
 * ```
 */
export function defaultSegmentsFor(categories: readonly string[]): SegmentConfig[] {
  const cats = new Set(categories);
  const kept = DEFAULT_SEGMENTS.map((s) => segmentSchema.parse(s))
    .map((s) => ({ ...s, categories: s.categories.filter((c) => cats.has(c)) }))
    .filter((s, i) => s.categories.length > 0 || (DEFAULT_SEGMENTS[i]?.categories ?? []).length === 0);
  const covered = new Set(kept.flatMap((s) => s.categories));
  const names = new Set(kept.map((s) => s.name));
  for (const c of categories) {
    const name = `${c}_enthusiasts`.slice(0, 40);
    if (!covered.has(c) && !names.has(name) && kept.length < 30) kept.push(segmentSchema.parse({ name, categories: [c], min_affinity: 0.6 }));
  }
  return kept;
}

/**
 * Validates a whole configuration: each step, then the cross-step and plausibility rules.
 * Unknown keys are errors; missing steps and fields take the defaults.
 *
 * @example
 * ```ts
 * const r = validateConfig({ households: { num_households: 100_000 } });
 * if (r.ok) generate(identityGraph(r.config), engine);
 * else console.error(r.issues);
 * ```
 */
export function validateConfig(input: unknown): ValidationResult<IdentityGraphConfig> {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  if (input !== undefined && !isRecord(input))
    return { ok: false, issues: [{ path: '', message: `the configuration must be an object of steps, got ${describeType(input)}`, value: input, fix: `pass an object with keys among ${STEP_NAMES.join(', ')}` }], warnings };
  const obj = (input ?? {}) as Record<string, unknown>;
  const groups = [...STEP_NAMES, ...Object.keys(EXTRA_GROUPS)];
  for (const k of Object.keys(obj))
    if (!groups.includes(k)) {
      const near = closest(k, groups);
      issues.push({ path: k, message: `is not a step (steps: ${groups.join(', ')})`, value: obj[k], fix: near ? `did you mean '${near}'? rename it` : 'remove it' });
    }
  const steps: Record<string, unknown> = {};
  for (const s of STEP_NAMES) {
    const r = validateStep(s, obj[s]);
    warnings.push(...r.warnings);
    if (r.ok) steps[s] = r.config;
    else issues.push(...r.issues);
  }
  for (const [g, schema] of Object.entries(EXTRA_GROUPS)) {
    const parsed = schema.safeParse(obj[g] ?? {});
    if (parsed.success) steps[g] = parsed.data;
    else issues.push(...zodToIssues(schema, parsed.error, obj[g], g));
  }
  if (issues.length) return { ok: false, issues, warnings };
  const config = identityGraphConfigSchema.parse(steps) as IdentityGraphConfig;
  const audienceInput = obj['audience'];
  if (!isRecord(audienceInput) || audienceInput['segments'] === undefined) config.audience.segments = defaultSegmentsFor(Object.keys(config.engagement.content_categories));
  crossRules(config, issues, warnings);
  return issues.length ? { ok: false, issues, warnings } : { ok: true, config, warnings };
}

/**
 * Validates and resolves a configuration, throwing a {@link ConfigError} listing every issue.
 *
 * @example
 * ```ts
 * const config = resolveConfig({ campaigns: { num_campaigns: 5 } });
 * ```
 */
export function resolveConfig(input: unknown = {}): IdentityGraphConfig {
  const r = validateConfig(input);
  if (!r.ok) throw new ConfigError(r.issues, 'The identity-graph configuration is invalid');
  return r.config;
}

