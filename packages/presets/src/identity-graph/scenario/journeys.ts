/**
 * Cross-campaign attribution journeys. Campaigns of one advertiser (consecutive campaigns of a
 * batch, `campaigns_per_advertiser` G of them) promote the same offer, so the journey of a
 * conversion is every touch — impressions and clicks — in the lookback window of the converting
 * individual's exposures to ALL the advertiser's campaigns (at most G exposure rows, one per
 * "slot" s: the advertiser's s-th campaign).
 *
 * No join source is needed: an exposure row has its assignment's internal key `individual ·
 * fanout + campaign` (campaign_assignments is a cross product of audience_attributes and
 * campaigns; campaign_exposures a window over it), so a slot's exposure is a `lookup` by a
 * computed key, NULL when the individual was not reached by that campaign (0 touches). Inside
 * column expressions id columns are internal keys, and campaign internal keys of a batch are
 * `campaignOffset + index`.
 *
 * Everything stays closed form per row: each slot's in-window touches are an impression index
 * range plus at most two clicks (touchpoints.ts), a row's slot comes from prefix sums over the
 * slots, and its time-order position across the journey counts the other slots' touches before
 * it (ties ordered by slot).
 */
import { coalesce, greatest, least, lit, nullOf, pow2AtLeast, t, type Micros, type X } from '@synthgraph/core';
import { CAMPAIGN_KEY_STRIDE, type IdentityGraphModel } from '../model.js';
import { MAX_CLICKS_PER_EXPOSURE } from './delivery.js';
import { firstOf } from './expressions.js';
import { clickTs, firstImpressionIndex, impressionGap, inLookback, lastImpressionIndex } from './touchpoints.js';

type N = X<number>;
/** Timestamps are epoch microseconds: integer arithmetic on them is exact on every engine. */
export const asTs = (x: X<unknown>): X<Micros> => x as X<Micros>;
const asNum = (x: X<unknown>): N => x as N;

/** What a journey helper reads: the column context of an entity, loosely typed by column name. */
export interface JourneyCtx {
  col(name: string): N;
  /** The child index (children entities only). */
  index(): N;
  lookup(entity: 'campaign_exposures', key: N, column: 'exposure_ts' | 'last_exposure_ts' | 'frequency' | 'clicks' | 'channel'): N;
}

/** The advertiser layout of a run: G campaigns per advertiser over the batch's campaign keys. */
export interface AdvertiserLayout {
  /** Campaigns per advertiser (G). */
  readonly size: number;
  /** First campaign internal key of the batch. */
  readonly offset: number;
  /** One past the last campaign internal key of the batch. */
  readonly end: number;
  /** Key fan-out of campaign_assignments over campaigns (assignment key = individual · fanout + campaign). */
  readonly fanout: number;
}

/**
 * The advertiser layout of a model.
 *
 * @example
 * ```ts
 * advertiserLayout(model).size; // 4 by default
 * ```
 */
export function advertiserLayout(m: IdentityGraphModel): AdvertiserLayout {
  const offset = m.keys.campaignOffset;
  const end = offset + m.config.campaigns.num_campaigns;
  return { size: m.config.campaigns.campaigns_per_advertiser, offset, end, fanout: pow2AtLeast(end) };
}

/**
 * Internal key of the first campaign of a campaign's advertiser: `offset + ⌊(campaign − offset) / G⌋ · G`.
 *
 * @example
 * ```ts
 * advertiserBase(c.col('campaign_id'), layout);
 * ```
 */
export function advertiserBase(campaign: N, a: AdvertiserLayout): N {
  return a.size === 1 ? campaign : campaign.minus(a.offset).idiv(a.size).times(a.size).plus(a.offset);
}

/**
 * The advertiser of a campaign internal key, as `campaigns.advertiser_id` numbers it: batch b's
 * campaigns have keys b·stride + i, and the i-th belongs to advertiser b·stride + ⌊i / G⌋. Needs
 * no batch offset, so a check over several appended batches reads it right.
 *
 * @example
 * ```ts
 * advertiserOf(c.col('campaign_id'), layout);
 * ```
 */
export function advertiserOf(campaign: N, a: AdvertiserLayout): N {
  return campaign.idiv(CAMPAIGN_KEY_STRIDE).times(CAMPAIGN_KEY_STRIDE).plus(campaign.mod(CAMPAIGN_KEY_STRIDE).idiv(a.size));
}

/**
 * Internal key of the exposure of an individual to slot s of an advertiser (the advertiser's
 * s-th campaign), NULL when the advertiser has fewer campaigns. NULL or not reached: the lookup
 * of campaign_exposures gives NULL.
 *
 * @example
 * ```ts
 * slotExposureKey(c.col('individual_id'), c.col('adv_base'), 1, layout);
 * ```
 */
export function slotExposureKey(individual: N, base: N, s: number, a: AdvertiserLayout): N {
  const campaign = base.plus(s);
  return firstOf([[campaign.lt(a.end), individual.times(a.fanout).plus(campaign)]], nullOf(t.bigint()) as N);
}

/** One slot's exposure columns, as read by {@link slotTouches}. */
export interface SlotExposure {
  readonly first: N;
  readonly last: N;
  readonly frequency: N;
  readonly clicks: N;
}

/**
 * The exposure columns of slot s looked up by its key expression.
 *
 * @example
 * ```ts
 * slotExposure(c, c.col('j0_x'));
 * ```
 */
export function slotExposure(c: JourneyCtx, key: N): SlotExposure {
  return {
    first: c.lookup('campaign_exposures', key, 'exposure_ts'),
    last: c.lookup('campaign_exposures', key, 'last_exposure_ts'),
    frequency: c.lookup('campaign_exposures', key, 'frequency'),
    clicks: coalesce(c.lookup('campaign_exposures', key, 'clicks'), 0 as never) as N,
  };
}

/**
 * Touches of one slot in the lookback window before `at` (impressions plus clicks); 0 when the
 * individual was not reached by the slot's campaign.
 *
 * @example
 * ```ts
 * slotTouches(slotExposure(p, key), p.col('response_ts'), 28);
 * ```
 */
export function slotTouches(x: SlotExposure, at: N, lookbackDays: number): N {
  const first = asTs(x.first);
  const gap = impressionGap(first, asTs(x.last), x.frequency);
  const w = { first, gap, frequency: x.frequency, at: asTs(at), lookbackDays };
  const impressions = greatest(0, lastImpressionIndex(w).minus(firstImpressionIndex(w)).plus(1));
  const clicks = Array.from({ length: MAX_CLICKS_PER_EXPOSURE }, (_, q) =>
    firstOf([[x.clicks.gt(q).and(inLookback(clickTs(first, lit(q), x.frequency, x.clicks, gap), asTs(at), lookbackDays)), lit(1)]], lit(0)),
  );
  return coalesce(clicks.reduce((p, q) => p.plus(q), impressions), 0 as never) as N;
}

/**
 * The last touch of one slot at or before `at` (epoch microseconds), −1 when none: its last
 * impression at or before `at`, or a later click at or before `at`.
 *
 * @example
 * ```ts
 * slotLastTouch(slotExposure(c, key), c.col('ts'));
 * ```
 */
export function slotLastTouch(x: SlotExposure, at: N): N {
  const first = asTs(x.first);
  const gap = impressionGap(first, asTs(x.last), x.frequency);
  const k = lastImpressionIndex({ first, gap, frequency: x.frequency, at: asTs(at), lookbackDays: 0 });
  const impression = firstOf([[k.ge(0), asNum(first.plus(k.times(gap)))]], lit(-1));
  const clicks = Array.from({ length: MAX_CLICKS_PER_EXPOSURE }, (_, q) => {
    const ts = asNum(clickTs(first, lit(q), x.frequency, x.clicks, gap));
    return firstOf([[x.clicks.gt(q).and(ts.le(at)), ts]], lit(-1));
  });
  return coalesce(greatest(impression, ...clicks), -1 as never) as N;
}

/**
 * The slot of the journey's last touch among per-slot last touches (the latest; ties go to the
 * higher slot, the order outcome_metrics uses), or −1 when no slot has a touch in the window.
 *
 * @example
 * ```ts
 * lastTouchSlot([c.col('lt0'), c.col('lt1')], c.col('ts'), 28);
 * ```
 */
export function lastTouchSlot(lastTouches: readonly N[], at: N, lookbackMicros: number): N {
  const latest = greatest(lit(-1), ...lastTouches);
  const slots = lastTouches.map((lt, s) => [lt.eq(latest), lit(s)] as const).reverse();
  return firstOf([[latest.lt(0).or(at.minus(latest).gt(lookbackMicros)), lit(-1)]], firstOf(slots, lit(-1)));
}

/**
 * Touches of a slot strictly before `before` (epoch microseconds) inside the window: impressions
 * k in [kLo, kHi] with first + k · gap < before, plus in-window clicks before it.
 *
 * @example
 * ```ts
 * touchesBefore({ first, gap, frequency, kLo, kHi, in0, in1, click0, click1 }, c.col('t_before'));
 * ```
 */
export function touchesBefore(
  x: { readonly first: N; readonly gap: N; readonly frequency: N; readonly kLo: N; readonly kHi: N; readonly in0: N; readonly in1: N; readonly click0: N; readonly click1: N },
  before: N,
): N {
  const g = greatest(1, x.gap);
  const upTo = least(x.frequency, greatest(0, before.minus(x.first)).plus(g).minus(1).idiv(g));
  const impressions = greatest(0, least(upTo, x.kHi.plus(1)).minus(x.kLo));
  const click = (inWindow: N, ts: N): N => firstOf([[inWindow.eq(1).and(ts.lt(before)), lit(1)]], lit(0));
  return coalesce(impressions.plus(click(x.in0, x.click0)).plus(click(x.in1, x.click1)), 0 as never) as N;
}
