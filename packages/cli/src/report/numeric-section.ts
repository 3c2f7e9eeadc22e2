/** Numeric distributions: summary statistics and a histogram of one value per row of a SELECT. */
import { sql, type SqlExpr, type SqlSelect } from '@synthgraph/core';
import type { ReportTargets } from './report-targets.js';
import { int, num, q, unavailable, type ReportSql, type Schema } from './report-sql.js';
import type { HistogramBin, Maybe, NumericDistribution, NumericStats, NumericTarget } from './report-types.js';
import { niceStep } from './svg-charts.js';

/** The hints that find the configured household-size distribution. */
export const HOUSEHOLD_SIZE_HINTS = [['household', 'size'], ['size', 'distribution']] as const;

/** What one numeric chart shows: the column `x` of `source`. */
export interface NumericSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly source: SqlSelect;
  readonly integer: boolean;
  readonly target: NumericTarget | null;
  readonly maxBins?: number;
}

/** `SELECT CAST(x AS DOUBLE) AS x FROM (<source>)` as the FROM item `s`. */
const asDouble = (source: SqlSelect) => sql.subquery(sql.select([q.item('x', sql.call('toDouble', [q.col('src', 'x')]))], sql.subquery(source, 'src')), 's');

/** Statistics and a histogram of the column `x` of `d.source`. */
export async function numericDistribution(s: ReportSql, d: NumericSpec): Promise<NumericDistribution> {
  const x = q.col('s', 'x');
  const st = (
    await s.run(
      sql.select(
        [
          q.item('n', q.countOf(x)),
          q.item('mean', sql.agg('avg', x)),
          q.item('sd', sql.agg('stddevPop', x)),
          q.item('mn', sql.agg('min', x)),
          q.item('mx', sql.agg('max', x)),
          q.item('p50', sql.agg('median', x)),
          q.item('mnpos', sql.agg('min', q.when(sql.binary('>', x, sql.lit(0, 'double')), x))),
        ],
        asDouble(d.source),
      ),
    )
  )[0];
  const stats: NumericStats = { count: int(st?.['n']), mean: num(st?.['mean']), sd: num(st?.['sd']), min: num(st?.['mn']), p50: num(st?.['p50']), max: num(st?.['mx']) };
  const base = { id: d.id, title: d.title, description: d.description, stats, target: d.target };
  if (!stats.count || stats.min === null || stats.max === null) return { ...base, bins: [], scale: 'linear' };
  const plan = binning(stats.min, stats.max, d.integer, d.maxBins ?? 40, { p50: stats.p50, minPositive: num(st?.['mnpos']) });
  const edges = plan.edges;
  const count = edges.length - 1;
  // Linear bins by arithmetic; log bins by comparing with their edges (exact on every engine).
  const bin: SqlExpr =
    plan.scale === 'linear'
      ? sql.call('least', [sql.call('floor', [sql.binary('/', sql.binary('-', x, sql.lit(plan.lo, 'double')), sql.lit(plan.width, 'double'))]), sql.int(count - 1)])
      : sql.case(edges.slice(1, -1).map((e, i) => ({ when: sql.binary('<', x, sql.lit(e, 'double')), then: sql.int(i) })), sql.int(count - 1));
  const rows = await s.run(sql.select([q.item('b', bin), q.item('n', sql.countStar())], asDouble(d.source), q.notNull(x), [bin]));
  const byBin = new Map(rows.map((r) => [int(r['b']), int(r['n'])]));
  const bins: HistogramBin[] = [];
  for (let i = 0; i < count; i++) {
    const a = edges[i] as number;
    const b = edges[i + 1] as number;
    const n = byBin.get(i) ?? 0;
    bins.push({ label: binLabel(a, b, d.integer), lo: a, hi: b, count: n, share: n / stats.count });
  }
  return { ...base, bins, scale: plan.scale };
}

/**
 * A distribution is heavy-tailed, and gets log-scaled bins, when it has no negative values and
 * its maximum is more than this many times its median (or its median is 0 and its maximum is
 * not): linear bins would then put almost every row in the first bar.
 */
export const HEAVY_TAIL_RATIO = 20;

/** The bins of a histogram: `edges[i] ≤ x < edges[i + 1]` (the last bin also holds the maximum). */
export interface Binning {
  readonly scale: 'linear' | 'log';
  /** Linear bins: first edge, width and count. */
  readonly lo: number;
  readonly width: number;
  readonly count: number;
  readonly edges: readonly number[];
}

const clean = (n: number): number => Number(n.toPrecision(12));

/** 1-2-5 steps from the largest one ≤ `from` to the first one > `to` (decades only when there would be too many). */
function logEdges(from: number, to: number, maxBins: number): number[] {
  const build = (steps: readonly number[]): number[] => {
    const out: number[] = [];
    for (let k = Math.floor(Math.log10(from)) - 1; k < 400; k++) {
      for (const m of steps) {
        const e = clean(m * 10 ** k);
        if (e <= from) out.splice(0, out.length, e);
        else {
          out.push(e);
          if (e > to) return out;
        }
      }
    }
    return out;
  };
  const fine = build([1, 2, 5]);
  return fine.length - 1 <= maxBins ? fine : build([1]);
}

/**
 * Bins covering [min, max]. Unit bins for small integer ranges; log-scaled 1-2-5 bins (1, 2, 5,
 * 10, 20, 50, …, with a first bin [0, first edge) when there are zeros) for heavy-tailed
 * distributions (see {@link HEAVY_TAIL_RATIO}); else about 20 bins of a "nice" width.
 *
 * @example
 * ```ts
 * binning(18, 90, true, 40).width; // 5 (linear: 15–19, 20–24, …)
 * binning(0, 660, true, 40, { p50: 14, minPositive: 1 }).edges; // [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
 * ```
 */
export function binning(min: number, max: number, integer: boolean, maxBins: number, shape: { p50: number | null; minPositive: number | null } = { p50: null, minPositive: null }): Binning {
  const linear = (lo: number, width: number, count: number): Binning => ({ scale: 'linear', lo, width, count, edges: Array.from({ length: count + 1 }, (_, i) => clean(lo + i * width)) });
  if (integer && max - min + 1 <= maxBins) return linear(Math.floor(min), 1, Math.floor(max) - Math.floor(min) + 1);
  const p50 = shape.p50;
  const heavy = min >= 0 && max > 0 && p50 !== null && (p50 <= 0 || max / p50 > HEAVY_TAIL_RATIO);
  const firstPositive = integer ? Math.max(1, shape.minPositive ?? 1) : shape.minPositive;
  if (heavy && firstPositive !== null && firstPositive > 0) {
    const edges = logEdges(firstPositive, max, maxBins);
    const all = min < (edges[0] as number) ? [0, ...edges] : edges;
    return { scale: 'log', lo: all[0] as number, width: 0, count: all.length - 1, edges: all };
  }
  let width = niceStep(max - min, Math.min(20, maxBins));
  if (integer) width = Math.max(1, Math.round(width));
  const lo = Math.floor(min / width) * width;
  return linear(lo, width, Math.min(maxBins * 2, Math.floor((max - lo) / width) + 1));
}

/**
 * A readable number: `1.2K`, `3.4M`, `2.5G`; small numbers as they are (`0.25`, `999`).
 *
 * @example
 * ```ts
 * compactNumber(12500); // '12.5K'
 * ```
 */
export function compactNumber(n: number): string {
  const a = Math.abs(n);
  const trim = (x: number): string => String(Number(x.toPrecision(3)));
  if (a >= 1e9) return `${trim(n / 1e9)}G`;
  if (a >= 1e6) return `${trim(n / 1e6)}M`;
  if (a >= 1e3) return `${trim(n / 1e3)}K`;
  return String(Number(n.toPrecision(6)));
}

/** A bin's label: integer bins by their values (`5–9`, `7`), others by their edges (`0.5–1`). */
function binLabel(a: number, b: number, integer: boolean): string {
  const f = compactNumber;
  if (integer && Number.isInteger(a) && Number.isInteger(b)) return b - a === 1 ? f(a) : `${f(a)}–${f(b - 1)}`;
  return `${f(a)}–${f(b)}`;
}

/**
 * Rows of `table` per value of `owner.<key>`, every owner counted (0 when it has none) when the
 * owner table is there, else per key that occurs: the source of a "per individual" chart.
 */
export function perOwner(table: string, owner: string | null, keyColumn: string): SqlSelect {
  const grouped = sql.select([q.item(keyColumn, q.col('t', keyColumn)), q.item('n', sql.countStar())], sql.table(table, 't'), null, [q.col('t', keyColumn)]);
  if (!owner) return sql.select([q.item('x', q.col('g', 'n'))], sql.subquery(grouped, 'g'));
  return sql.select([q.item('x', sql.call('coalesce', [q.col('g', 'n'), sql.int(0)]))], sql.join('left', sql.table(owner, 'o'), sql.subquery(grouped, 'g'), q.on('o', 'g', keyColumn)));
}

/** The numeric charts, in report order. */
export async function numericDistributions(s: ReportSql, schema: Schema, targets: ReportTargets): Promise<Maybe<NumericDistribution>[]> {
  const out: Maybe<NumericDistribution>[] = [];
  const simple = async (id: string, title: string, table: string, column: string, integer: boolean, description: string, hints: readonly (readonly string[])[], notNullOnly = false): Promise<void> => {
    const why = schema.missing(table, column);
    if (why) return void out.push(unavailable(id, title, why));
    const target = hints.length ? targets.numeric({ id, table, column, hints }) : null;
    const x = q.col('t', column);
    const source = sql.select([q.item('x', x)], sql.table(table, 't'), notNullOnly ? q.notNull(x) : null);
    out.push({ status: 'ok', ...(await numericDistribution(s, { id, title, description, source, integer, target })) });
  };
  await simple('age', 'Age', 'individuals', 'age', true, 'individuals.age', [['age']]);
  await simple('household_size', 'Household size (persons)', 'households', 'household_size', true, 'households.household_size', HOUSEHOLD_SIZE_HINTS);
  await simple('num_adults', 'Adults per household', 'households', 'num_adults', true, 'households.num_adults (the individuals of each household)', [['num', 'adults']]);
  await simple('num_children', 'Minors per household', 'households', 'num_children', true, 'households.num_children (counted, not modelled as individuals)', [['num', 'children']]);
  {
    const id = 'events_per_person';
    const title = 'Engagements per individual';
    const why = schema.missing('content_engagements', 'individual_id');
    if (why) out.push(unavailable(id, title, why));
    else {
      const withPeople = schema.has('individuals', 'individual_id');
      const source = perOwner('content_engagements', withPeople ? 'individuals' : null, 'individual_id');
      const description = withPeople ? 'content_engagements rows per individual (individuals without any count as 0)' : 'content_engagements rows per engaged individual (individuals table absent)';
      const target = targets.numeric({ id, table: 'content_engagements', column: 'events_per_person', hints: [['events', 'per'], ['events', 'mean']] });
      out.push({ status: 'ok', ...(await numericDistribution(s, { id, title, description, source, integer: true, target })) });
    }
  }
  await simple('income_individual', 'Individual income', 'individuals', 'income_individual', false, 'individuals.income_individual', []);
  await simple('duration_seconds', 'View duration (seconds)', 'content_engagements', 'duration_seconds', true, 'content_engagements.duration_seconds where not NULL', [], true);
  await simple('exposure_frequency', 'Exposure frequency', 'campaign_exposures', 'frequency', true, 'campaign_exposures.frequency (impressions per exposure record)', []);
  await simple('time_to_conversion_hours', 'Time to response (hours)', 'response_events', 'time_to_conversion_hours', false, 'response_events.time_to_conversion_hours', []);
  await simple('propensity_to_convert', 'Propensity to convert', 'audience_attributes', 'propensity_to_convert', false, 'audience_attributes.propensity_to_convert', []);
  return out;
}
