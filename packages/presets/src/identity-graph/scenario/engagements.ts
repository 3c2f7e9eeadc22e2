/**
 * content_engagements: the events observed on each individual's identifiers.
 */
import {
  bernoulli,
  concat,
  greatest,
  hours,
  least,
  lit,
  normal,
  nullOf,
  pick,
  poisson,
  powerLaw,
  t,
  timestampIn,
  uniform,
  type Micros,
  type ScenarioBuilder,
} from '@synthgraph/core';
import type { IdentityGraphModel } from '../model.js';
import { FANOUT } from '../model.js';
import { DEVICE_BY_IDENTIFIER, DEVICE_TYPES, IDENTIFIER_TYPES, VIEW_SECONDS_MEDIAN, type IdentifierType } from '../vocabulary.js';
import { choose, clamp, firstOf, logLogistic, popularityRank } from './expressions.js';
import type { identityStage } from './identity.js';

type IdentityEntities = ReturnType<typeof identityStage> extends ScenarioBuilder<infer E> ? E : never;

/**
 * Adds content_engagements.
 *
 * @example
 * ```ts
 * const s = engagementsStage(identityStage(peopleStage(model), model), model);
 * ```
 */
export function engagementsStage(s: ScenarioBuilder<IdentityEntities>, m: IdentityGraphModel) {
  const w = m.window;
  const ev = m.events;
  const cfg = m.config;
  return s
    .entity('content_engagements', (e) =>
      e
        .childrenOf('individuals', {
          count: () => {
            const raw = ev.kind === 'poisson' ? poisson(ev.param) : ev.kind === 'normal' ? normal(ev.param, ev.sd).plus(0.5).floor() : powerLaw(ev.param, 1, ev.max + 1).floor();
            return clamp(raw, 1, ev.max);
          },
          max: FANOUT.events,
        })
        .comment('Content engagement events, each observed on one of the individual’s identifiers while it was active.')
        .key('event_id', { comment: 'Event key = individual_id · 4096 + event index' })
        .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'), { comment: 'Who engaged (ground truth behind the identifier)' })
        .column('mapping_key', t.bigint(), (c) => c.parent.col('individual_id').times(16).plus(uniform().times(c.parent.col('identifier_count')).floor()), { hidden: true })
        .column('identifier_type', t.string(), (c) => c.lookup('identity_mappings', c.col('mapping_key'), 'identifier_type'), { comment: 'Type of the identifier the event was observed on' })
        .column('identifier_value', t.string(), (c) => c.lookup('identity_mappings', c.col('mapping_key'), 'identifier_value'), { comment: 'The identifier (one of the individual’s mappings, active at event_ts)' })
        .column('id_first_seen', t.timestamp(), (c) => c.lookup('identity_mappings', c.col('mapping_key'), 'first_seen'), { hidden: true })
        .column('id_last_seen', t.timestamp(), (c) => c.lookup('identity_mappings', c.col('mapping_key'), 'last_seen'), { hidden: true })
        .column('event_ts', t.timestamp(), (c) =>
          timestampIn({
            start: w.startMicros,
            days: w.days,
            ...m.temporal,
            within: { from: greatest<Micros>(c.col('id_first_seen'), w.startMicros), to: least<Micros>(c.col('id_last_seen'), w.endMicros - 1) },
          }),
          { comment: 'When it happened: inside the window and inside the identifier’s active span, shaped by the temporal pattern' },
        )
        .column('content_category', t.string(), (c) => firstOf([[bernoulli(cfg.engagement.interest_strength), c.parent.col('primary_interest')]], pick(m.categories, m.categoryWeights)), {
          comment: 'Content category (the individual’s primary interest, or drawn by the category weights)',
        })
        .column('content_rank', t.bigint(), () => popularityRank(cfg.engagement.content_catalog_size), { hidden: true })
        .column('content_id', t.string(), (c) => concat(c.col('content_category'), '_', c.col('content_rank').str().lpad(String(cfg.engagement.content_catalog_size).length, '0')), {
          comment: 'Content item (popularity is power-law within a category)',
        })
        .column('engagement_type', t.string(), () => pick(['view', 'click', 'share', 'like', 'comment'], m.engagementTypes), { comment: 'view, click, share, like or comment' })
        .column('u_device', t.double(), () => uniform(), { hidden: true })
        .column('device_type', t.string(), (c) => {
          const type = c.col('identifier_type');
          const probsOf = (k: IdentifierType): number[] => DEVICE_TYPES.map((d) => DEVICE_BY_IDENTIFIER[k][d] ?? 0);
          return firstOf(
            IDENTIFIER_TYPES.slice(0, -1).map((k) => [type.eq(k), choose(c.col('u_device'), probsOf(k), DEVICE_TYPES)] as const),
            choose(c.col('u_device'), probsOf(IDENTIFIER_TYPES[IDENTIFIER_TYPES.length - 1] as IdentifierType), DEVICE_TYPES),
          );
        }, { comment: 'desktop, mobile, tablet or ctv (follows the identifier type)' })
        .column('duration_seconds', t.int(), (c) => {
          const median = firstOf(
            DEVICE_TYPES.slice(0, -1).map((d) => [c.col('device_type').eq(d), lit(VIEW_SECONDS_MEDIAN[d])] as const),
            lit(VIEW_SECONDS_MEDIAN.ctv),
          );
          return firstOf([[c.col('engagement_type').eq('view'), clamp(logLogistic(median).floor(), 1, 4 * 3600)]], nullOf(t.int()));
        }, { comment: 'Seconds watched: > 0 for views, NULL otherwise' })
        .column('session_id', t.string(), (c) => concat('ses_', c.col('mapping_key').str(), '_', c.col('event_ts').minus(w.startMicros).idiv(hours(1) / 2).str()), {
          comment: 'Identifier + 30-minute bucket',
        })
        .foreignKey('individual_id', 'individuals')
        .oneOf('engagement_type', ['view', 'click', 'share', 'like', 'comment'])
        .oneOf('content_category', m.categories)
        .oneOf('device_type', DEVICE_TYPES)
        .oneOf('identifier_type', IDENTIFIER_TYPES)
        .notNull('identifier_value')
        .range('event_ts', w.startMicros, w.endMicros - 1)
        .range('duration_seconds', 1, null)
        .rule('duration_only_for_views', (c) =>
          c.col('engagement_type').eq('view').and(c.col('duration_seconds').isNull()).or(c.col('engagement_type').ne('view').and(c.col('duration_seconds').isNull().not())),
        ),
    );
}
