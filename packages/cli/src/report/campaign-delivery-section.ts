/**
 * The delivery panel: per campaign, spend against budget (from the funnel's rows), the
 * randomized audience and reach from `campaign_assignments`, and the frequency curve — the share
 * of reached individuals with at least f impressions.
 */
import { sql, type SqlExpr } from '@synthgraph/core';
import type { CampaignDelivery, DeliveryData } from './campaign-measurement-types.js';
import { byCampaign } from './campaign-keys.js';
import { int, q, ratio, unavailable, type ReportSql, type Schema } from './report-sql.js';
import type { FunnelData, FunnelRow, Maybe } from './report-types.js';

interface Audience {
  readonly audience: number;
  readonly treatment: number;
  readonly control: number;
}

async function audiences(s: ReportSql, schema: Schema): Promise<Map<string, Audience> | null> {
  if (!schema.has('campaign_assignments', 'campaign_id', 'assignment')) return null;
  const a = (c: string): SqlExpr => q.col('a', c);
  const g = q.text(a('campaign_id'));
  const rows = await s.run(
    sql.select(
      [q.item('g', g), q.item('n', sql.countStar()), q.item('t', sql.agg('countIf', null, q.eq(a('assignment'), q.str('treatment')))), q.item('c', sql.agg('countIf', null, q.eq(a('assignment'), q.str('control'))))],
      sql.table('campaign_assignments', 'a'),
      null,
      [g],
    ),
  );
  return new Map(rows.map((r) => [String(r['g']), { audience: int(r['n']), treatment: int(r['t']), control: int(r['c']) }]));
}

/** Reached (individual, campaign) pairs by their impressions, per campaign. */
async function frequencies(s: ReportSql, schema: Schema): Promise<Map<string, Map<number, number>>> {
  const x = (c: string): SqlExpr => q.col('x', c);
  const impressions = schema.has('campaign_exposures', 'frequency') ? sql.agg('sum', x('frequency')) : sql.countStar();
  const pairs = sql.select([q.item('g', q.text(x('campaign_id'))), q.item('f', impressions)], sql.table('campaign_exposures', 'x'), null, [x('campaign_id'), x('individual_id')]);
  const p = (c: string): SqlExpr => q.col('p', c);
  const rows = await s.run(sql.select([q.item('g', p('g')), q.item('f', p('f')), q.item('n', sql.countStar())], sql.subquery(pairs, 'p'), null, [p('g'), p('f')]));
  const out = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const g = String(r['g']);
    if (!out.has(g)) out.set(g, new Map());
    out.get(g)?.set(int(r['f']), int(r['n']));
  }
  return out;
}

/** Share of pairs with at least f impressions, f = 1 … max. */
function atLeast(counts: ReadonlyMap<number, number>, max: number): number[] {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const out: number[] = [];
  for (let f = 1; f <= max; f++) {
    let n = 0;
    for (const [k, v] of counts) if (k >= f) n += v;
    out.push(total ? n / total : 0);
  }
  return out;
}

function deliveryRow(campaign: string, label: string, f: FunnelRow | undefined, aud: Audience | null, counts: ReadonlyMap<number, number>, max: number): CampaignDelivery {
  const reached = [...counts.values()].reduce((a, b) => a + b, 0);
  const impressions = [...counts].reduce((a, [k, v]) => a + k * v, 0);
  return {
    campaign,
    label,
    budget: f?.budget ?? null,
    spend: f?.cost ?? null,
    spendShare: ratio(f?.cost ?? null, f?.budget ?? null),
    audience: aud?.audience ?? null,
    treatment: aud?.treatment ?? null,
    control: aud?.control ?? null,
    reached,
    reach: aud ? ratio(reached, aud.treatment) : null,
    impressions,
    meanFrequency: ratio(impressions, reached),
    atLeast: atLeast(counts, max),
  };
}

/**
 * The delivery panel, built on the funnel's per-campaign spend and budget.
 *
 * @example
 * ```ts
 * const delivery = await deliveryData(s, schema, funnel);
 * ```
 */
export async function deliveryData(s: ReportSql, schema: Schema, funnel: Maybe<FunnelData>): Promise<Maybe<DeliveryData>> {
  const title = 'Campaign delivery';
  const why = schema.missing('campaign_exposures', 'individual_id', 'campaign_id');
  if (why) return unavailable('delivery', title, why);
  const freq = await frequencies(s, schema);
  const aud = await audiences(s, schema);
  const rows = new Map((funnel.status === 'ok' ? funnel.byCampaign : []).map((r) => [r.group, r]));
  const max = Math.max(0, ...[...freq.values()].flatMap((m) => [...m.keys()]));
  const ids = [...new Set([...freq.keys(), ...(aud ? aud.keys() : []), ...rows.keys()])].sort(byCampaign);
  const campaigns = ids.map((g) => deliveryRow(g, rows.get(g)?.label ?? g, rows.get(g), aud ? (aud.get(g) ?? { audience: 0, treatment: 0, control: 0 }) : null, freq.get(g) ?? new Map(), max));
  const all = new Map<number, number>();
  for (const m of freq.values()) for (const [k, v] of m) all.set(k, (all.get(k) ?? 0) + v);
  const sum = (xs: (number | null)[]): number | null => (xs.some((x) => x === null) || !xs.length ? null : xs.reduce<number>((a, b) => a + (b ?? 0), 0));
  const totalAud = aud ? { audience: sum(campaigns.map((c) => c.audience)) ?? 0, treatment: sum(campaigns.map((c) => c.treatment)) ?? 0, control: sum(campaigns.map((c) => c.control)) ?? 0 } : null;
  const totalFunnel = funnel.status === 'ok' ? { ...funnel.total, budget: sum(campaigns.map((c) => c.budget)), cost: sum(campaigns.map((c) => c.spend)) } : undefined;
  return {
    status: 'ok',
    campaigns,
    total: deliveryRow('all', 'all', totalFunnel, totalAud, all, max),
    maxFrequency: max,
    audienceSource: aud ? 'campaign_assignments' : null,
  };
}
