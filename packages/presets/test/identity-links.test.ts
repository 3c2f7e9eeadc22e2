/**
 * Identity links on DuckDB: household-shared identifiers (home IPs over DHCP leases, the CTV),
 * identifiers seen across households, wrong links at the configured rate, and a calibrated
 * confidence_score (per decile, the share of true links matches the score within 0.05).
 */
import { DuckdbReader } from '@synthgraph/duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCleanManifest, expectInvariantsAndDistributions, run, tempDir } from './helpers.js';

const CONFIG = { households: { num_households: 6000 } } as const;
const TRUE = 'CASE WHEN l.is_true_link THEN 1.0 ELSE 0.0 END';
const LINKED = 'identity_mappings m JOIN truth_identity_links l USING (mapping_id)';

describe('identity links (6,000 households, DuckDB)', () => {
  let out = '';
  let reader: DuckdbReader;
  const one = async (q: string): Promise<number> => Number(((await reader.query(q))[0] ?? {})['v']);

  beforeAll(async () => {
    out = await tempDir('links');
    expectCleanManifest(await run(CONFIG, out, 7));
    reader = await DuckdbReader.open(out);
  }, 300_000);
  afterAll(() => reader?.close());

  it('passes every invariant and distribution target', async () => {
    await expectInvariantsAndDistributions(out, CONFIG);
  }, 120_000);

  it('lets ≥ 80% of multi-adult households share a CTV or home IP among members', async () => {
    const shared = await one(`
      WITH sizes AS (SELECT household_id, count(*) AS adults FROM individuals GROUP BY 1 HAVING count(*) >= 2),
      shared AS (SELECT DISTINCT household_id FROM identity_mappings WHERE identifier_type IN ('ctv_id', 'ip_address')
                 GROUP BY household_id, identifier_type, identifier_value HAVING count(DISTINCT individual_id) >= 2)
      SELECT avg(CASE WHEN s.household_id IS NULL THEN 0.0 ELSE 1.0 END) AS v FROM sizes h LEFT JOIN shared s USING (household_id)`);
    expect(shared).toBeGreaterThanOrEqual(0.8);
  });

  it('reassigns home IPs: ≥ 50% of people are seen on two or more IP addresses', async () => {
    const twoIps = await one(`
      SELECT avg(CASE WHEN coalesce(n, 0) >= 2 THEN 1.0 ELSE 0.0 END) AS v FROM individuals i
      LEFT JOIN (SELECT individual_id, count(DISTINCT identifier_value) AS n FROM identity_mappings WHERE identifier_type = 'ip_address' GROUP BY 1) USING (individual_id)`);
    expect(twoIps).toBeGreaterThanOrEqual(0.5);
    // Members of one household see the same sequence of home IPs: the newest is shared, older ones end before the window does.
    const endedBefore = await one(`SELECT avg(CASE WHEN last_seen < TIMESTAMP '2026-01-01' - INTERVAL 3 DAY THEN 1.0 ELSE 0.0 END) AS v FROM identity_mappings WHERE identifier_type = 'ip_address'`);
    expect(endedBefore).toBeGreaterThan(0.1);
  });

  it('sees a few identifiers across households (public Wi-Fi IPs, work devices), not many', async () => {
    const cross = await one(`
      SELECT avg(CASE WHEN households >= 2 THEN 1.0 ELSE 0.0 END) AS v FROM (SELECT count(DISTINCT household_id) AS households FROM identity_mappings GROUP BY identifier_type, identifier_value)`);
    expect(cross).toBeGreaterThan(0.002);
    expect(cross).toBeLessThan(0.05);
    const wifi = await one(`SELECT count(*) AS v FROM (SELECT identifier_value FROM identity_mappings WHERE identifier_type = 'ip_address' GROUP BY 1 HAVING count(DISTINCT household_id) >= 3)`);
    const work = await one(`SELECT count(*) AS v FROM (SELECT identifier_value FROM identity_mappings WHERE identifier_type = 'device_id' GROUP BY 1 HAVING count(DISTINCT household_id) >= 2)`);
    expect(wifi).toBeGreaterThan(0);
    expect(work).toBeGreaterThan(0);
  });

  it('holds wrong links at the configured rate (5%), each naming a household member or a neighbour', async () => {
    const wrong = await one(`SELECT avg(CASE WHEN is_true_link THEN 0.0 ELSE 1.0 END) AS v FROM truth_identity_links`);
    expect(Math.abs(wrong - 0.05)).toBeLessThan(0.005);
    const consistent = await one(`SELECT count(*) AS v FROM truth_identity_links WHERE is_true_link <> (true_individual_id = individual_id)`);
    expect(consistent).toBe(0);
    // Wrong personal identifiers of non-householders belong to their own household; wrong CTVs and IPs to a neighbour's.
    const sharedTypes = await one(`SELECT count(*) AS v FROM ${LINKED} WHERE NOT l.is_true_link AND m.identifier_type IN ('ctv_id', 'ip_address') AND l.true_household_id = m.household_id`);
    expect(sharedTypes).toBe(0);
    const members = await one(`SELECT count(*) AS v FROM ${LINKED} WHERE NOT l.is_true_link AND l.true_household_id = m.household_id`);
    expect(members).toBeGreaterThan(0);
  });

  it('calibrates confidence_score: per score decile and per decile of links, share true within 0.05 of the mean score', async () => {
    for (const bucket of ['floor(confidence_score * 10)', 'ntile(10) OVER (ORDER BY confidence_score, mapping_id)']) {
      const rows = await reader.query(`
        SELECT b, count(*) AS n, avg(s) AS score, avg(t) AS truth FROM (SELECT ${bucket} AS b, m.confidence_score AS s, ${TRUE} AS t FROM ${LINKED}) GROUP BY b HAVING count(*) >= 500`);
      expect(rows.length, bucket).toBeGreaterThanOrEqual(2);
      for (const r of rows) expect(Math.abs(Number(r['truth']) - Number(r['score'])), `${bucket} = ${String(r['b'])}`).toBeLessThanOrEqual(0.05);
    }
  });

  it('scores deterministic evidence above probabilistic evidence, and stale links lower', async () => {
    const byType = Object.fromEntries(
      (await reader.query(`SELECT identifier_type AS k, avg(confidence_score) AS v FROM identity_mappings GROUP BY 1`)).map((r) => [String(r['k']), Number(r['v'])]),
    ) as Record<string, number>;
    for (const probabilistic of ['cookie_id', 'ip_address', 'ctv_id']) {
      expect(byType['email_hash'], probabilistic).toBeGreaterThan(byType[probabilistic] as number);
      expect(byType['phone_hash'], probabilistic).toBeGreaterThan(byType[probabilistic] as number);
    }
    for (const type of ['cookie_id', 'device_id', 'ip_address']) {
      const fresh = await one(`SELECT avg(confidence_score) AS v FROM identity_mappings WHERE identifier_type = '${type}' AND active`);
      const stale = await one(`SELECT avg(confidence_score) AS v FROM identity_mappings WHERE identifier_type = '${type}' AND NOT active`);
      expect(fresh, type).toBeGreaterThan(stale);
    }
  });
});

describe('the wrong-link rate follows the config', () => {
  it('15% configured, 15% in truth_identity_links; 0% configured, every link true', async () => {
    for (const rate of [0.15, 0]) {
      const out = await tempDir(`links-${rate}`);
      const config = { households: { num_households: 2000 }, demographics: { identity_links: { wrong_link_rate: rate } } };
      expectCleanManifest(await run(config, out, 11));
      const reader = await DuckdbReader.open(out);
      try {
        const [row] = await reader.query(`SELECT avg(CASE WHEN is_true_link THEN 0.0 ELSE 1.0 END) AS v, min(m.confidence_score) AS lo FROM identity_mappings m JOIN truth_identity_links l USING (mapping_id)`);
        expect(Math.abs(Number(row?.['v']) - rate), String(rate)).toBeLessThan(0.01);
        if (rate === 0) expect(Number(row?.['lo'])).toBe(1);
      } finally {
        reader.close();
      }
    }
  }, 300_000);
});
