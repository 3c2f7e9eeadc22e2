/**
 * The identifier model: how many identifiers a person has, which slot holds which type (home IP
 * leases, the household CTV, personal identifiers), how often identifiers cross households, and
 * the calibrated wrong-link model (the risk normalisation that makes the wrong-link rate equal the
 * configured one). Pure and deterministic; `model.ts` re-exports it.
 */
import { days as daysUs } from '@synthgraph/core';
import type { IdentityGraphConfig } from './config-schema.js';
import { massMean, normalize, shiftedPoissonMass, solveIncreasing, sum } from './numeric.js';
import { HOME_INTERNET_SHARE, IDENTIFIER_LIFECYCLE, IDENTIFIER_TYPES, LINK_STALENESS_DAYS, PERSONAL_TYPES, WRONG_IP_NEIGHBOURS, type IdentifierType, type PersonalType } from './vocabulary.js';

const DAY = daysUs(1);
/** Grid size of the compile-time expectations (midpoint rule per dimension). */
const GRID = 48;
/** Fewest households of a batch that leaves four distinct neighbours for wrong links. */
export const MIN_HOUSEHOLDS_FOR_WRONG_LINKS = 8;

/** The identifier part of the generation model. */
export interface IdentifierModel {
  readonly lambda: number;
  readonly min: number;
  readonly max: number;
  readonly mass: readonly number[];
  readonly mean: number;
  readonly primary: PersonalType;
  /** Probability that a household has home internet (then slot 1 of each member is its first home IP). */
  readonly homeIpAtSlot1: number;
  /** Probability that slot 2 (when present, in a household with home internet) is an IP address. */
  readonly ipAtSlot2: number;
  /** Share of those slot-2 IP addresses that are a public Wi-Fi hotspot (else the household's second home IP). */
  readonly publicAtSlot2: number;
  /** Probability that slot 3 (when present) is the household CTV. */
  readonly ctvAtSlot3: number;
  /** Share of device_id mappings that are a shared work device. */
  readonly workDeviceShare: number;
  /** Mean home-IP lease in days (each household draws 0.5–1.5× this). */
  readonly leaseDays: number;
  /** Public Wi-Fi hotspots and shared work devices of a batch (shared by people of several households). */
  readonly hotspots: number;
  readonly workDevices: number;
  /** Weights of personal types in the other slots. */
  readonly personal: readonly number[];
  /** Expected share of each identifier type among mappings (IDENTIFIER_TYPES order). */
  readonly shares: readonly number[];
  /** Configured (effective) share of wrong links. */
  readonly wrongRate: number;
  /** Normaliser of the link risks: E[risk(type) · staleness factor] over mappings. */
  readonly riskNorm: number;
}

/** Staleness factor of a link last seen `d` days before the end date: 1 when fresh, 2 from LINK_STALENESS_DAYS on. */
export function stalenessFactor(d: number): number {
  return 1 + Math.min(Math.max(d, 0), LINK_STALENESS_DAYS) / LINK_STALENESS_DAYS;
}

/** Lomax (shape 2) quantile with the given mean. */
const lomaxQ = (mean: number, u: number): number => mean * (1 / Math.sqrt(1 - u) - 1);
const mid = (i: number): number => (i + 0.5) / GRID;

/** E[staleness factor] of an anchored identifier (anchor uniform in the window, Lomax spans as in the scenario). */
function anchoredStaleness(forwardDays: number, windowDays: number): number {
  let total = 0;
  for (let i = 0; i < GRID; i++) {
    const d = windowDays * mid(i);
    for (let j = 0; j < GRID; j++) {
      const f = Math.min(lomaxQ(forwardDays, mid(j)), 3650);
      for (let k = 0; k < GRID; k++) {
        const g = Math.min(lomaxQ(4, mid(k)), 60);
        total += stalenessFactor(Math.min(d, Math.max(d - f, g)));
      }
    }
  }
  return total / GRID ** 3;
}

/**
 * Home-IP lease facts over every household lease and anchor (the same integer arithmetic as the
 * scenario's `householdLeases`): the probability that the second lease is usable, and
 * E[staleness factor] of the first and the second home IP (last seen about a day before its
 * lease or the window ends).
 */
function leaseFacts(leaseDays: number, windowDays: number): { pSecond: number; first: number; second: number } {
  const span = windowDays * DAY;
  const staleOf = (lease: number, phase: number, k: number): number => stalenessFactor((span - Math.min((k + 1) * lease - phase, span)) / DAY + 1);
  let n = 0;
  let usable = 0;
  let firstStale = 0;
  let secondStale = 0;
  for (let v1 = 0; v1 < 1000; v1 += 10) {
    const lease = Math.floor(((leaseDays * DAY) / 1000) * (500 + v1));
    for (let v2 = 0; v2 < 1000; v2 += 10) {
      const phase = Math.floor(lease / 1000) * v2;
      for (let i = 0; i < 50; i++) {
        const a = Math.floor(((i + 0.5) / 50) * span);
        const k1 = Math.floor((a + phase) / lease);
        const k2 = Math.floor((((a + lease) % span) + phase) / lease);
        n++;
        firstStale += staleOf(lease, phase, k1);
        if (k1 % WRONG_IP_NEIGHBOURS !== k2 % WRONG_IP_NEIGHBOURS) {
          usable++;
          secondStale += staleOf(lease, phase, k2);
        }
      }
    }
  }
  return { pSecond: usable / n, first: firstStale / n, second: usable > 0 ? secondStale / usable : 1 };
}

/**
 * Identifier-count, slot and wrong-link model.
 *
 * @example
 * ```ts
 * identifierModel(resolveConfig({})).lambda; // Poisson mean of identifiers above the minimum
 * ```
 */
export function identifierModel(config: IdentityGraphConfig): IdentifierModel {
  const windowDays = config.engagement.time_period_days;
  const ip = config.demographics.identifiers_per_person;
  const links = config.demographics.identity_links;
  const massOf = (l: number): number[] => shiftedPoissonMass(l, ip.min, ip.min, ip.max);
  const lambda = ip.mean <= ip.min ? 0 : solveIncreasing((l) => massMean(massOf(l), ip.min), ip.mean, 0, 4 * ip.max);
  const mass = massOf(lambda);
  const m = massMean(mass, ip.min);
  const wts = config.demographics.identifier_types;
  const total = sum(IDENTIFIER_TYPES.map((t) => wts[t] ?? 0));
  const wOf = (t: IdentifierType): number => (total > 0 ? (wts[t] ?? 0) / total : 0);
  const atLeast = (k: number): number => sum(mass.filter((_, i) => ip.min + i >= k));
  const p3 = atLeast(3);
  const p4 = atLeast(4);
  const lease = leaseFacts(links.home_ip_lifetime_days, windowDays);

  // IP rows per person: slot 1 (current home IP) + slot 2 (public Wi-Fi, or a second home IP when usable).
  const ipRows = wOf('ip_address') * m;
  const homeIpAtSlot1 = Math.min(HOME_INTERNET_SHARE, ipRows);
  const publicRows = links.public_wifi_ip_share * ipRows;
  const slot2Wanted = Math.max(0, ipRows - homeIpAtSlot1);
  const slot2Draws = Math.min(publicRows, slot2Wanted) + Math.max(0, slot2Wanted - publicRows) / Math.max(lease.pSecond, 1e-9);
  const slot2Room = homeIpAtSlot1 * p3;
  const ipAtSlot2 = slot2Room > 0 ? Math.min(1, slot2Draws / slot2Room) : 0;
  const publicAtSlot2 = slot2Draws > 0 ? Math.min(1, publicRows / slot2Draws) : 0;
  const slot2Drawn = ipAtSlot2 * slot2Room;
  const publicIps = slot2Drawn * publicAtSlot2;
  const previousIps = slot2Drawn * (1 - publicAtSlot2) * lease.pSecond;
  const ctvAtSlot3 = p4 > 0 ? Math.min(1, (wOf('ctv_id') * m) / p4) : 0;
  const ctvRows = ctvAtSlot3 * p4;
  const ipTotal = homeIpAtSlot1 + publicIps + previousIps;

  const primary = config.demographics.primary_identifier;
  const personalSlots = m - 1 - ctvRows - ipTotal;
  const raw = PERSONAL_TYPES.map((t) => Math.max(0, m * wOf(t) - (t === primary ? 1 : 0)));
  const personal = sum(raw) > 0 ? normalize(raw) : PERSONAL_TYPES.map((t) => (t === primary ? 1 : 0));
  const shares = IDENTIFIER_TYPES.map((t) => {
    if (t === 'ctv_id') return ctvRows / m;
    if (t === 'ip_address') return ipTotal / m;
    const k = PERSONAL_TYPES.indexOf(t as PersonalType);
    return ((t === primary ? 1 : 0) + personalSlots * (personal[k] as number)) / m;
  });

  // E[risk · staleness] over mappings, so that E[1 − confidence] equals the configured wrong-link rate.
  const stale = (t: IdentifierType): number => {
    if (t !== 'ip_address') return anchoredStaleness(IDENTIFIER_LIFECYCLE[t].forwardDays, windowDays);
    if (ipTotal <= 0) return 1;
    const publicStale = anchoredStaleness(IDENTIFIER_LIFECYCLE.ip_address.forwardDays, windowDays);
    return (homeIpAtSlot1 * lease.first + previousIps * lease.second + publicIps * publicStale) / ipTotal;
  };
  const riskNorm = sum(IDENTIFIER_TYPES.map((t, i) => ((shares[i] as number) > 0 ? (shares[i] as number) * IDENTIFIER_LIFECYCLE[t].linkRisk * stale(t) : 0)));
  const wrongRate = config.households.num_households >= MIN_HOUSEHOLDS_FOR_WRONG_LINKS ? links.wrong_link_rate : 0;
  const batchHouseholds = config.households.num_households;
  return {
    lambda,
    min: ip.min,
    max: ip.max,
    mass,
    mean: m,
    primary,
    homeIpAtSlot1,
    ipAtSlot2,
    publicAtSlot2,
    ctvAtSlot3,
    workDeviceShare: links.shared_work_device_share,
    leaseDays: links.home_ip_lifetime_days,
    hotspots: Math.max(1, Math.ceil(batchHouseholds / 20)),
    workDevices: Math.max(1, Math.ceil(batchHouseholds / 10)),
    personal,
    shares,
    wrongRate,
    riskNorm: riskNorm > 0 ? riskNorm : 1,
  };
}
