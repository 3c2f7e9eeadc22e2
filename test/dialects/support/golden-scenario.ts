/**
 * The small scenario whose printed SQL is kept as golden files per dialect: every row source,
 * a weighted choice, a pool, a pool read from a lookup table, a lookup, a string with quotes, dates, decimals, arrays and maps, a
 * group and a window entity, and a check of every kind.
 */
import { aggs, array, bernoulli, concat, dateOf, intBetween, mapOf, pick, poolRow, poolValue, scenario, t, timestampIn, toScaled, uniform, when, wins, type ScenarioIR } from '@synthgraph/core';

/**
 * The golden scenario's IR (seed 7).
 *
 * @example
 * ```ts
 * buildPlan(goldenScenarioIR(), getDialect('duckdb'));
 * ```
 */
export function goldenScenarioIR(): ScenarioIR {
  return scenario('golden_sql')
    .pool({
      name: 'cities',
      columns: [
        { name: 'city', type: 'string' },
        { name: 'zip', type: 'string' },
      ],
      rows: [
        ["O'Fallon", '63366'],
        ['Back\\slash', '10001'],
      ],
      weights: [2, 1],
      source: 'test',
    })
    // 64 rows: read from a lookup table (created by the plan's setup statements), not inlined.
    .pool({
      name: 'streets',
      columns: [
        { name: 'street', type: 'string' },
        { name: 'number', type: 'int' },
        { name: 'width', type: 'double' },
      ],
      rows: Array.from({ length: 64 }, (_, i) => [i === 3 ? "O'Neil St" : `Street ${i}`, i * 7 - 20, i / 4]),
      weights: null,
      source: 'test',
    })
    .entity('households', (e) =>
      e
        .rows(20)
        .key('household_id')
        .column('size', t.int(), () => intBetween(1, 3))
        .column('place', t.bigint(), () => poolRow('cities'), { hidden: true })
        .column('city', t.string(), (c) => poolValue<string>('cities', 'city', c.col('place')))
        .column('street_row', t.bigint(), () => poolRow('streets'), { hidden: true })
        .column('street', t.string(), (c) => poolValue<string>('streets', 'street', c.col('street_row')))
        .column('street_number', t.int(), (c) => poolValue<number>('streets', 'number', c.col('street_row')))
        .column('street_width', t.double(), (c) => poolValue<number>('streets', 'width', c.col('street_row').plus(1)))
        .column('tier', t.string(), () => pick({ gold: 1, 'it\'s "silver"': 2 }))
        .column('created_at', t.timestamp(), () => timestampIn({ start: '2025-01-01', days: 3 }))
        .column('created_day', t.date(), (c) => dateOf(c.col('created_at')))
        .column('income', t.decimal(12, 2), () => toScaled(uniform(1000, 2000), 2))
        .column('quote', t.string(), (c) => concat("it's #", c.key().str()))
        .oneOf('tier', ['gold', 'it\'s "silver"'])
        .range('size', 1, 3),
    )
    .entity('members', (e) =>
      e
        .childrenOf('households', { count: (p) => p.col('size'), max: 4 })
        .key('member_id')
        .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
        .column('position', t.int(), (c) => c.index())
        .column('active', t.boolean(), () => bernoulli(0.7))
        .column('hh_tier', t.string(), (c) => c.lookup('households', c.col('household_id'), 'tier'))
        .column('label', t.string(), (c) => when(c.col('active'), 'on').otherwise('off'))
        .column('tags', t.array(t.string()), (c) => array(c.col('label'), 'x'))
        .column('scores', t.map(t.string(), t.double()), () => mapOf([['a', uniform()]]))
        .foreignKey('household_id', 'households')
        .rule('inactive_on', (c) => c.col('active').not().and(c.col('label').eq('on'))),
    )
    .entity('household_stats', (e) =>
      e
        .groupOf('members', { by: 'household_id' })
        .key('household_id')
        .column('members', t.bigint(), () => aggs.count())
        .column('top_label', t.string(), (c) => aggs.mode(c.row.col('label')))
        .foreignKey('household_id', 'households')
        .childCount('members', 'members', 'household_id'),
    )
    .entity('member_ranks', (e) =>
      e
        .windowOf('members', { partitionBy: ['household_id'], orderBy: ['position'] })
        .key('member_id')
        .column('rank', t.bigint(), () => wins.rowNumber())
        .unique('member_id'),
    )
    .entity('offers', (e) =>
      e
        .rows(2)
        .key('offer_id')
        .column('channel', t.string(), () => pick(['email', 'ctv']))
        .notNull('channel'),
    )
    .entity('matches', (e) =>
      e
        .crossOf('households', 'offers', { keep: (c) => c.left.col('size').gt(1).and(bernoulli(0.5)) })
        .key('match_id')
        .column('household_id', t.bigint(), (c) => c.left.col('household_id'))
        .column('channel', t.string(), (c) => c.right.col('channel'))
        .foreignKey('household_id', 'households'),
    )
    .toIR({ seed: 7 });
}
