/**
 * Assertions of the report tests: a report number against a value recomputed from the raw rows.
 * Test support only; not exported from the package.
 */
import { expect } from 'vitest';
import type { NumericDistribution } from '../../src/report/report-types.js';

/** Equal up to the report's 12 significant digits. */
export function near(actual: number | null | undefined, expected: number, what = ''): void {
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(expected)));
}
/** The arithmetic mean. */
export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
/**
 * Checks a histogram against the values it summarises.
 *
 * @example
 * ```ts
 * expectHistogram(ok(report.json.sessions).eventsPerSession, perSessionCounts);
 * ```
 */
export function expectHistogram(d: NumericDistribution, values: readonly number[]): void {
  expect(d.stats.count).toBe(values.length);
  near(d.stats.mean, mean(values), `${d.id} mean`);
  expect(d.stats.min).toBe(Math.min(...values));
  expect(d.stats.max).toBe(Math.max(...values));
  const m = mean(values);
  near(d.stats.sd, Math.sqrt(mean(values.map((v) => (v - m) ** 2))), `${d.id} sd`);
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  near(d.stats.p50, ((sorted[Math.floor(mid)] as number) + (sorted[Math.ceil(mid)] as number)) / 2, `${d.id} p50`);
  expect(d.bins.reduce((a, b) => a + b.count, 0)).toBe(values.length);
  d.bins.forEach((b, i) => {
    const last = i === d.bins.length - 1;
    const expected = values.filter((v) => v >= b.lo - 1e-9 && (last ? v <= b.hi : v < b.hi - 1e-9)).length;
    expect(b.count, `${d.id} bin ${b.label}`).toBe(expected);
    expect(b.share).toBeCloseTo(expected / values.length, 10);
  });
}

