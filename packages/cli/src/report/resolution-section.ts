/**
 * The identity-resolution difficulty section: how many records each person has, how noisy they
 * are (per noise type and per source system) and what the exact-email baseline scores against
 * the answer key (pairwise precision and recall, counted per group, never by enumerating pairs).
 */
import { sql, type SqlExpr, type SqlFrom, type SqlSelect } from '@synthgraph/core';
import { int, key, q, ratio, unavailable, type ReportSql, type Schema } from './report-sql.js';
import type { Maybe, ResolutionData } from './report-types.js';

const TRUTH = 'truth_source_records';
const RECORDS = 'source_records';

/** `sum(n · (n − 1))` over the groups of `select` (its count column `n`): twice the pairs inside groups. */
function pairSum(select: SqlSelect): SqlSelect {
  const n = q.col('g', 'n');
  return sql.select([q.item('p', sql.agg('sum', sql.binary('*', n, sql.binary('-', n, sql.int(1)))))], sql.subquery(select, 'g'));
}

/** Pairwise precision and recall of "same lower-cased email ⇒ same person". */
async function exactEmailBaseline(s: ReportSql): Promise<ResolutionData['exactEmail']> {
  const email = sql.call('lower', [q.col('r', 'email')]);
  const hasEmail = q.notNull(q.col('r', 'email'));
  const joined: SqlFrom = sql.join('inner', sql.table(RECORDS, 'r'), sql.table(TRUTH, 't'), q.on('r', 't', 'record_id'));
  const cells = sql.select([q.item('e', q.col('t', 'individual_id')), q.item('c', email), q.item('n', sql.countStar())], joined, hasEmail, [q.col('t', 'individual_id'), email]);
  const clusters = sql.select([q.item('c', email), q.item('n', sql.countStar())], sql.table(RECORDS, 'r'), hasEmail, [email]);
  const people = sql.select([q.item('e', q.col('t', 'individual_id')), q.item('n', sql.countStar())], sql.table(TRUTH, 't'), null, [q.col('t', 'individual_id')]);
  const [tp, predicted, truth] = await Promise.all([cells, clusters, people].map(async (x) => int((await s.run(pairSum(x)))[0]?.['p']) / 2));
  const precision = ratio(tp as number, predicted as number);
  const recall = ratio(tp as number, truth as number);
  const f1 = precision === null || recall === null || precision + recall === 0 ? null : (2 * precision * recall) / (precision + recall);
  return { truePairs: truth as number, predictedPairs: predicted as number, truePositivePairs: tp as number, precision, recall, f1 };
}

/**
 * The identity-resolution difficulty of an output with `source_records` and its answer key.
 *
 * @example
 * ```ts
 * const r = await resolutionData(s, schema);
 * if (r.status === 'ok') console.log(r.recordsPerPerson, r.exactEmail.recall);
 * ```
 */
export async function resolutionData(s: ReportSql, schema: Schema): Promise<Maybe<ResolutionData>> {
  const title = 'Identity resolution difficulty';
  const why = schema.missing(TRUTH, 'record_id', 'individual_id', 'source_system') ?? schema.missing(RECORDS, 'record_id', 'email');
  if (why) return unavailable('resolution', title, why);
  const flags = [...(schema.columns.get(TRUTH) ?? [])].filter((c) => c.startsWith('noise_')).sort();
  const t = (c: string): SqlExpr => q.col('t', c);
  const anyNoise: SqlExpr = flags.length ? flags.map((f) => t(f)).reduce((a, b) => sql.binary('or', a, b)) : sql.lit(false, 'boolean');
  const [totals] = await s.run(
    sql.select(
      [
        q.item('records', sql.countStar()),
        q.item('people', sql.agg('countDistinct', t('individual_id'))),
        q.item('noisy', sql.agg('countIf', null, anyNoise)),
        ...flags.map((f) => q.item(f, sql.agg('countIf', null, t(f)))),
      ],
      sql.table(TRUTH, 't'),
    ),
  );
  const records = int(totals?.['records']);
  const people = int(totals?.['people']);
  const duplicates = flags.includes('noise_duplicate') ? int(totals?.['noise_duplicate']) : null;
  const individuals = schema.has('individuals', 'individual_id') ? int((await s.run(sql.select([q.item('n', sql.countStar())], sql.table('individuals', 'i'))))[0]?.['n']) : null;
  const bySourceRows = await s.run(sql.select([q.item('k', t('source_system')), q.item('n', sql.countStar()), q.item('noisy', sql.agg('countIf', null, anyNoise))], sql.table(TRUTH, 't'), null, [t('source_system')]));
  return {
    status: 'ok',
    records,
    people,
    individuals,
    recordsPerPerson: ratio(records, people),
    duplicatesPerPerson: duplicates === null ? null : ratio(duplicates, people),
    noisyShare: ratio(int(totals?.['noisy']), records),
    noiseRates: flags.map((f) => ({ noise: f.slice('noise_'.length), records: int(totals?.[f]), rate: ratio(int(totals?.[f]), records) })),
    bySource: bySourceRows.map((r) => ({ source: key(r['k']), records: int(r['n']), noisyShare: ratio(int(r['noisy']), int(r['n'])) })).sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)),
    exactEmail: await exactEmailBaseline(s),
  };
}
