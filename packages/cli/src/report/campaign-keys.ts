/** What the campaign panels share: the campaign order and the campaign names. */
import { sql } from '@synthgraph/core';
import { q, type ReportSql, type Schema } from './report-sql.js';

/**
 * Orders campaign ids numerically when both are integers, as text otherwise.
 *
 * @example
 * ```ts
 * ['10', '9', '1'].sort(byCampaign); // ['1', '9', '10']
 * ```
 */
export function byCampaign(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && Number.isInteger(x) && Number.isInteger(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * campaign_id (as text) → campaigns.campaign_name; empty without the column.
 *
 * @example
 * ```ts
 * const label = (await campaignLabels(s, schema)).get('3') ?? '3';
 * ```
 */
export async function campaignLabels(s: ReportSql, schema: Schema): Promise<Map<string, string>> {
  if (!schema.has('campaigns', 'campaign_id', 'campaign_name')) return new Map();
  const rows = await s.run(sql.select([q.item('g', q.text(q.col('c', 'campaign_id'))), q.item('name', q.col('c', 'campaign_name'))], sql.table('campaigns', 'c')));
  return new Map(rows.map((r) => [String(r['g']), String(r['name'])]));
}
