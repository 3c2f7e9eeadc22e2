/** The "Campaign measurement" part of the report page: delivery, lift and attribution panels. */
import { barChart, esc, lineChart, PALETTE } from './svg-charts.js';
import { fmtInt, fmtNum, fmtPct, note, numCell, table, tile } from './html-parts.js';
import type { AttributionData, CampaignDelivery, DeliveryData, Interval, LiftData } from './campaign-measurement-types.js';
import type { Maybe } from './report-types.js';

const opt = (key: string, v: number | null, f: (x: number) => string): string => numCell(key, v, v === null ? '–' : f(v));
const fmtSignedPct = (n: number | null): string => (n === null ? '–' : `${n > 0 ? '+' : ''}${fmtPct(n)}`);
const fmtCi = (ci: Interval | null, f: (n: number) => string): string => (ci ? `${f(ci.lo)} … ${f(ci.hi)}` : '–');
const ANSWER_KEY = '<span class="badge pass">answer key</span>';

function deliveryRow(r: CampaignDelivery, shown: readonly number[]): string {
  const k = (m: string): string => `delivery:${r.campaign}:${m}`;
  return `<tr><td>${esc(r.label)}${r.label !== r.campaign ? ` <span class="meta">(${esc(r.campaign)})</span>` : ''}</td>${opt(k('spend'), r.spend, (x) => fmtNum(x))}${opt(k('budget'), r.budget, (x) => fmtNum(x))}${opt(k('spendShare'), r.spendShare, fmtPct)}${opt(k('treatment'), r.treatment, fmtInt)}${opt(k('control'), r.control, fmtInt)}${numCell(k('reached'), r.reached, fmtInt(r.reached))}${opt(k('reach'), r.reach, fmtPct)}${numCell(k('impressions'), r.impressions, fmtInt(r.impressions))}${opt(k('meanFrequency'), r.meanFrequency, (x) => fmtNum(x))}${shown.map((f) => numCell(k(`atLeast${f}`), r.atLeast[f - 1] ?? null, fmtPct(r.atLeast[f - 1] ?? null))).join('')}</tr>`;
}

function deliveryPart(d: Maybe<DeliveryData>): string {
  if (d.status === 'unavailable') return note(d);
  const withSpend = d.campaigns.filter((c) => c.spendShare !== null);
  const spend = withSpend.length
    ? barChart({ id: 'delivery-spend', title: 'Spend / budget per campaign', categories: withSpend.map((c) => c.label), series: [{ name: 'spend / budget', values: withSpend.map((c) => c.spendShare) }], format: fmtPct })
    : '';
  const curve = d.maxFrequency
    ? lineChart({ id: 'delivery-frequency', title: 'Frequency curve: share of reached (individual, campaign) pairs with at least f impressions', points: d.total.atLeast.map((v, i) => ({ label: `≥${i + 1}`, value: v })), format: fmtPct })
    : '';
  const shown = [...new Set([1, 2, 3, 5, d.maxFrequency])].filter((f) => f >= 1 && f <= d.maxFrequency).sort((a, b) => a - b);
  const t = d.total;
  const tiles = [
    tile('delivery-spend-share', 'Spend / budget (all campaigns)', t.spendShare ?? '', fmtPct(t.spendShare)),
    tile('delivery-reach', 'Reach of the treatment audience', t.reach ?? '', fmtPct(t.reach)),
    tile('delivery-mean-frequency', 'Impressions per reached pair', t.meanFrequency ?? '', fmtNum(t.meanFrequency)),
    tile('delivery-at-cap', `Reached pairs at ${d.maxFrequency} impressions`, t.atLeast[d.maxFrequency - 1] ?? '', fmtPct(t.atLeast[d.maxFrequency - 1] ?? null)),
  ];
  const meta = `<p class="meta">Spend = sum of <code>campaign_exposures.cost</code>, budget = <code>campaigns.budget</code>. ${d.audienceSource ? 'Audience = the campaign’s rows of <code>campaign_assignments</code>; reach = distinct individuals exposed / the treatment group (control is never exposed).' : 'Reach needs <code>campaign_assignments</code> (absent here).'} Frequency = impressions (sum of <code>frequency</code>) per reached individual; the curve is the share of reached individuals with at least f impressions (summed over campaigns as (individual, campaign) pairs).</p>`;
  const head = ['campaign', 'spend', 'budget', 'spend / budget', 'treatment', 'control', 'reached', 'reach', 'impressions', 'frequency', ...shown.map((f) => `≥ ${f}`)];
  return `<div class="tiles">${tiles.join('')}</div>${meta}<div class="grid"><div class="card" data-distribution="delivery-spend">${spend || '<p>No spend or budget columns.</p>'}</div><div class="card" data-distribution="delivery-frequency">${curve || '<p>No exposures.</p>'}</div></div><div class="card">${table(head, [...d.campaigns, t].map((r) => deliveryRow(r, shown)))}</div>`;
}

function liftPart(l: Maybe<LiftData>): string {
  if (l.status === 'unavailable') return note(l);
  if (!l.campaigns.length) return '<p>No campaign has an assigned audience.</p>';
  const chart = barChart({
    id: 'lift-rates',
    title: 'Conversions per member: treatment vs control, per campaign',
    categories: l.campaigns.map((c) => c.label),
    series: [
      { name: 'treatment', values: l.campaigns.map((c) => c.treatment.mean), color: PALETTE[0] },
      { name: 'control', values: l.campaigns.map((c) => c.control.mean), color: PALETTE[1] },
    ],
    format: (n) => fmtPct(n),
  });
  const truthHead = l.hasTruth ? ['true lift (answer key)', 'true incremental (answer key)', 'inside 95% CI'] : [];
  const rows = l.campaigns.map((c) => {
    const k = (m: string): string => `lift:${c.campaign}:${m}`;
    const e = c.estimate;
    const truth = l.hasTruth
      ? `${opt(k('trueRelativeLift'), c.truth?.relativeLift ?? null, fmtSignedPct)}${opt(k('trueIncremental'), c.truth?.incrementalConversions ?? null, (x) => fmtNum(x, 1))}<td>${c.covered === null ? '–' : c.covered ? 'yes' : '<strong>no</strong>'}</td>`
      : '';
    return `<tr><td>${esc(c.label)}</td>${numCell(k('treatmentN'), c.treatment.n, fmtInt(c.treatment.n))}${opt(k('treatmentRate'), c.treatment.mean, fmtPct)}${numCell(k('controlN'), c.control.n, fmtInt(c.control.n))}${opt(k('controlRate'), c.control.mean, fmtPct)}${opt(k('relativeLift'), e.relativeLift, fmtSignedPct)}<td>${fmtCi(e.relativeLiftCi, fmtSignedPct)}</td>${opt(k('incremental'), e.incrementalConversions, (x) => fmtNum(x, 1))}<td>${fmtCi(e.incrementalConversionsCi, (x) => fmtNum(x, 1))}</td>${truth}</tr>`;
  });
  const cov = l.coverage;
  const tiles = cov ? `<div class="tiles">${tile('lift-coverage', 'Campaigns whose true lift is inside the 95% CI', cov.covered / cov.campaigns, `${cov.covered} / ${cov.campaigns}`, cov.covered / cov.campaigns >= 0.9 ? 'ok' : 'bad')}</div>` : '';
  const meta = `<p class="meta">Members: the campaign’s rows of <code>campaign_assignments</code>; conversions: <code>response_events</code> with <code>response_type = 'conversion'</code> for the campaign, joined on individual_id and campaign_id (organic conversions included, in both groups). ${esc(l.method)}${l.hasTruth ? ' The answer-key columns come from <code>truth_campaign_lift</code>; drop the <code>truth_*</code> tables to hand the output out as a blind test.' : ' No <code>truth_campaign_lift</code> in this output: estimates only.'}</p>`;
  const head = ['campaign', 'treatment', 'conv. / member', 'control', 'conv. / member', 'relative lift', '95% CI', 'incremental conversions', '95% CI', ...truthHead];
  return `${tiles}${meta}<div class="card" data-distribution="lift">${chart}${l.hasTruth ? `<p class="meta">${ANSWER_KEY} columns are the known true effect.</p>` : ''}${table(head, rows)}</div>`;
}

function attributionPart(a: Maybe<AttributionData>): string {
  if (a.status === 'unavailable') return note(a);
  if (!a.campaigns.length) return '<p>No attributed conversions.</p>';
  const series = [
    ...a.models.map((m, i) => ({ name: m, values: a.campaigns.map((c) => c.credited[m] ?? 0), color: PALETTE[i % PALETTE.length] })),
    ...(a.truthSource ? [{ name: 'true incremental', values: a.campaigns.map((c) => c.trueIncremental), color: '#0f172a', outline: true }] : []),
  ];
  const chart = barChart({ id: 'attribution-credit', title: 'Credited conversions per campaign by attribution model', categories: a.campaigns.map((c) => c.label), series, format: (n) => fmtNum(n, 1) });
  const rows = a.campaigns.map((c) => {
    const k = (m: string): string => `attribution:${c.campaign}:${m}`;
    return `<tr><td>${esc(c.label)}</td>${a.models.map((m) => numCell(k(m), c.credited[m] ?? 0, fmtNum(c.credited[m] ?? 0, 1))).join('')}${a.truthSource ? opt(k('trueIncremental'), c.trueIncremental, (x) => fmtNum(x, 1)) : ''}</tr>`;
  });
  const err = a.absoluteError;
  if (err) rows.push(`<tr><td><strong>Σ |credited − true|</strong></td>${a.models.map((m) => numCell(`attribution-error:${m}`, err[m] ?? null, fmtNum(err[m] ?? null, 1))).join('')}<td></td></tr>`);
  const j = a.journeys;
  const tiles = j && j.conversions > 0
    ? `<div class="tiles">${tile('attribution-cross-campaign', 'Conversions whose journey spans ≥ 2 campaigns', j.crossCampaign / j.conversions, `${j.crossCampaign} / ${j.conversions}`, 'ok')}${tile('attribution-disagreeing', 'Campaigns the models credit differently (by > 0.5)', a.campaigns.length ? a.disagreeing / a.campaigns.length : 0, `${a.disagreeing} / ${a.campaigns.length}`, 'ok')}</div>`
    : '';
  const meta = `<p class="meta">A conversion's journey is every touchpoint of the campaigns of the converting campaign's advertiser (<code>campaigns.advertiser_id</code>) in the lookback window, so the models split it between campaigns differently; <code>outcome_metrics.campaign_id</code> is the touchpoint's campaign. Credited conversions = sum of <code>outcome_metrics.attribution_weight</code> per campaign and <code>attribution_model</code>. ${a.truthSource ? `True incremental conversions (answer key) from <code>${esc(a.truthSource)}</code>: conversions that would not have happened without the campaign. Attribution splits every conversion — organic ones too — across touchpoints, so credited conversions exceed the incremental ones; the gap is what the answer key lets you measure.` : 'No answer key (<code>truth_campaign_lift</code> / <code>truth_conversions</code>) in this output.'}</p>`;
  return `${tiles}${meta}<div class="card" data-distribution="attribution">${chart}${table(['campaign', ...a.models, ...(a.truthSource ? ['true incremental (answer key)'] : [])], rows)}</div>`;
}

/**
 * The campaign-measurement section: delivery, lift and attribution.
 *
 * @example
 * ```ts
 * const html = campaignMeasurementSection(data.delivery, data.lift, data.attribution);
 * ```
 */
export function campaignMeasurementSection(d: Maybe<DeliveryData>, l: Maybe<LiftData>, a: Maybe<AttributionData>): string {
  return `<h3>Delivery: spend, reach and frequency</h3>${deliveryPart(d)}<h3 style="margin-top:18px">Lift: treatment vs control</h3>${liftPart(l)}<h3 style="margin-top:18px">Attribution models against the answer key</h3>${attributionPart(a)}`;
}
