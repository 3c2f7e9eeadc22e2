/**
 * The attribution panel: per campaign, the conversions each attribution model credits to it
 * (sum of `outcome_metrics.attribution_weight`) next to the true incremental conversions of the
 * answer key (`truth_campaign_lift`, else `truth_conversions`) when the output has one, and how
 * many journeys span several campaigns (only those let the models credit campaigns differently).
 */
import { sql, type SqlExpr } from '@synthgraph/core';
import type { AttributionData, AttributionJourneys, CampaignAttribution } from './campaign-measurement-types.js';
import { byCampaign, campaignLabels } from './campaign-keys.js';
import { num, q, unavailable, type ReportSql, type Schema } from './report-sql.js';
import type { Maybe } from './report-types.js';

/** True incremental conversions per campaign, and the table they come from. */
async function trueIncremental(s: ReportSql, schema: Schema): Promise<{ source: string; byCampaign: Map<string, number> } | null> {
  let rows: Record<string, unknown>[];
  let source: string;
  if (schema.has('truth_campaign_lift', 'campaign_id', 'incremental_conversions')) {
    const t = (c: string): SqlExpr => q.col('t', c);
    source = 'truth_campaign_lift.incremental_conversions';
    rows = await s.run(sql.select([q.item('g', q.text(t('campaign_id'))), q.item('n', t('incremental_conversions'))], sql.table('truth_campaign_lift', 't')));
  } else if (schema.has('truth_conversions', 'is_incremental', 'causing_campaign_id')) {
    const t = (c: string): SqlExpr => q.col('t', c);
    source = 'truth_conversions (is_incremental, causing_campaign_id)';
    rows = await s.run(q.counts('truth_conversions', q.text(t('causing_campaign_id')), sql.binary('and', sql.binary('=', t('is_incremental'), sql.lit(true, 'boolean')), q.notNull(t('causing_campaign_id')))));
    rows = rows.map((r) => ({ g: r['k'], n: r['n'] }));
  } else return null;
  return { source, byCampaign: new Map(rows.map((r) => [String(r['g']), num(r['n']) ?? 0])) };
}

/** Scored conversions (outcome_metrics.response_id) and those whose touchpoints come from two or more campaigns. */
async function journeys(s: ReportSql, schema: Schema): Promise<AttributionJourneys | null> {
  if (!schema.has('outcome_metrics', 'response_id')) return null;
  const o = (c: string): SqlExpr => q.col('o', c);
  const j = (c: string): SqlExpr => q.col('j', c);
  const perConversion = sql.select(
    [q.item('lo', sql.agg('min', o('campaign_id'))), q.item('hi', sql.agg('max', o('campaign_id')))],
    sql.table('outcome_metrics', 'o'),
    null,
    [o('response_id')],
  );
  const [row] = await s.run(sql.select([q.item('n', sql.countStar()), q.item('m', sql.agg('countIf', null, sql.binary('<>', j('lo'), j('hi'))))], sql.subquery(perConversion, 'j')));
  return { conversions: num(row?.['n']) ?? 0, crossCampaign: num(row?.['m']) ?? 0 };
}

/** Campaigns whose credited conversions differ by more than one half between the models (most minus fewest). */
function disagreeing(campaigns: readonly CampaignAttribution[], models: readonly string[]): number {
  return campaigns.filter((c) => {
    const v = models.map((m) => c.credited[m] ?? 0);
    return Math.max(...v) - Math.min(...v) > 0.5;
  }).length;
}

/**
 * The attribution panel (unavailable without outcome_metrics.attribution_model and
 * attribution_weight).
 *
 * @example
 * ```ts
 * const a = await attributionData(s, schema);
 * if (a.status === 'ok') console.log(a.models, a.absoluteError);
 * ```
 */
export async function attributionData(s: ReportSql, schema: Schema): Promise<Maybe<AttributionData>> {
  const why = schema.missing('outcome_metrics', 'campaign_id', 'attribution_model', 'attribution_weight');
  if (why) return unavailable('attribution', 'Attribution by model', why);
  const o = (c: string): SqlExpr => q.col('o', c);
  const hasRevenue = schema.has('outcome_metrics', 'revenue');
  const g = q.text(o('campaign_id'));
  const rows = await s.run(
    sql.select(
      [q.item('g', g), q.item('model', o('attribution_model')), q.item('w', sql.agg('sum', o('attribution_weight'))), ...(hasRevenue ? [q.item('revenue', sql.agg('sum', o('revenue')))] : [])],
      sql.table('outcome_metrics', 'o'),
      q.notNull(o('attribution_model')),
      [g, o('attribution_model')],
    ),
  );
  const truth = await trueIncremental(s, schema);
  const label = await campaignLabels(s, schema);
  const models = [...new Set(rows.map((r) => String(r['model'])))].sort();
  const ids = [...new Set([...rows.map((r) => String(r['g'])), ...(truth ? truth.byCampaign.keys() : [])])].sort(byCampaign);
  const campaigns = ids.map((id): CampaignAttribution => {
    const credited: Record<string, number> = {};
    const revenue: Record<string, number> = {};
    for (const m of models) {
      const r = rows.find((x) => String(x['g']) === id && String(x['model']) === m);
      credited[m] = num(r?.['w']) ?? 0;
      revenue[m] = num(r?.['revenue']) ?? 0;
    }
    return { campaign: id, label: label.get(id) ?? id, credited, revenue: hasRevenue ? revenue : null, trueIncremental: truth ? (truth.byCampaign.get(id) ?? 0) : null };
  });
  let absoluteError: Record<string, number> | null = null;
  if (truth) {
    absoluteError = {};
    for (const m of models) absoluteError[m] = num(campaigns.reduce((a, c) => a + Math.abs((c.credited[m] ?? 0) - (c.trueIncremental ?? 0)), 0)) ?? 0;
  }
  return { status: 'ok', models, campaigns, truthSource: truth?.source ?? null, absoluteError, journeys: await journeys(s, schema), disagreeing: models.length > 1 ? disagreeing(campaigns, models) : 0 };
}
