/** The categorical charts: the share of each value of a column, beside the configured shares. */
import type { ReportTargets, TargetQuery } from './report-targets.js';
import { int, key, q, unavailable, type ReportSql, type Schema } from './report-sql.js';
import type { CategoricalDistribution, CategoryShare, Maybe } from './report-types.js';
import { isNumericLike, naturalCompare } from './report-order.js';

interface CategoricalSpec {
  readonly id: string;
  readonly title: string;
  readonly table: string;
  readonly column: string;
  readonly hints: readonly (readonly string[])[];
  readonly maxCategories?: number;
}

/** The categorical charts, in report order. */
export const CATEGORICAL: readonly CategoricalSpec[] = [
  { id: 'income_bracket', title: 'Household income bracket', table: 'households', column: 'income_bracket', hints: [['income']] },
  { id: 'housing_type', title: 'Housing type', table: 'households', column: 'housing_type', hints: [['housing']] },
  { id: 'location_state', title: 'Household state', table: 'households', column: 'location_state', hints: [['state'], ['location'], ['region']], maxCategories: 15 },
  { id: 'time_zone', title: 'Household time zone', table: 'households', column: 'time_zone', hints: [['time', 'zone']], maxCategories: 10 },
  { id: 'household_role', title: 'Household role', table: 'individuals', column: 'household_role', hints: [['role']] },
  { id: 'gender', title: 'Gender', table: 'individuals', column: 'gender', hints: [['gender']] },
  { id: 'education_level', title: 'Education level', table: 'individuals', column: 'education_level', hints: [['education']] },
  { id: 'employment_status', title: 'Employment status', table: 'individuals', column: 'employment_status', hints: [['employment']] },
  { id: 'identifier_type', title: 'Identifier type (identity mappings)', table: 'identity_mappings', column: 'identifier_type', hints: [['identifier']] },
  { id: 'engagement_type', title: 'Engagement type', table: 'content_engagements', column: 'engagement_type', hints: [['engagement']] },
  { id: 'content_category', title: 'Content category', table: 'content_engagements', column: 'content_category', hints: [['categor'], ['content']] },
  { id: 'device_type', title: 'Engagement device type', table: 'content_engagements', column: 'device_type', hints: [['device']] },
  { id: 'segment_primary', title: 'Primary audience segment', table: 'audience_attributes', column: 'segment_primary', hints: [['segment']] },
  { id: 'behavioral_classification', title: 'Behavioural classification', table: 'audience_attributes', column: 'behavioral_classification', hints: [['behavio'], ['classification']] },
  { id: 'exposure_channel', title: 'Exposure channel', table: 'campaign_exposures', column: 'channel', hints: [['channel', 'weight']] },
  { id: 'response_type', title: 'Response type', table: 'response_events', column: 'response_type', hints: [['response', 'type']] },
  { id: 'attribution_model', title: 'Attribution model', table: 'outcome_metrics', column: 'attribution_model', hints: [['attribution']] },
];

/** Every categorical chart, in report order. */
export async function categoricalDistributions(s: ReportSql, schema: Schema, targets: ReportTargets, defaultMax: number): Promise<Maybe<CategoricalDistribution>[]> {
  const out: Maybe<CategoricalDistribution>[] = [];
  for (const spec of CATEGORICAL) out.push(await categoricalDistribution(s, schema, targets, spec, defaultMax));
  return out;
}

async function categoricalDistribution(s: ReportSql, schema: Schema, targets: ReportTargets, spec: CategoricalSpec, defaultMax: number): Promise<Maybe<CategoricalDistribution>> {
  const why = schema.missing(spec.table, spec.column);
  if (why) return unavailable(spec.id, spec.title, why);
  const rows = await s.run(q.counts(spec.table, q.text(q.col('t', spec.column))));
  const counts = new Map<string, number>(rows.map((r) => [key(r['k']), int(r['n'])]));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const observed = [...counts.keys()].filter((v) => v !== '(null)');
  const query: TargetQuery = { id: spec.id, table: spec.table, column: spec.column, hints: spec.hints };
  const target = targets.categorical(query, observed);
  // Numbers and id-like values in value order (1, 2, 10), other values most frequent first.
  const byValue = isNumericLike([...counts.keys()]);
  const byCount = [...counts.entries()].sort((a, b) => (byValue ? naturalCompare(a[0], b[0]) : b[1] - a[1] || naturalCompare(a[0], b[0]))).map(([v]) => v);
  const targetKeys = target ? Object.keys(target.shares) : [];
  const order = [...targetKeys, ...byCount.filter((v) => !(target && v in target.shares))];
  const max = Math.max(spec.maxCategories ?? defaultMax, targetKeys.length);
  const shown = order.slice(0, max);
  const otherCount = order.slice(max).reduce((a, v) => a + (counts.get(v) ?? 0), 0);
  const share = (n: number): number => (total ? n / total : 0);
  const categories: CategoryShare[] = shown.map((value) => ({ value, count: counts.get(value) ?? 0, share: share(counts.get(value) ?? 0), target: target ? (target.shares[value] ?? 0) : null }));
  const maxAbsDiff = target ? Math.max(0, ...order.map((v) => Math.abs(share(counts.get(v) ?? 0) - (target.shares[v] ?? 0)))) : null;
  return { status: 'ok', id: spec.id, title: spec.title, table: spec.table, column: spec.column, total, categories, otherCount, target, maxAbsDiff };
}
