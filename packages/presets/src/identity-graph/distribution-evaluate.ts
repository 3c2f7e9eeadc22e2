/**
 * Measures distribution targets on an output: one small aggregate query per target, built as a
 * SQL tree and printed by the target's dialect, so the same verdicts come from every engine.
 */
import { sql, type SqlExpr, type SqlSelect } from '@synthgraph/core';
import type { DistributionResult, DistributionTarget, MeasuredColumn } from './distribution-checks.js';
import { col, eq, leftJoin, str, targetPrinter, using, type SqlTarget } from './sql-target.js';

/** A query function: runs one printed SELECT over the output tables and returns its rows by column name. */
export type QueryFn = (sql: string) => Promise<readonly Record<string, unknown>[]>;

type Target<K extends DistributionTarget['kind']> = Extract<DistributionTarget, { kind: K }>;
type Measure<K extends DistributionTarget['kind']> = (t: Target<K>, run: (s: SqlSelect) => Promise<readonly Record<string, unknown>[]>, target: SqlTarget) => Promise<DistributionResult>;

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number(v as string));
const item = (alias: string, expr: SqlExpr) => ({ alias, expr });
const one = async (rows: Promise<readonly Record<string, unknown>[]>): Promise<Record<string, unknown>> => (await rows)[0] ?? {};

const TRANSFORM: { readonly [K in NonNullable<MeasuredColumn['transform']>]: (c: SqlExpr) => SqlExpr } = {
  hour: (c) => sql.call('hour', [c]),
  weekday: (c) => sql.call('weekday', [c]),
  month: (c) => sql.call('month', [c]),
};

/** The measured value of a column as text (after its transform). */
function valueExpr(m: MeasuredColumn): SqlExpr {
  const c = col('t', m.column);
  return sql.call('toString', [m.transform ? TRANSFORM[m.transform](c) : c]);
}

const MEASURE: { readonly [K in DistributionTarget['kind']]: Measure<K> } = {
  share: async (t, run) => {
    const v = valueExpr(t);
    const rows = await run(sql.select([item('v', v), item('n', sql.countStar())], sql.table(t.table, 't'), null, [v]));
    const total = rows.reduce((a, r) => a + num(r['n']), 0);
    const observed: Record<string, number> = {};
    for (const r of rows) observed[String(r['v'])] = total ? num(r['n']) / total : 0;
    const keys = new Set([...Object.keys(t.expected), ...Object.keys(observed)]);
    let deviation = 0;
    for (const key of keys) deviation = Math.max(deviation, Math.abs((observed[key] ?? 0) - (t.expected[key] ?? 0)));
    return { id: t.id, description: t.description, pass: total > 0 && deviation <= t.tolerance, expected: t.expected, observed, tolerance: t.tolerance, deviation };
  },
  mean: async (t, run) => {
    // Sum and count (or rows and distinct groups): exact integers on every engine, divided here.
    const r = await one(
      run(
        t.column
          ? sql.select([item('s', sql.agg('sum', col('t', t.column))), item('n', sql.agg('countIf', null, sql.unary('isNotNull', col('t', t.column))))], sql.table(t.table, 't'))
          : sql.select([item('s', sql.countStar()), item('n', sql.agg('countDistinct', col('t', t.perGroup ?? '')))], sql.table(t.table, 't')),
      ),
    );
    const observed = num(r['s']) / num(r['n']);
    const deviation = Math.abs(observed - t.expected) / t.expected;
    return { id: t.id, description: t.description, pass: deviation <= t.tolerance, expected: t.expected, observed, tolerance: t.tolerance, deviation };
  },
  rate: async (t, run) => {
    const a = num((await one(run(sql.select([item('n', sql.countStar())], sql.table(t.numerator, 't')))))['n']);
    const den = t.denominatorSum ? sql.agg('sum', col('t', t.denominatorSum)) : sql.countStar();
    const b = num((await one(run(sql.select([item('n', den)], sql.table(t.denominator, 't')))))['n']);
    const observed = b ? a / b : NaN;
    const deviation = observed < t.min ? t.min - observed : observed > t.max ? observed - t.max : 0;
    return { id: t.id, description: t.description, pass: deviation === 0, expected: [t.min, t.max], observed, tolerance: [t.min, t.max], deviation };
  },
  reach: async (t, run) => {
    const treated = eq(col('a', 'assignment'), str('treatment'));
    const r = await one(
      run(
        sql.select(
          [item('reached', sql.agg('countIf', null, sql.binary('>', col('a', 'impressions'), sql.int(0)))), item('planned', sql.agg('sum', col('c', 'planned_reach')))],
          sql.join('inner', sql.table('campaign_assignments', 'a'), sql.table('campaigns', 'c'), using('a', 'c', 'campaign_id')),
          treated,
        ),
      ),
    );
    const observed = num(r['planned']) ? num(r['reached']) / num(r['planned']) : NaN;
    const deviation = Math.abs(observed - t.expected);
    return { id: t.id, description: t.description, pass: deviation <= t.tolerance, expected: t.expected, observed, tolerance: t.tolerance, deviation };
  },
  clickThrough: async (t, run) => {
    const r = await one(
      run(sql.select([item('clicks', sql.agg('sum', col('x', 'clicks'))), item('n', sql.agg('sum', col('x', 'frequency')))], sql.table('campaign_exposures', 'x'), eq(col('x', 'channel'), str(t.channel)))),
    );
    const n = num(r['n']);
    const observed = n ? num(r['clicks']) / n : NaN;
    const tolerance = n ? 4 * Math.sqrt((t.expected * (1 - t.expected)) / n) + 0.1 * t.expected : 0;
    const deviation = Math.abs(observed - t.expected);
    return { id: t.id, description: t.description, pass: n === 0 || deviation <= tolerance, expected: t.expected, observed, tolerance, deviation };
  },
  responseLift: async (t, run) => {
    // Quartile of each exposure by the individual's propensity: ⌊4 (rank − 1) / n⌋.
    const everyRow = [sql.int(0)];
    const order = [col('a', 'propensity_to_convert'), col('x', 'exposure_id')];
    const rank = sql.binary('-', sql.over('rowNumber', null, everyRow, order, 'all'), sql.int(1));
    const quartile = sql.binary('idiv', sql.binary('*', rank, sql.int(4)), sql.over('count', null, everyRow, [], 'all'));
    const ranked = sql.select([item('exposure_id', col('x', 'exposure_id')), item('quartile', quartile)], sql.join('inner', sql.table('campaign_exposures', 'x'), sql.table('audience_attributes', 'a'), using('a', 'x', 'individual_id')));
    const rows = await run(
      sql.select(
        [item('quartile', col('e', 'quartile')), item('responses', sql.agg('countIf', null, eq(col('r', 'response_type'), str('conversion')))), item('n', sql.countStar())],
        leftJoin(sql.subquery(ranked, 'e'), sql.table('response_events', 'r'), using('r', 'e', 'exposure_id')),
        null,
        [col('e', 'quartile')],
      ),
    );
    const rates = [...rows].sort((a, b) => num(a['quartile']) - num(b['quartile'])).map((r) => num(r['responses']) / num(r['n']));
    const lift = (rates[rates.length - 1] ?? 0) / (rates[0] || Number.EPSILON);
    return { id: t.id, description: t.description, pass: lift >= t.minLift, expected: `≥ ${t.minLift}`, observed: { quartileRates: rates, lift }, tolerance: t.minLift, deviation: lift };
  },
  attributionSums: async (t, run) => {
    // one group per (conversion, model): its touchpoints' weights
    const groups = sql.select([item('s', sql.agg('sum', col('o', 'attribution_weight')))], sql.table('outcome_metrics', 'o'), null, [col('o', 'response_id'), col('o', 'attribution_model')]);
    const worstExpr = sql.call('coalesce', [sql.agg('max', sql.call('abs', [sql.binary('-', col('j', 's'), sql.int(1))])), sql.lit(0, 'double')]);
    const r = await one(run(sql.select([item('groups', sql.countStar()), item('worst', worstExpr)], sql.subquery(groups, 'j'))));
    // rounded to 1e-12: the order of a floating-point sum differs between engines (ulp-level noise)
    const worst = Math.round(num(r['worst']) * 1e12) / 1e12;
    return { id: t.id, description: t.description, pass: worst <= t.tolerance, expected: 1, observed: { conversionModelPairs: num(r['groups']), worstDeviation: worst }, tolerance: t.tolerance, deviation: worst };
  },
};

/**
 * Measures each target through `query` and returns the verdicts. The queries are printed for
 * `target` (default: DuckDB over the entity names; its package must be imported).
 *
 * @example
 * ```ts
 * const reader = await DuckdbReader.open('./out');
 * const results = await evaluateDistributions(distributionChecks(config), (sql) => reader.query(sql));
 * for (const r of results) if (!r.pass) console.log(r.id, r.expected, r.observed);
 * // on Spark: evaluateDistributions(targets, query, { dialect: 'spark', table: (e) => `delta.\`/data/${e}\`` })
 * ```
 */
export async function evaluateDistributions(targets: readonly DistributionTarget[], query: QueryFn, target: SqlTarget = {}): Promise<DistributionResult[]> {
  const printer = targetPrinter(target);
  const run = (s: SqlSelect) => query(printer.select(s));
  const out: DistributionResult[] = [];
  for (const t of targets) out.push(await (MEASURE[t.kind] as Measure<DistributionTarget['kind']>)(t, run, target));
  return out;
}
