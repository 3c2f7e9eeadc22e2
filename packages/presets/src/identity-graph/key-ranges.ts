/**
 * Key ranges of each table for a batch (FR-015): batch b owns household keys from b·2^26 and
 * campaign keys from b·128; every other key derives from them through fixed fan-outs, so the
 * ranges of different batches never overlap and appended batches keep every key unique.
 */
import { pow2AtLeast } from '@synthgraph/core';
import type { IdentityGraphConfig } from './config-schema.js';
import { CAMPAIGN_KEY_STRIDE, FANOUT, HOUSEHOLD_KEY_STRIDE } from './model.js';
import { MAX_OUTCOMES_PER_RESPONSE } from './scenario/attribution.js';
import { MAX_INCREMENTAL_CONVERSIONS, MAX_ORGANIC_CONVERSIONS } from './scenario/outcomes.js';
import { MAX_RESPONSES_PER_ASSIGNMENT } from './scenario/response.js';
import { MAX_SOURCE_RECORDS } from './scenario/source-records.js';

/** A half-open key range [start, end). */
export interface KeyRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The key range each table of a batch can use (keys actually used are a subset).
 *
 * @example
 * ```ts
 * keyRanges(resolveConfig({ run: { batch: 1 } })).households; // { start: 67108864, end: 67118864 }
 * ```
 */
export function keyRanges(config: IdentityGraphConfig): Readonly<Record<string, KeyRange>> {
  const h0 = config.run.batch * HOUSEHOLD_KEY_STRIDE;
  const h1 = h0 + config.households.num_households;
  const c0 = config.run.batch * CAMPAIGN_KEY_STRIDE;
  const c1 = c0 + config.campaigns.num_campaigns;
  const fi = pow2AtLeast(FANOUT.individuals);
  const fm = pow2AtLeast(FANOUT.identifiers);
  const fe = pow2AtLeast(FANOUT.events);
  const fc = pow2AtLeast(c1);
  const fs = pow2AtLeast(MAX_SOURCE_RECORDS);
  const individuals = { start: h0 * fi, end: h1 * fi };
  const assignments = { start: individuals.start * fc, end: individuals.end * fc };
  const exposures = assignments;
  const fr = pow2AtLeast(MAX_RESPONSES_PER_ASSIGNMENT);
  const responses = { start: assignments.start * fr, end: assignments.end * fr };
  const ft = pow2AtLeast(MAX_INCREMENTAL_CONVERSIONS + MAX_ORGANIC_CONVERSIONS);
  const fo = pow2AtLeast(MAX_OUTCOMES_PER_RESPONSE);
  const mappings = { start: individuals.start * fm, end: individuals.end * fm };
  return {
    households: { start: h0, end: h1 },
    individuals,
    identity_mappings: mappings,
    content_engagements: { start: individuals.start * fe, end: individuals.end * fe },
    viewership_patterns: individuals,
    audience_attributes: individuals,
    campaigns: { start: c0, end: c1 },
    campaign_assignments: assignments,
    campaign_exposures: exposures,
    truth_assignment_outcomes: assignments,
    response_events: responses,
    outcome_metrics: { start: responses.start * fo, end: responses.end * fo },
    truth_conversions: { start: assignments.start * ft, end: assignments.end * ft },
    truth_campaign_lift: { start: c0, end: c1 },
    truth_source_records: { start: individuals.start * fs, end: individuals.end * fs },
    source_records: { start: individuals.start * fs, end: individuals.end * fs },
    truth_identity_links: mappings,
  };
}
