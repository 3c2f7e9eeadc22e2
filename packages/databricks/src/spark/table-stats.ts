/**
 * The row count and Spark's own content hash of a generated table, computed by Spark SQL in one
 * scan (the manifest's `contentHash`). Both Spark targets (local Spark and Databricks SQL
 * warehouses) use it; the engine-independent `canonicalHash` comes from core's run loop.
 */
import type { CreateTableStmt } from '@synthgraph/core';
import { sparkIdent } from './spark-dialect.js';

/**
 * `SELECT n, h FROM …`: the row count and the sum of each row's `xxhash64`, both as text (a
 * DECIMAL(38,0) sum is exact as text but not as a JavaScript number). Maps cannot be hashed in
 * Spark; their sorted entries can.
 *
 * @example
 * ```ts
 * const sql = tableStatsSql('`main`.`synth`.`households`', plan.columns);
 * ```
 */
export function tableStatsSql(table: string, columns: CreateTableStmt['columns']): string {
  const cols = columns.map((c) => (c.type.kind === 'map' ? `array_sort(map_entries(${sparkIdent(c.name)}))` : sparkIdent(c.name))).join(', ');
  return `SELECT CAST(count(*) AS STRING) AS n, CAST(coalesce(sum(CAST(xxhash64(${cols}) AS DECIMAL(38,0))), 0) AS STRING) AS h FROM ${table}`;
}

/**
 * Reads the result of {@link tableStatsSql}: rows, and the content hash `spark-xxh64:<hex>:<rows>`
 * (the sum modulo 2^64), independent of row order and file layout.
 *
 * @example
 * ```ts
 * parseTableStats('3', '-12'); // { rows: 3, contentHash: 'spark-xxh64:fffffffffffffff4:3' }
 * ```
 */
export function parseTableStats(n: unknown, h: unknown): { rows: number; contentHash: string } {
  const rows = Number(n);
  const sum = BigInt(String(h ?? '0').split('.')[0] || '0');
  const mod = ((sum % 2n ** 64n) + 2n ** 64n) % 2n ** 64n;
  return { rows, contentHash: `spark-xxh64:${mod.toString(16).padStart(16, '0')}:${rows}` };
}
