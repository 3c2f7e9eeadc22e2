/**
 * The household-composition fields of the households step: persons per household, minors and
 * couples. Their defaults come from the Census Bureau's America's Families and Living
 * Arrangements tables (CPS ASEC 2023) and the ACS; `config-schema.ts` assembles the step.
 */
import { z } from 'zod';
import { int, meta, num } from './config-fields.js';

/**
 * Persons per household (adults and minors): the CPS shares, or a rounded lognormal / normal.
 *
 * @example
 * ```ts
 * householdSizeField.parse(undefined).distribution; // 'census'
 * ```
 */
export const householdSizeField = meta(
  z
    .strictObject({
      distribution: meta(
        z.enum(['census', 'lognormal', 'normal']).default('census'),
        "'census' (US households by size, CPS ASEC 2023 table HH-4: 28.5% one person, mean 2.45 on 1–10; mean and std_dev unused), 'lognormal' (right-skewed; mean and std_dev matched) or 'normal' (mean matched)",
        "'census', 'lognormal' or 'normal'",
      ),
      mean: num(1, 10, 2.5, "mean persons per household for 'lognormal' and 'normal'"),
      std_dev: num(0, 5, 1.4, "standard deviation of persons per household for 'lognormal' and 'normal'"),
      min: int(1, 10, 1, 'smallest household (persons)'),
      max: int(1, 10, 10, 'largest household (persons)'),
    })
    .default({ distribution: 'census', mean: 2.5, std_dev: 1.4, min: 1, max: 10 }),
  'persons per household (household_size = num_adults + num_children), clamped to [min, max]; the adults are the individuals, minors are counted in num_children',
  "distribution 'census', 'lognormal' or 'normal'; mean 1–10, std_dev 0–5, 1 ≤ min ≤ mean ≤ max ≤ 10",
);

/**
 * Minors (persons under 18): counted in `households.num_children`, not modelled as individuals.
 *
 * @example
 * ```ts
 * childrenField.parse(undefined).share; // 0.27
 * ```
 */
export const childrenField = meta(
  z
    .strictObject({
      share: num(0, 1, 0.27, 'share of households with at least one minor (CPS ASEC 2023 table H2: households with related children under 18); more likely in larger households and with householders aged 25–54'),
      single_parent_share: num(0, 1, 0.3, 'share of households with minors and 3+ persons headed by one adult (CPS ASEC 2023 table FM-2: one-parent family groups ≈ 30%); a 2-person household with a minor always has one adult'),
    })
    .default({ share: 0.27, single_parent_share: 0.3 }),
  'minors per household: who has them (share, by size and householder age) and how many adults such households have; household_size − adults = minors',
  'share and single_parent_share from 0 to 1; share needs households of 2+ persons',
);

/**
 * Couples: the householder's partner (spouse or unmarried partner).
 *
 * @example
 * ```ts
 * couplesField.parse(undefined).opposite_gender_share; // 0.982
 * ```
 */
export const couplesField = meta(
  z
    .strictObject({
      share: num(0, 1, 0.54, "share of households in which the householder lives with a partner (CPS ASEC 2023 tables H1 and UC1: married-couple households 47%, unmarried-partner households 7%)"),
      opposite_gender_share: num(0, 1, 0.982, 'share of couples of a female and a male that are opposite-gender (ACS 2022: 1.3M same-sex of 72M couple households)'),
    })
    .default({ share: 0.54, opposite_gender_share: 0.982 }),
  "couples: the share of households with a partner (needs that many households of 2+ adults) and the opposite-gender share of couples",
  'share and opposite_gender_share from 0 to 1; share at most the share of households with 2+ adults',
);
