/**
 * The `resolution` config group: which source systems hold records about people
 * (`source_records`), how many, and how noisy. Defaults and their sources are listed in
 * docs/tables/source_records.md.
 */
import { z } from 'zod';
import { meta, num } from './config-fields.js';

/**
 * The source systems of `source_records`, in the order records are generated.
 *
 * @example
 * ```ts
 * SOURCE_SYSTEMS[0]; // "crm"
 * ```
 */
export const SOURCE_SYSTEMS = ['crm', 'ecommerce', 'loyalty', 'web_signup', 'data_partner'] as const;
/** A source system. */
export type SourceSystem = (typeof SOURCE_SYSTEMS)[number];

/**
 * The noise types of `source_records`, each a `noise_<type>` flag of `truth_source_records`.
 *
 * @example
 * ```ts
 * NOISE_TYPES.includes('typo'); // true
 * ```
 */
export const NOISE_TYPES = [
  'typo',
  'nickname',
  'initial',
  'transposed',
  'missing',
  'format',
  'stale_address',
  'name_change',
  'shared_contact',
  'other_email',
  'duplicate',
  'lookalike',
] as const;
/** A noise type. */
export type NoiseType = (typeof NOISE_TYPES)[number];

const DEFAULT_SOURCES: Readonly<Record<SourceSystem, { coverage: number; noise: number }>> = {
  crm: { coverage: 0.55, noise: 0.5 },
  ecommerce: { coverage: 0.45, noise: 1 },
  loyalty: { coverage: 0.35, noise: 0.8 },
  web_signup: { coverage: 0.3, noise: 1.3 },
  data_partner: { coverage: 0.5, noise: 2 },
};

const sourceSchema = (s: SourceSystem) =>
  z
    .strictObject({
      coverage: num(0, 1, DEFAULT_SOURCES[s].coverage, `share of individuals with at least one ${s} record`),
      noise: num(0, 5, DEFAULT_SOURCES[s].noise, `multiplier of every noise rate in ${s} records (1 = the rates below; a partner's data is noisier than a CRM's)`),
    })
    .prefault({});

/** Per-record noise rates (before the source's multiplier). */
const noiseSchema = z
  .strictObject({
    typo: num(0, 1, 0.04, 'share of records with a typo (edit distance 1, or 2 for a fifth of them) in one of first name, last name, email or address'),
    nickname: num(0, 1, 0.06, 'share of records with a nickname or short form of the first name (Robert → Bob)'),
    initial: num(0, 1, 0.03, 'share of records with only the first initial'),
    transposed: num(0, 1, 0.01, 'share of records with first and last name swapped'),
    missing: num(0, 1, 0.08, 'share of records missing one field: email (35%), phone (30%), address (15%) or date of birth (20%; half of them keep the year)'),
    format: num(0, 1, 0.25, 'share of records with formatting variants: phone format, upper-case address, capitalised email, MM/DD/YYYY birth date'),
    stale_address: num(0, 1, 0.1, 'share of records holding a previous address (from before a household move)'),
    name_change: num(0, 1, 0.03, 'share of records holding a previous last name (before marriage or divorce)'),
    shared_contact: num(0, 1, 0.025, "share of records holding the household's shared email and home phone instead of the person's own"),
    other_email: num(0, 1, 0.12, "share of records holding the person's second email address"),
  })
  .prefault({});

/**
 * Step `resolution` — source records for identity-resolution benchmarks.
 *
 * @example
 * ```ts
 * resolutionStep.parse({}).sources.crm.coverage; // 0.55
 * ```
 */
export const resolutionStep = z.strictObject({
  enabled: meta(z.boolean().default(true), 'generate source_records and truth_source_records', 'true or false'),
  sources: z
    .strictObject(Object.fromEntries(SOURCE_SYSTEMS.map((s) => [s, sourceSchema(s)])) as { [K in SourceSystem]: ReturnType<typeof sourceSchema> })
    .prefault({})
    .describe('per source system: record coverage and noise multiplier'),
  duplicate_rate: num(0, 1, 0.08, 'chance that a source holds a second record for a person it covers (a duplicate within one source)'),
  lookalike_rate: num(0, 1, 0.03, 'share of individuals whose name is shared with other individuals of the same ZIP area (different people, same name, same area)'),
  noise_scale: num(0, 5, 1, 'multiplier of every noise rate of every source (0 = clean records, 2 = twice as noisy)'),
  noise: noiseSchema.describe('per-record noise rates before the source and scale multipliers'),
});

/** The resolved `resolution` group. */
export type ResolutionConfig = z.output<typeof resolutionStep>;
