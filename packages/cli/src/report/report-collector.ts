/**
 * Computes the report's numbers from an output: one aggregate query per chart over the tables
 * the manifest lists, each built as a SQL tree and printed by the output's dialect. Every
 * section checks the tables and columns it needs and says what is missing instead of failing.
 * The sections live beside this file, one concept each.
 */
import { getDialect, sql, SqlPrinter, type Dialect, type Manifest, type TableRef } from '@synthgraph/core';
import { presets } from '@synthgraph/presets';
import { activityData } from './activity-section.js';
import { attributionData } from './attribution-section.js';
import { deliveryData } from './campaign-delivery-section.js';
import { liftData } from './campaign-lift-section.js';
import { categoricalDistributions } from './categorical-section.js';
import { funnelData } from './funnel-section.js';
import { identityGraphData } from './identity-section.js';
import { numericDistributions } from './numeric-section.js';
import { resolutionData } from './resolution-section.js';
import { realismData, verdictOf } from './realism-section.js';
import { deviceByAgeData, sessionsData } from './sessions-section.js';
import { ReportTargets } from './report-targets.js';
import { int, q, Schema, type ReportSql } from './report-sql.js';
import { REPORT_VERSION, type ChecksSummary, type ReportData, type RunSummary, type TableSummary } from './report-types.js';

export { SHARED_DEVICE_TYPES } from './identity-section.js';
export { binning, compactNumber } from './numeric-section.js';

/** What the collector needs from a database: JSON-friendly rows for a query. */
export interface ReportQueryable {
  query(sql: string): Promise<Record<string, unknown>[]>;
  /**
   * The columns of each table. Without it the collector reads `information_schema.columns`
   * of the current schema.
   */
  columns?(): Promise<ReadonlyMap<string, ReadonlySet<string>>>;
}

/** Options of {@link collectReport}. */
export interface CollectOptions {
  /** Categories shown per categorical chart before the rest are summed as "other" (default 20). */
  readonly maxCategories?: number;
  /** The generator string recorded in the report. */
  readonly generator?: string;
  /** Why the tables could not be read (with a null database), shown as a note. */
  readonly unreadable?: string;
  /** The dialect of the database, or the name of a registered one (default `duckdb`). */
  readonly dialect?: Dialect | string;
  /** Resolves a table name to its printed name (default: the quoted name). */
  readonly table?: TableRef;
}

/** The dialect the report's queries are printed for when none is given. */
const DEFAULT_REPORT_DIALECT = 'duckdb';

/** The tables of the preset that wrote the output (by its scenario name), or null for another scenario. */
function scenarioTables(m: Manifest): readonly string[] | null {
  const preset = Object.values(presets).find((p) => p.name === m.scenario);
  return preset ? preset.build(preset.defaultConfig).toIR({ seed: 0 }).entities.map((e) => e.name) : null;
}

async function readColumns(db: ReportQueryable, names: ReadonlySet<string>): Promise<Map<string, Set<string>>> {
  const cols = new Map<string, Set<string>>();
  const add = (t: string, c: string): void => {
    if (!names.has(t)) return;
    if (!cols.has(t)) cols.set(t, new Set());
    cols.get(t)?.add(c);
  };
  if (db.columns) {
    for (const [t, cs] of await db.columns()) for (const c of cs) add(t, c);
    return cols;
  }
  const rows = await db.query('SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position');
  for (const r of rows) add(String(r['table_name']), String(r['column_name']));
  return cols;
}

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
  // The printer is made on first use: without a database nothing is printed, so the dialect need not be registered
  // (an install without the DuckDB engine package still gets the manifest's sections).
  let printer: SqlPrinter | undefined;
  const printerOf = (): SqlPrinter => {
    if (printer) return printer;
    const dialect = typeof options.dialect === 'object' ? options.dialect : getDialect(options.dialect ?? DEFAULT_REPORT_DIALECT);
    return (printer = new SqlPrinter(dialect, options.table ?? ((e) => dialect.quoteIdent(e))));
  };
  if (db) printerOf();
  const s: ReportSql = {
    get printer() {
      return printerOf();
    },
    run: async (select) => (db ? db.query(printerOf().select(select)) : []),
  };
  const names = new Set(Object.keys(manifest.tables));
  let cols = new Map<string, Set<string>>();
  if (db) cols = await readColumns(db, names);
  else notes.push(options.unreadable ?? 'The tables could not be read; only the manifest is shown.');
  const schema = new Schema(cols);
  const targets = new ReportTargets(manifest);
  const absent = (scenarioTables(manifest) ?? []).filter((t) => !schema.columns.has(t));
  if (absent.length) notes.push(`Tables of the ${manifest.scenario} scenario absent from this output: ${absent.join(', ')}. Sections that need them say so below.`);

  const tables = await tableSummaries(s, manifest, schema);
  const categorical = await categoricalDistributions(s, schema, targets, options.maxCategories ?? 20);
  const numeric = await numericDistributions(s, schema, targets);
  const activity = await activityData(s, schema, targets);
  const sessions = await sessionsData(s, schema, targets);
  const deviceByAge = await deviceByAgeData(s, schema);
  const identityGraph = await identityGraphData(s, schema, targets);
  const funnel = await funnelData(s, schema, targets);
  const delivery = await deliveryData(s, schema, funnel);
  const lift = await liftData(s, schema);
  const attribution = await attributionData(s, schema);
  const resolution = await resolutionData(s, schema);
  const realism = await realismData(db ? (text) => db.query(text) : null, manifest, { dialect: db ? printerOf().dialect : (options.dialect ?? DEFAULT_REPORT_DIALECT), table: options.table });

  for (const m of [realism, ...categorical, ...numeric, activity, sessions, deviceByAge, identityGraph.identifiersPerPerson, identityGraph.personsPerHousehold, identityGraph.sharedDevices, identityGraph.lifetimes, funnel, delivery, lift, attribution, resolution]) {
    if (m.status === 'unavailable') notes.push(`${m.title}: not shown — ${m.reason}.`);
  }
  for (const t of tables) {
    if (t.countedRows !== null && t.countedRows !== t.rows) notes.push(`Table ${t.name}: the manifest records ${t.rows} rows but its files hold ${t.countedRows}.`);
  }
  const checks = checksSummary(manifest);
  return {
    reportVersion: REPORT_VERSION,
    generator: options.generator ?? 'synthgraph report',
    summary: runSummary(manifest),
    tables,
    checks,
    realism,
    verdict: verdictOf(checks, realism),
    distributions: { categorical, numeric },
    activity,
    sessions,
    deviceByAge,
    identityGraph,
    funnel,
    delivery,
    lift,
    attribution,
    resolution,
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
    generatedAt: typeof m.generatedAt === 'string' ? m.generatedAt : null,
    batches: (m.batches ?? []).map((b) => ({ index: b.index, seed: b.seed, irHash: b.irHash, rows: Object.values(b.rows).reduce((a, n) => a + n, 0) })),
  };
}

function checksSummary(m: Manifest): ChecksSummary {
  const items = m.checks.map((c) => ({ name: c.name, table: c.table, violations: c.violations, passed: c.violations === 0, verified: c.verified ?? 'scan' }));
  const passed = items.filter((c) => c.passed).length;
  return { total: items.length, passed, failed: items.length - passed, items };
}

async function tableSummaries(s: ReportSql, m: Manifest, schema: Schema): Promise<TableSummary[]> {
  const out: TableSummary[] = [];
  for (const [name, t] of Object.entries(m.tables)) {
    let countedRows: number | null = null;
    if (schema.columns.has(name)) {
      try {
        countedRows = int((await s.run(sql.select([q.item('n', sql.countStar())], sql.table(name, 't'))))[0]?.['n']);
      } catch {
        countedRows = null;
      }
    }
    out.push({ name, rows: t.rows, countedRows, bytes: t.bytes, files: t.files.length, elapsedMs: t.elapsedMs, contentHash: t.contentHash });
  }
  return out;
}
