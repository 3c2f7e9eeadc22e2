/**
 * How the report orders labels: numbers as numbers. `#2` comes before `#10`, `9` before `10`,
 * ids that are digits sort by value, and words between them sort as text.
 */

const PART = /(\d+(?:\.\d+)?)/;

/**
 * Compares two labels by their runs of digits as numbers and the rest as text (`(null)` last).
 *
 * @example
 * ```ts
 * ['#10', '#2', '#1'].sort(naturalCompare); // ['#1', '#2', '#10']
 * ```
 */
export function naturalCompare(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '(null)' || b === '(null)') return a === '(null)' ? 1 : -1;
  const x = a.split(PART);
  const y = b.split(PART);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string;
    const q = y[i] as string;
    if (p === q) continue;
    // Odd parts are the digit runs.
    if (i % 2 === 1) {
      const d = Number(p) - Number(q);
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    return p < q ? -1 : 1;
  }
  return x.length - y.length || (a < b ? -1 : 1);
}

/** The number after `#` in a label (`Golden Reach – conversion #12` → 12), or null. */
const hashNumber = (label: string): number | null => {
  const m = /#(\d+)\b/.exec(label);
  return m ? Number(m[1]) : null;
};

/**
 * Orders labels: by their `#N` when every label has one (campaign names), else naturally.
 *
 * @example
 * ```ts
 * compareLabels(['Next Push #10', 'Bold Wave #2']); // (a, b) => … ordering #2 before #10
 * ```
 */
export function compareLabels(labels: readonly string[]): (a: string, b: string) => number {
  if (labels.length > 0 && labels.every((l) => hashNumber(l) !== null)) return (a, b) => (hashNumber(a) as number) - (hashNumber(b) as number) || naturalCompare(a, b);
  return naturalCompare;
}

/**
 * True when every value is a number or an id-like label (`12`, `#3`, `-1.5`): such categories
 * are ordered by value, not by frequency.
 *
 * @example
 * ```ts
 * isNumericLike(['1', '10', '2']); // true
 * ```
 */
export function isNumericLike(values: readonly string[]): boolean {
  const real = values.filter((v) => v !== '(null)');
  return real.length > 0 && real.every((v) => /^[#-]?\d+(\.\d+)?$/.test(v));
}
