/**
 * Bytes of each table inside one `.duckdb` file (the `duckdb` format), for the manifest.
 *
 * Method: after a `CHECKPOINT`, `pragma_storage_info(table)` lists where each column segment of
 * a table is stored (block id and offset, plus the extra blocks of segments that span several).
 * Each block of the file (`block_size` of `pragma_database_size()`, 256 KiB by default) is
 * divided among the segments stored in it: a segment owns the bytes from its offset up to the
 * next segment's offset (the last one up to the end of the block), an extra block belongs whole
 * to its segment. A table's size is the sum over its segments — so the sizes add up to the
 * blocks the tables use, never more than the file (which also holds the catalog and headers).
 */
import type { RunSession } from '@synthgraph/core';
import { duckdbDialect } from './duckdb-dialect.js';

const s = (text: string): string => duckdbDialect.stringLiteral(text);

/**
 * Checkpoints the database and returns the bytes each of `tables` occupies in its file.
 *
 * @example
 * ```ts
 * const sizes = await tableStorageBytes(session, ['households', 'individuals']); // Map { 'households' => 786432, … }
 * ```
 */
export async function tableStorageBytes(session: RunSession, tables: readonly string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>(tables.map((t) => [t, 0]));
  if (!tables.length) return sizes;
  await session.execute('CHECKPOINT', 'writing the database file');
  const segments = tables
    .map(
      (t) =>
        `SELECT ${s(t)} AS t, block_id AS b, block_offset AS o FROM pragma_storage_info(${s(t)}) WHERE persistent AND block_id >= 0
         UNION ALL SELECT ${s(t)}, unnest(additional_block_ids), 0 FROM pragma_storage_info(${s(t)}) WHERE persistent AND block_id >= 0`,
    )
    .join('\nUNION ALL\n');
  const rows = await session.query(
    `WITH seg AS (${segments}),
     size AS (SELECT block_size AS bs FROM pragma_database_size() WHERE database_name = current_database()),
     owned AS (SELECT t, o, lead(o, 1, bs) OVER (PARTITION BY b ORDER BY o, t) AS e FROM seg, size)
     SELECT t, CAST(sum(e - o) AS BIGINT) AS bytes FROM owned GROUP BY t`,
    'measuring the tables in the database file',
  );
  for (const r of rows) sizes.set(String(r['t']), Number(r['bytes'] ?? 0));
  return sizes;
}
