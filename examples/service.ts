/**
 * Example: synthgraph from a TypeScript service. Validates an identity-graph config (every
 * problem with its path and fix), generates it with the embedded DuckDB engine into a temporary
 * directory, reads a few rows back with DuckdbReader and prints a summary. Run it with
 *
 *   node_modules/.bin/tsx --conditions=source examples/service.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatIssues, generate, type Manifest } from '@synthgraph/core';
import { duckdb, DuckdbReader } from '@synthgraph/duckdb';
import { getPreset, type IdentityGraphConfigInput } from '@synthgraph/presets';

/** What the service was asked for (e.g. a request body): every field optional, defaults fill the rest. */
export const request: IdentityGraphConfigInput = {
  run: { seed: 2024 },
  households: { num_households: 1000 },
  engagement: { time_period_days: 60, events_per_person: { mean: 12 } },
  campaigns: { num_campaigns: 4, duration_days: { min: 7, max: 30 }, channels: ['email', 'social', 'ctv'] },
};

/** The numbers the service reports back. */
export interface DatasetSummary {
  readonly seed: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly failedChecks: readonly string[];
  readonly sampleHouseholds: readonly Record<string, unknown>[];
  readonly segments: readonly Record<string, unknown>[];
  readonly funnel: readonly Record<string, unknown>[];
}

/** Validates, generates into `out` and summarizes. Throws the preset's issues when the input is invalid. */
export async function generateDataset(input: IdentityGraphConfigInput, out: string): Promise<DatasetSummary> {
  const preset = getPreset('identity-graph');
  const checked = preset.validateConfig(input);
  if (!checked.ok) throw new Error(`invalid config:\n${formatIssues(checked.issues)}`);
  for (const w of checked.warnings) console.warn(`warning: ${w.path}: ${w.message}`);
  const seed = checked.config.run.seed ?? 42;

  const manifest: Manifest = await generate(preset.build(checked.config), duckdb({ out, threads: 2 }), { seed });

  const reader = await DuckdbReader.open(out);
  try {
    return {
      seed: manifest.seed,
      rows: Object.fromEntries(Object.entries(manifest.tables).map(([t, r]) => [t, r.rows])),
      failedChecks: manifest.checks.filter((c) => c.violations > 0).map((c) => c.name),
      sampleHouseholds: await reader.query(
        'SELECT household_id, location_city, location_state, income_bracket, household_size FROM households ORDER BY household_id LIMIT 3',
      ),
      segments: await reader.query(
        'SELECT segment_primary, count(*)::INTEGER AS individuals, round(avg(propensity_to_convert), 3) AS mean_propensity FROM audience_attributes GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5',
      ),
      funnel: await reader.query(`
        SELECT c.campaign_id,
               (SELECT count(*)::INTEGER FROM campaign_exposures x WHERE x.campaign_id = c.campaign_id) AS exposures,
               (SELECT count(*)::INTEGER FROM response_events r WHERE r.campaign_id = c.campaign_id) AS responses,
               (SELECT count(DISTINCT o.response_id)::INTEGER FROM outcome_metrics o WHERE o.campaign_id = c.campaign_id) AS conversions
        FROM campaigns c ORDER BY c.campaign_id`),
    };
  } finally {
    reader.close();
  }
}

async function main(): Promise<void> {
  const out = await mkdtemp(path.join(tmpdir(), 'synthgraph-service-'));
  try {
    const s = await generateDataset(request, path.join(out, 'dataset'));
    console.log(`seed ${s.seed}: ${Object.values(s.rows).reduce((a, b) => a + b, 0).toLocaleString('en-US')} rows in ${Object.keys(s.rows).length} tables`);
    console.table(s.rows);
    console.log(s.failedChecks.length ? `FAILED checks: ${s.failedChecks.join(', ')}` : 'every check passed');
    console.table(s.sampleHouseholds);
    console.table(s.segments);
    console.table(s.funnel);
    if (s.failedChecks.length) process.exitCode = 1;

    // An invalid request never reaches the engine: the issues name the field and the fix.
    await generateDataset({ households: { num_households: 0 } }, path.join(out, 'never')).catch((e: Error) => console.log(e.message));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
