/**
 * The lift panel: per campaign, conversions per member of the randomized treatment and control
 * groups (`campaign_assignments` ⋈ the campaign's conversions in `response_events` on
 * individual_id and campaign_id), the estimated lift with its 95% interval, and — when the
 * answer key `truth_campaign_lift` is present — the true lift beside it.
 */
import { sql, type SqlExpr } from '@synthgraph/core';
import type { CampaignLift, LiftData, LiftTruth } from './campaign-measurement-types.js';
import { byCampaign, campaignLabels } from './campaign-keys.js';
import { covers, groupOutcome, LIFT_METHOD, liftEstimate, type GroupSums } from './lift-statistics.js';
import { int, num, q, unavailable, type ReportSql, type Schema } from './report-sql.js';
import type { Maybe } from './report-types.js';

const TRUTH = 'truth_campaign_lift';
const TRUTH_COLUMNS = {
  treatmentSize: 'treatment_size',
  controlSize: 'control_size',
  incrementalConversions: 'incremental_conversions',
  counterfactualConversions: 'counterfactual_conversions',
  relativeLift: 'true_relative_lift',
} as const satisfies Record<keyof LiftTruth, string>;

/** Per (campaign, assignment): members, conversions, conversions², converters. */
async function groupSums(s: ReportSql): Promise<Map<string, { treatment: GroupSums; control: GroupSums }>> {
  const r = (c: string): SqlExpr => q.col('r', c);
  const conversions = sql.select(
    [q.item('individual_id', r('individual_id')), q.item('campaign_id', r('campaign_id')), q.item('k', sql.countStar())],
    sql.table('response_events', 'r'),
    q.eq(r('response_type'), q.str('conversion')),
    [r('individual_id'), r('campaign_id')],
  );
  const a = (c: string): SqlExpr => q.col('a', c);
  const on = sql.binary('and', q.on('a', 'c', 'individual_id'), q.on('a', 'c', 'campaign_id'));
  const k = sql.call('coalesce', [q.col('c', 'k'), sql.int(0)]);
  const members = sql.select(
    [q.item('g', q.text(a('campaign_id'))), q.item('assignment', a('assignment')), q.item('k', k)],
    sql.join('left', sql.table('campaign_assignments', 'a'), sql.subquery(conversions, 'c'), on),
  );
  const m = (c: string): SqlExpr => q.col('m', c);
  const rows = await s.run(
    sql.select(
      [
        q.item('g', m('g')),
        q.item('assignment', m('assignment')),
        q.item('n', sql.countStar()),
        q.item('s', sql.agg('sum', m('k'))),
        q.item('ss', sql.agg('sum', sql.binary('*', m('k'), m('k')))),
        q.item('converters', sql.agg('countIf', null, sql.binary('>', m('k'), sql.int(0)))),
      ],
      sql.subquery(members, 'm'),
      null,
      [m('g'), m('assignment')],
    ),
  );
  const empty: GroupSums = { n: 0, sum: 0, sumSquares: 0, converters: 0 };
  const out = new Map<string, { treatment: GroupSums; control: GroupSums }>();
  for (const row of rows) {
    const g = String(row['g']);
    const which = row['assignment'];
    if (which !== 'treatment' && which !== 'control') continue;
    const cur = out.get(g) ?? { treatment: empty, control: empty };
    out.set(g, { ...cur, [which]: { n: int(row['n']), sum: int(row['s']), sumSquares: int(row['ss']), converters: int(row['converters']) } });
  }
  return out;
}

async function truths(s: ReportSql, schema: Schema): Promise<Map<string, LiftTruth> | null> {
  if (!schema.has(TRUTH, 'campaign_id')) return null;
  const t = (c: string): SqlExpr => q.col('t', c);
  const present = Object.entries(TRUTH_COLUMNS).filter(([, c]) => schema.has(TRUTH, c));
  const rows = await s.run(sql.select([q.item('g', q.text(t('campaign_id'))), ...present.map(([f, c]) => q.item(f, t(c)))], sql.table(TRUTH, 't')));
  const out = new Map<string, LiftTruth>();
  for (const r of rows) {
    const v = (f: keyof LiftTruth): number | null => (f in r ? num(r[f]) : null);
    out.set(String(r['g']), { treatmentSize: v('treatmentSize'), controlSize: v('controlSize'), incrementalConversions: v('incrementalConversions'), counterfactualConversions: v('counterfactualConversions'), relativeLift: v('relativeLift') });
  }
  return out;
}

/**
 * The lift panel (unavailable without campaign_assignments or response_events.response_type).
 *
 * @example
 * ```ts
 * const lift = await liftData(s, schema);
 * if (lift.status === 'ok') console.log(lift.coverage);
 * ```
 */
export async function liftData(s: ReportSql, schema: Schema): Promise<Maybe<LiftData>> {
  const title = 'Lift (treatment vs control)';
  const why = schema.missing('campaign_assignments', 'individual_id', 'campaign_id', 'assignment') ?? schema.missing('response_events', 'individual_id', 'campaign_id', 'response_type');
  if (why) return unavailable('lift', title, why);
  const sums = await groupSums(s);
  const truth = await truths(s, schema);
  const label = await campaignLabels(s, schema);
  const campaigns = [...sums.keys()].sort(byCampaign).map((g): CampaignLift => {
    const x = sums.get(g);
    const treatment = groupOutcome(x?.treatment ?? { n: 0, sum: 0, sumSquares: 0, converters: 0 });
    const control = groupOutcome(x?.control ?? { n: 0, sum: 0, sumSquares: 0, converters: 0 });
    const estimate = liftEstimate(treatment, control);
    const t = truth?.get(g) ?? null;
    return { campaign: g, label: label.get(g) ?? g, treatment, control, estimate, truth: t, covered: covers(estimate.relativeLiftCi, t?.relativeLift ?? null) };
  });
  const judged = campaigns.filter((c) => c.covered !== null);
  return {
    status: 'ok',
    campaigns,
    method: LIFT_METHOD,
    hasTruth: truth !== null,
    coverage: judged.length ? { covered: judged.filter((c) => c.covered).length, campaigns: judged.length } : null,
  };
}
