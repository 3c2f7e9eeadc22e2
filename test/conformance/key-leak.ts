/**
 * Test support: does an id reveal its parent by arithmetic? For every table and every foreign key
 * of it, fits `id div k = fk` and `id >> log2(k) = fk` (the table's key `id`, the foreign-key
 * value `fk` of the same row) for k = 2^1 … 2^20 and a few non-powers of two, and reports the
 * share of rows each fit explains. With opaque keys the chance level is about k / 2^52 per row
 * (an id uniform over 2^52 values lands in the k ids that divide into `fk`), so any share above
 * a handful of rows is structure; with structured keys the parent's fan-out explains every row.
 * The queries use DuckDB SQL (`//`, `>>`).
 */
import type { ScenarioIR } from '@synthgraph/core';

/** The divisors tried: every power of two up to 2^20 and non-powers such as 16·n. */
export const LEAK_DIVISORS: readonly number[] = [...Array.from({ length: 20 }, (_, i) => 2 ** (i + 1)), 3, 10, 48, 80, 100, 1000, 16 * 3, 16 * 5, 16 * 100, 4096 * 3];

/** One fit: how many of `rows` rows satisfy `id div k = fk` (or the shift form). */
export interface LeakFit {
  readonly table: string;
  readonly key: string;
  readonly foreignKey: string;
  readonly form: 'div' | 'shift';
  readonly k: number;
  readonly matches: number;
  readonly rows: number;
}

/**
 * Every fit of every (table, foreign key) pair, from a query runner over the generated tables.
 *
 * @example
 * ```ts
 * const fits = await keyLeakFits(ir, (q) => reader.query(q));
 * ```
 */
export async function keyLeakFits(ir: ScenarioIR, query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<LeakFit[]> {
  const out: LeakFit[] = [];
  for (const e of ir.entities) {
    for (const c of e.constraints) {
      if (c.kind !== 'foreignKey' || c.column === e.keyColumn) continue;
      const id = `"${e.keyColumn}"`;
      const fk = `"${c.column}"`;
      const items = LEAK_DIVISORS.flatMap((k, i) => {
        const div = `sum(CASE WHEN ${id} // ${k} = ${fk} THEN 1 ELSE 0 END) AS d${i}`;
        const bits = Math.log2(k);
        return Number.isInteger(bits) ? [div, `sum(CASE WHEN ${id} >> ${bits} = ${fk} THEN 1 ELSE 0 END) AS s${i}`] : [div];
      });
      const [row] = await query(`SELECT count(*) AS n, ${items.join(', ')} FROM "${e.name}" WHERE ${fk} IS NOT NULL`);
      const rows = Number(row?.['n'] ?? 0);
      LEAK_DIVISORS.forEach((k, i) => {
        const base = { table: e.name, key: e.keyColumn, foreignKey: c.column, k, rows };
        out.push({ ...base, form: 'div', matches: Number(row?.[`d${i}`] ?? 0) });
        if (row?.[`s${i}`] !== undefined) out.push({ ...base, form: 'shift', matches: Number(row[`s${i}`] ?? 0) });
      });
    }
  }
  return out;
}

/**
 * The fits that explain more rows than chance: more than `k / 2^52` of the rows plus a margin of
 * 3 rows (the expected count at these sizes is far below one row).
 *
 * @example
 * ```ts
 * expect(aboveChance(fits)).toEqual([]);
 * ```
 */
export function aboveChance(fits: readonly LeakFit[]): LeakFit[] {
  return fits.filter((f) => f.matches > (f.rows * f.k) / 2 ** 52 + 3);
}
