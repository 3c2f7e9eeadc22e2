/**
 * Finds single-partition exchanges in Spark `EXPLAIN` output (the scale-out invariant of
 * DESIGN.md: no stage may funnel all rows through one partition).
 */

/** Shuffle-exchange node names across Spark versions. */
const EXCHANGE_NODE = /^(?:Shuffle)?Exchange$/;

/**
 * Whether an exchange's partitioning (the text after `Exchange `, e.g.
 * `SinglePartition, ENSURE_REQUIREMENTS, [plan_id=12]` or
 * `hashpartitioning(k#1L, 4), ENSURE_REQUIREMENTS, [plan_id=7]`) yields exactly one partition.
 */
function isSinglePartition(partitioning: string): boolean {
  const p = partitioning.trim();
  if (/^SinglePartition\b/.test(p)) return true;
  if (/^RoundRobinPartitioning\(\s*1\s*\)/i.test(p)) return true;
  // hashpartitioning(exprs, n) / rangepartitioning(orders, n): the last ", n)" is the count.
  const m = /^(?:hashpartitioning|rangepartitioning)\((.*),\s*(\d+)\)(?:,|\s*$)/i.exec(p);
  return m !== null && m[2] === '1';
}

/** Strips tree drawing (`+-`, `:`, `|`), indentation and whole-stage-codegen markers (`*(2)`). */
function nodeText(line: string): string {
  return line.replace(/^[\s:|+-]*/, '').replace(/^\*\(\d+\)\s*/, '');
}

/**
 * Returns every exchange in a Spark plan that moves all rows into one partition, one entry per
 * occurrence (empty when there is none). Reads both plan styles Spark 4 prints:
 *
 * - `EXPLAIN` / `EXPLAIN EXTENDED` trees: a node line `Exchange SinglePartition, ENSURE_REQUIREMENTS, [plan_id=12]`
 *   (under any `+-`/`:` prefix), reported as that node text;
 * - `EXPLAIN FORMATTED`: the tree only says `Exchange (4)`, so the rule reads the node details
 *   `(4) Exchange` … `Arguments: SinglePartition, …`, reported as `(4) Exchange SinglePartition, …`.
 *
 * The rule: a shuffle exchange whose partitioning is `SinglePartition` (global aggregates,
 * global windows such as `row_number() OVER (ORDER BY id)`, `LIMIT` over many rows,
 * `REPARTITION(1)`) or an explicit one-partition `hashpartitioning(…, 1)`,
 * `rangepartitioning(…, 1)` or `RoundRobinPartitioning(1)` (what a `GROUP BY` plans into when
 * `spark.sql.shuffle.partitions` is 1). A `GROUP BY` or `PARTITION BY` window with more shuffle
 * partitions plans `hashpartitioning(…, n > 1)` and is not reported; neither are broadcast
 * exchanges. Operators that shrink to one partition without a shuffle (`Coalesce 1`) and
 * driver-side `CollectLimit` are not exchanges and are not reported.
 *
 * @example
 * ```ts
 * const plan = await spark.explain('SELECT id, row_number() OVER (ORDER BY id) FROM range(0, 100, 1, 4)');
 * findSinglePartitionExchanges(plan); // ['(2) Exchange SinglePartition, ENSURE_REQUIREMENTS, [plan_id=8]']
 * ```
 */
export function findSinglePartitionExchanges(planText: string): string[] {
  const found: string[] = [];
  const lines = planText.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    // EXPLAIN FORMATTED node details: "(4) Exchange" then Input/Arguments lines up to a blank line.
    const header = /^\((\d+)\)\s+(\S+)/.exec(line);
    if (header) {
      if (!EXCHANGE_NODE.test(header[2] ?? '')) continue;
      for (let j = i + 1; j < lines.length; j++) {
        const detail = lines[j] ?? '';
        if (detail.trim() === '' || /^\(\d+\)\s/.test(detail)) break;
        const args = /^Arguments:\s*(.*)$/.exec(detail);
        if (args && isSinglePartition(args[1] ?? '')) found.push(`(${header[1]}) ${header[2]} ${(args[1] ?? '').trim()}`);
      }
      continue;
    }
    // Tree lines: "   +- Exchange SinglePartition, ENSURE_REQUIREMENTS, [plan_id=12]".
    const node = nodeText(line);
    const m = /^(\S+)\s+(.*)$/.exec(node);
    if (m && EXCHANGE_NODE.test(m[1] ?? '') && isSinglePartition(m[2] ?? '')) found.push(node.trim());
  }
  return found;
}
