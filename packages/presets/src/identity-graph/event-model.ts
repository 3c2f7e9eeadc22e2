/**
 * The compile-time model of content engagement: session lengths, engagement-type probabilities
 * per device and session role (calibrated so the overall mix equals the configured weights),
 * daylight-saving days of the window, time-zone shares and the UTC hour and weekday shapes that
 * local-time shaping produces.
 */
import { US_STATE_POPULATION_2020, usZipTable } from '@synthgraph/core';
import type { IdentityGraphConfig } from './config-schema.js';
import { normalize, sum } from './numeric.js';
import { stateWeights } from './scenario/pools.js';
import { ruleOfZone } from './time-zones.js';
import { CTV_ENGAGEMENT_MIX, DEVICE_BY_AGE, usDaylightTime } from './engagement-vocabulary.js';

const DAY_MS = 86_400_000;

/** Engagement types in the order of every probability vector here. */
export const TYPE_ORDER = ['view', 'click', 'share', 'like', 'comment'] as const;

/** What the CTV share estimate needs from the people and identifier models. */
export interface CtvInputs {
  /** Ages and their population shares. */
  readonly ages: { readonly list: readonly number[]; readonly population: readonly number[] };
  /**
   * Probability that a person is linked to the household CTV, and the share of mappings that are
   * IPs usable at a random time (an IP is held for one lease of the window, so the IP share is
   * scaled by lease length / window length).
   */
  readonly ctvLinked: number;
  readonly ipShare: number;
}

/**
 * Expected share of sessions observed on a CTV: the share intended by age, times the chance the
 * session finds a CTV identifier (the household CTV slot, or the home IP as its hashed
 * candidate). Calibrates the other devices' type mix.
 */
function ctvSessionShare(x: CtvInputs): number {
  let intended = 0;
  x.ages.list.forEach((age, i) => {
    const band = DEVICE_BY_AGE.find((b) => age <= b.to) ?? DEVICE_BY_AGE[DEVICE_BY_AGE.length - 1];
    intended += (x.ages.population[i] as number) * ((band?.shares[3] as number) ?? 0);
  });
  return intended * (x.ctvLinked + (1 - x.ctvLinked) * x.ipShare);
}

/** What the content_engagements entity needs beyond the events-per-person model. */
export interface EngagementModel {
  /** Session lengths minLength..maxLength, uniform (mean = the configured events per session); the share of follow-up events. */
  readonly session: { readonly minLength: number; readonly maxLength: number; readonly block: number; readonly followUpShare: number };
  /**
   * Type probabilities (TYPE_ORDER) of the first and second event of a session block, for CTVs
   * and for other devices; the second event's after a view may be a share, like or comment on
   * the content just viewed.
   */
  readonly types: {
    readonly ctv: { readonly first: readonly number[]; readonly afterView: readonly number[]; readonly afterClick: readonly number[] };
    readonly other: { readonly first: readonly number[]; readonly afterView: readonly number[]; readonly afterClick: readonly number[] };
  };
  /** Day indices of the window where US daylight time starts or ends (steps), and the flag after each. */
  readonly dst: { readonly thresholds: readonly number[]; readonly values: readonly number[] };
  /** Intended device shares (desktop, mobile, tablet, ctv) per age band. */
  readonly deviceByAge: typeof DEVICE_BY_AGE;
  /** Expected share of sessions on a CTV. */
  readonly ctvShare: number;
}

/** Smallest and largest events per session block (an opening view or click and its follow-ups). */
const BLOCK_RANGE = [3, 8] as const;

/** Share of events that follow up a block's opening, over events per person and session lengths. */
function followUpShare(mass: readonly number[], minLength: number, maxLength: number, block: number): number {
  const followUps = (len: number): number => len - Math.ceil(len / block);
  let follow = 0;
  let all = 0;
  const lengths = maxLength - minLength + 1;
  mass.forEach((p, i) => {
    const n = i + 1;
    for (let len = minLength; len <= maxLength; len++) {
      follow += (p / lengths) * (Math.floor(n / len) * followUps(len) + followUps(n % len));
    }
    all += p * n;
  });
  return all > 0 ? follow / all : 0;
}

/** Overall type mix of one device class, from its block probabilities. */
function overall(first: readonly number[], afterView: readonly number[], afterClick: readonly number[], f1: number): number[] {
  const a = first[0] as number;
  return TYPE_ORDER.map((_, i) => (1 - f1) * (first[i] as number) + f1 * (a * (afterView[i] as number) + (1 - a) * (afterClick[i] as number)));
}

/**
 * Builds the engagement model.
 *
 * @example
 * ```ts
 * buildModel(resolveConfig({})).engagement.session.maxLength; // 8
 * ```
 */
export function engagementModel(config: IdentityGraphConfig, typeWeights: readonly number[], eventsMass: readonly number[], ctv: CtvInputs): EngagementModel {
  const mean = config.engagement.events_per_session;
  const minLength = mean >= 2 ? 2 : 1;
  const maxLength = Math.max(minLength, Math.round(2 * mean - minLength));
  const ctvFirst = [1, 0, 0, 0, 0];
  const ctvAfterView = normalize(CTV_ENGAGEMENT_MIX);
  const ctvAfterClick = [1, 0, 0, 0, 0];
  const g = Math.min(0.9, ctvSessionShare(ctv));
  const targetFor = (share: number): number[] => {
    const ctvOverall = overall(ctvFirst, ctvAfterView, ctvAfterClick, share);
    return normalize(typeWeights.map((t, i) => Math.max(0, t - g * (ctvOverall[i] as number)) / (1 - g)));
  };
  // the smallest block whose follow-ups have room for the configured shares, likes and comments
  const room = (share: number): boolean => {
    const t = targetFor(share);
    return 2 * Math.sqrt(sum(t.slice(2)) * (1 - share)) <= 1 - (t[1] as number);
  };
  let block: number = BLOCK_RANGE[0];
  let f1 = followUpShare(eventsMass, minLength, maxLength, block);
  while (!room(f1) && block < BLOCK_RANGE[1]) {
    block += 1;
    f1 = followUpShare(eventsMass, minLength, maxLength, block);
  }
  const target = targetFor(f1);
  const socialTarget = target.slice(2);
  const socialShare = sum(socialTarget);
  const clickShare = target[1] as number;
  // openings click as often as follow-ups (a = 1 − click share) when the follow-ups then have room
  // for the shares, likes and comments; otherwise only as many openings click as that room allows
  const fitsAt = (x: number): boolean => x > 0 && socialShare / x + (1 - f1) * x <= 1 - clickShare + 1e-12;
  const aLo = f1 < 1 ? Math.max(0, 1 - clickShare / (1 - f1)) : 1;
  const a = fitsAt(1 - clickShare) ? 1 - clickShare : Math.min(1, Math.max(aLo, Math.sqrt(socialShare / Math.max(1e-9, 1 - f1))));
  const social = f1 > 0 ? Math.min(1, socialShare / (f1 * a)) : 0;
  const click = f1 > 0 ? Math.max(0, Math.min(1 - social, (clickShare - (1 - f1) * (1 - a)) / f1)) : 0;
  const split = sum(socialTarget) > 0 ? normalize(socialTarget) : [0, 0, 0];
  const afterView = [Math.max(0, 1 - social - click), click, ...split.map((x) => x * social)];
  const afterClick = [1 - click, click, 0, 0, 0];
  const first = f1 > 0 ? [a, 1 - a, 0, 0, 0] : normalize([...typeWeights]);
  return {
    session: { minLength, maxLength, block, followUpShare: f1 },
    types: { ctv: { first: ctvFirst, afterView: ctvAfterView, afterClick: ctvAfterClick }, other: { first, afterView, afterClick } },
    dst: dstSteps(config),
    deviceByAge: DEVICE_BY_AGE,
    ctvShare: g,
  };
}

/** Daylight-time flag per day of the window, as step thresholds over the day index. */
function dstSteps(config: IdentityGraphConfig): EngagementModel['dst'] {
  const end = Date.parse(`${config.engagement.end_date}T00:00:00Z`);
  const days = config.engagement.time_period_days;
  const flag = (d: number): number => (usDaylightTime(new Date(end - (days - d) * DAY_MS)) ? 1 : 0);
  const thresholds: number[] = [];
  const values: number[] = [flag(0)];
  for (let d = 1; d < days; d++) {
    if (flag(d) !== values[values.length - 1]) {
      thresholds.push(d);
      values.push(flag(d));
    }
  }
  return { thresholds, values };
}

/**
 * Share of households per UTC offset rule (standard offset minutes, observes DST), from the
 * configured state weights or the census state populations, split within a state by ZIP
 * population.
 *
 * @example
 * ```ts
 * zoneShares(resolveConfig({})).length > 5; // true
 * ```
 */
export function zoneShares(config: IdentityGraphConfig): { readonly offset: number; readonly dst: boolean; readonly share: number }[] {
  const states = stateWeights(config.households.location) ?? US_STATE_POPULATION_2020;
  // within a state, households follow ZIP populations, so a state's zones share it by population
  const byState = new Map<string, Map<string, number>>();
  for (const z of usZipTable()) {
    const zones = byState.get(z.state) ?? new Map<string, number>();
    zones.set(z.timeZone, (zones.get(z.timeZone) ?? 0) + z.population);
    byState.set(z.state, zones);
  }
  const out = new Map<string, { offset: number; dst: boolean; share: number }>();
  for (const [state, w] of Object.entries(states)) {
    const zones = byState.get(state);
    if (!zones) continue;
    const total = sum([...zones.values()]);
    for (const [zone, pop] of zones) {
      const r = ruleOfZone(zone);
      const k = `${r.standardOffsetMinutes}:${r.dst}`;
      const cur = out.get(k) ?? { offset: r.standardOffsetMinutes, dst: r.dst, share: 0 };
      cur.share += ((w ?? 0) * pop) / total;
      out.set(k, cur);
    }
  }
  const total = sum([...out.values()].map((z) => z.share));
  return [...out.values()].map((z) => ({ ...z, share: z.share / total }));
}

/**
 * The UTC hour-of-day and weekday (Monday = 0) shares of events shaped in local time: each zone's
 * local diurnal and day shapes shifted by its offset (daylight time by date), with session starts
 * past the window's end wrapped to its start.
 *
 * @example
 * ```ts
 * utcShapes(resolveConfig({}), dayW, hourly).hour.length; // 24
 * ```
 */
export function utcShapes(config: IdentityGraphConfig, dayWeights: readonly number[], hourly: readonly number[] | undefined): { hour: number[]; weekday: number[] } {
  const hour = new Array<number>(24).fill(0);
  const weekday = new Array<number>(7).fill(0);
  const days = dayWeights.length;
  const startMs = Date.parse(`${config.engagement.end_date}T00:00:00Z`) - days * DAY_MS;
  const hw = normalize(hourly ?? new Array<number>(24).fill(1));
  const dst = dstSteps(config);
  const dstAt = (d: number): number => {
    let v = dst.values[0] as number;
    dst.thresholds.forEach((t, i) => {
      if (d >= t) v = dst.values[i + 1] as number;
    });
    return v;
  };
  const dw = normalize(dayWeights);
  for (const z of zoneShares(config)) {
    for (let d = 0; d < days; d++) {
      const shift = -(z.offset + (z.dst ? 60 * dstAt(d) : 0)) / 60;
      for (let h = 0; h < 24; h++) {
        const p = z.share * (dw[d] as number) * (hw[h] as number);
        const utc = h + shift;
        let day = d + Math.floor(utc / 24);
        if (day >= days) day -= days;
        if (day < 0) day += days;
        const uh = ((utc % 24) + 24) % 24;
        hour[uh] = (hour[uh] as number) + p;
        const dow = (new Date(startMs + day * DAY_MS).getUTCDay() + 6) % 7;
        weekday[dow] = (weekday[dow] as number) + p;
      }
    }
  }
  return { hour, weekday };
}
