/** The campaign funnel: reach, exposures, responses and conversions per segment, per campaign and in total. */
import { sql, type SqlExpr, type SqlFrom } from '@synthgraph/core';
import type { ReportTargets } from './report-targets.js';
import { int, num, q, ratio, unavailable, type ReportSql, type Schema } from './report-sql.js';
import type { FunnelData, FunnelRow, Maybe } from './report-types.js';
import { compareLabels } from './report-order.js';

const NONE = '(no segment)';
type By = 'segment' | 'campaign' | 'total';

/** The funnel's view of the output: which optional tables and columns it has. */
class FunnelQueries {
  readonly hasSegments: boolean;
  readonly hasType: boolean;
  readonly hasValue: boolean;
  constructor(
    readonly s: ReportSql,
    readonly schema: Schema,
  ) {
    this.hasSegments = schema.has('audience_attributes', 'individual_id', 'segment_primary');
    this.hasType = schema.has('response_events', 'response_type');
    this.hasValue = schema.has('response_events', 'value');
  }

  /** `from` joined with each individual's segment (alias `s`) when the output has segments. */
  withSegment(from: SqlFrom, alias: string): SqlFrom {
    if (!this.hasSegments) return from;
    const seg = sql.select([q.item('individual_id', q.col('a', 'individual_id')), q.item('segment', sql.agg('min', q.col('a', 'segment_primary')))], sql.table('audience_attributes', 'a'), null, [q.col('a', 'individual_id')]);
    return sql.join('left', from, sql.subquery(seg, 's'), q.on(alias, 's', 'individual_id'));
  }

  segmentOf(): SqlExpr {
    return this.hasSegments ? sql.call('coalesce', [q.col('s', 'segment'), q.str(NONE)]) : q.str('all');
  }

  /** The group key of a row of the table aliased `alias`. */
  groupKey(by: By, alias: string): SqlExpr {
    return by === 'segment' ? this.segmentOf() : by === 'campaign' ? q.text(q.col(alias, 'campaign_id')) : q.str('all');
  }

  /** SELECT <items> FROM <from> grouped by the key `g` (no GROUP BY for the total). */
  grouped(by: By, alias: string, from: SqlFrom, items: readonly { alias: string; expr: SqlExpr }[]) {
    const g = this.groupKey(by, alias);
    return this.s.run(sql.select([q.item('g', g), ...items], from, null, by === 'total' ? [] : [g]));
  }

  async exposures(by: By): Promise<Record<string, unknown>[]> {
    const x = (c: string): SqlExpr => q.col('x', c);
    const hasCampaign = this.schema.has('campaign_exposures', 'campaign_id');
    const pair = hasCampaign ? sql.call('concat', [q.text(x('individual_id')), q.str('|'), q.text(x('campaign_id'))]) : x('individual_id');
    const rows = await this.grouped(by, 'x', this.withSegment(sql.table('campaign_exposures', 'x'), 'x'), [
      q.item('reached', sql.agg('countDistinct', x('individual_id'))),
      q.item('exposures', sql.countStar()),
      q.item('impressions', this.schema.has('campaign_exposures', 'frequency') ? sql.agg('sum', x('frequency')) : sql.countStar()),
      q.item('pairs', sql.agg('countDistinct', pair)),
      ...(this.schema.has('campaign_exposures', 'cost') ? [q.item('cost', sql.agg('sum', x('cost')))] : []),
    ]);
    // A total over no rows is one row of zeros: as with the groups, no exposures means no row.
    return rows.filter((r) => int(r['exposures']) > 0);
  }

  async responses(by: By): Promise<Record<string, unknown>[] | null> {
    if (!this.schema.has('response_events', 'individual_id') || (by === 'campaign' && !this.schema.has('response_events', 'campaign_id'))) return null;
    const r = (c: string): SqlExpr => q.col('r', c);
    const conv = this.hasType ? q.eq(r('response_type'), q.str('conversion')) : sql.lit(false, 'boolean');
    const rows = await this.grouped(by, 'r', this.withSegment(sql.table('response_events', 'r'), 'r'), [
      q.item('responses', sql.countStar()),
      q.item('responders', sql.agg('countDistinct', r('individual_id'))),
      q.item('conversions', sql.agg('countIf', null, conv)),
      q.item('clicks', sql.agg('countIf', null, this.hasType ? q.eq(r('response_type'), q.str('click')) : sql.lit(false, 'boolean'))),
      q.item('converters', sql.agg('countDistinct', q.when(conv, r('individual_id')))),
      ...(this.hasValue ? [q.item('revenue', sql.agg('sum', q.when(conv, r('value'))))] : []),
    ]);
    return rows.filter((x) => int(x['responses']) > 0);
  }

  /**
   * Individuals in each group. Per campaign: the campaign's treatment group in
   * campaign_assignments (the people it may reach; control members are never exposed), or,
   * without that table, every individual (any of them may be exposed to any campaign).
   */
  async population(by: By): Promise<Map<string, number> | null> {
    const hasPeople = this.schema.has('individuals', 'individual_id');
    const count = [q.item('n', sql.countStar())];
    let rows: Record<string, unknown>[];
    if (by === 'campaign') return this.campaignPopulation(hasPeople);
    if (by === 'segment' && hasPeople) rows = await this.grouped(by, 'i', this.withSegment(sql.table('individuals', 'i'), 'i'), count);
    else if (by === 'segment' && this.hasSegments) {
      const seg = sql.select([q.item('segment', sql.agg('min', q.col('a', 'segment_primary')))], sql.table('audience_attributes', 'a'), null, [q.col('a', 'individual_id')]);
      rows = await this.s.run(sql.select([q.item('g', q.col('s', 'segment')), ...count], sql.subquery(seg, 's'), null, [q.col('s', 'segment')]));
    } else if (by === 'total' && hasPeople) rows = await this.grouped(by, 'i', sql.table('individuals', 'i'), count);
    else return null;
    return new Map(rows.map((r) => [String(r['g']), int(r['n'])]));
  }

  async campaignPopulation(hasPeople: boolean): Promise<Map<string, number> | null> {
    if (this.schema.has('campaign_assignments', 'campaign_id', 'individual_id')) {
      const a = (c: string): SqlExpr => q.col('a', c);
      const treated = this.schema.has('campaign_assignments', 'assignment') ? q.eq(a('assignment'), q.str('treatment')) : null;
      const rows = await this.s.run(sql.select([q.item('g', q.text(a('campaign_id'))), q.item('n', sql.agg('countDistinct', a('individual_id')))], sql.table('campaign_assignments', 'a'), treated, [q.text(a('campaign_id'))]));
      return new Map(rows.map((r) => [String(r['g']), int(r['n'])]));
    }
    if (!hasPeople) return null;
    const all = int((await this.s.run(sql.select([q.item('n', sql.countStar())], sql.table('individuals', 'i'))))[0]?.['n']);
    const ids = this.schema.has('campaigns', 'campaign_id') ? await this.s.run(sql.select([q.item('g', q.text(q.col('c', 'campaign_id')))], sql.table('campaigns', 'c'))) : await this.grouped('campaign', 'x', sql.table('campaign_exposures', 'x'), []);
    return new Map(ids.map((r) => [String(r['g']), all]));
  }

  /** Budget per campaign (key `all` holds the sum), empty without campaigns.budget. */
  async budgets(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!this.schema.has('campaigns', 'campaign_id', 'budget')) return out;
    const rows = await this.s.run(sql.select([q.item('g', q.text(q.col('c', 'campaign_id'))), q.item('budget', q.col('c', 'budget'))], sql.table('campaigns', 'c')));
    for (const r of rows) out.set(String(r['g']), num(r['budget']) ?? 0);
    out.set('all', [...out.values()].reduce((a, b) => a + b, 0));
    return out;
  }

  async frequencyCurve(): Promise<{ frequency: number; rows: number }[]> {
    if (!this.schema.has('campaign_exposures', 'frequency')) return [];
    const f = q.col('x', 'frequency');
    const rows = await this.s.run(sql.select([q.item('f', f), q.item('n', sql.countStar())], sql.table('campaign_exposures', 'x'), null, [f]));
    return rows.map((r) => ({ frequency: int(r['f']), rows: int(r['n']) })).sort((a, b) => a.frequency - b.frequency);
  }

  async campaignNames(by: By): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    if (by !== 'campaign' || !this.schema.has('campaigns', 'campaign_id', 'campaign_name')) return names;
    const rows = await this.s.run(sql.select([q.item('g', q.text(q.col('c', 'campaign_id'))), q.item('name', q.col('c', 'campaign_name'))], sql.table('campaigns', 'c')));
    for (const r of rows) names.set(String(r['g']), String(r['name']));
    return names;
  }

  async rows(by: By): Promise<FunnelRow[]> {
    const exposures = await this.exposures(by);
    const responses = await this.responses(by);
    const population = await this.population(by);
    const names = await this.campaignNames(by);
    const budgets = by === 'segment' ? new Map<string, number>() : await this.budgets();
    const hasCost = this.schema.has('campaign_exposures', 'cost');
    const resp = new Map((responses ?? []).map((r) => [String(r['g']), r]));
    const keys = [...new Set([...exposures.map((r) => String(r['g'])), ...(population ? population.keys() : [])])];
    const label = (g: string): string => names.get(g) ?? g;
    const order = compareLabels(keys.map(label));
    const groups = keys.sort((a, b) => order(label(a), label(b)));
    const exp = new Map(exposures.map((r) => [String(r['g']), r]));
    return groups.map((g): FunnelRow => {
      const e = exp.get(g);
      const r = resp.get(g);
      const reached = int(e?.['reached']);
      const exposuresN = int(e?.['exposures']);
      const pop = population ? (population.get(g) ?? 0) : null;
      const responders = responses ? int(r?.['responders']) : null;
      const responsesN = responses ? int(r?.['responses']) : null;
      const converters = responses && this.hasType ? int(r?.['converters']) : null;
      const clicks = responses && this.hasType ? int(r?.['clicks']) : null;
      const conversions = responses && this.hasType ? int(r?.['conversions']) : null;
      const cost = hasCost ? (num(e?.['cost']) ?? 0) : null;
      const budget = budgets.get(g) ?? null;
      return {
        group: g,
        label: label(g),
        population: pop,
        reached,
        reachRate: ratio(reached, pop),
        exposures: exposuresN,
        impressions: int(e?.['impressions']),
        frequency: ratio(int(e?.['impressions']), int(e?.['pairs'])),
        responses: responsesN,
        responders,
        responseRate: ratio(responders, reached),
        responsesPerExposure: ratio(responsesN, exposuresN),
        conversions,
        converters,
        conversionRate: ratio(converters, reached),
        revenue: responses && this.hasType && this.hasValue ? (num(r?.['revenue']) ?? 0) : null,
        cost,
        clicks,
        clickThrough: ratio(clicks, int(e?.['impressions'])),
        conversionsPerClick: ratio(conversions, clicks),
        budget,
        spendShare: ratio(cost, budget),
      };
    });
  }
}

/** The funnel section. */
export async function funnelData(s: ReportSql, schema: Schema, targets: ReportTargets): Promise<Maybe<FunnelData>> {
  const why = schema.missing('campaign_exposures', 'individual_id');
  if (why) return unavailable('funnel', 'Campaign funnel', why);
  const f = new FunnelQueries(s, schema);
  const total = (await f.rows('total'))[0];
  const reach = targets.number([['reach']]);
  const rr = targets.range([['response', 'rate']]);
  return {
    status: 'ok',
    segmentSource: f.hasSegments ? 'audience_attributes.segment_primary' : null,
    bySegment: f.hasSegments ? await f.rows('segment') : [],
    byCampaign: schema.has('campaign_exposures', 'campaign_id') ? await f.rows('campaign') : [],
    total: total ?? emptyFunnelRow(),
    configuredReach: reach ? { value: reach.value > 1 ? reach.value / 100 : reach.value, source: reach.source } : null,
    configuredResponseRate: rr ? { min: rr.min > 1 ? rr.min / 100 : rr.min, max: rr.max > 1 ? rr.max / 100 : rr.max, source: rr.source } : null,
    frequencyCurve: await f.frequencyCurve(),
  };
}

function emptyFunnelRow(): FunnelRow {
  return {
    group: 'all',
    label: 'all',
    population: null,
    reached: 0,
    reachRate: null,
    exposures: 0,
    impressions: 0,
    frequency: null,
    responses: null,
    responders: null,
    responseRate: null,
    responsesPerExposure: null,
    conversions: null,
    converters: null,
    conversionRate: null,
    revenue: null,
    cost: null,
    clicks: null,
    clickThrough: null,
    conversionsPerClick: null,
    budget: null,
    spendShare: null,
  };
}
