/**
 * A scenario whose pool is large enough to be read from a lookup table (see core's
 * `sql/lookup-tables.ts`): string, int and double columns, a quote in a value, two reads at the
 * same row (one join) and one at another row, and indexes past the pool's end (NULL: row 0 reads index 100, row 99 index 100).
 * And buckets large enough to be read from bucket tables (core's `sql/bucket-tables.ts`): a step
 * function of 200 double thresholds (one repeated: an empty cell) over an argument that hits
 * thresholds exactly, falls between them, below the first, above the last and is NULL once; one of
 * 40 integer thresholds over an integer argument; a 40-way weighted choice of BIGINT and DOUBLE literals; a normal draw (a
 * piecewise inverse CDF of 178 cells).
 */
import { normal, nullOf, pick, poolRow, poolValue, scenario, steps, t, when, type ScenarioIR } from '@synthgraph/core';

/** 200 ascending thresholds i/8 (the 52nd repeats the 51st). */
const STEP_THRESHOLDS = Array.from({ length: 200 }, (_, i) => (i === 51 ? 50 : i) / 8);

/**
 * The lookup scenario's IR.
 *
 * @example
 * ```ts
 * const plan = buildPlan(lookupScenarioIR(), duckdbDialect); // plan.lookups: [names]
 * ```
 */
export function lookupScenarioIR(rows = 60, seed = 3): ScenarioIR {
  return scenario('lookups')
    .pool({
      name: 'names',
      columns: [
        { name: 'name', type: 'string' },
        { name: 'code', type: 'int' },
        { name: 'score', type: 'double' },
      ],
      rows: Array.from({ length: 100 }, (_, i) => [i === 7 ? "O'Brien \\ x" : `n${i}`, i * 3 - 50, i / 8]),
      weights: null,
      source: 'test',
    })
    .entity('people', (e) =>
      e
        .rows(rows)
        .key('person_id')
        .column('row', t.bigint(), () => poolRow('names'))
        .column('name', t.string(), (c) => poolValue<string>('names', 'name', c.col('row')))
        .column('code', t.int(), (c) => poolValue<number>('names', 'code', c.col('row')))
        .column('next_score', t.double(), (c) => poolValue<number>('names', 'score', when(c.col('row').eq(0), 100).otherwise(c.col('row').plus(1))))
        // -2.5, -2.25, … 12.25 (every other value a threshold), NULL at key 3
        .column('x', t.double(), (c) => when(c.key().eq(3), nullOf(t.double())).otherwise(c.key().minus(10).div(4)), { hidden: true })
        .column('step', t.string(), (c) => steps(c.col('x'), STEP_THRESHOLDS, Array.from({ length: 201 }, (_, i) => `s${i}`)))
        .column('step_int', t.bigint(), (c) => steps(c.key().times(2), Array.from({ length: 40 }, (_, i) => 3 * i), Array.from({ length: 41 }, (_, i) => i * i)))
        .column('choice', t.double(), () => pick(Array.from({ length: 40 }, (_, i) => (i + 1) / 2), Array.from({ length: 40 }, (_, i) => 1 + (i % 7))))
        .column('z', t.double(), () => normal(5, 2)),
    )
    .toIR({ seed });
}
