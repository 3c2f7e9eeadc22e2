/**
 * identity_mappings and content_engagements: each individual's identifiers (with household-shared
 * CTVs and IPs, short-lived cookies, long-lived emails) and the events observed on them.
 */
import {
  call,
  concat,
  days,
  greatest,
  least,
  lit,
  poolRow,
  poolValue,
  sha256,
  substr,
  t,
  timestampIn,
  uniform,
  bernoulli,
  type Micros,
  type ScenarioBuilder,
  type X,
} from '@synthgraph/core';
import type { IdentityGraphModel } from '../model.js';
import { FANOUT } from '../model.js';
import { IDENTIFIER_LIFECYCLE, IDENTIFIER_TYPES, PERSONAL_TYPES, WRONG_IP_NEIGHBOURS, type IdentifierType } from '../vocabulary.js';
import { choose, firstOf, hashIndex, lomax, saltHex } from './expressions.js';
import {
  byType,
  confidenceMilli,
  ctvOf,
  hasHomeInternet,
  homeIp,
  hotspotIp,
  householdLeases,
  isTrueLink,
  leaseIndexAt,
  leaseMicros,
  leaseOf,
  leasePhase,
  leaseStart,
  ownerHousehold,
  ownerIndividual,
  workDeviceOf,
  type Lease,
} from './identity-links.js';
import type { peopleStage } from './people.js';
import { NAME_POOL_SIZE } from './pools.js';

type PeopleEntities = ReturnType<typeof peopleStage> extends ScenarioBuilder<infer E> ? E : never;

const DAY = days(1);

/** The household's lease from the columns that hold it. */
const ownLease = (c: { col(name: 'lease_us' | 'phase_us'): X<number> }): Lease => ({ length: c.col('lease_us'), phase: c.col('phase_us') });

/** A UUID-shaped string from a hex digest. */
function uuidOf(hex: X<string>): X<string> {
  return concat(substr(hex, 1, 8), '-', substr(hex, 9, 4), '-4', substr(hex, 14, 3), '-a', substr(hex, 18, 3), '-', substr(hex, 21, 12));
}

/**
 * Adds identity_mappings (content_engagements follow in `engagements.ts`).
 *
 * @example
 * ```ts
 * const s = identityStage(peopleStage(model), model);
 * ```
 */
export function identityStage(s: ScenarioBuilder<PeopleEntities>, m: IdentityGraphModel) {
  const w = m.window;
  const ids = m.identifiers;
  const personalProbs = ids.personal;
  return s
    .entity('identity_mappings', (e) =>
      e
        .childrenOf('individuals', { count: (p) => p.col('identifier_count'), max: FANOUT.identifiers })
        .comment(
          'The identity graph: one row per (individual, identifier). Members of a household share its home IPs (one per DHCP lease) and CTV; cookies churn; some identifiers are seen across households; some links are wrong (see truth_identity_links).',
        )
        .key('mapping_id', { comment: 'Mapping id, opaque (does not reveal the individual)' })
        .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'), { comment: 'The individual the graph links the identifier to (wrong for a few links: see truth_identity_links)' })
        .column('household_id', t.bigint(), (c) => c.parent.col('household_id'), { comment: 'Household of the individual (for household-level resolution)' })
        .column('slot', t.int(), (c) => c.index(), { hidden: true })
        .column('u_shared', t.double(), () => uniform(), { hidden: true })
        .column('u_personal', t.double(), () => uniform(), { hidden: true })
        .column('u_public', t.double(), () => uniform(), { hidden: true })
        .column('online', t.boolean(), (c) => hasHomeInternet(c.col('household_id'), m), { hidden: true })
        .column('lease_us', t.bigint(), (c) => leaseMicros(c.col('household_id'), m), { hidden: true })
        .column('phase_us', t.bigint(), (c) => leasePhase(c.col('household_id'), c.col('lease_us')), { hidden: true })
        .column('lease_first', t.bigint(), (c) => householdLeases(c.col('household_id'), ownLease(c), m).first, { hidden: true })
        .column('lease_second', t.bigint(), (c) => householdLeases(c.col('household_id'), ownLease(c), m).second, { hidden: true })
        .column('second_usable', t.boolean(), (c) => c.col('lease_first').mod(WRONG_IP_NEIGHBOURS).ne(c.col('lease_second').mod(WRONG_IP_NEIGHBOURS)), { hidden: true })
        .column('ip_kind', t.int(), (c) => {
          const slot2 = c.col('slot').eq(2).and(c.col('online')).and(c.col('u_shared').lt(ids.ipAtSlot2));
          return firstOf(
            [
              [c.col('slot').eq(1).and(c.col('online')), lit(1)],
              [slot2.and(c.col('u_public').lt(ids.publicAtSlot2)), lit(3)],
              [slot2.and(c.col('second_usable')), lit(2)],
            ],
            lit(0),
          );
        }, { hidden: true })
        .column('identifier_type', t.string(), (c) =>
          firstOf(
            [
              [c.col('slot').eq(0), lit(ids.primary)],
              [c.col('ip_kind').gt(0), lit('ip_address')],
              [c.col('slot').eq(3).and(c.col('u_shared').lt(ids.ctvAtSlot3)), lit('ctv_id')],
            ],
            choose(c.col('u_personal'), personalProbs, PERSONAL_TYPES),
          ),
          { comment: 'email_hash, cookie_id, mobile_ad_id, device_id, ctv_id, ip_address or phone_hash' },
        )
        .column('lease', t.bigint(), (c) => firstOf([[c.col('ip_kind').eq(2), c.col('lease_second')]], c.col('lease_first')), { hidden: true })
        .column('lease_start', t.timestamp(), (c) => leaseStart(ownLease(c), c.col('lease'), m), { hidden: true })
        .column('anchor', t.timestamp(), () => timestampIn({ start: w.startMicros, days: w.days, hourly: m.temporal.hourly }), { hidden: true })
        .column('back_days', t.double(), (c) => byType(c.col('identifier_type'), Object.fromEntries(IDENTIFIER_TYPES.map((k) => [k, IDENTIFIER_LIFECYCLE[k].backDays])) as Record<IdentifierType, number>), { hidden: true })
        .column('forward_days', t.double(), (c) => byType(c.col('identifier_type'), Object.fromEntries(IDENTIFIER_TYPES.map((k) => [k, IDENTIFIER_LIFECYCLE[k].forwardDays])) as Record<IdentifierType, number>), { hidden: true })
        .column('home_ip', t.boolean(), (c) => c.col('ip_kind').eq(1).or(c.col('ip_kind').eq(2)), { hidden: true })
        .column('first_seen', t.timestamp(), (c) => firstOf([[c.col('home_ip'), c.col('lease_start')]], c.col('anchor').minus(least(lomax(c.col('back_days')), 3650).times(DAY).floor())), {
          comment: 'First time the identifier was observed for the individual (a home IP: the start of its lease)',
        })
        .column('last_seen', t.timestamp(), (c) => {
          const leaseEnd = least<Micros>(c.col('lease_start').plus(c.col('lease_us')) as X<Micros>, w.endMicros);
          const homeLast = greatest<Micros>(greatest<Micros>(c.col('lease_start'), w.startMicros), leaseEnd.minus(1).minus(uniform().times(2 * DAY).floor()) as X<Micros>);
          const anchored = greatest<Micros>(c.col('anchor'), least<Micros>(c.col('anchor').plus(least(lomax(c.col('forward_days')), 3650).times(DAY).floor()), w.endMicros - 1));
          return firstOf([[c.col('home_ip'), homeLast]], anchored);
        }, { comment: 'Last time it was observed (≥ first_seen, before the end date; a home IP: before its lease ended)' })
        .column('active', t.boolean(), (c) => c.col('last_seen').ge(w.endMicros - days(30)), { comment: 'Seen in the 30 days before the end date' })
        .column('confidence_milli', t.int(), (c) => confidenceMilli(c.col('identifier_type'), c.col('last_seen'), m), { hidden: true })
        .column('is_true', t.boolean(), (c) => isTrueLink(c.col('mapping_id'), c.col('confidence_milli')), { hidden: true })
        .column('owner_household', t.bigint(), (c) =>
          ownerHousehold({ individual: c.col('individual_id'), household: c.col('household_id'), lease: ownLease(c), type: c.col('identifier_type'), lastSeen: c.col('last_seen'), isTrue: c.col('is_true') }, m),
          { hidden: true },
        )
        .column('owner', t.bigint(), (c) => ownerIndividual(c.col('is_true'), c.col('individual_id'), c.col('owner_household')), { hidden: true })
        .column('tv', t.int(), (c) => firstOf([[c.col('is_true').and(bernoulli(0.3)), lit(1)]], lit(0)), { hidden: true })
        .column('work_device', t.bigint(), (c) => firstOf([[bernoulli(ids.workDeviceShare), uniform().times(Math.ceil(ids.workDevices / 16)).floor().times(16).plus(c.col('slot'))]], lit(-1)), { hidden: true })
        .column('hotspot', t.bigint(), () => uniform().times(ids.hotspots).floor(), { hidden: true })
        .column('identifier_value', t.string(), (c) => {
          const type = c.col('identifier_type');
          const owner = c.col('owner');
          const first = poolValue('first_names', 'first', hashIndex(owner, NAME_POOL_SIZE.first, 1));
          const last = poolValue('last_names', 'last', hashIndex(c.col('owner_household'), NAME_POOL_SIZE.last, 2));
          const domain = poolValue('email_domains', 'domain', poolRow('email_domains'));
          const email = call<string>('lower', concat(first, '.', last, owner.str(), '.', c.col('slot').str(), '@', domain));
          const digest = sha256(concat(saltHex(), ':', c.key().str()));
          const phone = concat('+1', hashIndex(owner, 800, 3).plus(200).str(), hashIndex(owner.plus(c.col('slot')), 8_000_000, 4).plus(2_000_000).str());
          const homeLease = firstOf([[c.col('is_true'), c.col('lease')]], leaseIndexAt(leaseOf(c.col('owner_household'), m), c.col('last_seen'), m));
          return firstOf(
            [
              [type.eq('email_hash'), sha256(email)],
              [type.eq('phone_hash'), sha256(phone)],
              [type.eq('cookie_id'), uuidOf(digest)],
              [type.eq('mobile_ad_id'), call<string>('upper', uuidOf(digest))],
              [type.eq('device_id').and(c.col('work_device').ge(0)), workDeviceOf(c.col('work_device'))],
              [type.eq('device_id'), concat('dev_', substr(digest, 1, 24))],
              [type.eq('ctv_id'), ctvOf(c.col('owner_household'), c.col('tv'))],
              [c.col('ip_kind').eq(3), hotspotIp(c.col('hotspot'))],
            ],
            homeIp(c.col('owner_household'), homeLease),
          );
        }, { comment: 'The identifier (SHA-256 hex for email and phone; household-shared for ctv_id and home IPs; public Wi-Fi IPs and work devices are seen across households)' })
        .column('confidence_score', t.double(), (c) => c.col('confidence_milli').div(1000), {
          comment: 'Calibrated match confidence 0–1: links scored s are true with probability s (deterministic evidence high, IPs and cookies lower, falling with staleness)',
        })
        .column('is_primary', t.boolean(), (c) => c.col('slot').eq(0), { comment: 'Exactly one primary identifier per individual' })
        .foreignKey('individual_id', 'individuals')
        .foreignKey('household_id', 'households')
        .oneOf('identifier_type', IDENTIFIER_TYPES)
        .ordered('first_seen', 'last_seen')
        .range('last_seen', w.startMicros, w.endMicros - 1)
        .range('confidence_score', 0, 1)
        .unique('individual_id', 'identifier_type', 'identifier_value')
        .rule('primary_has_primary_type', (c) => c.col('is_primary').and(c.col('identifier_type').ne(ids.primary)))
        .rule('shared_types_only_in_their_slots', (c) =>
          c.col('identifier_type').eq('ctv_id').and(c.col('is_primary')).or(c.col('identifier_type').eq('ip_address').and(c.col('is_primary'))),
        ),
    );
}
