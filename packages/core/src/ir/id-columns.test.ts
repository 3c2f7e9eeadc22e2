/** Which columns are ids and in which key space; the opaque-key domain bound of validation. */
import { describe, expect, it } from 'vitest';
import { SpecError } from '../errors.js';
import { t } from '../dsl/column-types.js';
import { aggs, intBetween } from '../dsl/expr.js';
import { scenario } from '../dsl/scenario-builder.js';
import { idColumns, keyModeOf, keySpaces } from './id-columns.js';

const s = scenario('ids')
  .entity('households', (e) => e.rows(10).key('household_id').column('size', t.int(), () => intBetween(1, 3)))
  .entity('people', (e) =>
    e
      .childrenOf('households', { count: (p) => p.col('size'), max: 3 })
      .key('person_id')
      .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
      .column('home', t.bigint(), (c) => c.parent.col('household_id')) // a copied id without a foreign key
      .column('size', t.int(), (c) => c.lookup('households', c.col('household_id'), 'size'))
      .column('member', t.int(), (c) => c.index())
      .foreignKey('household_id', 'households'),
  )
  .entity('stats', (e) => e.groupOf('people', { by: 'household_id' }).key('household_id').column('n', t.bigint(), () => aggs.count()).foreignKey('household_id', 'households'))
  .entity('ranks', (e) => e.windowOf('people', { partitionBy: ['household_id'], orderBy: ['member'] }).key('person_id').column('hh', t.bigint(), (c) => c.row.col('household_id')));

describe('id columns', () => {
  const ir = s.toIR({ seed: 1 });

  it('opaque is the default key mode; keys() switches it', () => {
    expect(keyModeOf(ir)).toBe('opaque');
    expect(ir.keys).toBe('opaque');
    expect(s.keys('structured').toIR({ seed: 1 }).keys).toBe('structured');
    expect(keyModeOf({})).toBe('opaque');
    expect(() => s.keys('plain' as never)).toThrow(SpecError);
  });

  it('groups and windows share the key space of the id they are keyed by', () => {
    expect(Object.fromEntries(keySpaces(ir.entities))).toEqual({ households: 'households', people: 'people', stats: 'households', ranks: 'people' });
  });

  it('keys, foreign keys and copied ids are ids; other integers are not', () => {
    expect(Object.fromEntries(idColumns(ir.entities, 'people'))).toEqual({ person_id: 'people', household_id: 'households', home: 'households' });
    expect(Object.fromEntries(idColumns(ir.entities, 'stats'))).toEqual({ household_id: 'households' });
    expect(Object.fromEntries(idColumns(ir.entities, 'ranks'))).toEqual({ person_id: 'people', hh: 'households' });
  });

  it('an opaque scenario whose key space exceeds 2^52 is refused with the fix; structured allows up to 2^53', () => {
    const big = scenario('big')
      .entity('a', (e) => e.rows(2 ** 40 + 1).key('a_id'))
      .entity('b', (e) => e.childrenOf('a', { count: () => 1, max: 4096 }).key('b_id'));
    expect(() => big.toIR({ seed: 1 })).toThrow(/exceeds 2\^52, the domain of opaque keys/);
    expect(big.keys('structured').toIR({ seed: 1 }).keys).toBe('structured');
  });
});
