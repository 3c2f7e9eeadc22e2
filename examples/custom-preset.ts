/**
 * Example: a custom scenario — a tiny subscription business — written with the DSL and generated
 * on the embedded DuckDB engine. Plans come from an inline value pool; customers pick one
 * (weighted) and pay one invoice per month while subscribed; a derived entity rolls the
 * invoices up per customer. Every declared key, range, enumeration and order is checked on the
 * run. It exports the scenario as a preset (a config schema + the scenario), so the CLI runs it:
 *
 *   pnpm synthgraph generate --preset ./examples/custom-preset.ts --out out
 *
 * or run this file itself:
 *
 *   node_modules/.bin/tsx --conditions=source examples/custom-preset.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { aggs, bernoulli, days, generate, intBetween, pick, poisson, poolRow, poolValue, scenario, t, timestampIn, toScaled, when, type InferRow, type PoolInput } from '@synthgraph/core';
import { duckdb, DuckdbReader } from '@synthgraph/duckdb';
import { definePreset, z } from '@synthgraph/presets';

/** The plans: name, monthly price, and how often new customers choose them. */
export const PLANS: PoolInput = {
  name: 'plans',
  columns: [
    { name: 'plan', type: 'string' },
    { name: 'monthly_price', type: 'double' },
  ],
  rows: [
    ['basic', 7.99],
    ['standard', 13.99],
    ['premium', 21.99],
  ],
  weights: [5, 3, 2],
  source: 'example price list',
};

/** Parameters of the business (what a preset's config would hold). */
export interface SubscriptionConfig {
  readonly customers: number;
  readonly startDate: string;
  readonly months: number;
}

/** The scenario for a config: four entities, one derived. */
export function subscriptionBusiness(cfg: SubscriptionConfig) {
  return scenario('subscriptions')
    .pool(PLANS)
    .entity('plans', (e) =>
      e
        .rows(PLANS.rows.length)
        .key('plan_id')
        .column('plan', t.string(), (c) => poolValue('plans', 'plan', c.key()))
        .column('monthly_price', t.decimal(8, 2), (c) => toScaled(poolValue<number>('plans', 'monthly_price', c.key()), 2)),
    )
    .entity('customers', (e) =>
      e
        .rows(cfg.customers)
        .key('customer_id')
        .column('plan_id', t.bigint(), () => poolRow('plans'))
        .column('country', t.string(), () => pick({ US: 6, CA: 1, GB: 2, DE: 1 }))
        .column('signed_up_at', t.timestamp(), () => timestampIn({ start: cfg.startDate, days: 30 * cfg.months }))
        .column('acquisition', t.string(), () => pick({ organic: 5, paid_search: 3, referral: 2 }))
        // months subscribed: at least one; customers of pricier plans churn less
        .column('months_subscribed', t.int(), (c) =>
          when(c.col('plan_id').eq(2), poisson(10))
            .when(c.col('plan_id').eq(1), poisson(7))
            .otherwise(poisson(4))
            .plus(1),
        )
        .foreignKey('plan_id', 'plans')
        .oneOf('country', ['US', 'CA', 'GB', 'DE'])
        .range('months_subscribed', 1, 40),
    )
    .entity('invoices', (e) =>
      e
        .childrenOf('customers', { count: (p) => p.col('months_subscribed'), max: 40 })
        .key('invoice_id')
        .column('customer_id', t.bigint(), (c) => c.parent.col('customer_id'))
        .column('month', t.int(), (c) => c.index().plus(1))
        .column('signed_up_at', t.timestamp(), (c) => c.parent.col('signed_up_at'))
        .column('issued_at', t.timestamp(), (c) => c.col('signed_up_at').plus(c.index().times(days(30))))
        .column('amount', t.decimal(8, 2), (c) => c.lookup('plans', c.parent.col('plan_id'), 'monthly_price'))
        .column('paid', t.boolean(), () => bernoulli(0.97))
        .column('days_to_pay', t.int(), (c) => when(c.col('paid'), intBetween(0, 14)).otherwise(0))
        .foreignKey('customer_id', 'customers')
        .ordered('signed_up_at', 'issued_at')
        .range('days_to_pay', 0, 14),
    )
    .entity('customer_revenue', (e) =>
      e
        .groupOf('invoices', { by: 'customer_id' })
        .key('customer_id')
        .column('invoices', t.bigint(), () => aggs.count())
        .column('paid_invoices', t.bigint(), (c) => aggs.countIf(c.row.col('paid')))
        .column('revenue', t.decimal(12, 2), (c) => aggs.sumIf(c.row.col('amount'), c.row.col('paid')))
        .column('last_invoice_at', t.timestamp(), (c) => aggs.max(c.row.col('issued_at')))
        .foreignKey('customer_id', 'customers'),
    );
}

/**
 * The business as a preset: the config schema (defaults included) and the scenario. The CLI's
 * `--preset ./examples/custom-preset.ts` loads this default export; `--config FILE` sets its
 * fields (`customers: 5000`, `startDate`, `months`).
 */
export const subscriptionsPreset = definePreset<SubscriptionConfig>({
  name: 'subscriptions',
  description: 'A subscription business: plans, customers, monthly invoices, revenue per customer',
  config: z.object({
    customers: z.number().int().min(1).max(10_000_000).default(2000),
    startDate: z.iso.date().default('2025-01-01'),
    months: z.number().int().min(1).max(40).default(12),
  }),
  build: subscriptionBusiness,
});
export default subscriptionsPreset;

/** A customer row, typed from the spec. */
export type Customer = InferRow<ReturnType<typeof subscriptionBusiness>, 'customers'>;

async function main(): Promise<void> {
  const business = subscriptionBusiness({ customers: 2000, startDate: '2025-01-01', months: 12 });
  const out = await mkdtemp(path.join(tmpdir(), 'synthgraph-subscriptions-'));
  try {
    const manifest = await generate(business, duckdb({ out, threads: 2 }), { seed: 7 });
    for (const [table, r] of Object.entries(manifest.tables)) console.log(`${table.padEnd(17)} ${String(r.rows).padStart(6)} rows`);
    const failed = manifest.checks.filter((c) => c.violations > 0);
    console.log(`${manifest.checks.length} checks (${manifest.checks.map((c) => c.name).join(', ')}), ${failed.length} with violations`);

    const reader = await DuckdbReader.open(out);
    try {
      console.table(
        await reader.query(`
          SELECT p.plan, count(*)::INTEGER AS customers,
                 round(avg(c.months_subscribed), 1) AS mean_months,
                 round(sum(r.revenue), 2)::DOUBLE AS revenue
          FROM customers c JOIN plans p USING (plan_id) JOIN customer_revenue r USING (customer_id)
          GROUP BY p.plan ORDER BY revenue DESC`),
      );
      console.table(await reader.query('SELECT * FROM invoices ORDER BY invoice_id LIMIT 3'));
    } finally {
      reader.close();
    }
    if (failed.length) process.exitCode = 1;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
