/**
 * The identity-graph scenario: ten tables from households to attributed outcomes, built only
 * with core's public DSL from a validated configuration.
 */
import type { ScenarioBuilder } from '@synthgraph/core';
import type { IdentityGraphConfig, IdentityGraphConfigInput } from './config-schema.js';
import { resolveConfig } from './config-validation.js';
import { distributionTargets } from './distribution-checks.js';
import { keyRanges } from './key-ranges.js';
import { buildModel } from './model.js';
import { audienceStage } from './scenario/audience.js';
import { campaignStage } from './scenario/campaigns.js';
import { identityStage } from './scenario/identity.js';
import { truthLinksStage } from './scenario/identity-links.js';
import { engagementsStage } from './scenario/engagements.js';
import { peopleStage } from './scenario/people.js';
import { sourceRecordsStage } from './scenario/source-records.js';

/**
 * The tables, in generation order: the ten tables of the graph, the source records, and the answer keys (`truth_*`).
 *
 * @example
 * ```ts
 * IDENTITY_GRAPH_TABLES[0]; // "households"
 * ```
 */
export const IDENTITY_GRAPH_TABLES = [
  'households',
  'individuals',
  'identity_mappings',
  'content_engagements',
  'viewership_patterns',
  'audience_attributes',
  'campaigns',
  'campaign_assignments',
  'campaign_exposures',
  'truth_assignment_outcomes',
  'response_events',
  'outcome_metrics',
  'truth_conversions',
  'truth_campaign_lift',
  'truth_source_records',
  'source_records',
  'truth_identity_links',
] as const;
/** A table of the identity graph. */
export type IdentityGraphTable = (typeof IDENTITY_GRAPH_TABLES)[number];

/** Builds the scenario from an already resolved configuration. */
function build(config: IdentityGraphConfig) {
  const model = buildModel(config);
  const s = truthLinksStage(sourceRecordsStage(campaignStage(audienceStage(engagementsStage(identityStage(peopleStage(model), model), model), model), model), model), model);
  return s.meta({
    preset: 'identity-graph',
    config,
    manifestExtra: {
      preset: 'identity-graph',
      batch: config.run.batch,
      mode: config.run.mode,
      tablePrefix: config.run.table_prefix,
      keyRanges: keyRanges(config),
      distributionTargets: distributionTargets(config, model),
    },
  });
}

/** The scenario builder the identity-graph preset returns. */
export type IdentityGraphScenario = ReturnType<typeof build>;
/** The entity row shapes of the identity graph (for `InferRow`). */
export type IdentityGraphEntities = IdentityGraphScenario extends ScenarioBuilder<infer E> ? E : never;

/**
 * The identity-graph scenario for a configuration (validated here; defaults fill what is
 * missing). Throws a core `ConfigError` listing every problem when the configuration is invalid.
 * The resolved configuration, batch key ranges and distribution targets are recorded in the
 * scenario meta (and so in the IR and the run manifest).
 *
 * @example
 * ```ts
 * import { generate } from '@synthgraph/core';
 * import { duckdb } from '@synthgraph/duckdb';
 * import { identityGraph } from '@synthgraph/presets';
 * const manifest = await generate(identityGraph({ households: { num_households: 10_000 } }), duckdb({ out: './out' }), { seed: 42 });
 * ```
 */
export function identityGraph(config: IdentityGraphConfigInput | IdentityGraphConfig = {}): IdentityGraphScenario {
  return build(resolveConfig(config));
}
