/**
 * Example: households → individuals, written with the typed DSL and evaluated in process.
 * The complete program of docs/writing-a-scenario.md; run it with
 *
 *   node_modules/.bin/tsx --conditions=source examples/two-entity.ts
 */
import { pathToFileURL } from 'node:url';
import {
  Evaluator,
  bernoulli,
  concat,
  dateOf,
  days,
  intBetween,
  irHash,
  lognormal,
  normal,
  poolRow,
  poolValue,
  prettyIR,
  scenario,
  sha256,
  t,
  timestampIn,
  toScaled,
  when,
  type InferRow,
  type PoolInput,
} from '@synthgraph/core';

// A value pool: rows that are materialized into the IR, with optional weights.
export const places: PoolInput = {
  name: 'places',
  columns: [
    { name: 'city', type: 'string' },
    { name: 'state', type: 'string' },
    { name: 'zip', type: 'string' },
  ],
  rows: [
    ['New York', 'NY', '10001'],
    ['Chicago', 'IL', '60601'],
    ['Austin', 'TX', '73301'],
    ['Portland', 'OR', '97201'],
  ],
  weights: [8.3, 2.7, 1.0, 0.65],
  source: 'inline example',
};

/** Relative activity per hour of the day (UTC), hour 0 first. */
export const DIURNAL = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 3.5, 3.6, 3.8, 4, 3.9, 3.7, 3.6, 3.8, 4.2, 4.8, 5.2, 5, 4, 3, 2];

export const twoEntity = scenario('two_entity')
  .pool(places)
  .entity('households', (e) =>
    e
      .rows(1000)
      .key('household_id')
      .column('size', t.int(), () => intBetween(1, 6))
      .column('place', t.bigint(), () => poolRow('places'), { hidden: true })
      .column('city', t.string(), (c) => poolValue('places', 'city', c.col('place')))
      .column('state', t.string(), (c) => poolValue('places', 'state', c.col('place')))
      .column('income', t.decimal(12, 2), () => toScaled(lognormal(10.8, 0.6), 2))
      .column('created_at', t.timestamp(), () => timestampIn({ start: '2025-01-01', days: 365, hourly: DIURNAL }))
      .range('size', 1, 6),
  )
  .entity('individuals', (e) =>
    e
      .childrenOf('households', { count: (p) => p.col('size'), max: 6 })
      .key('individual_id')
      .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
      .column('member', t.int(), (c) => c.index())
      .column('age', t.int(), (c) => when(c.index().eq(0), intBetween(18, 90)).otherwise(intBetween(0, 90)))
      .column('age_band', t.string(), (c) => when(c.col('age').lt(18), 'minor').when(c.col('age').lt(65), 'adult').otherwise('senior'))
      .column('email_sha256', t.string(), (c) => sha256(concat('person', c.key().str(), '@example.com')))
      .column('height_cm', t.double(), () => normal(170, 10))
      .column('opted_in', t.boolean(), () => bernoulli(0.35))
      .column('household_created_at', t.timestamp(), (c) => c.parent.col('created_at'))
      .column('joined_at', t.timestamp(), (c) =>
        timestampIn({ start: '2025-01-01', days: 730, hourly: DIURNAL, within: { from: c.col('household_created_at'), to: c.col('household_created_at').plus(days(365)) } }),
      )
      .column('joined_on', t.date(), (c) => dateOf(c.col('joined_at')))
      .foreignKey('household_id', 'households')
      .range('age', 0, 90)
      .oneOf('age_band', ['minor', 'adult', 'senior'])
      .ordered('household_created_at', 'joined_at')
      .rule('adult_first_member', (c) => c.col('member').eq(0).and(c.col('age').lt(18))),
  );

/** The row type of `individuals`, inferred from the spec. */
export type Individual = InferRow<typeof twoEntity, 'individuals'>;

function main(): void {
  const ir = twoEntity.toIR({ seed: 42 });
  console.log(prettyIR(ir));
  console.log(`\nIR hash ${irHash(ir)}\n`);

  const ev = new Evaluator(ir);
  console.table(ev.rows('households', { limit: 5 }));
  const people = ev.rows('individuals', { limit: 8 }) as Individual[];
  console.table(people.map((p) => ({ ...p, email_sha256: `${p.email_sha256.slice(0, 12)}…` })));

  // Any row by its internal key, without scanning: individual 3 of household 2.
  const someone = ev.rowByKey('individuals', 2 * 8 + 3);
  console.log('internal key 19:', someone ?? 'household 2 has fewer than 4 members');

  // The ids above are opaque; structured keys show the internal layout (for debugging).
  const readable = twoEntity.keys('structured'); // individual_id = household_id · 8 + member
  const ids = new Evaluator(readable.toIR({ seed: 42 })).rows('individuals', { limit: 4 });
  console.table(ids.map((p) => ({ individual_id: p['individual_id'], household_id: p['household_id'], member: p['member'] })));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
