/**
 * US time zones of households: the IANA zone of each place, its standard UTC offset and whether
 * it observes daylight saving time (the US rule: second Sunday of March to first Sunday of
 * November). Event timestamps are shaped in local time and stored in UTC.
 *
 * The zone of a household currently follows its state (the zone most of the state's population
 * lives in, from the Census Bureau's 2020 county populations and the tz database's zone
 * boundaries); ZIP-level zones replace this where the places pool carries them.
 */
import { firstOf } from './scenario/expressions.js';
import { lit, type X } from '@synthgraph/core';

/** One US time zone. */
export interface UsTimeZone {
  readonly zone: string;
  /** Standard-time offset from UTC in minutes (negative west of Greenwich). */
  readonly standardOffsetMinutes: number;
  /** Whether the zone observes US daylight saving time. */
  readonly dst: boolean;
  /** States whose households are placed in this zone. */
  readonly states: readonly string[];
}

/** The zones, east to west. */
export const US_TIME_ZONES: readonly UsTimeZone[] = [
  { zone: 'America/Puerto_Rico', standardOffsetMinutes: -240, dst: false, states: ['PR', 'VI'] },
  {
    zone: 'America/New_York',
    standardOffsetMinutes: -300,
    dst: true,
    states: ['CT', 'DE', 'DC', 'FL', 'GA', 'KY', 'ME', 'MD', 'MA', 'NH', 'NJ', 'NY', 'NC', 'OH', 'PA', 'RI', 'SC', 'VT', 'VA', 'WV'],
  },
  { zone: 'America/Detroit', standardOffsetMinutes: -300, dst: true, states: ['MI'] },
  { zone: 'America/Indiana/Indianapolis', standardOffsetMinutes: -300, dst: true, states: ['IN'] },
  { zone: 'America/Chicago', standardOffsetMinutes: -360, dst: true, states: ['AL', 'AR', 'IL', 'IA', 'KS', 'LA', 'MN', 'MS', 'MO', 'NE', 'ND', 'OK', 'SD', 'TN', 'TX', 'WI'] },
  { zone: 'America/Denver', standardOffsetMinutes: -420, dst: true, states: ['CO', 'MT', 'NM', 'UT', 'WY'] },
  { zone: 'America/Boise', standardOffsetMinutes: -420, dst: true, states: ['ID'] },
  { zone: 'America/Phoenix', standardOffsetMinutes: -420, dst: false, states: ['AZ'] },
  { zone: 'America/Los_Angeles', standardOffsetMinutes: -480, dst: true, states: ['CA', 'NV', 'OR', 'WA'] },
  { zone: 'America/Anchorage', standardOffsetMinutes: -540, dst: true, states: ['AK'] },
  { zone: 'Pacific/Honolulu', standardOffsetMinutes: -600, dst: false, states: ['HI'] },
];

/** The zone of a state's households (New York's zone for a state not listed). */
export function zoneOfState(state: string): UsTimeZone {
  return US_TIME_ZONES.find((z) => z.states.includes(state)) ?? (US_TIME_ZONES[1] as UsTimeZone);
}

/** The condition "the household's state is one of the zone's states". */
function inZone(state: X<string>, z: UsTimeZone): X<boolean> {
  return z.states.map((s) => state.eq(s)).reduce((a, b) => a.or(b));
}

/** The IANA zone of a household, from its state column. */
export function timeZoneOf(state: X<string>): X<string> {
  return firstOf(US_TIME_ZONES.map((z) => [inZone(state, z), lit(z.zone)] as const), lit('America/New_York'));
}

/** The standard-time UTC offset (minutes) of a household, from its state column. */
export function standardOffsetOf(state: X<string>): X<number> {
  return firstOf(US_TIME_ZONES.map((z) => [inZone(state, z), lit(z.standardOffsetMinutes)] as const), lit(-300));
}

/** Whether the household's zone observes daylight saving time, from its state column. */
export function observesDstOf(state: X<string>): X<boolean> {
  return firstOf(US_TIME_ZONES.map((z) => [inZone(state, z), lit(z.dst)] as const), lit(true));
}

/** The standard-time UTC offset (minutes) of an IANA zone column (zones of {@link US_TIME_ZONES}). */
export function standardOffsetOfZone(zone: X<string>): X<number> {
  return firstOf(US_TIME_ZONES.map((z) => [zone.eq(z.zone), lit(z.standardOffsetMinutes)] as const), lit(-300));
}

/** Whether an IANA zone column (zones of {@link US_TIME_ZONES}) observes daylight saving time. */
export function observesDstOfZone(zone: X<string>): X<boolean> {
  return firstOf(US_TIME_ZONES.map((z) => [zone.eq(z.zone), lit(z.dst)] as const), lit(true));
}
