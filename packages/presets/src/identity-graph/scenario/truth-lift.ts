/**
 * The answer keys of the campaign experiments: truth_conversions (which conversion the ads
 * caused) and truth_campaign_lift (each campaign's true incremental effect on its treatment
 * group). Dropping every truth_* table leaves a blind test.
 */
import { aggs, lit, nullOf, pow2AtLeast, t, type ScenarioBuilder } from '@synthgraph/core';
import type { IdentityGraphModel } from '../model.js';
import type { attributionStage } from './attribution.js';
import { firstOf } from './expressions.js';
import { MAX_INCREMENTAL_CONVERSIONS, MAX_ORGANIC_CONVERSIONS } from './outcomes.js';
import { MAX_RESPONSES_PER_ASSIGNMENT } from './response.js';

type AttributionEntities = ReturnType<typeof attributionStage> extends ScenarioBuilder<infer E> ? E : never;

/** Fan-out of response_events under truth_assignment_outcomes (its key = parent · fanout + index). */
const RESPONSE_FANOUT = pow2AtLeast(MAX_RESPONSES_PER_ASSIGNMENT);

/**
 * Adds truth_conversions and truth_campaign_lift.
 *
 * @example
 * ```ts
 * const s = truthLiftStage(attributionStage(responses, model), model);
 * ```
 */
export function truthLiftStage(s: ScenarioBuilder<AttributionEntities>, _m: IdentityGraphModel) {
  return s
    .entity('truth_conversions', (e) =>
      e
        .childrenOf('truth_assignment_outcomes', { count: (p) => p.col('incremental_conversions').plus(p.col('organic_conversions')), max: MAX_INCREMENTAL_CONVERSIONS + MAX_ORGANIC_CONVERSIONS })
        .comment('ANSWER KEY of response_events: for every conversion, whether the ads caused it and which campaign did. Drop every truth_* table for a blind test.')
        .key('truth_conversion_id', { comment: 'Row id, opaque' })
        // conversion j of an assignment is its response clicks + j (response_events' layout [clicks][incremental][organic])
        .column('response_id', t.bigint(), (c) => c.parent.col('assignment_outcome_id').times(RESPONSE_FANOUT).plus(c.parent.col('clicks')).plus(c.index()), { comment: 'The conversion in response_events' })
        .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'), { comment: 'Who converted' })
        .column('campaign_id', t.bigint(), (c) => c.parent.col('campaign_id'), { comment: 'The campaign whose offer was bought' })
        .column('assignment', t.string(), (c) => c.parent.col('assignment'), { comment: 'treatment or control' })
        .column('is_incremental', t.boolean(), (c) => c.index().lt(c.parent.col('incremental_conversions')), { comment: "Whether the campaign's ads caused the conversion (false: organic, it would have happened anyway)" })
        .column('causing_campaign_id', t.bigint(), (c) => firstOf([[c.col('is_incremental'), c.col('campaign_id')]], nullOf(t.bigint())), { comment: 'The campaign that caused it; NULL for organic conversions' })
        .foreignKey('response_id', 'response_events')
        .foreignKey('individual_id', 'individuals')
        .foreignKey('campaign_id', 'campaigns')
        .foreignKey('causing_campaign_id', 'campaigns')
        .unique('response_id')
        .oneOf('assignment', ['treatment', 'control'])
        .rule('incremental_only_in_treatment', (c) => c.col('is_incremental').and(c.col('assignment').ne('treatment'))),
    )
    .entity('truth_campaign_lift', (e) =>
      e
        .groupOf('truth_assignment_outcomes', { by: 'campaign_id' })
        .comment("ANSWER KEY of each campaign's holdout experiment: group sizes, conversions by arm and the true incremental effect on the treatment group. Drop every truth_* table for a blind test.")
        .key('campaign_id', { comment: 'The campaign' })
        .column('treatment_size', t.bigint(), (c) => aggs.countIf(c.row.col('assignment').eq('treatment')), { comment: 'Individuals randomized into treatment' })
        .column('control_size', t.bigint(), (c) => aggs.countIf(c.row.col('assignment').eq('control')), { comment: 'Individuals randomized into control (never exposed)' })
        .column('reached', t.bigint(), (c) => aggs.countIf(c.row.col('impressions').gt(0)), { comment: 'Treatment members who saw at least one impression' })
        .column('treatment_conversions', t.bigint(), (c) => aggs.sumIf(c.row.col('incremental_conversions').plus(c.row.col('organic_conversions')), c.row.col('assignment').eq('treatment')), {
          comment: 'All conversions of the treatment group (observable in response_events)',
        })
        .column('control_conversions', t.bigint(), (c) => aggs.sumIf(c.row.col('organic_conversions'), c.row.col('assignment').eq('control')), { comment: 'All conversions of the control group (all organic)' })
        .column('incremental_conversions', t.bigint(), (c) => aggs.sum(c.row.col('incremental_conversions')), { comment: 'Conversions the campaign caused (treatment group only)' })
        .column('counterfactual_conversions', t.bigint(), (c) => aggs.sumIf(c.row.col('organic_conversions'), c.row.col('assignment').eq('treatment')), {
          comment: 'Conversions the treatment group would have made without the ads (its organic conversions)',
        })
        .column('true_relative_lift', t.double(), (c) =>
          firstOf([[c.col('counterfactual_conversions').gt(0), c.col('incremental_conversions').div(c.col('counterfactual_conversions'))]], nullOf(t.double())),
          { comment: 'incremental / counterfactual conversions of the treatment group (NULL when no counterfactual conversion): what a treatment-vs-control lift estimate measures' },
        )
        .column('true_incremental_rate', t.double(), (c) => firstOf([[c.col('treatment_size').gt(0), c.col('incremental_conversions').div(c.col('treatment_size'))]], lit(0)), {
          comment: 'Incremental conversions per treatment member: the true difference of conversion rates (treatment − control) in expectation',
        })
        .foreignKey('campaign_id', 'campaigns')
        .range('true_relative_lift', 0, null),
    );
}
