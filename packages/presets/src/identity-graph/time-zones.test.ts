import { Evaluator, poolValue, scenario, t, usZipTable } from '@synthgraph/core';
import { describe, expect, it } from 'vitest';
import { identityGraph } from './identity-graph.js';
import { observesDstOf, ruleOfZone, standardOffsetOf, US_ZONE_RULES } from './time-zones.js';

/** The UTC offset (minutes) of an IANA zone at an instant, from the runtime's tz database (ICU). */
function offsetAt(zone: string, utc: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(utc).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /^GMT(?:([+-])(\d\d):(\d\d))?$/.exec(name);
  if (!m) throw new TypeError(`unexpected offset name ${name} for ${zone}`);
  return m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

describe('US zone rules', () => {
  const tableZones = new Set(usZipTable().map((z) => z.timeZone));
  const ruleZones = US_ZONE_RULES.flatMap((r) => r.zones);

  it('cover every zone of the residential ZIP table exactly once, and no other', () => {
    expect(new Set(ruleZones).size).toBe(ruleZones.length);
    expect(new Set(ruleZones)).toEqual(tableZones);
  });

  it('agree with the tz database: standard offset in January, DST offset in July', () => {
    for (const r of US_ZONE_RULES) {
      for (const zone of r.zones) {
        expect(offsetAt(zone, new Date(Date.UTC(2025, 0, 15, 12))), zone).toBe(r.standardOffsetMinutes);
        expect(offsetAt(zone, new Date(Date.UTC(2025, 6, 15, 12))), zone).toBe(r.standardOffsetMinutes + (r.dst ? 60 : 0));
      }
    }
  });
});

describe('households.time_zone', () => {
  it('gives utc_offset_minutes and observes_dst of every zone from its rule (as the households columns compute them)', () => {
    const zones = US_ZONE_RULES.flatMap((r) => r.zones);
    const s = scenario('zones')
      .pool({ name: 'zones', columns: [{ name: 'zone', type: 'string' }], rows: zones.map((z) => [z]), source: 'test' })
      .entity('z', (e) =>
        e
          .rows(zones.length)
          .key('id')
          .column('zone', t.string(), (c) => poolValue('zones', 'zone', c.col('id')))
          .column('offset', t.int(), (c) => standardOffsetOf(c.col('zone')))
          .column('dst', t.boolean(), (c) => observesDstOf(c.col('zone'))),
      );
    const rows = new Evaluator(s.toIR({ seed: 1 })).rows('z');
    expect(rows.map((r) => r['zone'])).toEqual(zones);
    for (const r of rows) {
      const rule = ruleOfZone(r['zone'] as string);
      expect([Number(r['offset']), r['dst']], String(r['zone'])).toEqual([rule.standardOffsetMinutes, rule.dst]);
    }
  });

  it('is the zone of the household ZIP (and city and state are the ZIP\'s)', () => {
    const byZip = new Map(usZipTable().map((z) => [z.zip, z]));
    for (const config of [{ households: { num_households: 3000 } }, { households: { num_households: 500, location: { states: { AZ: 0.4, IN: 0.3, TX: 0.3 } } } }]) {
      const rows = new Evaluator(identityGraph(config).toIR({ seed: 7 })).rows('households');
      const zones = new Set<string>();
      for (const h of rows) {
        const z = byZip.get(h['location_zip'] as string);
        expect(z, String(h['location_zip'])).toBeDefined();
        expect([h['location_city'], h['location_state'], h['time_zone']]).toEqual([z?.city, z?.state, z?.timeZone]);
        zones.add(h['time_zone'] as string);
      }
      expect(zones.size).toBeGreaterThanOrEqual(3);
    }
  });
});
