/**
 * Building blocks of the identity-graph config schema: every field carries its description and
 * its allowed values (`x-allowed`), which the JSON Schema, the validation messages and the
 * config reference all show. Also the hard limits the schema enforces.
 */
import { z } from 'zod';

/** Metadata attached to every config field (also emitted into the JSON Schema). */
export interface FieldMeta {
  readonly description: string;
  /** Human-readable allowed values, e.g. `an integer from 1 to 100` (JSON Schema keyword `x-allowed`). */
  readonly 'x-allowed': string;
}

/** Attaches a field's description and allowed values. */
export const meta = <S extends z.ZodType>(s: S, description: string, allowed: string): S => s.meta({ description, 'x-allowed': allowed } satisfies FieldMeta);

/**
 * Largest number of households of one batch (each batch owns a key range of this size).
 *
 * @example
 * ```ts
 * MAX_HOUSEHOLDS_PER_BATCH; // 67108864
 * ```
 */
export const MAX_HOUSEHOLDS_PER_BATCH = 2 ** 26;
/**
 * Largest batch index (keys of every entity stay below 2^53): the deepest key chain is
 * households → individuals (×16) → campaign assignments (× the campaign key space, 2^10 at batch
 * 6) → responses (×4) → outcome_metrics (×256: every model × touchpoint of a conversion's
 * journey over up to 4 campaigns of an advertiser); at batch 7 the outcome key space would reach 2^53.
 *
 * @example
 * ```ts
 * MAX_BATCH; // 6
 * ```
 */
export const MAX_BATCH = 6;
/**
 * Largest configurable number of events per person (the fan-out bound of content_engagements).
 *
 * @example
 * ```ts
 * MAX_EVENTS_PER_PERSON; // 4096
 * ```
 */
export const MAX_EVENTS_PER_PERSON = 4096;

/** An integer field in [min, max] with a default. */
export const int = (min: number, max: number, def: number, description: string) =>
  meta(z.int().min(min).max(max).default(def), description, `an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`);
/** A number field in [min, max] with a default. */
export const num = (min: number, max: number, def: number, description: string) => meta(z.number().min(min).max(max).default(def), description, `a number from ${min} to ${max}`);
/** One optional non-negative weight. */
export const weight = (description: string) => meta(z.number().min(0).optional(), description, 'a non-negative weight (missing = 0)');

/** A strict object of optional weights over fixed names, defaulting as a whole. */
export function weights<K extends string>(names: readonly K[], defaults: Readonly<Record<K, number>>, description: string) {
  const shape = Object.fromEntries(names.map((n) => [n, weight(`weight of ${n}`)])) as Record<K, ReturnType<typeof weight>>;
  return meta(z.strictObject(shape).default({ ...defaults } as never), description, `weights for ${names.join(', ')} summing to 1 (±1e-6) unless normalize_weights is true`);
}

/** The `normalize_weights` switch of a step. */
export const normalizeWeights = meta(z.boolean().default(false), 'rescale the weights of this step to sum to 1 instead of rejecting sums other than 1', 'true or false');
/** A lower_snake_case name of at most 40 characters. */
export const NAME = /^[a-z][a-z0-9_]{0,39}$/;
/** A lower_snake_case name field. */
export const name = (description: string) => meta(z.string().regex(NAME, 'must be lower_snake_case'), description, 'lower_snake_case, 1–40 characters, starting with a letter');
/** A `YYYY-MM-DD` date. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
