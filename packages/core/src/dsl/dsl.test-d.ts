/**
 * Type tests of the DSL (run by vitest's typecheck): row types are inferred from the spec, and
 * misuse is a compile-time error. Each `@ts-expect-error` fails the run if the line compiles.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { t, type Micros, type Scaled, type Days } from './column-types.js';
import {
  aggs,
  array,
  bernoulli,
  concat,
  dateOf,
  intBetween,
  lit,
  normal,
  pick,
  sha256,
  timestampIn,
  toScaled,
  when,
  type X,
} from './expr.js';
import { scenario, type InferRow } from './scenario-builder.js';

const _s = scenario('types')
  .entity('households', (e) =>
    e
      .rows(10)
      .key('household_id')
      .column('size', t.int(), () => intBetween(1, 6))
      .column('income', t.decimal(12, 2), () => toScaled(normal(60_000, 10_000), 2))
      .column('created_at', t.timestamp(), () => timestampIn({ start: '2025-01-01', days: 30 }))
      .column('created_day', t.date(), (c) => dateOf(c.col('created_at')))
      .column('region', t.string(), () => pick({ north: 1, south: 2 }))
      .column('rich', t.boolean(), (c) => c.col('income').gt(100_000_00))
      .column('score', t.double(), () => normal(0, 1))
      .column('tags', t.array(t.string()), () => array('a', 'b'))
      .column('sizes', t.array(t.int()), (c) => array(c.col('size'), 2)),
  )
  .entity('individuals', (e) =>
    e
      .childrenOf('households', { count: (p) => p.col('size'), max: 8 })
      .key('individual_id')
      .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
      .column('joined_at', t.timestamp(), (c) => c.parent.col('created_at'))
      .column('email', t.string(), (c) => sha256(concat('u', c.key().str())))
      .column('adult', t.boolean(), () => bernoulli(0.8))
      .column('label', t.string(), (c) => when(c.col('adult'), 'adult').otherwise('minor'))
      .foreignKey('household_id', 'households'),
  )
  .entity('stats', (e) => e.groupOf('individuals', { by: 'household_id' }).key('household_id').column('members', t.bigint(), () => aggs.count()));

describe('InferRow', () => {
  it('infers output types from the column types', () => {
    type H = InferRow<typeof _s, 'households'>;
    expectTypeOf<H>().toEqualTypeOf<{
      household_id: number;
      size: number;
      income: string;
      created_at: Date;
      created_day: string;
      region: string;
      rich: boolean;
      score: number;
      tags: string[];
      sizes: number[];
    }>();
    expectTypeOf<H['created_at']>().toEqualTypeOf<Date>();
    expectTypeOf<H['income']>().toEqualTypeOf<string>(); // decimals are fixed-point strings
    expectTypeOf<H['created_day']>().toEqualTypeOf<string>(); // dates are YYYY-MM-DD strings
    expectTypeOf<H['tags']>().toEqualTypeOf<string[]>();
  });

  it('infers children, derived entities and never for an unknown entity', () => {
    expectTypeOf<InferRow<typeof _s, 'individuals'>>().toEqualTypeOf<{
      individual_id: number;
      household_id: number;
      joined_at: Date;
      email: string;
      adult: boolean;
      label: string;
    }>();
    expectTypeOf<InferRow<typeof _s, 'stats'>>().toEqualTypeOf<{ household_id: number; members: number }>();
    expectTypeOf<InferRow<typeof _s, 'nope'>>().toBeNever();
  });

  it('keeps internal value types inside expressions', () => {
    scenario('x').entity('e', (e) =>
      e
        .rows(1)
        .key('id')
        .column('ts', t.timestamp(), () => timestampIn({ start: '2025-01-01', days: 1 }))
        .column('d', t.date(), (c) => {
          expectTypeOf(c.col('ts')).toEqualTypeOf<X<Micros>>();
          expectTypeOf(dateOf(c.col('ts'))).toEqualTypeOf<X<Days>>();
          expectTypeOf(toScaled(normal(), 2)).toEqualTypeOf<X<Scaled>>();
          expectTypeOf(pick({ a: 1, b: 2 })).toEqualTypeOf<X<'a' | 'b'>>();
          expectTypeOf(pick([1, 2, 3])).toEqualTypeOf<X<number>>();
          expectTypeOf(c.col('ts').plus(1000)).toEqualTypeOf<X<Micros>>();
          return dateOf(c.col('ts'));
        }),
    );
  });
});

describe('misuse is a compile-time error', () => {
  it('an unknown own column', () => {
    scenario('x').entity('e', (e) =>
      e
        .rows(1)
        .key('id')
        .column('a', t.int(), 1)
        // @ts-expect-error 'nope' is not a column of e
        .column('b', t.int(), (c) => c.col('nope')),
    );
  });

  it('a column read before it is declared', () => {
    scenario('x').entity('e', (e) =>
      e
        .rows(1)
        .key('id')
        // @ts-expect-error 'later' is declared after this column
        .column('a', t.int(), (c) => c.col('later'))
        .column('later', t.int(), 1),
    );
  });

  it('an unknown parent column (in a column and in the child count)', () => {
    scenario('x')
      .entity('p', (e) => e.rows(1).key('p_id').column('n', t.int(), 2))
      .entity('c', (e) =>
        e
          .childrenOf('p', { count: (p) => p.col('n'), max: 2 })
          .key('c_id')
          // @ts-expect-error the parent has no column 'nope'
          .column('x', t.int(), (c) => c.parent.col('nope')),
      );
    scenario('x')
      .entity('p', (e) => e.rows(1).key('p_id').column('n', t.int(), 2))
      // @ts-expect-error the parent has no column 'nope'
      .entity('c', (e) => e.childrenOf('p', { count: (p) => p.col('nope'), max: 2 }).key('c_id'));
  });

  it('a child of an unknown entity', () => {
    scenario('x')
      .entity('p', (e) => e.rows(1).key('p_id'))
      // @ts-expect-error 'ghosts' is not an earlier entity
      .entity('c', (e) => e.childrenOf('ghosts', { count: () => 1, max: 2 }).key('c_id'));
  });

  it('a foreign key to an unknown entity, or from an unknown column', () => {
    scenario('x')
      .entity('p', (e) => e.rows(1).key('p_id'))
      .entity('c', (e) =>
        e
          .rows(1)
          .key('c_id')
          .column('p_id', t.bigint(), 0)
          // @ts-expect-error 'nowhere' is not an entity
          .foreignKey('p_id', 'nowhere'),
      );
    scenario('x')
      .entity('p', (e) => e.rows(1).key('p_id'))
      .entity('c', (e) =>
        e
          .rows(1)
          .key('c_id')
          // @ts-expect-error 'p_ref' is not a column of c
          .foreignKey('p_ref', 'p'),
      );
  });

  it('a string expression in an int column', () => {
    scenario('x').entity('e', (e) =>
      e
        .rows(1)
        .key('id')
        // @ts-expect-error a string is not an int
        .column('n', t.int(), () => pick({ a: 1, b: 2 })),
    );
    scenario('x').entity('e', (e) =>
      e
        .rows(1)
        .key('id')
        // @ts-expect-error a string literal is not an int
        .column('n', t.int(), 'seven'),
    );
    scenario('x').entity('e', (e) =>
      e
        .rows(1)
        .key('id')
        // @ts-expect-error a number is not a string
        .column('s', t.string(), () => intBetween(1, 2)),
    );
  });

  it('a timestamp compared to a string, or put in a string column', () => {
    scenario('x').entity('e', (e) =>
      e
        .rows(1)
        .key('id')
        .column('ts', t.timestamp(), () => timestampIn({ start: '2025-01-01', days: 1 }))
        // @ts-expect-error timestamps compare with timestamps (epoch micros), not strings
        .column('late', t.boolean(), (c) => c.col('ts').gt('2025-06-01')),
    );
    scenario('x').entity('e', (e) =>
      e
        .rows(1)
        .key('id')
        .column('ts', t.timestamp(), () => timestampIn({ start: '2025-01-01', days: 1 }))
        // @ts-expect-error a timestamp is not a string
        .column('s', t.string(), (c) => c.col('ts')),
    );
  });

  it('a plain number in a timestamp column, and boolean logic on numbers', () => {
    scenario('x').entity('e', (e) =>
      e
        .rows(1)
        .key('id')
        // @ts-expect-error an int draw is not a timestamp
        .column('ts', t.timestamp(), () => intBetween(1, 2)),
    );
    // @ts-expect-error `and` needs booleans
    intBetween(1, 2).and(bernoulli(0.5));
    // @ts-expect-error arithmetic needs numbers
    lit('a').plus(1);
  });

  it('c.parent in a plain rows(n) entity (and c.row outside derived entities)', () => {
    scenario('x').entity('e', (e) =>
      e
        .rows(1)
        .key('id')
        // @ts-expect-error a rows(n) entity has no parent
        .column('p', t.bigint(), (c) => c.parent.col('id')),
    );
    scenario('x').entity('e', (e) =>
      e
        .rows(1)
        .key('id')
        // @ts-expect-error a rows(n) entity has no source row
        .column('p', t.bigint(), (c) => c.row.col('id')),
    );
  });

  it('a lookup of an unknown column of another entity', () => {
    scenario('x')
      .entity('a', (e) => e.rows(1).key('a_id').column('v', t.int(), 1))
      .entity('b', (e) =>
        e
          .rows(1)
          .key('b_id')
          // @ts-expect-error 'a' has no column 'w'
          .column('x', t.int(), (c) => c.lookup('a', 0, 'w')),
      );
  });
});
