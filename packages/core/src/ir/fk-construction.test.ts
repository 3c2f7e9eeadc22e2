/**
 * Which foreign keys hold by construction: a column made from the referenced entity's rows does,
 * anything computed from a key does not.
 */
import { describe, expect, it } from 'vitest';
import { t } from '../dsl/column-types.js';
import { aggs, bernoulli, intBetween, when } from '../dsl/expr.js';
import { nullOf } from '../dsl/expr-node.js';
import { scenario } from '../dsl/scenario-builder.js';
import { checkVerification, foreignKeyByConstruction } from './fk-construction.js';
import type { Constraint, ScenarioIR } from './types.js';

const base = scenario('fk-construction')
  .entity('households', (e) => e.rows(20).key('household_id').column('size', t.int(), () => intBetween(1, 3)))
  .entity('individuals', (e) =>
    e
      .childrenOf('households', { count: (p) => p.col('size'), max: 3 })
      .key('individual_id')
      .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
      .column('shifted_household_id', t.bigint(), (c) => c.parent.col('household_id').plus(1))
      .column('maybe_household_id', t.bigint(), (c) => when(bernoulli(0.5), c.col('household_id')).otherwise(nullOf(t.bigint())))
      .column('drawn_household_id', t.bigint(), () => intBetween(0, 19))
      .foreignKey('household_id', 'households')
      .foreignKey('shifted_household_id', 'households')
      .foreignKey('maybe_household_id', 'households')
      .foreignKey('drawn_household_id', 'households'),
  )
  .entity('devices', (e) =>
    e
      .childrenOf('individuals', { count: () => intBetween(0, 2), max: 2 })
      .key('device_id')
      .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'))
      // the grandparent's key, through the parent's own foreign-key column
      .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
      .column('looked_up_household_id', t.bigint(), (c) => c.lookup('individuals', c.col('individual_id'), 'household_id'))
      .foreignKey('individual_id', 'individuals')
      .foreignKey('household_id', 'households')
      .foreignKey('looked_up_household_id', 'households'),
  )
  .entity('campaigns', (e) => e.rows(4).key('campaign_id'))
  .entity('assignments', (e) =>
    e
      .crossOf('individuals', 'campaigns', { keep: () => bernoulli(0.5) })
      .key('assignment_id')
      .column('individual_id', t.bigint(), (c) => c.left.col('individual_id'))
      .column('campaign_id', t.bigint(), (c) => c.right.col('campaign_id'))
      .foreignKey('individual_id', 'individuals')
      .foreignKey('campaign_id', 'campaigns'),
  )
  .entity('per_individual', (e) =>
    e
      .groupOf('devices', { by: 'individual_id' })
      .key('individual_id')
      .column('devices', t.bigint(), () => aggs.count())
      .foreignKey('individual_id', 'individuals'),
  )
  .entity('ranked_devices', (e) =>
    e
      .windowOf('devices', { partitionBy: ['individual_id'], orderBy: ['device_id'] })
      .key('device_id')
      .column('household_id', t.bigint(), (c) => c.row.col('household_id'))
      .foreignKey('device_id', 'devices')
      .foreignKey('household_id', 'households'),
  );

const fks = (ir: ScenarioIR): Record<string, boolean> =>
  Object.fromEntries(
    ir.entities.flatMap((e) =>
      e.constraints.flatMap((k: Constraint) => (k.kind === 'foreignKey' ? [[`${e.name}.${k.column}`, foreignKeyByConstruction(ir.entities, e.name, k)] as const] : [])),
    ),
  );

describe('foreign keys by construction', () => {
  it.each(['opaque', 'structured'] as const)('are decided from the IR (%s keys)', (keys) => {
    expect(fks(base.keys(keys).toIR({ seed: 1 }))).toEqual({
      // a parent's key, a side's key, the grouped or windowed source's key, through parents, lookups and CASE with NULL
      'individuals.household_id': true,
      'individuals.maybe_household_id': true,
      'devices.individual_id': true,
      'devices.household_id': true,
      'devices.looked_up_household_id': true,
      'assignments.individual_id': true,
      'assignments.campaign_id': true,
      'per_individual.individual_id': true,
      'ranked_devices.device_id': true,
      'ranked_devices.household_id': true,
      // computed from a key, or drawn: checked by a full scan
      'individuals.shifted_household_id': false,
      'individuals.drawn_household_id': false,
    });
  });

  it('a child whose column is no longer the parent key is not by construction', () => {
    const ir = base.toIR({ seed: 1 });
    const individuals = ir.entities.find((e) => e.name === 'individuals');
    const fk = individuals?.constraints.find((k) => k.kind === 'foreignKey' && k.column === 'household_id');
    if (!individuals || !fk) throw new Error('test IR without individuals.household_id');
    expect(checkVerification(ir.entities, 'individuals', fk)).toBe('construction+sample');
    // the same foreign key declared against an entity the column does not come from
    const wrong = { ...fk, entity: 'campaigns', references: 'campaign_id' } as const;
    expect(checkVerification(ir.entities, 'individuals', wrong)).toBe('scan');
    // the parent reference replaced by arithmetic on it
    const broken = { ...ir, entities: ir.entities.map((e) => (e.name !== 'individuals' ? e : { ...e, columns: e.columns.map((c) => (c.name === 'household_id' ? { ...c, expr: { kind: 'binary', op: '+', left: c.expr, right: { kind: 'lit', value: 0, type: 'bigint' } } as const } : c)) })) };
    expect(checkVerification(broken.entities, 'individuals', fk)).toBe('scan');
    // and a dependent foreign key (the grandchild's copy of it) follows
    const devicesFk = broken.entities.find((e) => e.name === 'devices')?.constraints.find((k) => k.kind === 'foreignKey' && k.column === 'household_id');
    if (!devicesFk) throw new Error('test IR without devices.household_id');
    expect(checkVerification(broken.entities, 'devices', devicesFk)).toBe('scan');
  });

  it('other checks are scans', () => {
    const ir = base.toIR({ seed: 1 });
    expect(checkVerification(ir.entities, 'households', { kind: 'primaryKey', column: 'household_id' })).toBe('scan');
  });
});
