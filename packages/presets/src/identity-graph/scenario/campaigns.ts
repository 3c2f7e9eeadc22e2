/**
 * campaigns, campaign_exposures, response_events and outcome_metrics: flights inside the window,
 * targeted exposures with frequency capping and CPM costs, responses that rise with propensity,
 * and attribution over each individual's journey.
 */
import {
  array,
  arrayContains,
  arrayCompact,
  arrayGet,
  arraySize,
  bernoulli,
  coalesce,
  concat,
  days,
  greatest,
  hours,
  intBetween,
  least,
  lit,
  lognormal,
  nullOf,
  pick,
  poisson,
  t,
  timestampIn,
  toScaled,
  uniform,
  wins,
  type Micros,
  type ScenarioBuilder,
  type X,
} from '@synthgraph/core';
import type { IdentityGraphModel } from '../model.js';
import { CAMPAIGN_KEY_STRIDE } from '../model.js';
import { CAMPAIGN_GOALS, CHANNEL_CPM, CHANNEL_PLACEMENTS, CONVERSION_STATUSES, RESPONSE_TYPES, type AttributionModel, type Channel } from '../vocabulary.js';
import { choose, firstOf, hashIndex, lomax } from './expressions.js';
import type { audienceStage } from './audience.js';

type AudienceEntities = ReturnType<typeof audienceStage> extends ScenarioBuilder<infer E> ? E : never;

const DAY = days(1);
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
 * Most responses one exposure row (up to 10 impressions) can produce.
 *
 * @example
 * ```ts
 * MAX_RESPONSES_PER_EXPOSURE; // 3
 * ```
 */
export const MAX_RESPONSES_PER_EXPOSURE = 3;
/** Per-model weight rules (documented in docs/tables/outcome_metrics.md). */
const ADJECTIVES = ['Bold', 'Bright', 'Fresh', 'Prime', 'Spring', 'Summer', 'Autumn', 'Holiday', 'Evergreen', 'Golden', 'Rapid', 'Smart', 'Urban', 'Pure', 'True', 'Next'];
const NOUNS = ['Reach', 'Push', 'Spotlight', 'Boost', 'Journey', 'Wave', 'Drive', 'Momentum', 'Launch', 'Pulse', 'Horizon', 'Spark', 'Rally', 'Signal', 'Surge', 'Bridge'];

/**
 * Adds campaigns, campaign_exposures, response_events and outcome_metrics.
 *
 * @example
 * ```ts
 * const s = campaignStage(audienceStage(engagementsStage(identityStage(peopleStage(model), model), model), model), model);
 * ```
 */
export function campaignStage(s: ScenarioBuilder<AudienceEntities>, m: IdentityGraphModel) {
  const w = m.window;
  const k = m.config.campaigns;
  const segments = m.config.audience.segments.map((x) => x.name);
  const channels = k.channels;
  const models = k.attribution_models;
  const responseWeights = RESPONSE_TYPES.map((r) => k.response_types[r] ?? 0);
  const span = k.response_rate.max - k.response_rate.min;
  const freqScale = Math.max(1, k.frequency.cap - 1);
  return s
    .entity('campaigns', (e) =>
      e
        .rows(k.num_campaigns, { keyOffset: m.keys.campaignOffset })
        .comment('Marketing campaigns: flights inside the engagement window, target segments, channels and budgets.')
        .key('campaign_id', { comment: `Campaign id, opaque (a keyed bijection of the internal key; batch b owns internal keys from b·${CAMPAIGN_KEY_STRIDE})` })
        .column('goal', t.string(), () => pick(CAMPAIGN_GOALS, [0.3, 0.25, 0.35, 0.1]), { comment: 'awareness, consideration, conversion or retention' })
        .column('campaign_name', t.string(), (c) => concat(pick(ADJECTIVES), ' ', pick(NOUNS), ' – ', c.col('goal'), ' #', c.key().str()), { comment: 'Display name' })
        .column('duration', t.int(), () => intBetween(k.duration_days.min, k.duration_days.max), { hidden: true })
        .column('start_date', t.date(), (c) =>
          lit(w.endDay)
            .minus(c.col('duration'))
            .minus(uniform().times(c.col('duration').neg().plus(w.days + 1)).floor())
            .cast(t.date()),
          { comment: 'First day of the flight' },
        )
        .column('end_date', t.date(), (c) => c.col('start_date').plus(c.col('duration')).minus(1), { comment: 'Last day of the flight (inclusive)' })
        .column('segment_a', t.int(), () => intBetween(0, segments.length - 1), { hidden: true })
        .column('target_segment', t.array(t.string()), (c) => {
          const names = array(...segments);
          const second = segments.length > 1 ? firstOf([[bernoulli(0.35), arrayGet(names, c.col('segment_a').plus(intBetween(1, segments.length - 1)).mod(segments.length))]], nullOf(t.string())) : nullOf(t.string());
          return firstOf([[bernoulli(k.broad_targeting_share), array('all')]], arrayCompact(array(arrayGet(names, c.col('segment_a')), second)));
        }, { comment: "Segments the campaign targets ('all' = every audience member)" })
        .column('channel_a', t.int(), () => intBetween(0, channels.length - 1), { hidden: true })
        .column('channels', t.array(t.string()), (c) => arrayCompact(array(...channels.map((ch, i) => firstOf([[c.col('channel_a').eq(i).or(bernoulli(0.35)), lit(ch)]], nullOf(t.string()))))), {
          comment: 'Channels used (a non-empty subset of the configured channels)',
        })
        .column('budget', t.decimal(14, 2), (c) => toScaled(greatest(5_000, lognormal(Math.log(120_000), 0.8).times(c.col('duration').toDouble().div(30).sqrt())), 2), { comment: 'Budget in dollars' })
        .column('created_at', t.timestamp(), (c) =>
          c.col('start_date').times(DAY).cast(t.timestamp()).minus(intBetween(3, 45).times(DAY)).minus(intBetween(0, 86_399).times(1_000_000)),
          { comment: 'When the campaign was set up (before its start)' },
        )
        .ordered('start_date', 'end_date')
        .range('start_date', w.startDay, w.endDay - 1)
        .range('end_date', w.startDay, w.endDay - 1)
        .range('budget', 1, null)
        .oneOf('goal', CAMPAIGN_GOALS)
        .oneOf('channels', channels)
        .oneOf('target_segment', [...segments, 'all'])
        .rule('duration_in_range', (c) => c.col('end_date').minus(c.col('start_date')).plus(1).lt(k.duration_days.min).or(c.col('end_date').minus(c.col('start_date')).plus(1).gt(k.duration_days.max)))
        .rule('channels_not_empty', (c) => arraySize(c.col('channels')).lt(1)),
    )
    .entity('campaign_exposures', (e) =>
      e
        .crossOf('audience_attributes', 'campaigns', {
          keep: (c) => {
            const target = c.right.col('target_segment');
            const t0 = arrayGet(target, 0);
            const t1 = arrayGet(target, 1);
            const primary = c.left.col('segment_primary');
            const secondary = c.left.col('segment_secondary');
            const targeted = t0.eq('all').or(t0.eq(primary)).or(coalesce(t1.eq(primary), false)).or(arrayContains(secondary, t0)).or(coalesce(arrayContains(secondary, t1), false));
            return bernoulli(k.reach_percentage / 100).and(targeted);
          },
        })
        .comment('One row per reached (individual, campaign): impressions within the flight on one of its channels.')
        .key('exposure_id', { comment: 'Exposure id, opaque (reveals neither the individual nor the campaign)' })
        .column('individual_id', t.bigint(), (c) => c.left.col('individual_id'), { comment: 'Who was exposed' })
        .column('campaign_id', t.bigint(), (c) => c.right.col('campaign_id'), { comment: 'The campaign' })
        .column('household_id', t.bigint(), (c) => c.left.col('household_id'), { comment: 'Household of the individual' })
        .column('channel', t.string(), (c) => arrayGet(c.right.col('channels'), uniform().times(arraySize(c.right.col('channels'))).floor()), { comment: "One of the campaign's channels" })
        .column('exposure_ts', t.timestamp(), (c) =>
          timestampIn({
            start: w.startMicros,
            days: w.days,
            hourly: m.temporal.hourly,
            within: { from: c.right.col('start_date').times(DAY).cast(t.timestamp()), to: c.right.col('end_date').plus(1).times(DAY).minus(1).cast(t.timestamp()) },
          }),
          { comment: 'First impression, inside the flight' },
        )
        .column('frequency', t.int(), () => least(k.frequency.cap, poisson(k.frequency.mean - 1).plus(1)), { comment: `Impressions (1 to the cap of ${k.frequency.cap})` })
        .column('u_placement', t.double(), () => uniform(), { hidden: true })
        .column('placement', t.string(), (c) => {
          const list = channels.map((ch) => [c.col('channel').eq(ch), choose(c.col('u_placement'), CHANNEL_PLACEMENTS[ch].map(() => 1), CHANNEL_PLACEMENTS[ch])] as const);
          const last = list.pop() as (typeof list)[number];
          return firstOf(list, last[1]);
        }, { comment: 'Placement within the channel' })
        .column('cpm', t.double(), (c) => firstOf(channels.map((ch) => [c.col('channel').eq(ch), lit(CHANNEL_CPM[ch])] as const), lit(CHANNEL_CPM[channels[0] as Channel])), { hidden: true })
        .column('cost', t.decimal(12, 4), (c) => toScaled(c.col('frequency').times(c.col('cpm')).div(1000).times(uniform(0.8, 1.25)), 4), { comment: 'Media cost in dollars (CPM model)' })
        .foreignKey('individual_id', 'individuals')
        .foreignKey('campaign_id', 'campaigns')
        .foreignKey('household_id', 'households')
        .oneOf('channel', channels)
        .range('frequency', 1, Math.min(10, k.frequency.cap))
        .range('cost', 0, null)
        .range('exposure_ts', w.startMicros, w.endMicros - 1),
    )
    .entity('response_events', (e) =>
      e
        .childrenOf('campaign_exposures', {
          // each impression responds independently with a rate inside the configured range,
          // rising with the individual's propensity and with the exposure's frequency
          count: (p) => {
            const propensity = p.lookup('audience_attributes', p.col('individual_id'), 'propensity_to_convert');
            const rate = propensity.times(0.7).plus(p.col('frequency').minus(1).div(freqScale).times(0.3)).times(span).plus(k.response_rate.min);
            const hits = Array.from({ length: Math.min(10, k.frequency.cap) }, (_, j) => firstOf([[p.col('frequency').gt(j).and(uniform().lt(rate)), lit(1)]], lit(0)));
            return hits.reduce((a, b) => a.plus(b));
          },
          max: MAX_RESPONSES_PER_EXPOSURE,
        })
        .comment(`Responses to exposures (one per responding impression, at most ${MAX_RESPONSES_PER_EXPOSURE} per exposure); more likely for higher propensity and frequency.`)
        .key('response_id', { comment: 'Response id, opaque (does not reveal the exposure)' })
        .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'), { comment: 'Who responded' })
        .column('campaign_id', t.bigint(), (c) => c.parent.col('campaign_id'), { comment: 'The campaign responded to' })
        .column('exposure_id', t.bigint(), (c) => c.parent.col('exposure_id'), { comment: 'The exposure responded to' })
        .column('household_id', t.bigint(), (c) => c.parent.col('household_id'), { comment: 'Household of the individual' })
        .column('channel', t.string(), (c) => c.parent.col('channel'), { comment: 'Channel of the exposure' })
        .column('response_type', t.string(), () => pick(RESPONSE_TYPES, responseWeights), { comment: 'click, engagement or conversion' })
        .column('exposure_ts', t.timestamp(), (c) => c.parent.col('exposure_ts'), { comment: 'When the exposure happened (copied from campaign_exposures)' })
        .column('delay', t.bigint(), (c) =>
          firstOf(
            [
              [c.col('response_type').eq('click'), least(lomax(hours(1)), hours(72)).floor()],
              [c.col('response_type').eq('engagement'), least(lomax(hours(8)), days(14)).floor()],
            ],
            least(lomax(hours(40)), days(30)).floor(),
          ),
          { hidden: true },
        )
        .column('response_ts', t.timestamp(), (c) =>
          greatest<Micros>(c.col('exposure_ts'), least<Micros>(c.col('exposure_ts').plus(c.col('delay')).plus(c.index().times(least(lomax(days(2)), days(20))).floor()), w.endMicros - 1)),
          { comment: 'When the individual responded (≥ exposure_ts; later impressions respond later)' },
        )
        .column('time_to_conversion_hours', t.double(), (c) => c.col('response_ts').minus(c.col('exposure_ts')).div(hours(1)), { comment: 'Hours from exposure to response' })
        .column('value', t.decimal(12, 2), (c) => firstOf([[c.col('response_type').eq('conversion'), toScaled(greatest(1, lognormal(Math.log(55), 0.8)), 2)]], nullOf(t.decimal(12, 2))), {
          comment: 'Order value in dollars: > 0 for conversions, NULL otherwise',
        })
        .foreignKey('individual_id', 'individuals')
        .foreignKey('campaign_id', 'campaigns')
        .foreignKey('exposure_id', 'campaign_exposures')
        .oneOf('response_type', RESPONSE_TYPES)
        .ordered('exposure_ts', 'response_ts')
        .rule('value_only_for_conversions', (c) =>
          c.col('response_type').eq('conversion').and(coalesce(c.col('value').le(0), true)).or(c.col('response_type').ne('conversion').and(c.col('value').isNull().not())),
        ),
    )
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
