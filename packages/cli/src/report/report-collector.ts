/**
 * Computes the report's numbers from an output directory: one aggregate query per chart over
 * the tables the manifest lists. Every section checks the tables and columns it needs and
 * says what is missing instead of failing.
 */
import type { Manifest } from '@synthgraph/core';
import { niceStep } from './svg-charts.js';
import { ReportTargets, type TargetQuery } from './report-targets.js';
import {
  REPORT_VERSION,
  type ActivityData,
  type CategoricalDistribution,
  type CategoryShare,
  type ChecksSummary,
  type FunnelData,
  type FunnelRow,
  type HistogramBin,
  type IdentityGraphData,
  type Lifetimes,
  type Maybe,
  type NumericDistribution,
  type NumericStats,
  type NumericTarget,
  type ReportData,
  type RunSummary,
  type SharedDevices,
  type TableSummary,
  type Unavailable,
} from './report-types.js';

/** What the collector needs from a database: JSON-friendly rows for a query. */
export interface ReportQueryable {
  query(sql: string): Promise<Record<string, unknown>[]>;
}

/** Options of {@link collectReport}. */
export interface CollectOptions {
  /** Categories shown per categorical chart before the rest are summed as "other" (default 20). */
  readonly maxCategories?: number;
  /** The generator string recorded in the report. */
  readonly generator?: string;
  /** Why the tables could not be read (with a null database), shown as a note. */
  readonly unreadable?: string;
}

/**
 * Identifier types that stand for household devices in the shared-device rate.
 *
 * @example
 * ```ts
 * SHARED_DEVICE_TYPES.includes('ctv_id'); // true
 * ```
 */
export const SHARED_DEVICE_TYPES = ['ctv_id', 'ip_address'] as const;

/** Quotes an identifier. */
const qi = (name: string): string => `"${name.replace(/"/g, '""')}"`;
/** Quotes a string literal. */
const ql = (s: string): string => `'${s.replace(/'/g, "''")}'`;
/** A double literal (never a DECIMAL). */
const qd = (n: number): string => `CAST(${ql(String(n))} AS DOUBLE)`;

/**
 * A number from a JSON-friendly DuckDB value (BIGINTs and DECIMALs arrive as strings).
 * Fractions are rounded to 12 significant digits: parallel aggregation sums doubles in no fixed
 * order, and the last bits must not make two reports of the same output differ.
 */
function num(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return null;
  return Number.isInteger(n) ? n : Number(n.toPrecision(12));
}
const int = (v: unknown): number => num(v) ?? 0;
const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);

interface CategoricalSpec {
  readonly id: string;
  readonly title: string;
  readonly table: string;
  readonly column: string;
  readonly hints: readonly (readonly string[])[];
  readonly maxCategories?: number;
}

/** The categorical charts, in report order. */
const CATEGORICAL: readonly CategoricalSpec[] = [
  { id: 'income_bracket', title: 'Household income bracket', table: 'households', column: 'income_bracket', hints: [['income']] },
  { id: 'housing_type', title: 'Housing type', table: 'households', column: 'housing_type', hints: [['housing']] },
  { id: 'location_state', title: 'Household state', table: 'households', column: 'location_state', hints: [['state'], ['location'], ['region']], maxCategories: 15 },
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

const HOUSEHOLD_SIZE_HINTS = [['household', 'size'], ['size', 'distribution']] as const;

/** The spec's tables, to name the absent ones. */
const SPEC_TABLES = [
  'households',
  'individuals',
  'identity_mappings',
  'content_engagements',
  'viewership_patterns',
  'audience_attributes',
  'campaigns',
  'campaign_exposures',
  'response_events',
  'outcome_metrics',
] as const;

class Schema {
  constructor(readonly columns: ReadonlyMap<string, ReadonlySet<string>>) {}
  has(table: string, ...cols: string[]): boolean {
    const c = this.columns.get(table);
    return c !== undefined && cols.every((x) => c.has(x));
  }
  /** Why `table` with `cols` cannot be used, or null when it can. */
  missing(table: string, ...cols: string[]): string | null {
    const c = this.columns.get(table);
    if (!c) return `table ${table} is absent`;
    const gone = cols.filter((x) => !c.has(x));
    return gone.length ? `column${gone.length > 1 ? 's' : ''} ${gone.map((g) => `${table}.${g}`).join(', ')} ${gone.length > 1 ? 'are' : 'is'} absent` : null;
  }
}

const unavailable = (id: string, title: string, reason: string): Unavailable => ({ status: 'unavailable', id, title, reason });

/**
 * Collects the report's data (see {@link ReportData}) with one aggregate query per chart.
 * With a null database only the manifest's sections are filled.
 *
 * @example
 * ```ts
 * const reader = await DuckdbReader.open('./out');
 * const data = await collectReport(reader, manifest);
 * reader.close();
 * ```
 */
export async function collectReport(db: ReportQueryable | null, manifest: Manifest, options: CollectOptions = {}): Promise<ReportData> {
  const notes: string[] = [];
  const q = async (sql: string): Promise<Record<string, unknown>[]> => {
    if (!db) throw new Error('no tables can be read');
    return db.query(sql);
  };
  const names = new Set(Object.keys(manifest.tables));
  const cols = new Map<string, Set<string>>();
  if (db) {
    try {
      await q("SET TimeZone = 'UTC'");
    } catch {
      // Without ICU there are no time zones and timestamps are UTC already.
    }
    for (const r of await q(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main' ORDER BY table_name, ordinal_position`)) {
      const t = String(r['table_name']);
      if (!names.has(t)) continue;
      if (!cols.has(t)) cols.set(t, new Set());
      cols.get(t)?.add(String(r['column_name']));
    }
  } else notes.push(options.unreadable ?? 'The tables could not be read; only the manifest is shown.');
  const schema = new Schema(cols);
  const targets = new ReportTargets(manifest);
  const absent = SPEC_TABLES.filter((t) => !schema.columns.has(t));
  if (absent.length) notes.push(`Tables of the identity-graph spec absent from this output: ${absent.join(', ')}. Sections that need them say so below.`);

  const tables = await tableSummaries(q, manifest, schema);
  const categorical: Maybe<CategoricalDistribution>[] = [];
  for (const spec of CATEGORICAL) categorical.push(await categoricalDistribution(q, schema, targets, spec, options.maxCategories ?? 20));
  const numeric = await numericDistributions(q, schema, targets);
  const activity = await activityData(q, schema, targets);
  const identityGraph = await identityGraphData(q, schema, targets);
  const funnel = await funnelData(q, schema, targets);

  for (const m of [...categorical, ...numeric, activity, identityGraph.identifiersPerPerson, identityGraph.personsPerHousehold, identityGraph.sharedDevices, identityGraph.lifetimes, funnel]) {
    if (m.status === 'unavailable') notes.push(`${m.title}: not shown — ${m.reason}.`);
  }
  for (const t of tables) {
    if (t.countedRows !== null && t.countedRows !== t.rows) notes.push(`Table ${t.name}: the manifest records ${t.rows} rows but its files hold ${t.countedRows}.`);
  }
  return {
    reportVersion: REPORT_VERSION,
    generator: options.generator ?? 'synthgraph report',
    summary: runSummary(manifest),
    tables,
    checks: checksSummary(manifest),
    distributions: { categorical, numeric },
    activity,
    identityGraph,
    funnel,
    notes,
  };
}

function runSummary(m: Manifest): RunSummary {
  return {
    scenario: m.scenario,
    synthgraph: m.synthgraph,
    seed: m.seed,
    engine: m.engine,
    format: m.format,
    irHash: m.irHash,
    irVersion: m.irVersion,
    totalRows: m.totalRows,
    tableCount: Object.keys(m.tables).length,
    elapsedMs: m.elapsedMs,
    batches: (m.batches ?? []).map((b) => ({ index: b.index, seed: b.seed, irHash: b.irHash, rows: Object.values(b.rows).reduce((a, n) => a + n, 0) })),
  };
}

function checksSummary(m: Manifest): ChecksSummary {
  const items = m.checks.map((c) => ({ name: c.name, table: c.table, violations: c.violations, passed: c.violations === 0 }));
  const passed = items.filter((c) => c.passed).length;
  return { total: items.length, passed, failed: items.length - passed, items };
}

type Q = (sql: string) => Promise<Record<string, unknown>[]>;

async function tableSummaries(q: Q, m: Manifest, schema: Schema): Promise<TableSummary[]> {
  const out: TableSummary[] = [];
  for (const [name, t] of Object.entries(m.tables)) {
    let countedRows: number | null = null;
    if (schema.columns.has(name)) {
      try {
        countedRows = int((await q(`SELECT count(*) AS n FROM ${qi(name)}`))[0]?.['n']);
      } catch {
        countedRows = null;
      }
    }
    out.push({ name, rows: t.rows, countedRows, bytes: t.bytes, files: t.files.length, elapsedMs: t.elapsedMs, contentHash: t.contentHash });
  }
  return out;
}

async function categoricalDistribution(q: Q, schema: Schema, targets: ReportTargets, spec: CategoricalSpec, defaultMax: number): Promise<Maybe<CategoricalDistribution>> {
  const why = schema.missing(spec.table, spec.column);
  if (why) return unavailable(spec.id, spec.title, why);
  const rows = await q(`SELECT CAST(${qi(spec.column)} AS VARCHAR) AS v, count(*) AS n FROM ${qi(spec.table)} GROUP BY 1`);
  const counts = new Map<string, number>(rows.map((r) => [r['v'] === null ? '(null)' : String(r['v']), int(r['n'])]));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const observed = [...counts.keys()].filter((v) => v !== '(null)');
  const query: TargetQuery = { id: spec.id, table: spec.table, column: spec.column, hints: spec.hints };
  const target = targets.categorical(query, observed);
  const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([v]) => v);
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

/** Statistics and a histogram of the column `x` of `source` (a SELECT). */
async function numericDistribution(
  q: Q,
  d: { id: string; title: string; description: string; source: string; integer: boolean; target: NumericTarget | null; maxBins?: number },
): Promise<NumericDistribution> {
  const s = (await q(
    `SELECT count(x) AS n, avg(x) AS mean, stddev_pop(x) AS sd, min(x) AS mn, max(x) AS mx, quantile_cont(x, 0.5) AS p50 FROM (SELECT CAST(x AS DOUBLE) AS x FROM (${d.source}) src) s`,
  ))[0];
  const stats: NumericStats = { count: int(s?.['n']), mean: num(s?.['mean']), sd: num(s?.['sd']), min: num(s?.['mn']), p50: num(s?.['p50']), max: num(s?.['mx']) };
  const base = { id: d.id, title: d.title, description: d.description, stats, target: d.target };
  if (!stats.count || stats.min === null || stats.max === null) return { ...base, bins: [] };
  const { lo, width, count } = binning(stats.min, stats.max, d.integer, d.maxBins ?? 40);
  const rows = await q(
    `SELECT least(CAST(floor((x - ${qd(lo)}) / ${qd(width)}) AS BIGINT), ${count - 1}) AS b, count(*) AS n FROM (SELECT CAST(x AS DOUBLE) AS x FROM (${d.source}) src) s WHERE x IS NOT NULL GROUP BY 1`,
  );
  const byBin = new Map(rows.map((r) => [int(r['b']), int(r['n'])]));
  const bins: HistogramBin[] = [];
  for (let i = 0; i < count; i++) {
    const a = lo + i * width;
    const b = lo + (i + 1) * width;
    const n = byBin.get(i) ?? 0;
    bins.push({ label: binLabel(a, b, width, d.integer), lo: a, hi: b, count: n, share: n / stats.count });
  }
  return { ...base, bins };
}

/**
 * Bin start, width and count covering [min, max]: unit bins for small integer ranges, else
 * about 20 bins of a "nice" width.
 *
 * @example
 * ```ts
 * binning(18, 90, true, 40); // { lo: 15, width: 5, count: 16 }
 * ```
 */
export function binning(min: number, max: number, integer: boolean, maxBins: number): { lo: number; width: number; count: number } {
  if (integer && max - min + 1 <= maxBins) return { lo: Math.floor(min), width: 1, count: Math.floor(max) - Math.floor(min) + 1 };
  let width = niceStep(max - min, Math.min(20, maxBins));
  if (integer) width = Math.max(1, Math.round(width));
  const lo = Math.floor(min / width) * width;
  const count = Math.min(maxBins * 2, Math.floor((max - lo) / width) + 1);
  return { lo, width, count };
}

/**
 * A compact bin bound.
 *
 * @example
 * ```ts
 * compactNumber(12500); // '12.5k'
 * ```
 */
export function compactNumber(n: number): string {
  const a = Math.abs(n);
  const trim = (x: number): string => String(Number(x.toPrecision(3)));
  if (a >= 1e9) return `${trim(n / 1e9)}G`;
  if (a >= 1e6) return `${trim(n / 1e6)}M`;
  if (a >= 1e4) return `${trim(n / 1e3)}k`;
  return String(Number(n.toPrecision(6)));
}

function binLabel(a: number, b: number, width: number, integer: boolean): string {
  const f = compactNumber;
  if (integer) return width === 1 ? f(a) : `${f(a)}–${f(b - 1)}`;
  return `${f(a)}–${f(b)}`;
}

async function numericDistributions(q: Q, schema: Schema, targets: ReportTargets): Promise<Maybe<NumericDistribution>[]> {
  const out: Maybe<NumericDistribution>[] = [];
  const simple = async (id: string, title: string, table: string, column: string, integer: boolean, description: string, hints: readonly (readonly string[])[], where = ''): Promise<void> => {
    const why = schema.missing(table, column);
    if (why) return void out.push(unavailable(id, title, why));
    const target = hints.length ? targets.numeric({ id, table, column, hints }) : null;
    const source = `SELECT ${qi(column)} AS x FROM ${qi(table)}${where ? ` WHERE ${where}` : ''}`;
    out.push({ status: 'ok', ...(await numericDistribution(q, { id, title, description, source, integer, target })) });
  };
  await simple('age', 'Age', 'individuals', 'age', true, 'individuals.age', [['age']]);
  await simple('household_size', 'Household size', 'households', 'household_size', true, 'households.household_size', HOUSEHOLD_SIZE_HINTS);
  {
    const id = 'events_per_person';
    const title = 'Engagements per individual';
    const why = schema.missing('content_engagements', 'individual_id');
    if (why) out.push(unavailable(id, title, why));
    else {
      const withPeople = schema.has('individuals', 'individual_id');
      const source = withPeople
        ? `SELECT coalesce(e.n, 0) AS x FROM individuals i LEFT JOIN (SELECT individual_id, count(*) AS n FROM content_engagements GROUP BY 1) e USING (individual_id)`
        : `SELECT count(*) AS x FROM content_engagements GROUP BY individual_id`;
      const description = withPeople ? 'content_engagements rows per individual (individuals without any count as 0)' : 'content_engagements rows per engaged individual (individuals table absent)';
      const target = targets.numeric({ id, table: 'content_engagements', column: 'events_per_person', hints: [['events', 'per'], ['events', 'mean']] });
      out.push({ status: 'ok', ...(await numericDistribution(q, { id, title, description, source, integer: true, target })) });
    }
  }
  await simple('income_individual', 'Individual income', 'individuals', 'income_individual', false, 'individuals.income_individual', []);
  await simple('duration_seconds', 'View duration (seconds)', 'content_engagements', 'duration_seconds', true, 'content_engagements.duration_seconds where not NULL', [], 'duration_seconds IS NOT NULL');
  await simple('exposure_frequency', 'Exposure frequency', 'campaign_exposures', 'frequency', true, 'campaign_exposures.frequency (impressions per exposure record)', []);
  await simple('time_to_conversion_hours', 'Time to response (hours)', 'response_events', 'time_to_conversion_hours', false, 'response_events.time_to_conversion_hours', []);
  await simple('propensity_to_convert', 'Propensity to convert', 'audience_attributes', 'propensity_to_convert', false, 'audience_attributes.propensity_to_convert', []);
  return out;
}

async function activityData(q: Q, schema: Schema, targets: ReportTargets): Promise<Maybe<ActivityData>> {
  const title = 'Activity over time';
  const why = schema.missing('content_engagements', 'event_ts');
  if (why) return unavailable('activity', title, why);
  const ts = `CAST(event_ts AS TIMESTAMP)`;
  const series = async (expr: string, size: number, offset: number): Promise<number[]> => {
    const out = Array.from({ length: size }, () => 0);
    for (const r of await q(`SELECT ${expr} AS k, count(*) AS n FROM content_engagements WHERE event_ts IS NOT NULL GROUP BY 1`)) {
      const k = int(r['k']) - offset;
      if (k >= 0 && k < size) out[k] = int(r['n']);
    }
    return out;
  };
  const head = (await q(`SELECT count(*) AS n, strftime(min(${ts}), '%Y-%m-%dT%H:%M:%SZ') AS first, strftime(max(${ts}), '%Y-%m-%dT%H:%M:%SZ') AS last FROM content_engagements`))[0];
  const byDay = (await q(`SELECT strftime(CAST(${ts} AS DATE), '%Y-%m-%d') AS day, count(*) AS n FROM content_engagements WHERE event_ts IS NOT NULL GROUP BY 1 ORDER BY 1`)).map((r) => ({
    day: String(r['day']),
    count: int(r['n']),
  }));
  return {
    status: 'ok',
    table: 'content_engagements',
    column: 'event_ts',
    total: int(head?.['n']),
    first: head?.['first'] === null || head?.['first'] === undefined ? null : String(head['first']),
    last: head?.['last'] === null || head?.['last'] === undefined ? null : String(head['last']),
    byHour: await series(`hour(${ts})`, 24, 0),
    byWeekday: await series(`isodow(${ts})`, 7, 1),
    byMonth: await series(`month(${ts})`, 12, 1),
    byDay,
    pattern: targets.text([['temporal'], ['pattern']]),
  };
}

async function identityGraphData(q: Q, schema: Schema, targets: ReportTargets): Promise<IdentityGraphData> {
  const hasPeople = schema.has('individuals', 'individual_id');
  let identifiersPerPerson: Maybe<NumericDistribution>;
  {
    const id = 'identifiers_per_person';
    const title = 'Identifiers per individual';
    const why = schema.missing('identity_mappings', 'individual_id');
    if (why) identifiersPerPerson = unavailable(id, title, why);
    else {
      const source = hasPeople
        ? `SELECT coalesce(m.n, 0) AS x FROM individuals i LEFT JOIN (SELECT individual_id, count(*) AS n FROM identity_mappings GROUP BY 1) m USING (individual_id)`
        : `SELECT count(*) AS x FROM identity_mappings GROUP BY individual_id`;
      const description = hasPeople ? 'identity_mappings rows per individual (individuals without any count as 0)' : 'identity_mappings rows per mapped individual (individuals table absent)';
      const target = targets.numeric({ id, table: 'identity_mappings', column: 'identifiers_per_person', hints: [['identifier', 'per'], ['identifier', 'mean']] });
      identifiersPerPerson = { status: 'ok', ...(await numericDistribution(q, { id, title, description, source, integer: true, target })) };
    }
  }
  let personsPerHousehold: Maybe<NumericDistribution>;
  let householdSizeMismatches: number | null = null;
  {
    const id = 'persons_per_household';
    const title = 'Individuals per household';
    const why = schema.missing('individuals', 'household_id');
    if (why) personsPerHousehold = unavailable(id, title, why);
    else {
      const withHouseholds = schema.has('households', 'household_id');
      const counts = `SELECT household_id, count(*) AS n FROM individuals GROUP BY 1`;
      const source = withHouseholds ? `SELECT coalesce(c.n, 0) AS x FROM households h LEFT JOIN (${counts}) c USING (household_id)` : `SELECT n AS x FROM (${counts}) c`;
      const description = withHouseholds ? 'individuals per household (households without any count as 0)' : 'individuals per household that has any (households table absent)';
      const target = targets.numeric({ id: 'household_size', table: 'households', column: 'household_size', hints: HOUSEHOLD_SIZE_HINTS });
      personsPerHousehold = { status: 'ok', ...(await numericDistribution(q, { id, title, description, source, integer: true, target })) };
      if (schema.has('households', 'household_id', 'household_size')) {
        householdSizeMismatches = int((await q(`SELECT count(*) AS n FROM households h LEFT JOIN (${counts}) c USING (household_id) WHERE h.household_size IS DISTINCT FROM coalesce(c.n, 0)`))[0]?.['n']);
      }
    }
  }
  let sharedDevices: Maybe<SharedDevices>;
  {
    const why = schema.missing('identity_mappings', 'individual_id', 'identifier_type', 'identifier_value');
    if (why) sharedDevices = unavailable('shared_devices', 'Shared devices', why);
    else {
      const withHh = schema.has('individuals', 'individual_id', 'household_id');
      const rows = await q(`WITH v AS (
  SELECT m.identifier_type AS t, m.identifier_value AS v, count(DISTINCT m.individual_id) AS k${withHh ? ', count(DISTINCT i.household_id) AS hh' : ''}
  FROM identity_mappings m${withHh ? ' LEFT JOIN individuals i USING (individual_id)' : ''}
  GROUP BY 1, 2)
SELECT t, count(*) AS n, count(*) FILTER (WHERE k > 1) AS shared, avg(k) FILTER (WHERE k > 1) AS mean_k${withHh ? ', count(*) FILTER (WHERE k > 1 AND hh = 1) AS same_hh' : ''}
FROM v GROUP BY t ORDER BY t`);
      const device = new Set<string>(SHARED_DEVICE_TYPES);
      const byType = rows.map((r) => {
        const values = int(r['n']);
        const shared = int(r['shared']);
        return {
          identifierType: r['t'] === null ? '(null)' : String(r['t']),
          values,
          sharedValues: shared,
          rate: values ? shared / values : 0,
          meanIndividualsPerSharedValue: num(r['mean_k']),
          sameHouseholdShare: withHh ? ratio(int(r['same_hh']), shared) : null,
          deviceType: device.has(String(r['t'])),
        };
      });
      const dev = byType.filter((b) => b.deviceType);
      const values = dev.reduce((a, b) => a + b.values, 0);
      const sharedValues = dev.reduce((a, b) => a + b.sharedValues, 0);
      sharedDevices = { status: 'ok', deviceTypes: [...SHARED_DEVICE_TYPES], values, sharedValues, rate: values ? sharedValues / values : null, byType };
    }
  }
  let lifetimes: Maybe<Lifetimes>;
  {
    const title = 'Identifier lifetimes';
    const why = schema.missing('identity_mappings', 'first_seen', 'last_seen');
    if (why) lifetimes = unavailable('identifier_lifetimes', title, why);
    else {
      const days = `date_diff('second', CAST(first_seen AS TIMESTAMP), CAST(last_seen AS TIMESTAMP)) / 86400.0`;
      const distribution = await numericDistribution(q, {
        id: 'identifier_lifetimes',
        title: 'Identifier lifetime (days)',
        description: 'identity_mappings last_seen − first_seen, in days',
        source: `SELECT ${days} AS x FROM identity_mappings`,
        integer: false,
        target: null,
      });
      const byTypeAvailable = schema.has('identity_mappings', 'identifier_type');
      const hasActive = schema.has('identity_mappings', 'active');
      const rows = byTypeAvailable
        ? await q(
            `SELECT identifier_type AS t, count(*) AS n, avg(d) AS mean, quantile_cont(d, 0.5) AS p50, max(d) AS mx${hasActive ? ', avg(CASE WHEN active THEN 1.0 ELSE 0.0 END) AS act' : ''} FROM (SELECT *, ${days} AS d FROM identity_mappings) m GROUP BY 1 ORDER BY 1`,
          )
        : [];
      lifetimes = {
        status: 'ok',
        distribution,
        byType: rows.map((r) => ({
          identifierType: r['t'] === null ? '(null)' : String(r['t']),
          count: int(r['n']),
          meanDays: num(r['mean']),
          p50Days: num(r['p50']),
          maxDays: num(r['mx']),
          activeShare: hasActive ? num(r['act']) : null,
        })),
      };
    }
  }
  return { identifiersPerPerson, personsPerHousehold, householdSizeMismatches, sharedDevices, lifetimes };
}

async function funnelData(q: Q, schema: Schema, targets: ReportTargets): Promise<Maybe<FunnelData>> {
  const title = 'Campaign funnel';
  const why = schema.missing('campaign_exposures', 'individual_id');
  if (why) return unavailable('funnel', title, why);
  const hasSegments = schema.has('audience_attributes', 'individual_id', 'segment_primary');
  const hasPeople = schema.has('individuals', 'individual_id');
  const hasResponses = schema.has('response_events', 'individual_id');
  const hasCampaign = schema.has('campaign_exposures', 'campaign_id');
  const hasFrequency = schema.has('campaign_exposures', 'frequency');
  const hasCost = schema.has('campaign_exposures', 'cost');
  const hasType = schema.has('response_events', 'response_type');
  const hasValue = schema.has('response_events', 'value');
  const NONE = '(no segment)';
  const seg = hasSegments
    ? `seg AS (SELECT individual_id, min(segment_primary) AS segment FROM audience_attributes GROUP BY 1)`
    : `seg AS (SELECT CAST(NULL AS BIGINT) AS individual_id, CAST(NULL AS VARCHAR) AS segment WHERE false)`;
  const segOf = `coalesce(s.segment, ${ql(hasSegments ? NONE : 'all')})`;

  const rowsBy = async (by: 'segment' | 'campaign' | 'total'): Promise<FunnelRow[]> => {
    const key = by === 'segment' ? segOf : by === 'campaign' ? `CAST(x.campaign_id AS VARCHAR)` : `'all'`;
    const pair = hasCampaign ? `(x.individual_id, x.campaign_id)` : `x.individual_id`;
    const exposures = await q(`WITH ${seg}
SELECT ${key} AS g, count(DISTINCT x.individual_id) AS reached, count(*) AS exposures, ${hasFrequency ? 'sum(x.frequency)' : 'count(*)'} AS impressions,
  count(DISTINCT ${pair}) AS pairs${hasCost ? ', sum(x.cost) AS cost' : ''}
FROM campaign_exposures x LEFT JOIN seg s USING (individual_id) GROUP BY 1 ORDER BY 1`);
    const rKey = by === 'segment' ? segOf : by === 'campaign' ? `CAST(r.campaign_id AS VARCHAR)` : `'all'`;
    const conv = hasType ? `r.response_type = 'conversion'` : 'false';
    const responses =
      hasResponses && (by !== 'campaign' || schema.has('response_events', 'campaign_id'))
        ? await q(`WITH ${seg}
SELECT ${rKey} AS g, count(*) AS responses, count(DISTINCT r.individual_id) AS responders, count(*) FILTER (WHERE ${conv}) AS conversions,
  count(DISTINCT r.individual_id) FILTER (WHERE ${conv}) AS converters${hasValue ? `, sum(r.value) FILTER (WHERE ${conv}) AS revenue` : ''}
FROM response_events r LEFT JOIN seg s USING (individual_id) GROUP BY 1`)
        : null;
    let population: Map<string, number> | null = null;
    if (by === 'segment' && hasPeople) {
      population = new Map((await q(`WITH ${seg} SELECT ${segOf} AS g, count(*) AS n FROM individuals i LEFT JOIN seg s USING (individual_id) GROUP BY 1`)).map((r) => [String(r['g']), int(r['n'])]));
    } else if (by === 'segment' && hasSegments) {
      population = new Map((await q(`WITH ${seg} SELECT segment AS g, count(*) AS n FROM seg s GROUP BY 1`)).map((r) => [String(r['g']), int(r['n'])]));
    } else if (by === 'total' && hasPeople) {
      population = new Map([['all', int((await q(`SELECT count(*) AS n FROM individuals`))[0]?.['n'])]]);
    }
    const names = new Map<string, string>();
    if (by === 'campaign' && schema.has('campaigns', 'campaign_id', 'campaign_name')) {
      for (const r of await q(`SELECT CAST(campaign_id AS VARCHAR) AS g, campaign_name AS name FROM campaigns`)) names.set(String(r['g']), String(r['name']));
    }
    const resp = new Map((responses ?? []).map((r) => [String(r['g']), r]));
    const groups = [...new Set([...exposures.map((r) => String(r['g'])), ...(population ? population.keys() : [])])].sort();
    const exp = new Map(exposures.map((r) => [String(r['g']), r]));
    return groups.map((g): FunnelRow => {
      const e = exp.get(g);
      const r = resp.get(g);
      const reached = int(e?.['reached']);
      const exposuresN = int(e?.['exposures']);
      const pop = population ? (population.get(g) ?? 0) : null;
      const responders = responses ? int(r?.['responders']) : null;
      const responsesN = responses ? int(r?.['responses']) : null;
      const converters = responses && hasType ? int(r?.['converters']) : null;
      return {
        group: g,
        label: names.get(g) ?? g,
        population: pop,
        reached,
        reachRate: ratio(reached, pop),
        exposures: exposuresN,
        impressions: int(e?.['impressions']),
        frequency: ratio(int(e?.['impressions']), int(e?.['pairs'])),
        responses: responsesN,
        responders,
        responseRate: ratio(responders, reached),
        responsesPerExposure: ratio(responsesN, exposuresN),
        conversions: responses && hasType ? int(r?.['conversions']) : null,
        converters,
        conversionRate: ratio(converters, reached),
        revenue: responses && hasType && hasValue ? (num(r?.['revenue']) ?? 0) : null,
        cost: hasCost ? (num(e?.['cost']) ?? 0) : null,
      };
    });
  };
  const total = (await rowsBy('total'))[0];
  const reach = targets.number([['reach']]);
  const rr = targets.range([['response', 'rate']]);
  return {
    status: 'ok',
    segmentSource: hasSegments ? 'audience_attributes.segment_primary' : null,
    bySegment: hasSegments ? await rowsBy('segment') : [],
    byCampaign: hasCampaign ? await rowsBy('campaign') : [],
    total: total ?? emptyFunnelRow(),
    configuredReach: reach ? { value: reach.value > 1 ? reach.value / 100 : reach.value, source: reach.source } : null,
    configuredResponseRate: rr ? { min: rr.min > 1 ? rr.min / 100 : rr.min, max: rr.max > 1 ? rr.max / 100 : rr.max, source: rr.source } : null,
  };
}

function emptyFunnelRow(): FunnelRow {
  return {
    group: 'all',
    label: 'all',
    population: null,
    reached: 0,
    reachRate: null,
    exposures: 0,
    impressions: 0,
    frequency: null,
    responses: null,
    responders: null,
    responseRate: null,
    responsesPerExposure: null,
    conversions: null,
    converters: null,
    conversionRate: null,
    revenue: null,
    cost: null,
  };
}
