/**
 * Example: two identity-resolution baselines over `source_records`, scored against the answer
 * key `truth_source_records` with the SDK's `scoreResolution`. The walkthrough is
 * docs/guides/benchmarking-identity-resolution.md; run it with
 *
 *   node_modules/.bin/tsx --conditions=source examples/resolution-baselines.ts [OUT_DIR] [HOUSEHOLDS]
 *
 * It generates the identity graph (default config, 20,000 households, seed 42) into OUT_DIR
 * (default ./resolution-out) unless a generated output is already there, runs both baselines
 * in DuckDB and prints pairwise and B-cubed precision / recall / F1 for each.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate } from '@synthgraph/core';
import { duckdb, DuckdbReader } from '@synthgraph/duckdb';
import { identityGraph, NOISE_TYPES, scoreResolution, type ResolutionRecord, type ResolutionScore } from '@synthgraph/presets';

/** A record left alone by a rule is its own cluster. */
const SINGLETON = "'r' || record_id";

/** Birth date normalized to YYYY-MM-DD (accepts MM/DD/YYYY); NULL when only the year is known. */
const DOB = `CASE WHEN date_of_birth LIKE '__/__/____' THEN substr(date_of_birth, 7, 4) || '-' || substr(date_of_birth, 1, 2) || '-' || substr(date_of_birth, 4, 2)
  WHEN length(date_of_birth) = 10 THEN date_of_birth END`;

/**
 * The baselines: SQL over `source_records` returning one row per record with `record_id` and
 * `cluster_id` (records with the same cluster_id are claimed to be the same person).
 */
export const BASELINES = {
  /** Exact match on the email address (case and surrounding spaces ignored). */
  exact_email: `SELECT record_id, coalesce('e:' || lower(trim(email)), ${SINGLETON}) AS cluster_id FROM source_records`,
  /** A simple fuzzy rule: same first initial, same last name (case-insensitive) and same birth date, whatever its format. */
  fuzzy_name_dob: `SELECT record_id,
      coalesce('f:' || lower(substr(first_name, 1, 1)) || '|' || lower(trim(last_name)) || '|' || (${DOB}), ${SINGLETON}) AS cluster_id
    FROM source_records`,
} as const;
/** A baseline's name. */
export type BaselineName = keyof typeof BASELINES;

/**
 * Scores a clustering query (record_id, cluster_id) against the truth of an output: overall,
 * per source system and per noise flag.
 */
export async function scoreQuery(reader: DuckdbReader, clustersSql: string): Promise<ResolutionScore> {
  const flags = NOISE_TYPES.map((n) => `t.noise_${n}`).join(', ');
  const rows = await reader.rows(`SELECT t.individual_id, c.cluster_id, t.source_system, ${flags} FROM truth_source_records t JOIN (${clustersSql}) c USING (record_id)`);
  const records = rows.map(
    (r): ResolutionRecord => ({
      entity: String(r[0]),
      cluster: String(r[1]),
      strata: [`source:${String(r[2])}`, ...NOISE_TYPES.filter((_, i) => r[3 + i] === true).map((n) => `noise:${n}`)],
    }),
  );
  return scoreResolution(records);
}

/** Runs every baseline over a generated output directory. */
export async function runBaselines(dir: string): Promise<Record<BaselineName, ResolutionScore>> {
  const reader = await DuckdbReader.open(dir, ['source_records', 'truth_source_records']);
  try {
    const out: Partial<Record<BaselineName, ResolutionScore>> = {};
    for (const name of Object.keys(BASELINES) as BaselineName[]) out[name] = await scoreQuery(reader, BASELINES[name]);
    return out as Record<BaselineName, ResolutionScore>;
  } finally {
    reader.close();
  }
}

async function main(): Promise<void> {
  const dir = path.resolve(process.argv[2] ?? 'resolution-out');
  const households = Number(process.argv[3] ?? 20_000);
  if (!existsSync(path.join(dir, 'manifest.json'))) await generate(identityGraph({ households: { num_households: households } }), duckdb({ out: dir }), { seed: 42 });
  const scores = await runBaselines(dir);
  const f = (x: number): string => x.toFixed(3);
  console.log('baseline          pairwise P / R / F1      B-cubed P / R / F1');
  for (const [name, s] of Object.entries(scores)) {
    const { pairwise: p, bcubed: b } = s.overall;
    console.log(`${name.padEnd(16)}  ${f(p.precision)} ${f(p.recall)} ${f(p.f1)}      ${f(b.precision)} ${f(b.recall)} ${f(b.f1)}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
