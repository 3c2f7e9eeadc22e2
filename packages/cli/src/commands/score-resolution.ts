import path from 'node:path';
import type { ResolutionMetrics } from '@synthgraph/presets';
import { EXIT } from '../cli-error.js';
import type { CliIO } from '../io.js';
import { parse, throwIfIssues } from '../options.js';
import { scoreResolutionFiles, type ResolutionFileScore } from '../resolution/score-files.js';

export const SCORE_RESOLUTION_HELP = `Usage: synthgraph score-resolution --truth DIR --clusters FILE [--json]

Scores an entity resolution of source_records against the answer key truth_source_records
of an output directory: pairwise precision, recall and F1 (over pairs of records) and B-cubed
precision, recall and F1 (per record), overall, per source system and per noise type. A
stratum scores the pairs with at least one record in it. Pairs are counted per cluster, never
enumerated, so millions of records score in seconds.

Options:
  --truth DIR         the output directory written by 'synthgraph generate' (with truth_source_records)
  --clusters FILE     your resolution: a .parquet or .csv file (header row) with the columns
                      record_id and cluster_id, one row per record. Records you leave out count
                      as singletons; record ids the truth does not know are counted and ignored.
  --json              print the scores as JSON on stdout:
                      { "records", "clusterRows", "unknownRecordIds", "unclusteredRecords",
                        "overall", "bySource": { SOURCE: metrics }, "byNoise": { NOISE: metrics } }
                      where metrics = { "records", "truePairs", "predictedPairs", "truePositivePairs",
                        "pairwise": { "precision", "recall", "f1" }, "bcubed": { … } }
  -h, --help          this help

Exit codes: 0 scored, 2 invalid input (no truth table, unreadable clusters file, missing
columns, a record id listed twice).`;

const fmt = (x: number): string => x.toFixed(3);
const row = (name: string, m: ResolutionMetrics): string =>
  `${name.padEnd(20)} ${String(m.records).padStart(9)}  ${fmt(m.pairwise.precision)}  ${fmt(m.pairwise.recall)}  ${fmt(m.pairwise.f1)}   ${fmt(m.bcubed.precision)}  ${fmt(m.bcubed.recall)}  ${fmt(m.bcubed.f1)}`;

/** The human-readable score table. */
function render(s: ResolutionFileScore): string {
  const lines = [
    `${s.records.toLocaleString('en-US')} truth records; ${s.clusterRows.toLocaleString('en-US')} rows in ${s.clusters}`,
    ...(s.unknownRecordIds ? [`warning: ${s.unknownRecordIds} record id(s) not in the truth were ignored (e.g. ${s.unknownExamples.join(', ')})`] : []),
    ...(s.unclusteredRecords ? [`note: ${s.unclusteredRecords} truth record(s) without a cluster were scored as singletons`] : []),
    '',
    `${'stratum'.padEnd(20)} ${'records'.padStart(9)}  pairwise P / R / F1      B-cubed P / R / F1`,
    row('overall', s.overall),
    ...Object.entries(s.bySource).map(([k, m]) => row(`source ${k}`, m)),
    ...Object.entries(s.byNoise).map(([k, m]) => row(`noise ${k}`, m)),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * `synthgraph score-resolution`.
 *
 * @example
 * ```ts
 * const code = await scoreResolutionCommand(['--truth', 'out', '--clusters', 'clusters.csv'], processIO());
 * ```
 */
export async function scoreResolutionCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { truth: { type: 'string' }, clusters: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, 'score-resolution');
  if (values['help']) {
    io.stdout.write(`${SCORE_RESOLUTION_HELP}\n`);
    return EXIT.ok;
  }
  throwIfIssues(
    [
      ...(values['truth'] === undefined ? [{ path: '--truth', message: 'is required', fix: 'synthgraph score-resolution --truth ./synthgraph-out --clusters clusters.csv' }] : []),
      ...(values['clusters'] === undefined ? [{ path: '--clusters', message: 'is required', fix: 'synthgraph score-resolution --truth ./synthgraph-out --clusters clusters.csv' }] : []),
    ],
    'score-resolution',
  );
  const score = await scoreResolutionFiles(path.resolve(io.cwd, String(values['truth'])), path.resolve(io.cwd, String(values['clusters'])), io.importEngine);
  if (values['json']) io.stdout.write(`${JSON.stringify(score, null, 2)}\n`);
  else {
    io.stdout.write(render(score));
    if (score.unknownRecordIds) io.stderr.write(`warning: ${score.unknownRecordIds} record id(s) in ${score.clusters} are not in the truth table and were ignored.\n`);
  }
  return EXIT.ok;
}
