/**
 * The invariants catch what they describe: each case copies a generated identity graph, breaks
 * one relation in a known number of rows, and expects exactly that invariant to count them
 * (the queries read the copies through the target's table names).
 */
import { rmSync } from 'node:fs';
import { DuckdbReader } from '@synthgraph/duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityGraphInvariants, IDENTITY_GRAPH_TABLES } from '../src/index.js';
import { run, tempDir } from './helpers.js';

let out = '';
let reader: DuckdbReader;

beforeAll(async () => {
  out = await tempDir('invariants');
  await run({ households: { num_households: 300 } }, out, 5);
  reader = await DuckdbReader.open(out);
});
afterAll(() => {
  reader?.close();
  rmSync(out, { recursive: true, force: true });
});

/** Invariant name → violations, over copies of the tables changed by `corrupt`. */
async function violationsAfter(corrupt: string): Promise<Record<string, number>> {
  for (const t of IDENTITY_GRAPH_TABLES) await reader.query(`CREATE OR REPLACE TABLE "bad_${t}" AS SELECT * FROM "${t}"`);
  await reader.query(corrupt);
  const counts: Record<string, number> = {};
  for (const inv of identityGraphInvariants({ table: (e) => `"bad_${e}"` })) counts[inv.name] = Number((await reader.query(inv.sql))[0]?.['violations']);
  return counts;
}

/** The expected counts: the named ones as given, every other invariant 0. */
const only = (expected: Record<string, number>): Record<string, number> => Object.fromEntries(identityGraphInvariants().map((i) => [i.name, expected[i.name] ?? 0]));

describe('identity-graph invariants detect broken relations', () => {
  it('an untouched copy has no violation', async () => {
    expect(await violationsAfter('SELECT 1')).toEqual(only({}));
  });

  it('engagements outside every mapping window', async () => {
    const moved = await violationsAfter(`UPDATE "bad_content_engagements" SET event_ts = event_ts + INTERVAL 5000 DAY WHERE event_id IN (SELECT event_id FROM "bad_content_engagements" ORDER BY event_id LIMIT 3)`);
    expect(moved['engagement_identifier_active']).toBe(3);
    // the latest engagement of those individuals moved too
    expect(moved['viewership_matches_engagements']).toBeGreaterThan(0);
  });

  it('individuals without a primary identifier', async () => {
    expect(await violationsAfter(`DELETE FROM "bad_identity_mappings" WHERE is_primary AND individual_id IN (SELECT individual_id FROM "bad_individuals" ORDER BY individual_id LIMIT 2)`)).toMatchObject({
      one_primary_identifier: 2,
    });
  });

  it('affinity scores out of range and exposures outside the campaign', async () => {
    const counts = await violationsAfter(`UPDATE "bad_audience_attributes" SET affinity_scores = map_from_entries([('news', 2.0)]) WHERE attribute_id = (SELECT min(attribute_id) FROM "bad_audience_attributes")`);
    expect(counts['affinity_scores_in_range']).toBe(1);
    const flights = await violationsAfter(`UPDATE "bad_campaign_exposures" SET exposure_ts = TIMESTAMP '1990-01-01 00:00:00', channel = 'carrier_pigeon' WHERE exposure_id = (SELECT min(exposure_id) FROM "bad_campaign_exposures")`);
    expect(flights).toMatchObject({ exposure_within_flight: 1, exposure_channel_of_campaign: 1 });
  });

  it("a mapping recorded under another household", async () => {
    const counts = await violationsAfter(`UPDATE "bad_identity_mappings" SET household_id = household_id + 1 WHERE mapping_id = (SELECT min(mapping_id) FROM "bad_identity_mappings")`);
    expect(counts['mapping_household_matches']).toBe(1);
  });

  it('a mapping without its truth link, and a true CTV link into another household', async () => {
    const missing = await violationsAfter(`DELETE FROM "bad_truth_identity_links" WHERE mapping_id = (SELECT min(mapping_id) FROM "bad_truth_identity_links")`);
    expect(missing['every_mapping_has_a_truth_link']).toBe(1);
    const ctv = await violationsAfter(
      `UPDATE "bad_identity_mappings" SET household_id = household_id + 1 WHERE mapping_id = (SELECT min(m.mapping_id) FROM "bad_identity_mappings" m JOIN "bad_truth_identity_links" l USING (mapping_id) WHERE m.identifier_type = 'ctv_id' AND l.is_true_link AND m.identifier_value IN (SELECT identifier_value FROM "bad_identity_mappings" WHERE identifier_type = 'ctv_id' GROUP BY 1 HAVING count(*) >= 3))`,
    );
    expect(ctv['true_ctv_within_household']).toBe(1);
  });

  it('attribution weights that no longer sum to 1', async () => {
    const counts = await violationsAfter(`UPDATE "bad_outcome_metrics" SET attribution_weight = attribution_weight + 0.5 WHERE outcome_id = (SELECT min(outcome_id) FROM "bad_outcome_metrics")`);
    expect(counts).toEqual(only({ attribution_sums_to_one: 1 }));
  });

  it('a conversion missing one model, and a missing touchpoint', async () => {
    const model = await violationsAfter(
      `DELETE FROM "bad_outcome_metrics" WHERE (response_id, attribution_model) = (SELECT (response_id, attribution_model) FROM "bad_outcome_metrics" ORDER BY outcome_id LIMIT 1)`,
    );
    expect(model).toEqual(only({ attribution_every_model: 1 }));
    const touch = await violationsAfter(
      `DELETE FROM "bad_outcome_metrics" WHERE outcome_id = (SELECT min(outcome_id) FROM "bad_outcome_metrics" WHERE touchpoints >= 2 AND attribution_model = 'linear')`,
    );
    expect(touch).toEqual(only({ attribution_full_touch_set: 1, attribution_sums_to_one: 1 }));
  });

  it('a touchpoint after its conversion, and one on another channel', async () => {
    const late = await violationsAfter(`UPDATE "bad_outcome_metrics" SET touchpoint_ts = conversion_ts + INTERVAL 1 HOUR WHERE outcome_id = (SELECT min(outcome_id) FROM "bad_outcome_metrics")`);
    expect(late).toEqual(only({ outcome_matches_conversion: 1 }));
    const channel = await violationsAfter(`UPDATE "bad_outcome_metrics" SET channel = 'carrier_pigeon' WHERE outcome_id = (SELECT min(outcome_id) FROM "bad_outcome_metrics")`);
    expect(channel).toEqual(only({ touchpoint_of_the_exposure: 1 }));
  });

  it("a touchpoint credited to a campaign of another advertiser", async () => {
    const other = await violationsAfter(
      `UPDATE "bad_outcome_metrics" SET campaign_id = (SELECT min(c.campaign_id) FROM "bad_campaigns" c WHERE c.advertiser_id <> (SELECT advertiser_id FROM "bad_campaigns" WHERE campaign_id = o.conversion_campaign_id))
       FROM (SELECT outcome_id, conversion_campaign_id FROM "bad_outcome_metrics" ORDER BY outcome_id LIMIT 1) o WHERE "bad_outcome_metrics".outcome_id = o.outcome_id`,
    );
    expect(other).toEqual(only({ touchpoint_of_the_exposure: 1, touchpoint_of_the_advertiser: 1 }));
  });
});
