/**
 * outcome_metrics: attribution of each individual's journey (their responses in time order)
 * under one attribution model.
 */
import { array, arrayGet, coalesce, greatest, hours, lit, t, wins, type Micros, type ScenarioBuilder, type X } from '@synthgraph/core';
import type { IdentityGraphModel } from '../model.js';
import { CONVERSION_STATUSES, type AttributionModel } from '../vocabulary.js';
import { firstOf, hashIndex } from './expressions.js';
import type { responseStage } from './response.js';

type ResponseEntities = ReturnType<typeof responseStage> extends ScenarioBuilder<infer E> ? E : never;

/**
 * Half-life scale of the time-decay model, in hours (a touch one week older weighs less).
 *
 * @example
 * ```ts
 * TIME_DECAY_HOURS; // 168
 * ```
 */
export const TIME_DECAY_HOURS = 168;

/**
 * Adds outcome_metrics.
 *
 * @example
 * ```ts
 * const s = attributionStage(responseStage(delivery, model), model);
 * ```
 */
export function attributionStage(s: ScenarioBuilder<ResponseEntities>, m: IdentityGraphModel) {
  const w = m.window;
  const models = m.config.campaigns.attribution_models;
  return s
    .entity('outcome_metrics', (e) =>
      e
        .windowOf('response_events', { partitionBy: ['individual_id'], orderBy: ['response_ts'] })
        .comment("Attribution of each individual's journey (their responses in time order) under one attribution model.")
        .key('outcome_id', { comment: 'Equal to response_id' })
        .column('response_id', t.bigint(), (c) => c.key(), { comment: 'The response (touchpoint) this row scores' })
        .column('campaign_id', t.bigint(), (c) => c.row.col('campaign_id'), { comment: 'Campaign of the touchpoint' })
        .column('individual_id', t.bigint(), (c) => c.row.col('individual_id'), { comment: 'Whose journey' })
        .column('touchpoint_position', t.int(), () => wins.rowNumber(), { comment: '1-based position of this response in the journey' })
        .column('journey_touchpoints', t.int(), () => wins.count(), { comment: 'Responses in the journey' })
        .column('conversions', t.bigint(), (c) => wins.sum(firstOf([[c.row.col('response_type').eq('conversion'), lit(1)]], lit(0))), { hidden: true })
        .column('journey_value', t.bigint(), (c) => wins.sum(coalesce(c.row.col('value'), 0 as never) as X<number>), { hidden: true })
        .column('hour', t.bigint(), (c) => c.row.col('response_ts').minus(w.startMicros).idiv(hours(1)), { hidden: true })
        .column('hour_sum', t.bigint(), (c) => wins.sum(c.row.col('response_ts').minus(w.startMicros).idiv(hours(1)) as X<number>), { hidden: true })
        .column('hour_min', t.bigint(), (c) => wins.min(c.row.col('response_ts').minus(w.startMicros).idiv(hours(1)) as X<number>), { hidden: true })
        .column('attribution_model', t.string(), (c) =>
          models.length === 1 ? lit(models[0] as string) : arrayGet(array(...models), hashIndex(c.col('individual_id'), models.length, 5)),
          { comment: 'The model this journey is scored with' },
        )
        .column('model_weight', t.double(), (c) => {
          const kk = c.col('touchpoint_position');
          const n = c.col('journey_touchpoints');
          const byModel: Record<AttributionModel, X<number>> = {
            last_touch: firstOf([[kk.eq(n), lit(1)]], lit(0)),
            first_touch: firstOf([[kk.eq(1), lit(1)]], lit(0)),
            linear: lit(1).div(n),
            position_based: firstOf(
              [
                [n.eq(1), lit(1)],
                [n.eq(2), lit(0.5)],
                [kk.eq(1).or(kk.eq(n)), lit(0.4)],
              ],
              lit(0.2).div(greatest(1, n.minus(2))),
            ),
            time_decay: c
              .col('hour')
              .minus(c.col('hour_min'))
              .plus(TIME_DECAY_HOURS)
              .div(n.times(TIME_DECAY_HOURS).plus(c.col('hour_sum')).minus(n.times(c.col('hour_min')))),
          };
          return firstOf(
            models.map((mod) => [c.col('attribution_model').eq(mod), byModel[mod]] as const),
            lit(0),
          );
        }, { hidden: true })
        .column('attribution_weight', t.double(), (c) => firstOf([[c.col('conversions').gt(0), c.col('model_weight')]], lit(0)), {
          comment: "Share of the journey's conversion credit (sums to 1 over a converting journey; 0 otherwise)",
        })
        .column('conversion_status', t.string(), (c) =>
          firstOf(
            [
              [c.row.col('response_type').eq('conversion'), lit('converted')],
              [c.col('conversions').gt(0), lit('assisted')],
            ],
            lit('not_converted'),
          ),
          { comment: 'converted (this response converted), assisted (its journey converted) or not_converted' },
        )
        .column('revenue', t.decimal(12, 2), (c) => c.col('journey_value').times(c.col('attribution_weight')).floor().cast(t.decimal(12, 2)), {
          comment: "Journey conversion value credited to this touchpoint (value × weight, floored to the cent)",
        })
        .column('engagement_score', t.double(), (c) => {
          const base = firstOf(
            [
              [c.row.col('response_type').eq('conversion'), lit(1)],
              [c.row.col('response_type').eq('click'), lit(0.6)],
            ],
            lit(0.35),
          );
          return base.times(0.6).plus(c.col('touchpoint_position').div(c.col('journey_touchpoints')).times(0.4)).times(1000).floor().div(1000);
        }, { comment: 'Engagement 0–1 from the response type and its position in the journey' })
        .column('computed_at', t.timestamp(), w.endMicros as Micros, { comment: 'The reference end date' })
        .foreignKey('response_id', 'response_events')
        .foreignKey('campaign_id', 'campaigns')
        .foreignKey('individual_id', 'individuals')
        .unique('response_id')
        .oneOf('attribution_model', models)
        .oneOf('conversion_status', CONVERSION_STATUSES)
        .range('attribution_weight', 0, 1)
        .range('engagement_score', 0, 1)
        .range('revenue', 0, null),
    );
}
