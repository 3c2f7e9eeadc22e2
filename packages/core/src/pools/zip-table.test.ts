import { describe, expect, it } from 'vitest';
import { US_STATES, US_STATE_POPULATION_2020 } from './us-states.js';
import { usZipTable } from './zip-table.js';

const table = usZipTable();

describe('usZipTable (residential ZIPs: Census ZCTA populations, USPS city names, tz zones)', () => {
  it('holds every populated ZCTA of the 50 states and DC once, in ZIP order', () => {
    expect(table.length).toBeGreaterThan(32_000);
    expect(table.length).toBeLessThan(34_000);
    const zips = table.map((z) => z.zip);
    expect(new Set(zips).size).toBe(zips.length);
    expect([...zips].sort()).toEqual(zips);
    expect(new Set(table.map((z) => z.state))).toEqual(new Set(US_STATES));
    expect(table.every((z) => Number.isSafeInteger(z.population) && z.population > 0)).toBe(true);
    expect(usZipTable()).toBe(table); // loaded once
  });

  it('sums to the US population, and each state to within 3% of its 2020 Census count (ACS 5-year estimates vs the April 2020 count)', () => {
    const total = table.reduce((a, z) => a + z.population, 0);
    expect(Math.abs(total / 331_449_281 - 1)).toBeLessThan(0.005);
    const byState = new Map<string, number>();
    for (const z of table) byState.set(z.state, (byState.get(z.state) ?? 0) + z.population);
    for (const s of US_STATES) expect(Math.abs((byState.get(s) as number) / (US_STATE_POPULATION_2020[s] as number) - 1), s).toBeLessThan(0.03);
  });

  it('has no PO-box, unique-organisation, military or inactive ZIP', () => {
    const zips = new Set(table.map((z) => z.zip));
    // USPS PO-box ZIPs (downtown post offices), unique ZIPs (IRS, GE, the White House, USPS HQ), APO/FPO.
    const nonResidential = ['10008', '90009', '60680', '94203', '79910', '77001', '19101', '33101', '30301', '02101', '85001', '00501', '12345', '20500', '20260', '09001', '96601', '34001'];
    for (const z of nonResidential) expect(zips.has(z), z).toBe(false);
  });

  it('keeps real places with their USPS city, state and zone, and no organisation names as cities', () => {
    const at = (zip: string) => table.find((z) => z.zip === zip);
    expect(at('10001')).toMatchObject({ city: 'New York', state: 'NY', timeZone: 'America/New_York' });
    expect(at('11201')).toMatchObject({ city: 'Brooklyn', state: 'NY', timeZone: 'America/New_York' });
    expect(at('60614')).toMatchObject({ city: 'Chicago', state: 'IL', timeZone: 'America/Chicago' });
    expect(at('90210')).toMatchObject({ city: 'Beverly Hills', state: 'CA', timeZone: 'America/Los_Angeles' });
    expect(at('85003')).toMatchObject({ city: 'Phoenix', state: 'AZ', timeZone: 'America/Phoenix' });
    expect(table.some((z) => /\d|[&/]|\b(?:Inc|Corp|Co|Brm|Dept|Svc|Bank Of|Insurance|Lottery|Citibank|Sears Roebuck)\b/.test(z.city))).toBe(false);
  });

  it('gives every ZIP a US zone of the tz database, consistent with its state', () => {
    const zones = new Set(table.map((z) => z.timeZone));
    for (const zone of zones) {
      expect(zone, zone).toMatch(/^(America|Pacific)\//);
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: zone }), zone).not.toThrow();
    }
    expect(zones.has('America/Toronto') || zones.has('America/Winnipeg')).toBe(false);
    const only = (state: string) => new Set(table.filter((z) => z.state === state).map((z) => z.timeZone));
    expect(only('CA')).toEqual(new Set(['America/Los_Angeles']));
    expect(only('HI')).toEqual(new Set(['Pacific/Honolulu']));
    expect(only('NY')).toEqual(new Set(['America/New_York']));
    expect([...only('TX')].sort()).toEqual(['America/Chicago', 'America/Denver']); // El Paso is Mountain
    expect(only('IN').has('America/Chicago')).toBe(true); // Indiana's north-west and south-west corners are Central
    expect(only('IN').has('America/Indiana/Indianapolis')).toBe(true);
  });
});
