/**
 * viewership_patterns and audience_attributes: derived by aggregating content_engagements per
 * individual (never drawn independently), then segmenting with demographics looked up by key.
 */
import { aggs, array, arrayCompact, arrayContains, dateOf, greatest, hourOfDay, least, lit, lognormal, mapOf, nullOf, steps, t, toScaled, uniform, type Micros, type ScenarioBuilder, type X } from '@synthgraph/core';
import type { IdentityGraphModel } from '../model.js';
import { BEHAVIORAL_CLASSES, INCOME_BRACKETS } from '../vocabulary.js';
import { firstOf } from './expressions.js';
import type { engagementsStage } from './engagements.js';

type IdentityEntities = ReturnType<typeof engagementsStage> extends ScenarioBuilder<infer E> ? E : never;

/** Reads a column added under a computed name (the DSL types only literal names). */
function colNamed(c: unknown, name: string): X<number> {
  return (c as { col(n: string): X<number> }).col(name);
}

/**
 * Adds viewership_patterns and audience_attributes.
 *
 * @example
 * ```ts
 * const s = audienceStage(engagementsStage(identityStage(peopleStage(model), model), model), model);
 * ```
 */
export function audienceStage(s: ScenarioBuilder<IdentityEntities>, m: IdentityGraphModel) {
  const w = m.window;
  const aud = m.config.audience;
  const th = aud.behavioral_thresholds;
  const pw = aud.propensity_weights;
  const cats = m.categories;
  const segmentNames = aud.segments.map((x) => x.name);
  return s
    .entity('viewership_patterns', (e) =>
      e
        .groupOf('content_engagements', { by: 'individual_id' })
        .comment('Per-individual viewing behaviour, aggregated from content_engagements.')
        .key('pattern_id', { comment: 'Equal to individual_id' })
        .column('individual_id', t.bigint(), (c) => c.key(), { comment: 'The individual' })
        .column('total_engagements', t.bigint(), () => aggs.count(), { comment: 'Number of engagement events (equals the count in content_engagements)' })
        .column('frequency_daily_avg', t.double(), (c) => c.col('total_engagements').div(w.days), { comment: 'Events per day of the window' })
        .column('recency_last_engagement', t.timestamp(), (c) => aggs.max(c.row.col('event_ts')), { comment: 'Time of the latest event' })
        .column('preferred_categories', t.array(t.string()), (c) => aggs.topN(c.row.col('content_category'), 3), { comment: 'Up to three most engaged categories, most first' })
        .column('preferred_device', t.string(), (c) => aggs.mode(c.row.col('device_type')), { comment: 'Most used device type' })
        .column('peak_hour', t.int(), (c) => aggs.mode(hourOfDay(c.row.col('event_ts'))), { comment: 'Hour of day (0–23, UTC) with most events' })
        .column('active_days', t.bigint(), (c) => aggs.countDistinct(dateOf(c.row.col('event_ts'))), { comment: 'Distinct days with at least one event' })
        .column('distinct_identifiers', t.bigint(), (c) => aggs.countDistinct(c.row.col('identifier_value')), { comment: 'Identifiers the events were observed on' })
        .column('total_view_seconds', t.bigint(), (c) => aggs.sumIf(c.row.col('duration_seconds'), c.row.col('engagement_type').eq('view')), { comment: 'Seconds watched over all views' })
        .column('computed_at', t.timestamp(), w.endMicros as Micros, { comment: 'The reference end date' })
        .foreignKey('individual_id', 'individuals')
        .unique('individual_id')
        .range('peak_hour', 0, 23)
        .range('frequency_daily_avg', 0, null)
        .childCount('total_engagements', 'content_engagements', 'individual_id'),
    )
    .entity('audience_attributes', (e) => {
      let b = e
        .groupOf('content_engagements', { by: 'individual_id' })
        .comment('Segments, affinities, behaviour class and propensity, derived from engagements, viewership_patterns and demographics.')
        .key('attribute_id', { comment: 'Equal to individual_id' })
        .column('individual_id', t.bigint(), (c) => c.key(), { comment: 'The individual' })
        .column('household_id', t.bigint(), (c) => c.lookup('individuals', c.key(), 'household_id'), { comment: 'Household of the individual' })
        .column('events', t.bigint(), () => aggs.count(), { hidden: true });
      cats.forEach((cat, i) => {
        b = b.column(`cnt_${i}`, t.bigint(), (c) => aggs.countIf(c.row.col('content_category').eq(cat)), { hidden: true }) as typeof b;
      });
      const counts = (c: unknown): X<number>[] => cats.map((_, i) => colNamed(c, `cnt_${i}`));
      let b2 = b.column('top_count', t.bigint(), (c) => (counts(c).length === 1 ? (counts(c)[0] as X<number>) : greatest(...counts(c))), { hidden: true });
      cats.forEach((_, i) => {
        b2 = b2.column(`aff_${i}`, t.double(), (c) => colNamed(c, `cnt_${i}`).div(c.col('top_count')).times(1000).floor().div(1000), { hidden: true }) as typeof b2;
      });
      return b2
        .column('age', t.int(), (c) => c.lookup('individuals', c.key(), 'age'), { hidden: true })
        .column('gender', t.string(), (c) => c.lookup('individuals', c.key(), 'gender'), { hidden: true })
        .column('income_bracket', t.string(), (c) => c.lookup('households', c.col('household_id'), 'income_bracket'), { hidden: true })
        .column('frequency', t.double(), (c) => c.lookup('viewership_patterns', c.key(), 'frequency_daily_avg'), { hidden: true })
        .column('recency', t.timestamp(), (c) => c.lookup('viewership_patterns', c.key(), 'recency_last_engagement'), { hidden: true })
        .column('segments_matched', t.array(t.string()), (c) => {
          const matches = aud.segments.map((seg) => {
            let cond: X<boolean> = lit(true);
            if (seg.categories.length) cond = seg.categories.map((cat) => colNamed(c, `aff_${cats.indexOf(cat)}`).ge(seg.min_affinity)).reduce((x, y) => x.or(y));
            if (seg.age_min !== undefined) cond = cond.and(c.col('age').ge(seg.age_min));
            if (seg.age_max !== undefined) cond = cond.and(c.col('age').le(seg.age_max));
            if (seg.income_brackets) cond = cond.and(seg.income_brackets.map((br) => c.col('income_bracket').eq(br)).reduce((x, y) => x.or(y), lit(false)));
            if (seg.genders) cond = cond.and(seg.genders.map((g) => c.col('gender').eq(g)).reduce((x, y) => x.or(y), lit(false)));
            return firstOf([[cond, lit(seg.name)]], nullOf(t.string()));
          });
          return arrayCompact(array(...matches));
        }, { hidden: true })
        .column('segment_primary', t.string(), (c) =>
          firstOf(
            segmentNames.map((n) => [arrayContains(c.col('segments_matched'), n), lit(n)] as const),
            lit('general'),
          ),
          { comment: "First matching segment in configured priority ('general' when none matches)" },
        )
        .column('segment_secondary', t.array(t.string()), (c) =>
          arrayCompact(array(...segmentNames.map((n) => firstOf([[arrayContains(c.col('segments_matched'), n).and(c.col('segment_primary').ne(n)), lit(n)]], nullOf(t.string()))))),
          { comment: 'The other segments the individual matches' },
        )
        .column('affinity_scores', t.map(t.string(), t.double()), (c) => mapOf(cats.map((cat, i) => [cat, colNamed(c, `aff_${i}`)] as const)), {
          comment: 'Per content category: engagements relative to the top category (0–1)',
        })
        .column('behavioral_classification', t.string(), (c) =>
          firstOf(
            [
              [c.col('recency').lt(w.endMicros - th.lapsed_after_days * 86_400_000_000), lit('lapsed')],
              [c.col('frequency').ge(th.heavy_daily_events), lit('heavy')],
              [c.col('frequency').ge(th.regular_daily_events), lit('regular')],
            ],
            lit('light'),
          ),
          { comment: 'lapsed / heavy / regular / light from recency and daily events' },
        )
        .column('f_engagement', t.double(), (c) => least(1, c.col('frequency').div(th.heavy_daily_events)), { hidden: true })
        .column('f_recency', t.double(), (c) => greatest(0, lit(1).minus(lit(w.endMicros).minus(c.col('recency')).div(w.days * 86_400_000_000))), { hidden: true })
        .column('f_income', t.double(), (c) => firstOf(INCOME_BRACKETS.map((br, i) => [c.col('income_bracket').eq(br), lit(i / 4)] as const), lit(0)), { hidden: true })
        .column('f_age', t.double(), (c) => steps<number>(c.col('age'), [25, 35, 55, 65], [0.45, 0.85, 1, 0.7, 0.4]), { hidden: true })
        .column('f_affinity', t.double(), (c) => c.col('top_count').div(c.col('events')), { hidden: true })
        .column('propensity_to_convert', t.double(), (c) => {
          const score = c
            .col('f_engagement')
            .times(pw.engagement ?? 0)
            .plus(c.col('f_recency').times(pw.recency ?? 0))
            .plus(c.col('f_income').times(pw.income ?? 0))
            .plus(c.col('f_age').times(pw.age ?? 0))
            .plus(c.col('f_affinity').times(pw.affinity ?? 0));
          const p = score.times(1 - aud.propensity_noise).plus(uniform().times(aud.propensity_noise));
          return least(1, greatest(0, p.times(10_000).floor().div(10_000)));
        }, { comment: 'Likelihood to convert, 0–1: weighted engagement, recency, income, age and affinity features plus individual noise' })
        .column('lifetime_value_estimate', t.decimal(12, 2), (c) =>
          toScaled(lit(40).plus(c.col('propensity_to_convert').times(360)).plus(c.col('f_income').times(300)).plus(c.col('f_engagement').times(150)).times(lognormal(0, 0.45)), 2),
          { comment: 'Estimated lifetime value in dollars' },
        )
        .column('computed_at', t.timestamp(), w.endMicros as Micros, { comment: 'The reference end date' })
        .foreignKey('individual_id', 'individuals')
        .foreignKey('household_id', 'households')
        .unique('individual_id')
        .range('propensity_to_convert', 0, 1)
        .range('lifetime_value_estimate', 0, null)
        .oneOf('segment_primary', [...segmentNames, 'general'])
        .oneOf('segment_secondary', segmentNames)
        .oneOf('behavioral_classification', BEHAVIORAL_CLASSES);
    });
}
