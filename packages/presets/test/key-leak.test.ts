/**
 * Issue 13, "the keys give the answer away": with the default opaque keys no id column of the
 * identity graph is divisible or shiftable into its parent's id (k = 2^1 … 2^20 and non-powers);
 * with `keys('structured')` the readable layout returns and the same fits find it. Every check
 * holds in both modes.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { generate, type KeyMode } from '@synthgraph/core';
import { duckdb, DuckdbReader } from '@synthgraph/duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aboveChance, keyLeakFits, type LeakFit } from '../../../test/conformance/key-leak.js';
import { identityGraph } from '../src/index.js';
import { expectCleanManifest, tempDir } from './helpers.js';

const config = { households: { num_households: 1_500 }, campaigns: { num_campaigns: 8 } };
let dir = '';
const fits = new Map<KeyMode, LeakFit[]>();

beforeAll(async () => {
  dir = await tempDir('keys');
  for (const mode of ['opaque', 'structured'] as const) {
    const s = identityGraph(config).keys(mode);
    const out = path.join(dir, mode);
    expectCleanManifest(await generate(s, duckdb({ out, threads: 2 }), { seed: 13 }));
    const reader = await DuckdbReader.open(out);
    try {
      fits.set(mode, await keyLeakFits(s.toIR({ seed: 13 }), (q) => reader.query(q)));
    } finally {
      reader.close();
    }
  }
}, 300_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('identity-graph keys', () => {
  it('fit every table with a foreign key other than its own key', () => {
    const pairs = [...new Set((fits.get('opaque') ?? []).map((f) => `${f.table}.${f.foreignKey}`))];
    for (const p of ['individuals.household_id', 'identity_mappings.individual_id', 'identity_mappings.household_id', 'content_engagements.individual_id', 'campaign_exposures.individual_id', 'campaign_exposures.campaign_id', 'response_events.exposure_id', 'response_events.individual_id'])
      expect(pairs).toContain(p);
  });

  it('opaque (default): no id reveals its parent by division or shift', () => {
    expect(aboveChance(fits.get('opaque') ?? [])).toEqual([]);
  });

  it("structured: the same fits find individual_id ÷ 16, mapping_id ÷ 16, event_id ÷ 4096, response_id ÷ 4", () => {
    const whole = (fits.get('structured') ?? []).filter((f) => f.rows > 0 && f.matches === f.rows);
    const ks = (table: string, fk: string): number[] => whole.filter((f) => f.table === table && f.foreignKey === fk).map((f) => f.k);
    expect(ks('individuals', 'household_id')).toContain(16);
    expect(ks('identity_mappings', 'individual_id')).toContain(16);
    expect(ks('content_engagements', 'individual_id')).toContain(4096);
    expect(ks('response_events', 'exposure_id')).toContain(4);
  });
});
