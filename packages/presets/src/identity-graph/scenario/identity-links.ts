/**
 * Identity links: the expressions behind household identifiers (home-IP leases, the household
 * CTV, public Wi-Fi hotspots and shared work devices), the calibrated confidence of a link and the
 * wrong-link model — and `truth_identity_links`, the answer key, recomputed from the written
 * columns of identity_mappings with the same expressions (so nothing but the truth table says
 * which links are wrong).
 *
 * Every household-level quantity is a seed-salted hash of the household key (`hashIndex`), not a
 * draw, so identity_mappings and the truth table compute it identically.
 */
import { concat, days, lit, sha256, substr, t, type Micros, type RowShape, type ScenarioBuilder, type X } from '@synthgraph/core';
import type { IdentityGraphModel } from '../model.js';
import { IDENTIFIER_LIFECYCLE, IDENTIFIER_TYPES, LINK_STALENESS_DAYS, PERSONAL_TYPES, WRONG_IP_NEIGHBOURS, type IdentifierType } from '../vocabulary.js';
import { clamp, firstOf, hashIndex, saltHex } from './expressions.js';

/** What the truth stage needs of the scenario so far. */
type WithMappings = Record<string, RowShape> & { readonly identity_mappings: RowShape; readonly individuals: RowShape; readonly households: RowShape };

const DAY = days(1);
/** IPv4 addresses are a permutation of [1.0.0.0, 223.0.0.0) (222 · 2^24 addresses). */
const IP_SPACE = 222 * 2 ** 24;
/** The top of the (pre-permutation) IP space is kept for public Wi-Fi hotspots. */
const HOTSPOT_RANGE = 2 ** 20;
/** Home-IP leases per household stay below this (a 730-day window over half-day leases needs 1,461). */
const LEASES_PER_HOUSEHOLD = 2048;
/** Individual keys are household key · 16 + member index (member 0 is the householder). */
const MEMBER_STRIDE = 16;
const NEIGHBOURS = WRONG_IP_NEIGHBOURS;

/** One multiplier per household-level choice: `hashIndex` is affine in its key, so choices hashed from the same key with only another round would move together. */
const ROUND_PRIMES = [2, 3, 5, 7, 11] as const;
/** The hashed per-household value in [0, 1000) used for one household-level choice. */
const householdDraw = (hh: X<number>, round: number, n = 1000): X<number> => hashIndex(hh.times(ROUND_PRIMES[round] as number), n, 30 + round);

/** A household's home-IP lease: its length and its phase at the window start (microseconds). */
export interface Lease {
  readonly length: X<number>;
  readonly phase: X<number>;
}

/**
 * Length of the household's home-IP lease in microseconds: 0.5–1.5× the configured mean.
 *
 * @example
 * ```ts
 * leaseMicros(c.col('household_id'), model); // ~30 days on average
 * ```
 */
export function leaseMicros(hh: X<number>, m: IdentityGraphModel): X<number> {
  return householdDraw(hh, 1).plus(500).times((m.identifiers.leaseDays * DAY) / 1000);
}

/**
 * How far into its first lease the household is at the window start (microseconds), from the
 * lease length.
 *
 * @example
 * ```ts
 * leasePhase(c.col('household_id'), c.col('lease_us'));
 * ```
 */
export function leasePhase(hh: X<number>, length: X<number>): X<number> {
  return length.idiv(1000).times(householdDraw(hh, 2));
}

/**
 * The household's lease, computed from its key (use columns holding `leaseMicros` and
 * `leasePhase` where a row needs it several times).
 *
 * @example
 * ```ts
 * leaseOf(c.col('owner_household'), model);
 * ```
 */
export function leaseOf(hh: X<number>, m: IdentityGraphModel): Lease {
  const length = leaseMicros(hh, m);
  return { length, phase: leasePhase(hh, length) };
}

/**
 * Index of the lease that holds time `ts` (0 = the lease at the window start).
 *
 * @example
 * ```ts
 * leaseIndexAt(leaseOf(c.col('household_id'), model), c.col('last_seen'), model);
 * ```
 */
export function leaseIndexAt(lease: Lease, ts: X<Micros> | X<number>, m: IdentityGraphModel): X<number> {
  return (ts as X<number>).minus(m.window.startMicros).plus(lease.phase).idiv(lease.length);
}

/**
 * Start of lease `k` (microseconds).
 *
 * @example
 * ```ts
 * leaseStart(lease, c.col('lease'), model);
 * ```
 */
export function leaseStart(lease: Lease, k: X<number>, m: IdentityGraphModel): X<Micros> {
  return lit(m.window.startMicros).minus(lease.phase).plus(k.times(lease.length)) as X<Micros>;
}

/**
 * The household's two home-IP leases seen in the window: the lease holding a household-level
 * time `a` spread uniformly over the window, and the lease holding `a` + one lease length
 * (wrapped around the window). Choosing a lease by a uniform time picks it in proportion to its
 * overlap with the window, so events spread over a lease keep a flat density up to the window
 * edges. A person is seen on `second` only when its index differs from `first` modulo
 * WRONG_IP_NEIGHBOURS (so two wrong IP links of one person never name the same neighbour).
 *
 * @example
 * ```ts
 * const { first, second } = householdLeases(c.col('household_id'), lease, model);
 * ```
 */
export function householdLeases(hh: X<number>, lease: Lease, m: IdentityGraphModel): { first: X<number>; second: X<number> } {
  const span = m.window.days * DAY;
  const a = householdDraw(hh, 4, 1_000_000).times(span / 1_000_000);
  const first = leaseIndexAt(lease, a.plus(m.window.startMicros), m);
  const second = leaseIndexAt(lease, a.plus(lease.length).mod(span).plus(m.window.startMicros), m);
  return { first, second };
}

/**
 * Whether the household has home internet (then every member is seen on its home IP).
 *
 * @example
 * ```ts
 * hasHomeInternet(c.col('household_id'), model);
 * ```
 */
export function hasHomeInternet(hh: X<number>, m: IdentityGraphModel): X<boolean> {
  return householdDraw(hh, 3).lt(Math.round(m.identifiers.homeIpAtSlot1 * 1000));
}

/** A dotted IPv4 address from a number in [0, IP_SPACE), through a seed-salted bijection. */
function dotted(x: X<number>): X<string> {
  const salt = hashIndex(lit(0), IP_SPACE, 9);
  const y1 = x.plus(salt).mod(IP_SPACE).times(1_046_527).mod(IP_SPACE);
  const y2 = y1.plus(salt).plus(7_777).mod(IP_SPACE).times(1_299_709).mod(IP_SPACE);
  const ip = y2.plus(2 ** 24);
  return concat(ip.idiv(2 ** 24).str(), '.', ip.idiv(2 ** 16).mod(256).str(), '.', ip.idiv(256).mod(256).str(), '.', ip.mod(256).str());
}

/**
 * The home IP address of a household during lease `k` (distinct per lease; households collide
 * only beyond ~1.7M households per batch, as ISPs reuse addresses).
 *
 * @example
 * ```ts
 * homeIp(c.col('household_id'), c.col('lease'));
 * ```
 */
export function homeIp(hh: X<number>, k: X<number>): X<string> {
  return dotted(hh.times(LEASES_PER_HOUSEHOLD).plus(k).mod(IP_SPACE - HOTSPOT_RANGE));
}

/**
 * The IP address of public Wi-Fi hotspot `h` (never a home IP).
 *
 * @example
 * ```ts
 * hotspotIp(c.col('hotspot'));
 * ```
 */
export function hotspotIp(h: X<number>): X<string> {
  return dotted(lit(IP_SPACE - 1).minus(h.mod(HOTSPOT_RANGE)));
}

/**
 * The id of a household's CTV (`tv` 0 is the main one).
 *
 * @example
 * ```ts
 * ctvOf(c.col('household_id'), lit(0));
 * ```
 */
export function ctvOf(hh: X<number>, tv: X<number>): X<string> {
  return concat('ctv_', substr(sha256(concat(saltHex(), ':tv:', hh.str(), ':', tv.str())), 1, 24));
}

/**
 * The id of shared work device `d` (used by people of several households).
 *
 * @example
 * ```ts
 * workDeviceOf(c.col('work_device'));
 * ```
 */
export function workDeviceOf(d: X<number>): X<string> {
  return concat('dev_', substr(sha256(concat(saltHex(), ':work:', d.str())), 1, 24));
}

/** A constant per identifier type (CASE over the type). */
export function byType(type: X<string>, values: Readonly<Record<IdentifierType, number>>): X<number> {
  return firstOf(
    IDENTIFIER_TYPES.slice(0, -1).map((k) => [type.eq(k), lit(values[k])] as const),
    lit(values[IDENTIFIER_TYPES[IDENTIFIER_TYPES.length - 1] as IdentifierType]),
  );
}

/**
 * Confidence of a link in thousandths: `1 − rate · risk(type) · staleness / norm`, where the
 * staleness factor grows linearly from 1 (seen at the end date) to 2 (LINK_STALENESS_DAYS or
 * more before). Links are then true with exactly this probability, so the score is calibrated,
 * and the expected wrong share over all links equals the configured rate.
 *
 * @example
 * ```ts
 * confidenceMilli(c.col('identifier_type'), c.col('last_seen'), model);
 * ```
 */
export function confidenceMilli(type: X<string>, lastSeen: X<Micros>, m: IdentityGraphModel): X<number> {
  const ids = m.identifiers;
  const risk = byType(type, Object.fromEntries(IDENTIFIER_TYPES.map((k) => [k, (ids.wrongRate * IDENTIFIER_LIFECYCLE[k].linkRisk) / ids.riskNorm])) as Record<IdentifierType, number>);
  const staleDays = lit(m.window.endMicros).minus(lastSeen as X<number>).div(DAY);
  const factor = clamp(staleDays, 0, LINK_STALENESS_DAYS).div(LINK_STALENESS_DAYS).plus(1);
  return clamp(lit(1000).minus(risk.times(factor).times(1000)).plus(0.5).floor(), 0, 1000);
}

/**
 * Whether a link is true: a seed-salted hash of the mapping id below its confidence (so a link
 * scored s is true with probability s).
 *
 * @example
 * ```ts
 * isTrueLink(c.col('mapping_id'), c.col('confidence_milli'));
 * ```
 */
export function isTrueLink(mappingId: X<number>, milli: X<number>): X<boolean> {
  return hashIndex(mappingId, 1000, 41).lt(milli);
}

/** The i-th neighbour household of `hh` inside the batch's key range (wrapping). */
function neighbourOf(hh: X<number>, distance: X<number>, m: IdentityGraphModel): X<number> {
  const off = m.keys.householdOffset;
  return hh.minus(off).plus(distance).mod(m.config.households.num_households).plus(off);
}

/** The householder (member 0) of a household. */
const householderOf = (hh: X<number>): X<number> => hh.times(MEMBER_STRIDE);

/**
 * The household a link's identifier really belongs to. A true link: the mapping's household. A
 * wrong link of a personal type: the same household (the householder's device) — or, for the
 * householder, the next household; of a CTV: the next household; of an IP: one of four
 * neighbouring households, chosen by the lease so two wrong IP links of one person never name
 * the same neighbour.
 *
 * @example
 * ```ts
 * ownerHousehold({ individual: c.col('individual_id'), household: c.col('household_id'), lease, type: c.col('identifier_type'), lastSeen: c.col('last_seen'), isTrue: c.col('is_true') }, model);
 * ```
 */
export function ownerHousehold(
  link: { individual: X<number>; household: X<number>; lease: Lease; type: X<string>; lastSeen: X<Micros>; isTrue: X<boolean> },
  m: IdentityGraphModel,
): X<number> {
  const { individual, household: hh, type, isTrue } = link;
  const personal = PERSONAL_TYPES.map((p) => type.eq(p)).reduce((a, b) => a.or(b));
  const inHousehold = personal.and(individual.ne(householderOf(hh)));
  const distance = firstOf([[type.eq('ip_address'), leaseIndexAt(link.lease, link.lastSeen, m).mod(NEIGHBOURS).plus(1)]], lit(1));
  return firstOf([[isTrue.or(inHousehold), hh]], neighbourOf(hh, distance, m));
}

/**
 * Whom a link's identifier really belongs to: the mapping's individual for a true link, else the
 * householder of the owner household.
 *
 * @example
 * ```ts
 * ownerIndividual(c.col('is_true'), c.col('individual_id'), c.col('owner_household'));
 * ```
 */
export function ownerIndividual(isTrue: X<boolean>, individual: X<number>, household: X<number>): X<number> {
  return firstOf([[isTrue, individual]], householderOf(household));
}

/** The written columns of identity_mappings that the truth table reads. */
interface MappingRow {
  col(name: 'mapping_id' | 'individual_id' | 'household_id'): X<number>;
  col(name: 'identifier_type'): X<string>;
  col(name: 'last_seen'): X<Micros>;
  col(name: 'confidence_score'): X<number>;
}

/**
 * Adds `truth_identity_links`: the answer key of identity_mappings (drop it for a blind test).
 *
 * @example
 * ```ts
 * const s = truthLinksStage(campaignStage(…), model);
 * ```
 */
export function truthLinksStage<E extends WithMappings>(s: ScenarioBuilder<E>, m: IdentityGraphModel) {
  return s.entity('truth_identity_links', (e) =>
    e
      .windowOf('identity_mappings', { partitionBy: ['individual_id'], orderBy: ['mapping_id'] })
      .comment('Answer key of identity_mappings: whether each link is true and whom the identifier really belongs to. Drop truth_* tables for a blind test.')
      .key('mapping_id', { comment: 'The identity mapping (one row per mapping)' })
      .column('individual_id', t.bigint(), (c) => (c.row as unknown as MappingRow).col('individual_id'), { comment: 'The individual the mapping names' })
      .column('confidence_milli', t.int(), (c) => (c.row as unknown as MappingRow).col('confidence_score').times(1000).plus(0.5).floor(), { hidden: true })
      .column('is_true_link', t.boolean(), (c) => isTrueLink((c.row as unknown as MappingRow).col('mapping_id'), c.col('confidence_milli')), {
        comment: 'True when the identifier belongs to the named individual',
      })
      .column('household_id', t.bigint(), (c) => (c.row as unknown as MappingRow).col('household_id'), { hidden: true })
      .column('lease_us', t.bigint(), (c) => leaseMicros(c.col('household_id'), m), { hidden: true })
      .column('phase_us', t.bigint(), (c) => leasePhase(c.col('household_id'), c.col('lease_us')), { hidden: true })
      .column('true_household_id', t.bigint(), (c) => {
        const row = c.row as unknown as MappingRow;
        const lease = { length: c.col('lease_us'), phase: c.col('phase_us') };
        return ownerHousehold({ individual: c.col('individual_id'), household: c.col('household_id'), lease, type: row.col('identifier_type'), lastSeen: row.col('last_seen'), isTrue: c.col('is_true_link') }, m);
      }, { comment: 'Household of the true owner' })
      .column('true_individual_id', t.bigint(), (c) => ownerIndividual(c.col('is_true_link'), c.col('individual_id'), c.col('true_household_id')), {
        comment: 'Whom the identifier really belongs to (= individual_id for true links)',
      })
      .foreignKey('mapping_id', 'identity_mappings')
      .foreignKey('individual_id', 'individuals')
      .foreignKey('true_individual_id', 'individuals')
      .foreignKey('true_household_id', 'households')
      .rule('true_link_names_its_owner', (c) => c.col('is_true_link').and(c.col('true_individual_id').ne(c.col('individual_id'))))
      .rule('wrong_link_names_another', (c) => c.col('is_true_link').not().and(c.col('true_individual_id').eq(c.col('individual_id')))),
  );
}
