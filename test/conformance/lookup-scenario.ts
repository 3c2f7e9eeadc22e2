/**
 * A scenario whose pool is large enough to be read from a lookup table (see core's
 * `sql/lookup-tables.ts`): string, int and double columns, a quote in a value, two reads at the
 * same row (one join) and one at another row, and indexes past the pool's end (NULL: row 0 reads index 100, row 99 index 100).
 */
import { poolRow, poolValue, scenario, t, when, type ScenarioIR } from '@synthgraph/core';

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
        .column('next_score', t.double(), (c) => poolValue<number>('names', 'score', when(c.col('row').eq(0), 100).otherwise(c.col('row').plus(1)))),
    )
    .toIR({ seed });
}
