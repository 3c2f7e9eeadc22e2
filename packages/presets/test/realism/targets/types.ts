/**
 * A realism target: one measurable property of the default identity graph, its public source,
 * and the accepted range. Measured with DuckDB SQL over a generated output (test code only; the
 * product's own distribution checks are dialect-printed SQL trees in `src/`).
 */
export interface RealismTarget {
  /** Stable id, e.g. `people.fulltime_median_income`. */
  readonly id: string;
  /** The issue table's area, e.g. `household composition`. */
  readonly area: string;
  /** The target as a reader sees it, e.g. `full-time median income $50k–$70k`. */
  readonly target: string;
  /** The public source the default is taken from (table id and year). */
  readonly source: string;
  /** DuckDB SQL over the output's tables returning one row with a numeric column `value`. */
  readonly sql: string;
  /** Accepted range of `value`, inclusive. */
  readonly min: number;
  readonly max: number;
  /** How `value` prints in docs/realism.md (default: 3 significant digits). */
  readonly format?: 'percent' | 'number' | 'dollars';
}
