/**
 * Example: synthgraph from a TypeScript service (explained in docs/guides/embedding-in-a-service.md).
 * A request's config is validated (every problem with its path and fix), generated with the
 * embedded DuckDB engine into a directory of its own with progress events and an AbortSignal,
 * read back with DuckdbReader and summarized; errors map to statuses by their typed code.
 * Run it with
 *
 *   node_modules/.bin/tsx --conditions=source examples/service.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancelledError, ConfigError, generate, SynthgraphError, type Manifest, type ProgressEvent } from '@synthgraph/core';
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

/** How a caller follows and stops a run. */
export interface RunControls {
  /** Called for every progress event (plan, each table, each check, done). */
  readonly onProgress?: (e: ProgressEvent) => void;
  /** Aborting it cancels the run: `generate` rejects with a `CancelledError` and writes nothing. */
  readonly signal?: AbortSignal;
}

/**
 * Validates, generates into `out` and summarizes. Throws a `ConfigError` listing every problem
 * (path, value, fix) when the input is invalid, before anything runs.
 */
export async function generateDataset(input: IdentityGraphConfigInput, out: string, controls: RunControls = {}): Promise<DatasetSummary> {
  const preset = getPreset('identity-graph');
  const checked = preset.validateConfig(input);
  if (!checked.ok) throw new ConfigError(checked.issues, 'The request body is not a valid identity-graph config');
  for (const w of checked.warnings) console.warn(`warning: ${w.path}: ${w.message}`);
  const seed = checked.config.run.seed ?? 42;

  const manifest: Manifest = await generate(preset.build(checked.config), duckdb({ out, threads: 2 }), { seed, ...controls });

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
               (SELECT count(DISTINCT o.response_id)::INTEGER FROM outcome_metrics o WHERE o.conversion_campaign_id = c.campaign_id) AS conversions
        FROM campaigns c ORDER BY c.campaign_id`),
    };
  } finally {
    reader.close();
  }
}

/** A response of the service: an HTTP-like status and a JSON body. */
export interface ServiceResponse {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

/** Maps what a run threw to a response: the typed code says whose fault it is. */
export function errorResponse(e: unknown): ServiceResponse {
  if (e instanceof ConfigError) return { status: 400, body: { code: e.code, issues: e.issues } };
  if (e instanceof CancelledError) return { status: 499, body: { code: e.code, message: e.message } };
  if (e instanceof SynthgraphError) return { status: e.code === 'OUTPUT_LOCKED' ? 409 : 500, body: { code: e.code, message: e.message } };
  return { status: 500, body: { code: 'INTERNAL', message: String(e) } };
}

/** One request: its own output directory, progress to the log, cancellation through `signal`. */
export async function handle(input: IdentityGraphConfigInput, workDir: string, signal?: AbortSignal): Promise<ServiceResponse> {
  const out = await mkdtemp(path.join(workDir, 'request-'));
  const onProgress = (e: ProgressEvent): void => {
    if (e.phase === 'table' && e.state === 'finished') console.log(`  [${e.step}/${e.steps}] ${e.table}: ${e.rows ?? 0} rows`);
  };
  try {
    const summary = await generateDataset(input, out, { onProgress, ...(signal ? { signal } : {}) });
    return { status: summary.failedChecks.length ? 500 : 200, body: { ...summary } };
  } catch (e) {
    return errorResponse(e);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'synthgraph-service-'));
  // Ctrl-C cancels the run in flight; the process then exits 130, as the CLI does.
  const shutdown = new AbortController();
  const onSigint = (): void => shutdown.abort();
  process.once('SIGINT', onSigint);
  try {
    const ok = await handle(request, work, shutdown.signal);
    if (ok.status !== 200) {
      console.error(`request failed (${ok.status}):`, ok.body);
      process.exitCode = shutdown.signal.aborted ? 130 : 1;
      return;
    }
    const s = ok.body as unknown as DatasetSummary;
    console.log(`seed ${s.seed}: ${Object.values(s.rows).reduce((a, b) => a + b, 0).toLocaleString('en-US')} rows in ${Object.keys(s.rows).length} tables`);
    console.table(s.rows);
    console.log('every check passed');
    console.table(s.sampleHouseholds);
    console.table(s.segments);
    console.table(s.funnel);

    // An invalid request never reaches the engine: 400 with every issue's path and fix.
    const invalid = await handle({ households: { num_households: 0 } }, work);
    console.log(invalid.status, JSON.stringify(invalid.body));

    // A request whose client went away: aborting after the first table cancels the run (499).
    const client = new AbortController();
    const cancelled = await generateDataset(request, path.join(work, 'cancelled'), {
      signal: client.signal,
      onProgress: (e) => {
        if (e.phase === 'table' && e.state === 'finished') client.abort();
      },
    }).then(
      () => ({ status: 200, body: {} }),
      (e: unknown) => errorResponse(e),
    );
    console.log(cancelled.status, JSON.stringify(cancelled.body));
    if (invalid.status !== 400 || cancelled.status !== 499) process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSigint);
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
