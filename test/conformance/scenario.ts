/**
 * The conformance scenario: every column kind and row source the evaluator supports, plus
 * derived entities that only engines produce. Each engine's conformance test runs it.
 */
import {
  aggs,
  array,
  arrayCompact,
  bernoulli,
  concat,
  dayOfWeek,
  days,
  exponential,
  hourOfDay,
  intBetween,
  lognormal,
  mapOf,
  normal,
  pick,
  poisson,
  powerLaw,
  scenario,
  sha256,
  steps,
  substr,
  t,
  timestampIn,
  toScaled,
  uniform,
  when,
  wins,
  zipf,
  dateOf,
  greatest,
  least,
} from '@synthgraph/core';

export const CONFORMANCE_ENTITIES = ['households', 'individuals', 'devices', 'offers', 'matches'] as const;
export const DERIVED_ENTITIES = ['household_stats', 'device_ranks'] as const;

/** The conformance scenario with `households` rows. */
export function conformanceScenario(households = 3000, batch = 0) {
  return scenario('conformance')
    .pool({
      name: 'cities',
      columns: [
        { name: 'city', type: 'string' },
        { name: 'state', type: 'string' },
        { name: 'zip', type: 'string' },
      ],
      rows: [
        ['New York', 'NY', '10001'],
        ["O'Fallon", 'MO', '63366'],
        ['Chicago', 'IL', '60601'],
        ['Austin', 'TX', '73301'],
      ],
      weights: [5, 1, 3, 2],
      source: 'test',
    })
    .entity('households', (e) =>
      e
        .rows(households, { keyOffset: batch * 1_000_000 })
        .key('household_id')
        .column('size', t.int(), () => intBetween(1, 6))
        .column('place', t.bigint(), () => poolRowOf('cities'), { hidden: true })
        .column('city', t.string(), (c) => poolValueOf('cities', 'city', c.col('place')))
        .column('zip', t.string(), (c) => poolValueOf('cities', 'zip', c.col('place')))
        .column('bracket', t.string(), () => pick({ '<25k': 0.2, '25-50k': 0.3, '50-100k': 0.3, '100k+': 0.2 }))
        .column('created_at', t.timestamp(), () =>
          timestampIn({ start: '2025-01-01', days: 365, hourly: Array.from({ length: 24 }, (_, h) => (h >= 8 && h <= 22 ? 3 : 1)), weekly: [1, 1, 1, 1, 1.2, 1.6, 1.5], monthly: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.3, 1.6] }),
        )
        .column('created_day', t.date(), (c) => dateOf(c.col('created_at')))
        .column('income', t.decimal(12, 2), () => toScaled(lognormal(10.8, 0.6), 2))
        .column('quote', t.string(), (c) => concat("it's #", c.key().str()))
        .oneOf('bracket', ['<25k', '25-50k', '50-100k', '100k+'])
        .range('size', 1, 6),
    )
    .entity('individuals', (e) =>
      e
        .childrenOf('households', { count: (p) => p.col('size'), max: 8 })
        .key('individual_id')
        .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
        .column('member', t.int(), (c) => c.index())
        .column('age', t.int(), () => greatest(18, least(100, normal(44, 15).floor())))
        .column('band', t.string(), (c) => steps(c.col('age'), [30, 50, 70], ['18-29', '30-49', '50-69', '70+']))
        .column('score', t.double(), () => uniform(0, 1))
        .column('wait', t.double(), () => exponential(0.5))
        .column('tail', t.bigint(), () => powerLaw(2.1, 1, 500).floor())
        .column('events', t.int(), () => poisson(6))
        .column('rank', t.int(), () => zipf(20, 1.1))
        .column('active', t.boolean(), () => bernoulli(0.8))
        .column('email_hash', t.string(), (c) => sha256(concat('user', c.key().str(), '@example.com')))
        .column('cookie', t.string(), (c) => substr(sha256(concat('c', c.key().str())), 1, 16))
        .column('first_seen', t.timestamp(), (c) => c.parent.col('created_at').plus(days(1)))
        .column('last_seen', t.timestamp(), (c) => c.col('first_seen').plus(intBetween(0, 90).times(days(1))))
        .column('seen_dow', t.int(), (c) => dayOfWeek(c.col('first_seen')))
        .column('seen_hour', t.int(), (c) => hourOfDay(c.col('last_seen')))
        .column('hh_bracket', t.string(), (c) => c.lookup('households', c.col('household_id'), 'bracket'))
        .column('label', t.string(), (c) => when(c.col('active'), 'active').when(c.col('score').gt(0.9), 'dormant-high').otherwise('dormant'))
        .column('tags', t.array(t.string()), (c) => arrayCompact(array(when(c.col('active'), 'a').otherwise(nullString()), 'b', c.col('band'))))
        .column('affinity', t.map(t.string(), t.double()), (c) => mapOf([['news', c.col('score')], ['sports', uniform()]]))
        .foreignKey('household_id', 'households')
        .ordered('first_seen', 'last_seen')
        .range('age', 18, 100),
    )
    .entity('devices', (e) =>
      e
        .childrenOf('individuals', { count: () => poisson(1.5).plus(1), max: 6 })
        .key('device_id')
        .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'))
        .column('kind', t.string(), () => pick({ phone: 5, tablet: 2, ctv: 1, laptop: 2 }))
        .column('seen_at', t.timestamp(), (c) => timestampIn({ start: '2025-01-01', days: 500, hourly: Array.from({ length: 24 }, (_, h) => 1 + h), within: { from: c.parent.col('first_seen'), to: c.parent.col('last_seen') } }))
        .foreignKey('individual_id', 'individuals'),
    )
    .entity('offers', (e) =>
      e
        .rows(7, { keyOffset: batch * 100 })
        .key('offer_id')
        .column('channel', t.string(), () => pick(['email', 'ctv', 'social']))
        .column('budget', t.decimal(14, 2), () => toScaled(uniform(1000, 50000), 2)),
    )
    .entity('matches', (e) =>
      e
        .crossOf('individuals', 'offers', { keep: (c) => c.left.col('active').and(bernoulli(0.3)) })
        .key('match_id')
        .column('individual_id', t.bigint(), (c) => c.left.col('individual_id'))
        .column('offer_id', t.bigint(), (c) => c.right.col('offer_id'))
        .column('channel', t.string(), (c) => c.right.col('channel'))
        .column('cost', t.decimal(12, 4), () => toScaled(uniform(0, 2), 4))
        .foreignKey('individual_id', 'individuals')
        .foreignKey('offer_id', 'offers'),
    )
    .entity('household_stats', (e) =>
      e
        .groupOf('individuals', { by: 'household_id' })
        .key('household_id')
        .column('members', t.bigint(), () => aggs.count())
        .column('active_members', t.bigint(), (c) => aggs.countIf(c.row.col('active')))
        .column('oldest', t.int(), (c) => aggs.max(c.row.col('age')))
        .column('top_band', t.string(), (c) => aggs.mode(c.row.col('band')))
        .column('bands', t.array(t.string()), (c) => aggs.topN(c.row.col('band'), 2))
        .column('share_active', t.double(), (c) => c.col('active_members').div(c.col('members')))
        .foreignKey('household_id', 'households'),
    )
    .entity('device_ranks', (e) =>
      e
        .windowOf('devices', { partitionBy: ['individual_id'], orderBy: ['seen_at'] })
        .key('device_id')
        .column('individual_id', t.bigint(), (c) => c.row.col('individual_id'))
        .column('position', t.bigint(), () => wins.rowNumber())
        .column('of', t.bigint(), () => wins.count())
        .column('weight', t.double(), (c) => c.col('position').div(c.col('of')))
        .foreignKey('device_id', 'devices'),
    );
}

import { nullOf, poolRow, poolValue } from '@synthgraph/core';
const poolRowOf = (p: string) => poolRow(p);
const poolValueOf = (p: string, col: string, i: Parameters<typeof poolValue>[2]) => poolValue<string>(p, col, i);
const nullString = () => nullOf(t.string());
