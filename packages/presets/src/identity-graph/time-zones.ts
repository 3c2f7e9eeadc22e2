/**
 * US time zones of households: each household's IANA zone is its ZIP's (the places pool carries
 * the zone of every residential ZIP, from the tz database's zone boundaries), and from the zone
 * follow its standard UTC offset and whether it observes daylight saving time (the US rule:
 * second Sunday of March to first Sunday of November). Event timestamps are shaped in local
 * time and stored in UTC.
 */
import { firstOf } from './scenario/expressions.js';
import { lit, type X } from '@synthgraph/core';

/** The US zones sharing one standard offset and DST rule (the tz database's current rules). */
export interface UsZoneRule {
  /** Standard-time offset from UTC in minutes (negative west of Greenwich). */
  readonly standardOffsetMinutes: number;
  /** Whether the zones observe US daylight saving time. */
  readonly dst: boolean;
  /** The IANA zones of the rule (every zone of a residential ZIP is in exactly one rule). */
  readonly zones: readonly string[];
}

/** The rules, east to west: every zone of the residential ZIP table, by current offset and DST. */
export const US_ZONE_RULES: readonly UsZoneRule[] = [
  {
    standardOffsetMinutes: -300,
    dst: true,
    zones: [
      'America/New_York',
      'America/Detroit',
      'America/Kentucky/Louisville',
      'America/Kentucky/Monticello',
      'America/Indiana/Indianapolis',
      'America/Indiana/Marengo',
      'America/Indiana/Petersburg',
      'America/Indiana/Vevay',
      'America/Indiana/Vincennes',
      'America/Indiana/Winamac',
    ],
  },
  {
    standardOffsetMinutes: -360,
    dst: true,
    zones: ['America/Chicago', 'America/Indiana/Knox', 'America/Indiana/Tell_City', 'America/Menominee', 'America/North_Dakota/Beulah', 'America/North_Dakota/Center', 'America/North_Dakota/New_Salem'],
  },
  { standardOffsetMinutes: -420, dst: true, zones: ['America/Denver', 'America/Boise'] },
  { standardOffsetMinutes: -420, dst: false, zones: ['America/Phoenix'] },
  { standardOffsetMinutes: -480, dst: true, zones: ['America/Los_Angeles'] },
  { standardOffsetMinutes: -540, dst: true, zones: ['America/Anchorage', 'America/Juneau', 'America/Metlakatla', 'America/Nome', 'America/Sitka', 'America/Yakutat'] },
  { standardOffsetMinutes: -600, dst: true, zones: ['America/Adak'] },
  { standardOffsetMinutes: -600, dst: false, zones: ['Pacific/Honolulu'] },
];

/** The rule of a zone (New York's for a zone not listed). */
export function ruleOfZone(zone: string): UsZoneRule {
  return US_ZONE_RULES.find((r) => r.zones.includes(zone)) ?? (US_ZONE_RULES[0] as UsZoneRule);
}

/** The condition "the zone is one of the rule's zones". */
function inRule(zone: X<string>, r: UsZoneRule): X<boolean> {
  return r.zones.map((z) => zone.eq(z)).reduce((a, b) => a.or(b));
}

/** The standard-time UTC offset (minutes) of a household, from its `time_zone` column. */
export function standardOffsetOf(zone: X<string>): X<number> {
  return firstOf(US_ZONE_RULES.map((r) => [inRule(zone, r), lit(r.standardOffsetMinutes)] as const), lit(-300));
}

/** Whether the household's zone observes daylight saving time, from its `time_zone` column. */
export function observesDstOf(zone: X<string>): X<boolean> {
  return firstOf(US_ZONE_RULES.map((r) => [inRule(zone, r), lit(r.dst)] as const), lit(true));
}
