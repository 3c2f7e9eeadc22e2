/**
 * Example: the two-entity scenario extended with a cross product (individuals × campaigns) and
 * derived entities (a group-by and a window), generated with the embedded DuckDB engine. The
 * second half of docs/writing-a-scenario.md; run it with
 *
 *   node_modules/.bin/tsx --conditions=source examples/derived-entities.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Evaluator, aggs, bernoulli, days, generate, intBetween, pick, t, timestampIn, wins } from '@synthgraph/core';
import { duckdb, readTableRows } from '@synthgraph/duckdb';
import { DIURNAL, twoEntity } from './two-entity.js';

export const withCampaigns = twoEntity
  .entity('campaigns', (e) =>
    e
      .rows(6)
      .key('campaign_id')
      .column('channel', t.string(), () => pick({ email: 3, ctv: 2, social: 5 }))
      .column('starts_at', t.timestamp(), () => timestampIn({ start: '2026-01-01', days: 180 })),
  )
  .entity('exposures', (e) =>
    e
      .crossOf('individuals', 'campaigns', { keep: (c) => c.left.col('opted_in').and(bernoulli(0.4)) })
      .key('exposure_id')
      .column('individual_id', t.bigint(), (c) => c.left.col('individual_id'))
      .column('campaign_id', t.bigint(), (c) => c.right.col('campaign_id'))
      .column('campaign_start', t.timestamp(), (c) => c.right.col('starts_at'))
      .column('exposed_at', t.timestamp(), (c) =>
        timestampIn({ start: '2026-01-01', days: 220, hourly: DIURNAL, within: { from: c.col('campaign_start'), to: c.col('campaign_start').plus(days(30)) } }),
      )
      .column('impressions', t.int(), () => intBetween(1, 12))
      .foreignKey('individual_id', 'individuals')
      .foreignKey('campaign_id', 'campaigns')
      .ordered('campaign_start', 'exposed_at'),
  )
  .entity('household_reach', (e) =>
    e
      .groupOf('individuals', { by: 'household_id' })
      .key('household_id')
      .column('members', t.bigint(), () => aggs.count())
      .column('opted_in', t.bigint(), (c) => aggs.countIf(c.row.col('opted_in')))
      .column('oldest', t.int(), (c) => aggs.max(c.row.col('age')))
      .foreignKey('household_id', 'households'),
  )
  .entity('exposure_sequence', (e) =>
    e
      .windowOf('exposures', { partitionBy: ['individual_id'], orderBy: ['exposed_at'] })
      .key('exposure_id')
      .column('individual_id', t.bigint(), (c) => c.row.col('individual_id'))
      .column('nth', t.bigint(), () => wins.rowNumber())
      .column('of', t.bigint(), () => wins.count())
      .column('impressions_so_far', t.bigint(), (c) => wins.sum(c.row.col('impressions'), 'preceding'))
      .foreignKey('exposure_id', 'exposures'),
  );

async function main(): Promise<void> {
  const ir = withCampaigns.toIR({ seed: 42 });

  // The evaluator produces every non-derived entity, cross products included …
  const ev = new Evaluator(ir);
  console.table(ev.rows('exposures', { limit: 5 }));
  console.log('evaluator supports household_reach:', ev.supports('household_reach'));

  // … and an engine produces all of them, then runs every declared check.
  const out = await mkdtemp(path.join(tmpdir(), 'synthgraph-example-'));
  try {
    const manifest = await generate(ir, duckdb({ out }));
    for (const [table, r] of Object.entries(manifest.tables)) console.log(`${table.padEnd(18)} ${String(r.rows).padStart(6)} rows`);
    const failed = manifest.checks.filter((c) => c.violations > 0);
    console.log(`${manifest.checks.length} checks, ${failed.length} with violations`);
    console.table(await readTableRows(out, 'household_reach', 'household_id').then((rows) => rows.slice(0, 5)));
    console.table(await readTableRows(out, 'exposure_sequence', 'exposure_id').then((rows) => rows.slice(0, 5)));
    if (failed.length) process.exitCode = 1;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

await main();
