/**
 * The fused checks (one statement per table, one scan of it) count exactly what the one-query-
 * per-check form counts: a scenario with every kind of check is generated, its tables are broken
 * on purpose so that every check has violations, and both forms run over the broken tables. A
 * foreign key that holds by construction is spot-checked over the sampled rows (stored row key
 * & 63 = 0): it counts exactly the broken sampled rows; once the construction itself is broken in
 * the IR it is scanned again and counts every orphan.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { array, buildPlan, checkColumn, days, intBetween, pick, scenario, t, timestampIn, type ScenarioIR, type StatementPlan } from '@synthgraph/core';
import { duckdbDialect, DuckdbSession } from '../src/index.js';

/**
 * Every check kind: primaryKey and unique on the same key, unique on two columns, notNull, range,
 * scalar and array enums, temporal, rules (one reading the id), foreignKey (by construction, and a
 * drawn one that is not), childCount. `shift` moves the parent reference off the parent's key.
 */
const brokenChecks = (keys: 'opaque' | 'structured', shift = 0) =>
  scenario('fused-checks')
    .entity('households', (e) =>
      e
        .rows(300)
        .key('household_id')
        .column('size', t.int(), () => intBetween(1, 4))
        .column('city', t.string(), () => pick({ Austin: 1, Boston: 1, Chicago: 1 }))
        .column('tags', t.array(t.string()), (c) => array(c.col('city'), 'b'))
        .column('created_at', t.timestamp(), () => timestampIn({ start: '2025-01-01', days: 30 }))
        .column('updated_at', t.timestamp(), (c) => c.col('created_at').plus(days(1)))
        .unique('household_id')
        .unique('city', 'size')
        .notNull('city')
        .range('size', 1, 4)
        .oneOf('city', ['Austin', 'Boston', 'Chicago'])
        .oneOf('tags', ['Austin', 'Boston', 'Chicago', 'b'])
        .ordered('created_at', 'updated_at')
        .rule('small_city_is_not_boston', (c) => c.col('city').eq('Boston').and(c.col('size').gt(3)))
        .rule('early_household', (c) => c.col('household_id').lt(20))
        .childCount('size', 'individuals' as never, 'household_id' as never),
    )
    .entity('individuals', (e) =>
      e
        .childrenOf('households', { count: (p) => p.col('size'), max: 4 })
        .key('individual_id')
        .column('household_id', t.bigint(), (c) => (shift ? c.parent.col('household_id').plus(shift) : c.parent.col('household_id')))
        .column('neighbor_household_id', t.bigint(), () => intBetween(0, 299))
        .column('age', t.int(), () => intBetween(18, 90))
        .foreignKey('household_id', 'households')
        .foreignKey('neighbor_household_id', 'households')
        .range('age', 18, 90),
    )
    .keys(keys);

/** Breaks every check: duplicated and null keys, nulls, out-of-range and unknown values, reversed times, orphans. */
const CORRUPT = [
  `INSERT INTO households SELECT * FROM households ORDER BY created_at LIMIT 3`,
  `INSERT INTO households SELECT * REPLACE (NULL AS household_id, NULL AS city) FROM households ORDER BY created_at DESC LIMIT 2`,
  `UPDATE households SET size = 9 WHERE household_id IN (SELECT household_id FROM households WHERE size = 1 ORDER BY created_at LIMIT 4)`,
  `UPDATE households SET city = 'Dallas', tags = ['Dallas', 'Dallas', 'b'] WHERE household_id IN (SELECT household_id FROM households WHERE city = 'Austin' ORDER BY created_at LIMIT 5)`,
  `UPDATE households SET updated_at = created_at - INTERVAL 1 DAY WHERE household_id IN (SELECT household_id FROM households WHERE city = 'Chicago' ORDER BY created_at LIMIT 6)`,
  `INSERT INTO individuals SELECT * FROM individuals ORDER BY individual_id DESC LIMIT 2`,
  `UPDATE individuals SET age = 12 WHERE individual_id IN (SELECT individual_id FROM individuals ORDER BY individual_id LIMIT 7)`,
  // orphans: 3 rows in the spot-check sample and 4 outside it; 5 drawn references
  `UPDATE individuals SET household_id = household_id + 7777777 WHERE individual_id IN (SELECT individual_id FROM individuals WHERE individual_id & 63 = 0 ORDER BY individual_id LIMIT 3)`,
  `UPDATE individuals SET household_id = household_id + 7777777 WHERE individual_id IN (SELECT individual_id FROM individuals WHERE individual_id & 63 <> 0 ORDER BY individual_id LIMIT 4)`,
  `UPDATE individuals SET neighbor_household_id = neighbor_household_id + 7777777 WHERE individual_id IN (SELECT individual_id FROM individuals ORDER BY individual_id DESC LIMIT 5)`,
];

const FK = 'individuals.foreignKey(household_id → households.household_id)';
const DRAWN_FK = 'individuals.foreignKey(neighbor_household_id → households.household_id)';

async function counts(ir: ScenarioIR, corrupt: readonly string[] = CORRUPT): Promise<{ plan: StatementPlan; single: Record<string, number>; fused: Record<string, number> }> {
  const plan = buildPlan(ir, duckdbDialect);
  const spill = await mkdtemp(path.join(os.tmpdir(), 'sg-fused-checks-'));
  const session = await DuckdbSession.open({ path: ':memory:', tempDirectory: spill });
  try {
    for (const table of plan.tables) for (const sql of table.sql) await session.execute(sql, `creating ${table.entity}`);
    for (const sql of corrupt) await session.execute(sql, 'breaking the tables');
    const single: Record<string, number> = {};
    for (const c of plan.checks) single[c.name] = Number(Object.values((await session.query(c.sql, c.name))[0] ?? {})[0]);
    const fused: Record<string, number> = {};
    for (const g of plan.checkGroups) {
      const row = (await session.query(g.sql, g.entity))[0] ?? {};
      g.names.forEach((name, i) => (fused[name] = Number(row[checkColumn(i)])));
    }
    return { plan, single, fused };
  } finally {
    await session.close();
    await rm(spill, { recursive: true, force: true });
  }
}

describe.each(['opaque', 'structured'] as const)('fused checks (%s keys)', (keys) => {
  let r: Awaited<ReturnType<typeof counts>>;
  beforeAll(async () => {
    r = await counts(brokenChecks(keys).toIR({ seed: 7 }));
  });

  it('run one statement per table', () => {
    expect(r.plan.checkGroups.map((g) => g.entity)).toEqual(['households', 'individuals']);
    expect(r.plan.checkGroups.flatMap((g) => g.names)).toEqual(r.plan.checks.map((c) => c.name));
  });

  it('count the same violations as one query per check, every check broken; a foreign key by construction only in its sample', () => {
    const verified = Object.fromEntries(r.plan.checkGroups.flatMap((g) => g.names.map((n, i) => [n, g.verified[i]])));
    expect(Object.entries(verified).filter(([, v]) => v !== 'scan')).toEqual([[FK, 'construction+sample']]);
    expect({ ...r.fused, [FK]: 0 }).toEqual({ ...r.single, [FK]: 0 });
    for (const [name, n] of Object.entries(r.single)) expect(n, name).toBeGreaterThan(0);
    // 7 orphans, 3 of them in the sample
    expect(r.single[FK]).toBe(7);
    expect(r.fused[FK]).toBe(3);
  });

  it('count what the corruption broke', () => {
    const f = r.fused;
    // 3 repeated keys (one extra row each) and 2 null keys (every row)
    expect(f['households.primaryKey(household_id)']).toBe(5);
    // unique: the null keys are one group of 2 (one extra row)
    expect(f['households.unique(household_id)']).toBe(4);
    expect(f['households.notNull(city)']).toBe(2);
    expect(f['households.range(size in [1, 4])']).toBe(4);
    expect(f['households.enum(city)']).toBe(5);
    // two of each corrupted array's elements
    expect(f['households.enum(tags)']).toBe(10);
    expect(f['households.temporal(created_at <= updated_at)']).toBe(6);
    expect(f['individuals.primaryKey(individual_id)']).toBe(2);
    expect(f[DRAWN_FK]).toBe(5);
    expect(f['individuals.range(age in [18, 90])']).toBe(7);
  });
});

describe.each(['opaque', 'structured'] as const)('a foreign key whose construction is broken in the IR (%s keys)', (keys) => {
  it('is scanned and counts every orphan', async () => {
    // household_id = the parent's key + 1: the last household's members reference no household
    const r = await counts(brokenChecks(keys, 1).toIR({ seed: 7 }), []);
    const g = r.plan.checkGroups.find((x) => x.entity === 'individuals');
    expect(g?.verified[g.names.indexOf(FK)]).toBe('scan');
    expect(r.single[FK]).toBeGreaterThan(0);
    expect(r.fused[FK]).toBe(r.single[FK]);
  });
});
