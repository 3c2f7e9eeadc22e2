import { describe, expect, it } from 'vitest';
import { barChart, esc, lineChart, niceStep, wrapLabel } from './svg-charts.js';
import { binning, compactNumber } from './report-collector.js';

const marks = (svg: string, cls: string): number => (svg.match(new RegExp(`<rect class="${cls}"`, 'g')) ?? []).length;

describe('svg charts', () => {
  it('a bar chart is one titled <svg data-chart> with a bar per non-null value and escaped labels', () => {
    const svg = barChart({
      id: 'g',
      title: 'Gender <&> "x"',
      categories: ['a<b', 'c&d', 'e'],
      series: [
        { name: 'actual', values: [0.5, 0.3, 0.2] },
        { name: 'target', values: [0.4, null, 0.3], outline: true },
      ],
    });
    expect(svg).toMatch(/^<svg [^>]*data-chart="g"[^>]*><title id="t-g">Gender &lt;&amp;&gt; &quot;x&quot;<\/title>/);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(marks(svg, 'bar')).toBe(3);
    expect(marks(svg, 'bar target')).toBe(2);
    expect(svg).toContain('a&lt;b');
    expect(svg).not.toMatch(/[^"]c&d/);
    expect(svg).not.toContain('NaN');
  });

  it('vertical charts label a subset of many categories and draw a target marker', () => {
    const categories = Array.from({ length: 60 }, (_, i) => `${i * 10}–${i * 10 + 9}`);
    const svg = barChart({ id: 'h', title: 'h', orientation: 'vertical', categories, series: [{ name: 'rows', values: categories.map((_, i) => i) }], marker: { at: 2.5, label: 'target mean 25' } });
    expect(marks(svg, 'bar')).toBe(60);
    const labels = (svg.match(/text-anchor="middle" fill="#334155"/g) ?? []).length;
    expect(labels).toBeGreaterThan(3);
    expect(labels).toBeLessThan(20);
    expect(svg).toContain('target mean 25');
  });

  it('all-zero and empty data still give a valid chart', () => {
    expect(barChart({ id: 'z', title: 'z', categories: ['a'], series: [{ name: 's', values: [0] }] })).not.toContain('NaN');
    const line = lineChart({ id: 'l', title: 'l', points: [{ label: '2026-01-01', value: 3 }] });
    expect(line).toContain('data-chart="l"');
    expect(line).toContain('<circle');
    expect(lineChart({ id: 'e', title: 'e', points: [] })).not.toContain('NaN');
  });

  it('helpers', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect([niceStep(100), niceStep(7), niceStep(0.12), niceStep(0)]).toEqual([20, 2, 0.025, 1]);
    expect(binning(18, 90, true, 40)).toMatchObject({ scale: 'linear', lo: 15, width: 5, count: 16 });
    expect(binning(1, 10, true, 40)).toMatchObject({ scale: 'linear', lo: 1, width: 1, count: 10 });
    expect(binning(0, 1, false, 40)).toMatchObject({ scale: 'linear', lo: 0, width: 0.05, count: 21 });
    expect([compactNumber(12500), compactNumber(3_000_000), compactNumber(0.25), compactNumber(999), compactNumber(1234)]).toEqual(['12.5K', '3M', '0.25', '999', '1.23K']);
  });

  it('heavy tails get log-scaled 1-2-5 bins: no negatives and max > 20 × median (or a median of 0)', () => {
    // Events per person: median 14, max 660 → 47×: log bins with a bin for the zeros.
    expect(binning(0, 660, true, 40, { p50: 14, minPositive: 1 })).toMatchObject({ scale: 'log', edges: [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] });
    // Hours to conversion: continuous, from the smallest positive value's 1-2-5 step.
    expect(binning(0.0014, 831.9, false, 40, { p50: 0.0014, minPositive: 0.0014 }).edges).toEqual([0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
    // A median of 0 with a positive maximum is heavy-tailed too; the zeros get their own bin.
    expect(binning(0, 90, false, 40, { p50: 0, minPositive: 3 })).toMatchObject({ scale: 'log', edges: [0, 2, 5, 10, 20, 50, 100] });
    // Not heavy: max only 10× the median, or negative values, or a small integer range (unit bins).
    expect(binning(1, 100, false, 40, { p50: 10, minPositive: 1 }).scale).toBe('linear');
    expect(binning(-5, 1000, false, 40, { p50: 1, minPositive: 1 }).scale).toBe('linear');
    expect(binning(0, 30, true, 40, { p50: 1, minPositive: 1 })).toMatchObject({ scale: 'linear', width: 1 });
    // Too many decades for 1-2-5 steps within maxBins: one bin per decade.
    expect(binning(1e-6, 1e9, false, 20, { p50: 1, minPositive: 1e-6 }).edges).toEqual(Array.from({ length: 17 }, (_, i) => Number((10 ** (i - 6)).toPrecision(12))));
  });

  it('long labels wrap in two lines with the full label as a tooltip, never losing their end', () => {
    expect(wrapLabel('Holiday Momentum – consideration #3', 26)).toEqual(['Holiday Momentum –', 'consideration #3']);
    expect(wrapLabel('short', 26)).toEqual(['short']);
    const name = 'Holiday Momentum – consideration #3';
    const svg = barChart({ id: 'c', title: 'c', categories: [name, 'Bold Wave – awareness #11'], series: [{ name: 'rate', values: [0.2, 0.1] }] });
    expect(svg).toContain(`<title>${esc(name)}</title><tspan`);
    expect(svg).toContain('consideration #3</tspan>');
    const counts = barChart({ id: 'n', title: 'n', categories: ['a'], series: [{ name: 'rows', values: [1_234_567] }], format: (n) => compactNumber(n) });
    expect(counts).toContain('>1.23M<');
    expect(counts).toContain('a — rows: 1.23M (1,234,567)');
  });
});
