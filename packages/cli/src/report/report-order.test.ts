import { describe, expect, it } from 'vitest';
import { compareLabels, isNumericLike, naturalCompare } from './report-order.js';
import { windowMonths } from './activity-section.js';

describe('numeric order', () => {
  it('compares digit runs by value and the rest as text, (null) last', () => {
    expect(['#10', '#2', '#1', '#0'].sort(naturalCompare)).toEqual(['#0', '#1', '#2', '#10']);
    expect(['10', '9', '100', '(null)', '11'].sort(naturalCompare)).toEqual(['9', '10', '11', '100', '(null)']);
    expect(['item 2b', 'item 10a', 'item 2a', 'alpha'].sort(naturalCompare)).toEqual(['alpha', 'item 2a', 'item 2b', 'item 10a']);
    // Opaque ids: 15-digit before 16-digit, not as text.
    expect(['4222503409871362', '218117792804591'].sort(naturalCompare)).toEqual(['218117792804591', '4222503409871362']);
  });

  it('orders campaign names by their #N when every name has one', () => {
    const names = ['Next Push – awareness #10', 'Bold Wave – conversion #2', 'Golden Reach – awareness #0', 'Aardvark – retention #1'];
    expect([...names].sort(compareLabels(names))).toEqual(['Golden Reach – awareness #0', 'Aardvark – retention #1', 'Bold Wave – conversion #2', 'Next Push – awareness #10']);
    // Without a #N on every label: natural order.
    expect(['b #2', 'a'].sort(compareLabels(['b #2', 'a']))).toEqual(['a', 'b #2']);
  });

  it('numbers and id-like values are ordered by value, words by frequency', () => {
    expect(isNumericLike(['1', '10', '2', '(null)'])).toBe(true);
    expect(isNumericLike(['#3', '#12'])).toBe(true);
    expect(isNumericLike(['-1.5', '2'])).toBe(true);
    expect(isNumericLike(['email', '2'])).toBe(false);
    expect(isNumericLike(['(null)'])).toBe(false);
  });
});

describe('window months', () => {
  it('covers the first to the last day’s month, across a year end, empty months as 0', () => {
    expect(windowMonths([{ day: '2025-11-20', count: 2 }, { day: '2025-11-21', count: 1 }, { day: '2026-02-01', count: 4 }])).toEqual([
      { month: '2025-11', count: 3 },
      { month: '2025-12', count: 0 },
      { month: '2026-01', count: 0 },
      { month: '2026-02', count: 4 },
    ]);
    expect(windowMonths([])).toEqual([]);
    expect(windowMonths([{ day: '2025-03-05', count: 7 }])).toEqual([{ month: '2025-03', count: 7 }]);
  });
});
