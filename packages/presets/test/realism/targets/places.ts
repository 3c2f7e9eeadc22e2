/** Realism targets of the places area (see docs/realism.md and docs/places.md). */
import { createRequire } from 'node:module';
import { US_STATE_POPULATION_2020 } from '@synthgraph/core';
import type { RealismTarget } from './types.js';

/** The residential ZIP table shipped with core, as a DuckDB relation (zip, city, state, population, time_zone). */
const zipTablePath = createRequire(import.meta.url).resolve('@synthgraph/core/data/us-zips.tsv');
const ZIPS = `read_csv('${zipTablePath.replaceAll("'", "''")}', delim = '\t', header = true, quote = '', columns = {'zip': 'VARCHAR', 'city': 'VARCHAR', 'state': 'VARCHAR', 'population': 'BIGINT', 'time_zone': 'VARCHAR'})`;

const CENSUS_STATES = Object.entries(US_STATE_POPULATION_2020)
  .map(([s, p]) => `('${s}', ${p})`)
  .join(', ');

/**
 * 2020 Census populations (P1, April 1 2020) of large cities whose USPS city name covers the
 * Census place (Brooklyn: Kings County) — the cities the issue found under-weighted 3–6×.
 */
const CENSUS_CITIES = [
  ['Chicago', 'IL', 2_746_388],
  ['Brooklyn', 'NY', 2_736_074],
  ['Philadelphia', 'PA', 1_603_797],
] as const;
const US_POPULATION_2020 = 331_449_281;

const AREA = 'geography';

export const PLACES_TARGETS: readonly RealismTarget[] = [
  {
    id: 'places.non_residential_zip_share',
    area: AREA,
    target: 'share of households in a PO-box, unique-organisation, military or inactive ZIP (a ZIP without a populated ZCTA): 0%',
    source: 'U.S. Census Bureau, ZIP Code Tabulation Areas (ZCTAs are built from residential addresses only), ACS 2018–2022 5-year ZCTA populations',
    sql: `SELECT avg(CASE WHEN z.zip IS NULL THEN 1.0 ELSE 0.0 END) AS value FROM households h LEFT JOIN (SELECT zip FROM ${ZIPS}) z ON h.location_zip = z.zip`,
    min: 0,
    max: 0,
    format: 'percent',
  },
  {
    id: 'places.distinct_zips',
    area: AREA,
    target: '≥ 8,000 distinct ZIPs at 20K households',
    source: 'issue 11 (an analyst profiling ZIPs); 33,054 populated ZCTAs in the 50 states and DC',
    sql: 'SELECT count(DISTINCT location_zip) AS value FROM households',
    min: 8000,
    max: 20_000,
    format: 'number',
  },
  {
    id: 'places.top5_city_ratio',
    area: AREA,
    target: "the five largest cities' household shares within 1.5× of their population shares (worst ratio, either direction)",
    source: 'ACS 2018–2022 5-year ZCTA populations summed by USPS city name (Houston, Chicago, Brooklyn, Los Angeles, Miami)',
    sql: `WITH pop AS (SELECT city, state, sum(population) AS p FROM ${ZIPS} GROUP BY city, state),
top AS (SELECT city, state, p / (SELECT sum(p) FROM pop) AS expected FROM pop ORDER BY p DESC, city LIMIT 5),
hh AS (SELECT location_city AS city, location_state AS state, count(*) / (SELECT count(*) FROM households) AS actual FROM households GROUP BY 1, 2)
SELECT max(greatest(coalesce(hh.actual, 0) / top.expected, top.expected / nullif(coalesce(hh.actual, 0), 0))) AS value FROM top LEFT JOIN hh USING (city, state)`,
    min: 1,
    max: 1.5,
  },
  {
    id: 'places.census_city_ratio',
    area: AREA,
    target: 'Chicago, Brooklyn and Philadelphia household shares within 1.5× of their 2020 Census population shares (worst ratio)',
    source: '2020 Census P1 (city of Chicago, Kings County NY, city of Philadelphia)',
    sql: `WITH c(city, state, pop) AS (VALUES ${CENSUS_CITIES.map(([c, s, p]) => `('${c}', '${s}', ${p})`).join(', ')}),
hh AS (SELECT location_city AS city, location_state AS state, count(*) / (SELECT count(*) FROM households) AS actual FROM households GROUP BY 1, 2)
SELECT max(greatest(coalesce(hh.actual, 0) / (c.pop / ${US_POPULATION_2020}), (c.pop / ${US_POPULATION_2020}) / nullif(coalesce(hh.actual, 0), 0))) AS value FROM c LEFT JOIN hh USING (city, state)`,
    min: 1,
    max: 1.5,
  },
  {
    id: 'places.max_state_deviation',
    area: AREA,
    target: 'every state share within 0.5 percentage points of its 2020 Census share (largest deviation, in points)',
    source: '2020 Census resident population by state and DC (April 1, 2020; 331,449,281 in all)',
    sql: `WITH c(state, pop) AS (VALUES ${CENSUS_STATES}),
hh AS (SELECT location_state AS state, count(*) / (SELECT count(*) FROM households) AS actual FROM households GROUP BY 1)
SELECT max(abs(coalesce(hh.actual, 0) - c.pop / (SELECT sum(pop) FROM c))) * 100 AS value FROM c FULL JOIN hh USING (state)`,
    min: 0,
    max: 0.5,
  },
  {
    id: 'places.time_zone_zip_mismatch',
    area: 'time zones',
    target: "households whose time_zone is not their ZIP's zone: 0%",
    source: 'IANA tz database zone of each ZIP (SimpleMaps US Zips, from the tz boundaries)',
    sql: `SELECT avg(CASE WHEN z.time_zone IS DISTINCT FROM h.time_zone THEN 1.0 ELSE 0.0 END) AS value FROM households h LEFT JOIN (SELECT zip, time_zone FROM ${ZIPS}) z ON h.location_zip = z.zip`,
    min: 0,
    max: 0,
    format: 'percent',
  },
  {
    id: 'places.pacific_share',
    area: 'time zones',
    target: 'share of households on Pacific time 15–18% (CA, WA, OR, NV and northern Idaho ≈ 16.5% of the US population)',
    source: '2020 Census state populations; tz database zones of ZIPs',
    sql: "SELECT avg(CASE WHEN time_zone = 'America/Los_Angeles' THEN 1.0 ELSE 0.0 END) AS value FROM households",
    min: 0.15,
    max: 0.18,
    format: 'percent',
  },
];
