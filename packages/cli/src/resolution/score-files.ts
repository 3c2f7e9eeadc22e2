/**
 * Scores a user's resolution file (record_id → cluster_id, Parquet or CSV) against the
 * `truth_source_records` table of a generated output. DuckDB joins the two and counts records
 * per (true individual, cluster) cell and stratum; the SDK's `scoreResolutionCells` turns the
 * cells into pairwise and B-cubed scores. Pairs are never enumerated.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DuckdbReader } from '@synthgraph/duckdb';
import { scoreResolutionCells, type ResolutionCell, type ResolutionMetrics } from '@synthgraph/presets';
import { UsageError } from '../cli-error.js';
import { enginesOf, type EngineImporter } from '../engines.js';
import { readManifest } from '../report/report-builder.js';

/** The answer key the scorer reads. */
export const TRUTH_TABLE = 'truth_source_records';

/** The score of a resolution file, as `score-resolution --json` prints it. */
export interface ResolutionFileScore {
  readonly truth: string;
  readonly clusters: string;
  /** Records in the truth table (all scored). */
  readonly records: number;
  /** Rows of the clusters file. */
  readonly clusterRows: number;
  /** Record ids in the clusters file that the truth table does not know (ignored). */
  readonly unknownRecordIds: number;
  /** Up to 5 of them, for the message. */
  readonly unknownExamples: readonly string[];
  /** Truth records absent from the clusters file or with a null cluster (scored as singletons). */
  readonly unclusteredRecords: number;
  readonly overall: ResolutionMetrics;
  /** Per source system (records of that source, pairs touching them). */
  readonly bySource: Readonly<Record<string, ResolutionMetrics>>;
  /** Per noise type (`none` = records with no noise applied). */
  readonly byNoise: Readonly<Record<string, ResolutionMetrics>>;
}

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;

function readerFor(file: string): string {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.parquet') return `read_parquet(${lit(file)})`;
  if (ext === '.csv') return `read_csv(${lit(file)}, header = true, all_varchar = true)`;
  throw new UsageError(`The clusters file ${file} is neither .parquet nor .csv.`, [{ path: '--clusters', message: 'must be a .parquet or .csv file', value: file, fix: 'write record_id,cluster_id as Parquet or CSV (with a header row)' }]);
}

async function columnsOf(db: DuckdbReader, relation: string): Promise<Map<string, string>> {
  const rows = await db.query(`DESCRIBE SELECT * FROM ${relation}`);
  return new Map(rows.map((r) => [String(r['column_name']), String(r['column_type'])]));
}

function requireColumns(have: ReadonlyMap<string, string>, need: readonly string[], where: string, option: string, fix: string): void {
  const missing = need.filter((c) => !have.has(c));
  if (missing.length)
    throw new UsageError(`${where} lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (it has ${[...have.keys()].join(', ') || 'none'}).`, missing.map((c) => ({ path: `${option}.${c}`, message: 'is missing', fix })));
}

/**
 * Scores the clusters file against the truth of an output directory.
 *
 * @example
 * ```ts
 * const s = await scoreResolutionFiles('./synthgraph-out', './my-clusters.parquet');
 * console.log(s.overall.pairwise.f1, s.bySource['crm']?.bcubed.f1);
 * ```
 * `importEngine` imports `@synthgraph/duckdb`, which joins the files (an `EngineMissingError` when it is not installed).
 */
export async function scoreResolutionFiles(truthDir: string, clustersFile: string, importEngine?: EngineImporter): Promise<ResolutionFileScore> {
  const manifest = await readManifest(truthDir);
  if (!manifest.tables[TRUTH_TABLE])
    throw new UsageError(`${truthDir} has no ${TRUTH_TABLE} table (tables: ${Object.keys(manifest.tables).join(', ')}).`, [{ path: '--truth', message: `has no ${TRUTH_TABLE}`, value: truthDir, fix: 'generate with the identity-graph preset (resolution.enabled: true) and keep the truth_* tables' }]);
  if (!existsSync(clustersFile)) throw new UsageError(`The clusters file ${clustersFile} does not exist.`, [{ path: '--clusters', message: 'does not exist', value: clustersFile, fix: 'pass the path of your record_id,cluster_id file' }]);
  const source = readerFor(clustersFile);
  const { DuckdbReader } = await enginesOf(importEngine).duckdb('score-resolution');
  const db = await DuckdbReader.open(truthDir, [TRUTH_TABLE]);
  try {
    const truthCols = await columnsOf(db, ident(TRUTH_TABLE));
    requireColumns(truthCols, ['record_id', 'individual_id'], `${TRUTH_TABLE} in ${truthDir}`, '--truth', 'regenerate the output with this version of synthgraph');
    let clusterCols: Map<string, string>;
    try {
      clusterCols = await columnsOf(db, source);
    } catch (e) {
      throw new UsageError(`The clusters file ${clustersFile} cannot be read: ${(e as Error).message}`, [{ path: '--clusters', message: 'cannot be read', value: clustersFile, fix: 'write a valid Parquet file or a CSV file with a header row' }]);
    }
    requireColumns(clusterCols, ['record_id', 'cluster_id'], `The clusters file ${clustersFile}`, '--clusters', 'write one row per record with the columns record_id and cluster_id');
    // Ids written as floating point (pandas, spreadsheets) are whole numbers: compare them as integers.
    const fractional = /^(DOUBLE|FLOAT|REAL|DECIMAL)/.test(clusterCols.get('record_id') ?? '');
    const rid = fractional ? 'CAST(CAST(record_id AS BIGINT) AS VARCHAR)' : 'CAST(record_id AS VARCHAR)';
    await db.query(`CREATE TEMP VIEW clusters AS SELECT ${rid} AS record_id, CAST(cluster_id AS VARCHAR) AS cluster_id FROM ${source}`);
    await db.query(`CREATE TEMP VIEW truth AS SELECT *, CAST(record_id AS VARCHAR) AS rid FROM ${ident(TRUTH_TABLE)}`);
    const dup = await db.query('SELECT count(*) AS n, min(record_id) AS example FROM (SELECT record_id FROM clusters GROUP BY record_id HAVING count(*) > 1)');
    const dupN = Number(dup[0]?.['n'] ?? 0);
    if (dupN > 0)
      throw new UsageError(`The clusters file ${clustersFile} lists ${dupN} record id${dupN > 1 ? 's' : ''} more than once (e.g. ${String(dup[0]?.['example'])}); a record belongs to one cluster.`, [{ path: '--clusters.record_id', message: 'has duplicates', value: dup[0]?.['example'], fix: 'keep one row per record_id' }]);
    const [counts] = await db.query(
      `SELECT (SELECT count(*) FROM clusters) AS rows, (SELECT count(*) FROM clusters c WHERE c.record_id IS NULL OR NOT EXISTS (SELECT 1 FROM truth t WHERE t.rid = c.record_id)) AS unknown, (SELECT count(*) FROM truth) AS records`,
    );
    const unknown = Number(counts?.['unknown'] ?? 0);
    const examples = unknown ? (await db.query('SELECT c.record_id FROM clusters c ANTI JOIN truth t ON t.rid = c.record_id ORDER BY 1 LIMIT 5')).map((r) => String(r['record_id'])) : [];
    const sources = truthCols.has('source_system') ? (await db.query('SELECT DISTINCT source_system AS s FROM truth WHERE source_system IS NOT NULL ORDER BY 1')).map((r) => String(r['s'])) : [];
    const noise = [...truthCols].filter(([c, t]) => c.startsWith('noise_') && t === 'BOOLEAN').map(([c]) => c);
    const strata: [label: string, predicate: string][] = [
      ...sources.map((s): [string, string] => [`source:${s}`, `source_system = ${lit(s)}`]),
      ...noise.map((c): [string, string] => [`noise:${c.slice('noise_'.length)}`, `${ident(c)}`]),
      ...(noise.length ? [['noise:none', `NOT (${noise.map((c) => `coalesce(${ident(c)}, false)`).join(' OR ')})`] as [string, string]] : []),
    ];
    const cells = await db.rows(
      `SELECT CAST(t.individual_id AS VARCHAR), CASE WHEN c.cluster_id IS NULL THEN 'u:' || t.rid ELSE 'c:' || c.cluster_id END AS cl, count(*)${strata.map(([, p]) => `, count(*) FILTER (WHERE ${p})`).join('')}
       FROM truth t LEFT JOIN clusters c ON c.record_id = t.rid GROUP BY ALL`,
    );
    const [unclustered] = await db.query('SELECT count(*) AS n FROM truth t LEFT JOIN clusters c ON c.record_id = t.rid WHERE c.cluster_id IS NULL');
    const score = scoreResolutionCells(
      cells.map((r): ResolutionCell => ({
        entity: String(r[0]),
        cluster: String(r[1]),
        count: Number(r[2]),
        strata: Object.fromEntries(strata.map(([label], i) => [label, Number(r[3 + i])])),
      })),
    );
    const group = (prefix: string): Record<string, ResolutionMetrics> =>
      Object.fromEntries(Object.entries(score.strata).filter(([l]) => l.startsWith(prefix)).map(([l, m]) => [l.slice(prefix.length), m]));
    return {
      truth: truthDir,
      clusters: clustersFile,
      records: Number(counts?.['records'] ?? 0),
      clusterRows: Number(counts?.['rows'] ?? 0),
      unknownRecordIds: unknown,
      unknownExamples: examples,
      unclusteredRecords: Number(unclustered?.['n'] ?? 0),
      overall: score.overall,
      bySource: group('source:'),
      byNoise: group('noise:'),
    };
  } finally {
    db.close();
  }
}
