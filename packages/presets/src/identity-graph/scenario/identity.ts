/**
 * identity_mappings: each individual's identifiers (with household-shared CTVs and IPs,
 * short-lived cookies, long-lived emails).
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
import { IDENTIFIER_LIFECYCLE, IDENTIFIER_TYPES, PERSONAL_TYPES, type IdentifierType } from '../vocabulary.js';
import { choose, firstOf, hashIndex, lomax, saltHex } from './expressions.js';
import type { peopleStage } from './people.js';
import { NAME_POOL_SIZE } from './pools.js';

type PeopleEntities = ReturnType<typeof peopleStage> extends ScenarioBuilder<infer E> ? E : never;

const DAY = days(1);
/** IPv4 addresses are a permutation of [1.0.0.0, 223.0.0.0) (222 · 2^24 addresses). */
const IP_SPACE = 222 * 2 ** 24;
/** Household keys folded into the IP space (keeps IPs unique across 52 batches of up to 2^26 households). */
const IP_FOLD = 13 * 2 ** 28;

/** A constant per identifier type (CASE over the type). */
function byType(type: X<string>, values: Readonly<Record<IdentifierType, number>>): X<number> {
  return firstOf(
    IDENTIFIER_TYPES.slice(0, -1).map((k) => [type.eq(k), lit(values[k])] as const),
    lit(values[IDENTIFIER_TYPES[IDENTIFIER_TYPES.length - 1] as IdentifierType]),
  );
}

/** A UUID-shaped string from a hex digest. */
function uuidOf(hex: X<string>): X<string> {
  return concat(substr(hex, 1, 8), '-', substr(hex, 9, 4), '-4', substr(hex, 14, 3), '-a', substr(hex, 18, 3), '-', substr(hex, 21, 12));
}

/** A dotted IPv4 address, a bijection of the household key (so never shared across households). */
function ipOf(householdId: X<number>): X<string> {
  const salt = poolValue<number>('seed_salt', 'n', 0);
  const x = householdId.mod(IP_FOLD);
  const y1 = x.plus(salt).mod(IP_SPACE).times(1_046_527).mod(IP_SPACE);
  const y2 = y1.plus(salt).plus(7_777).mod(IP_SPACE).times(1_299_709).mod(IP_SPACE);
  const ip = y2.plus(2 ** 24);
  return concat(ip.idiv(2 ** 24).str(), '.', ip.idiv(2 ** 16).mod(256).str(), '.', ip.idiv(256).mod(256).str(), '.', ip.mod(256).str());
}

/**
 * Adds identity_mappings.
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
        .comment('The identity graph: one row per (individual, identifier). CTVs and IPs are shared by the members of a household; cookies churn.')
        .key('mapping_id', { comment: 'Mapping id, opaque (does not reveal the individual)' })
        .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'), { comment: 'The individual the identifier belongs to (ground truth of resolution)' })
        .column('household_id', t.bigint(), (c) => c.parent.col('household_id'), { comment: 'Household of the individual (for household-level resolution)' })
        .column('slot', t.int(), (c) => c.index(), { hidden: true })
        .column('u_shared', t.double(), () => uniform(), { hidden: true })
        .column('u_personal', t.double(), () => uniform(), { hidden: true })
        .column('identifier_type', t.string(), (c) =>
          firstOf(
            [
              [c.col('slot').eq(0), lit(ids.primary)],
              [c.col('slot').eq(1).and(c.col('u_shared').lt(ids.ctvAtSlot1)), lit('ctv_id')],
              [c.col('slot').eq(2).and(c.col('u_shared').lt(ids.ipAtSlot2)), lit('ip_address')],
            ],
            choose(c.col('u_personal'), personalProbs, PERSONAL_TYPES),
          ),
          { comment: 'email_hash, cookie_id, mobile_ad_id, device_id, ctv_id, ip_address or phone_hash' },
        )
        .column('tv', t.int(), () => firstOf([[bernoulli(0.3), lit(1)]], lit(0)), { hidden: true })
        .column('identifier_value', t.string(), (c) => {
          const type = c.col('identifier_type');
          const person = c.col('individual_id');
          const first = poolValue('first_names', 'first', hashIndex(person, NAME_POOL_SIZE.first, 1));
          const last = poolValue('last_names', 'last', hashIndex(c.col('household_id'), NAME_POOL_SIZE.last, 2));
          const domain = poolValue('email_domains', 'domain', poolRow('email_domains'));
          const email = call<string>('lower', concat(first, '.', last, person.str(), '.', c.col('slot').str(), '@', domain));
          const digest = sha256(concat(saltHex(), ':', c.key().str()));
          const phone = concat('+1', hashIndex(person, 800, 3).plus(200).str(), hashIndex(person.plus(c.col('slot')), 8_000_000, 4).plus(2_000_000).str());
          return firstOf(
            [
              [type.eq('email_hash'), sha256(email)],
              [type.eq('phone_hash'), sha256(phone)],
              [type.eq('cookie_id'), uuidOf(digest)],
              [type.eq('mobile_ad_id'), call<string>('upper', uuidOf(digest))],
              [type.eq('device_id'), concat('dev_', substr(digest, 1, 24))],
              [type.eq('ctv_id'), concat('ctv_', substr(sha256(concat(saltHex(), ':tv:', c.col('household_id').str(), ':', c.col('tv').str())), 1, 24))],
            ],
            ipOf(c.col('household_id')),
          );
        }, { comment: 'The identifier (SHA-256 hex for email and phone; household-shared for ctv_id and ip_address)' })
        .column('anchor', t.timestamp(), () => timestampIn({ start: w.startMicros, days: w.days, hourly: m.temporal.hourly }), { hidden: true })
        .column('back_days', t.double(), (c) => byType(c.col('identifier_type'), Object.fromEntries(IDENTIFIER_TYPES.map((k) => [k, IDENTIFIER_LIFECYCLE[k].backDays])) as Record<IdentifierType, number>), { hidden: true })
        .column('forward_days', t.double(), (c) => byType(c.col('identifier_type'), Object.fromEntries(IDENTIFIER_TYPES.map((k) => [k, IDENTIFIER_LIFECYCLE[k].forwardDays])) as Record<IdentifierType, number>), { hidden: true })
        .column('first_seen', t.timestamp(), (c) => c.col('anchor').minus(least(lomax(c.col('back_days')), 3650).times(DAY).floor()), { comment: 'First time the identifier was observed for the individual' })
        .column('last_seen', t.timestamp(), (c) =>
          greatest<Micros>(c.col('anchor'), least<Micros>(c.col('anchor').plus(least(lomax(c.col('forward_days')), 3650).times(DAY).floor()), w.endMicros - 1)),
          { comment: 'Last time it was observed (≥ first_seen, before the end date)' },
        )
        .column('active', t.boolean(), (c) => c.col('last_seen').ge(w.endMicros - days(30)), { comment: 'Seen in the 30 days before the end date' })
        .column('confidence_score', t.double(), (c) => {
          const lo = byType(c.col('identifier_type'), Object.fromEntries(IDENTIFIER_TYPES.map((k) => [k, IDENTIFIER_LIFECYCLE[k].confidence[0]])) as Record<IdentifierType, number>);
          const hi = byType(c.col('identifier_type'), Object.fromEntries(IDENTIFIER_TYPES.map((k) => [k, IDENTIFIER_LIFECYCLE[k].confidence[1]])) as Record<IdentifierType, number>);
          return lo.plus(hi.minus(lo).times(uniform())).times(1000).floor().div(1000);
        }, { comment: 'Match confidence 0–1 (deterministic identifiers high, household-shared ones low)' })
        .column('is_primary', t.boolean(), (c) => c.col('slot').eq(0), { comment: 'Exactly one primary identifier per individual' })
        .foreignKey('individual_id', 'individuals')
        .foreignKey('household_id', 'households')
        .oneOf('identifier_type', IDENTIFIER_TYPES)
        .ordered('first_seen', 'last_seen')
        .range('last_seen', null, w.endMicros - 1)
        .range('confidence_score', 0, 1)
        .unique('individual_id', 'identifier_type', 'identifier_value')
        .rule('primary_has_primary_type', (c) => c.col('is_primary').and(c.col('identifier_type').ne(ids.primary)))
        .rule('shared_types_only_in_their_slots', (c) =>
          c.col('identifier_type').eq('ctv_id').and(c.col('is_primary')).or(c.col('identifier_type').eq('ip_address').and(c.col('is_primary'))),
        ),
    );
}
