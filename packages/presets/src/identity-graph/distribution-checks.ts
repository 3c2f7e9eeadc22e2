/**
 * Distribution targets (FR-012): what the configuration says the output should look like —
 * category shares, means, rates, temporal shapes — with tolerances scaled to the expected sample
 * sizes. `distribution-evaluate.ts` measures them on an output.
 */
import { dayWeights, US_STATE_POPULATION_2020 } from '@synthgraph/core';
import type { IdentityGraphConfig, IdentityGraphConfigInput } from './config-schema.js';
import { resolveConfig } from './config-validation.js';
import { buildModel, weightsOf, type IdentityGraphModel } from './model.js';
import { deliveryModel } from './delivery-model.js';
import { massMean, massSd, normalize } from './numeric.js';
import { stateWeights } from './scenario/pools.js';
import { utcShapes } from './event-model.js';
import { EDUCATION_LEVELS, EMPLOYMENT_STATUSES, GENDERS, HOUSING_TYPES, IDENTIFIER_TYPES, INCOME_BRACKETS } from './vocabulary.js';

/** Something measured on one column, optionally transformed (hour of day, weekday 0 = Monday, month 1–12). */
export interface MeasuredColumn {
  readonly table: string;
  readonly column: string;
  readonly transform?: 'hour' | 'weekday' | 'month';
}

/** A distribution target. Shares and rates use absolute tolerances; means use relative ones. */
export type DistributionTarget =
  | (MeasuredColumn & {
      readonly kind: 'share';
      readonly id: string;
      readonly description: string;
      /** Expected share of each value (values absent here are expected at 0). */
      readonly expected: Readonly<Record<string, number>>;
      /** Largest allowed |observed − expected| for any value. */
      readonly tolerance: number;
    })
  | {
      readonly kind: 'mean';
      readonly id: string;
      readonly description: string;
      readonly table: string;
      /** Mean of this column, or (when absent) of the row count per `perGroup` value. */
      readonly column?: string;
      readonly perGroup?: string;
      readonly expected: number;
      /** Largest allowed |observed − expected| / expected. */
      readonly tolerance: number;
    }
  | {
      readonly kind: 'rate';
      readonly id: string;
      readonly description: string;
      /** rows(numerator) / rows(denominator), or / sum(denominatorSum) when given. */
      readonly numerator: string;
      readonly denominator: string;
      readonly denominatorSum?: string;
      readonly min: number;
      readonly max: number;
    }
  | {
      readonly kind: 'reach';
      readonly id: string;
      readonly description: string;
      /** Reached treatment assignments / Σ planned_reach over treatment assignments. */
      readonly expected: number;
      readonly tolerance: number;
    }
  | {
      readonly kind: 'clickThrough';
      readonly id: string;
      readonly description: string;
      /** Clicked share of the channel's impressions must lie within 4 binomial standard errors plus 10% of this. */
      readonly channel: string;
      readonly expected: number;
    }
  | {
      readonly kind: 'responseLift';
      readonly id: string;
      readonly description: string;
      /** Response rate of the top propensity quartile over the bottom one must be at least this. */
      readonly minLift: number;
    }
  | {
      readonly kind: 'attributionSums';
      readonly id: string;
      readonly description: string;
      /** Largest allowed |Σ weights − 1| over a (conversion, model) pair. */
      readonly tolerance: number;
    };

/** The measurement of one target. */
export interface DistributionResult {
  readonly id: string;
  readonly description: string;
  readonly pass: boolean;
  readonly expected: unknown;
  readonly observed: unknown;
  /** The tolerance or range the verdict used. */
  readonly tolerance: unknown;
  /** The largest deviation found (shares: max absolute; means: relative). */
  readonly deviation: number;
}

const share = (names: readonly string[], probs: readonly number[]): Record<string, number> => Object.fromEntries(names.map((n, i) => [n, probs[i] as number]));
/** Absolute share tolerance for a sample of n (4.5 σ of the worst case p = ½, with a floor). */
const shareTol = (n: number, floor = 0.01, design = 1): number => Math.max(floor, 4.5 * Math.sqrt(0.25 / Math.max(1, n)) * design);
/** Relative mean tolerance for a sample of n with the given coefficient of variation. */
const meanTol = (cv: number, n: number, floor = 0.01): number => Math.max(floor, (4.5 * cv) / Math.sqrt(Math.max(1, n)));

/**
 * The distribution targets of a configuration, with tolerances stated for its expected sizes.
 * Recorded in the run manifest (`extra.distributionTargets`).
 *
 * @example
 * ```ts
 * const targets = distributionTargets(resolveConfig({ households: { num_households: 10_000 } }));
 * targets.find((t) => t.id === 'households.income_bracket');
 * ```
 */
export function distributionTargets(config: IdentityGraphConfig, model: IdentityGraphModel = buildModel(config)): DistributionTarget[] {
  const nh = config.households.num_households;
  const size = model.householdSize;
  const comp = model.composition;
  const ni = nh * comp.adultsMean;
  const ids = model.identifiers;
  const ev = model.events;
  const nEvents = ni * ev.mean;
  const out: DistributionTarget[] = [
    { kind: 'share', id: 'households.income_bracket', description: 'households by income bracket', table: 'households', column: 'income_bracket', expected: share(INCOME_BRACKETS, model.brackets), tolerance: shareTol(nh) },
    { kind: 'share', id: 'households.housing_type', description: 'households by housing type', table: 'households', column: 'housing_type', expected: share(HOUSING_TYPES, model.housing.marginal), tolerance: shareTol(nh) },
    {
      kind: 'share',
      id: 'households.household_size_shares',
      description: `households by persons (${size.kind})`,
      table: 'households',
      column: 'household_size',
      expected: Object.fromEntries(size.mass.map((p, i) => [String(size.min + i), p])),
      tolerance: shareTol(nh),
    },
    {
      kind: 'mean',
      id: 'households.household_size',
      description: 'mean persons per household',
      table: 'households',
      column: 'household_size',
      expected: massMean(size.mass, size.min),
      tolerance: meanTol(massSd(size.mass, size.min) / massMean(size.mass, size.min), nh, 0.005),
    },
    {
      kind: 'share',
      id: 'households.num_adults_shares',
      description: 'households by number of adults (their individuals)',
      table: 'households',
      column: 'num_adults',
      expected: Object.fromEntries(comp.adultsMass.map((p, i) => [String(i + 1), p])),
      tolerance: shareTol(nh),
    },
    ...(comp.childrenMean > 0
      ? [
          {
            kind: 'mean',
            id: 'households.num_children',
            description: `mean minors per household (${(comp.childrenShare * 100).toFixed(0)}% of households have any)`,
            table: 'households',
            column: 'num_children',
            expected: comp.childrenMean,
            tolerance: meanTol(comp.childrenSd / comp.childrenMean, nh, 0.01),
          } as DistributionTarget,
        ]
      : []),
    { kind: 'share', id: 'individuals.gender', description: 'individuals by gender', table: 'individuals', column: 'gender', expected: share(GENDERS, model.gender), tolerance: shareTol(ni) },
    {
      kind: 'share',
      id: 'individuals.education_level',
      description: 'individuals by education (marginal kept under age and income correlation)',
      table: 'individuals',
      column: 'education_level',
      expected: share(EDUCATION_LEVELS, weightsOf(EDUCATION_LEVELS, config.demographics.education)),
      tolerance: shareTol(ni, 0.015, 1.3),
    },
    {
      kind: 'share',
      id: 'individuals.employment_status',
      description: 'individuals by employment status (marginal kept under age correlation)',
      table: 'individuals',
      column: 'employment_status',
      expected: share(EMPLOYMENT_STATUSES, weightsOf(EMPLOYMENT_STATUSES, config.demographics.employment)),
      tolerance: shareTol(ni, 0.015, 1.3),
    },
    {
      kind: 'mean',
      id: 'identity_mappings.per_individual',
      description: 'mean identifiers per individual',
      table: 'identity_mappings',
      perGroup: 'individual_id',
      expected: ids.mean,
      tolerance: meanTol(massSd(ids.mass, ids.min) / ids.mean, ni, 0.005),
    },
    {
      kind: 'share',
      id: 'truth_identity_links.is_true_link',
      description: 'true and wrong identity links (wrong at demographics.identity_links.wrong_link_rate)',
      table: 'truth_identity_links',
      column: 'is_true_link',
      expected: { true: 1 - ids.wrongRate, false: ids.wrongRate },
      tolerance: shareTol(ni * ids.mean, 0.005, 1.5),
    },
    { kind: 'share', id: 'identity_mappings.identifier_type', description: 'identity mappings by identifier type', table: 'identity_mappings', column: 'identifier_type', expected: share(IDENTIFIER_TYPES, ids.shares), tolerance: shareTol(ni * ids.mean, 0.01, 1.5) },
    {
      kind: 'mean',
      id: 'content_engagements.per_individual',
      description: `mean engagement events per individual (${ev.kind})`,
      table: 'content_engagements',
      perGroup: 'individual_id',
      expected: ev.mean,
      tolerance: meanTol(massSd(ev.mass, 1) / ev.mean, ni, 0.01),
    },
    {
      kind: 'share',
      id: 'content_engagements.engagement_type',
      description: 'engagements by type',
      table: 'content_engagements',
      column: 'engagement_type',
      expected: share(['view', 'click', 'share', 'like', 'comment'], model.engagementTypes),
      // CTV sessions are ≥ 90% views; the other devices' mix is calibrated on an estimated CTV share
      // (intended by age, found through household CTVs and home IPs), good to about ±0.01
      tolerance: shareTol(nEvents, 0.01),
    },
    {
      kind: 'share',
      id: 'content_engagements.content_category',
      description: 'engagements by content category (interests cluster events by individual)',
      table: 'content_engagements',
      column: 'content_category',
      expected: share(model.categories, model.categoryWeights),
      // events are clustered by individual (shared interest, heavy-tailed counts): the effective sample is individuals
      tolerance: shareTol(ni, 0.015, 2 * Math.max(1, massSd(ev.mass, 1) / ev.mean)),
    },
  ];
  // Configured states or regions, else the 2020 Census state populations (the places pool's default).
  const states = stateWeights(config.households.location) ?? US_STATE_POPULATION_2020;
  out.push({
    kind: 'share',
    id: 'households.location_state',
    description: 'households by state (2020 Census shares, or the configured states or regions)',
    table: 'households',
    column: 'location_state',
    expected: share(Object.keys(states), normalize(Object.values(states))),
    tolerance: shareTol(nh),
  });
  // shapes apply in each household's local time: the UTC shares mix the zones' shifted shapes
  const w = model.window;
  const dw = dayWeights({ kind: 'timestamp', start: w.startMicros, days: w.days, hourWeights: null, weekdayWeights: model.temporal.weekly ?? null, monthWeights: model.temporal.monthly ?? null, within: null });
  const utc = utcShapes(config, dw, model.temporal.hourly);
  if (model.temporal.hourly) {
    out.push({
      kind: 'share',
      id: 'content_engagements.hour_of_day',
      description: 'engagements by UTC hour of day (diurnal pattern in local time, mixed over time zones)',
      table: 'content_engagements',
      column: 'event_ts',
      transform: 'hour',
      expected: share(
        Array.from({ length: 24 }, (_, h) => String(h)),
        normalize(utc.hour),
      ),
      // events come in sessions (one start time per session): the effective sample is sessions
      tolerance: shareTol(nEvents / model.config.engagement.events_per_session, 0.006),
    });
  }
  if (model.temporal.weekly) {
    out.push({
      kind: 'share',
      id: 'content_engagements.weekday',
      description: 'engagements by UTC weekday, Monday = 0 (weekly pattern in local time)',
      table: 'content_engagements',
      column: 'event_ts',
      transform: 'weekday',
      expected: share(
        Array.from({ length: 7 }, (_, d) => String(d)),
        normalize(utc.weekday),
      ),
      tolerance: shareTol(nEvents / model.config.engagement.events_per_session, 0.008),
    });
  }
  const k = config.campaigns;
  const d = deliveryModel(buildModel(config));
  out.push(
    { kind: 'reach', id: 'campaign_assignments.reach', description: "reached treatment members / the campaigns' planned reach of their treatment groups", expected: 1, tolerance: 0.05 },
    {
      kind: 'mean',
      id: 'campaign_exposures.frequency',
      description: 'mean impressions per reached (individual, campaign) (heavy-tailed, capped)',
      table: 'campaign_exposures',
      column: 'frequency',
      expected: d.ef,
      tolerance: 0.05,
    },
    ...k.channels
      .filter((ch) => k.click_through_rate[ch] > 0)
      .map((ch) => ({ kind: 'clickThrough' as const, id: `campaign_exposures.ctr_${ch}`, description: `clicks per impression on ${ch}`, channel: ch, expected: k.click_through_rate[ch] })),
    { kind: 'attributionSums', id: 'outcome_metrics.attribution_sums', description: 'attribution weights sum to 1 for every conversion and model', tolerance: 1e-9 },
    { kind: 'responseLift', id: 'response_events.propensity_lift', description: 'conversions per exposure rise with propensity (top vs bottom quartile)', minLift: 1.2 },
  );
  return out;
}

/**
 * The distribution targets of a configuration input (validated first).
 *
 * @example
 * ```ts
 * distributionChecks({ households: { num_households: 10_000 } }).map((t) => t.id);
 * ```
 */
export function distributionChecks(config: IdentityGraphConfigInput | IdentityGraphConfig = {}): DistributionTarget[] {
  return distributionTargets(resolveConfig(config));
}
