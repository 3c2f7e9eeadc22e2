/**
 * `buildReport` / `writeReport`: the report of a generated output directory as a
 * self-contained `report.html` and the same numbers as `report.json`.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Manifest } from '@synthgraph/core';
import type { DuckdbReader } from '@synthgraph/duckdb';
import { UsageError } from '../cli-error.js';
import { enginesOf, type EngineImporter } from '../engines.js';
import { collectReport, type CollectOptions } from './report-collector.js';
import { renderReportHtml } from './html-renderer.js';
import type { ReportData } from './report-types.js';

/**
 * The generator recorded in reports.
 *
 * @example
 * ```ts
 * (await buildReport(dir)).json.generator === REPORT_GENERATOR; // true
 * ```
 */
export const REPORT_GENERATOR = 'synthgraph report 0.1.0';

/** Options of {@link buildReport}. */
export interface BuildReportOptions extends Omit<CollectOptions, 'unreadable'> {
  /** The manifest, when already loaded (default: `<dir>/manifest.json`). */
  readonly manifest?: Manifest;
  /**
   * Imports `@synthgraph/duckdb`, which reads the tables (default: the real import). When that
   * package is not installed the report shows the manifest only, with a note naming its install command.
   */
  readonly importEngine?: EngineImporter;
}

/** A built report. */
export interface BuiltReport {
  /** The self-contained page. */
  readonly html: string;
  /** The numbers the page shows. */
  readonly json: ReportData;
}

/**
 * Reads `<dir>/manifest.json`, or throws an input error (exit 2) naming the path and the fix.
 *
 * @example
 * ```ts
 * const manifest = await readManifest('./synthgraph-out');
 * ```
 */
export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`No generated output at ${dir}: ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`, [
      { path: 'dir', message: 'has no manifest.json', value: dir, fix: `generate into it first: synthgraph generate --out ${dir}` },
    ]);
  }
  let m: Manifest | null;
  let why = 'not a synthgraph manifest';
  try {
    m = JSON.parse(text) as Manifest | null;
  } catch (e) {
    m = null;
    why = (e as Error).message;
  }
  if (typeof m === 'object' && m !== null && typeof m.tables === 'object' && Array.isArray(m.checks)) return m;
  throw new UsageError(`${file} is not a synthgraph manifest: ${why}.`, [{ path: 'manifest.json', message: 'is not a synthgraph manifest', value: file, fix: 'point the report at a directory written by synthgraph generate' }]);
}

/**
 * Builds the report of an output directory (one written by `synthgraph generate`).
 * Sections whose tables are absent say so instead of failing.
 *
 * @example
 * ```ts
 * import { buildReport } from '@synthgraph/cli';
 * const { html, json } = await buildReport('./synthgraph-out');
 * console.log(json.identityGraph.sharedDevices);
 * ```
 */
export async function buildReport(dir: string, options: BuildReportOptions = {}): Promise<BuiltReport> {
  const manifest = options.manifest ?? (await readManifest(dir));
  const collect: CollectOptions = { ...options, generator: options.generator ?? REPORT_GENERATOR };
  let reader: DuckdbReader | null = null;
  let unreadable: string | undefined;
  try {
    const { DuckdbReader } = await enginesOf(options.importEngine).duckdb('report (reading the tables)');
    reader = await DuckdbReader.open(dir);
    try {
      // Timestamps read from files with a zone are shown in UTC (needs ICU; without it they are UTC already).
      await reader.query("SET TimeZone = 'UTC'");
    } catch {
      // no time zones
    }
  } catch (e) {
    unreadable = `The tables could not be read (${(e as Error).message.split('\n')[0]}); only the manifest is shown.`;
  }
  try {
    const json = await collectReport(reader, manifest, { ...collect, unreadable });
    return { html: renderReportHtml(json), json };
  } finally {
    reader?.close();
  }
}

/** Options of {@link writeReport}. */
export interface WriteReportOptions extends BuildReportOptions {
  /** Where to write `report.html` and `report.json` (default: the output directory itself). */
  readonly outDir?: string;
}

/** What {@link writeReport} wrote. */
export interface WrittenReport extends BuiltReport {
  readonly htmlPath: string;
  readonly jsonPath: string;
}

/**
 * Builds the report and writes `report.html` and `report.json` (each written to a temporary
 * name first, then renamed, so a reader never sees half a file).
 *
 * @example
 * ```ts
 * import { writeReport } from '@synthgraph/cli';
 * const { htmlPath } = await writeReport('./synthgraph-out');
 * console.log(`open ${htmlPath}`);
 * ```
 */
export async function writeReport(dir: string, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const built = await buildReport(dir, options);
  const outDir = options.outDir ?? dir;
  await mkdir(outDir, { recursive: true });
  const htmlPath = path.join(outDir, 'report.html');
  const jsonPath = path.join(outDir, 'report.json');
  await writeAtomically(htmlPath, built.html);
  await writeAtomically(jsonPath, `${JSON.stringify(built.json, null, 2)}\n`);
  return { ...built, htmlPath, jsonPath };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, file);
}
