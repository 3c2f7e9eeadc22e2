import { describe, expect, it } from 'vitest';
import { barChart, esc, lineChart, niceStep } from './svg-charts.js';
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
    expect(binning(18, 90, true, 40)).toEqual({ lo: 15, width: 5, count: 16 });
    expect(binning(1, 10, true, 40)).toEqual({ lo: 1, width: 1, count: 10 });
    expect(binning(0, 1, false, 40)).toEqual({ lo: 0, width: 0.05, count: 21 });
    expect([compactNumber(12500), compactNumber(3_000_000), compactNumber(0.25), compactNumber(999)]).toEqual(['12.5k', '3M', '0.25', '999']);
  });
});
