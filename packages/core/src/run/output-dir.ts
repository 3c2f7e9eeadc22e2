/**
 * Local output directories shared by the engines that write files: never replace a directory
 * synthgraph did not write, stage every run where readers of the output do not look, and make it
 * visible in one place, {@link LocalOutput.commit}, when it is complete. (Locking and a crash-safe
 * commit protocol belong in that one place.)
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type Issue } from '../errors.js';
import type { ScenarioIR } from '../ir/types.js';
import type { Manifest, TableResult } from './engine.js';

/**
 * Refuses to replace a non-empty directory that has no `manifest.json` (not a synthgraph output).
 *
 * @example
 * ```ts
 * await assertReplaceable('./out');
 * ```
 */
export async function assertReplaceable(out: string): Promise<void> {
  if (!existsSync(out)) return;
  const st = await stat(out);
  if (!st.isDirectory()) throw new ConfigError([{ path: 'out', message: 'exists and is not a directory', value: out, fix: 'choose another --out' }]);
  const entries = await readdir(out);
  if (entries.length && !entries.includes('manifest.json'))
    throw new ConfigError([{ path: 'out', message: 'is a non-empty directory that synthgraph did not write (no manifest.json); refusing to replace it', value: out, fix: 'choose an empty or new directory' }]);
}

/**
 * The manifest of the output an append adds to, after checking that the append fits it (same
 * format, same scenario, every table present).
 *
 * @example
 * ```ts
 * const previous = await readAppendTarget('./out', 'parquet', ir);
 * console.log(previous.batches.length);
 * ```
 */
export async function readAppendTarget(out: string, format: string, ir: ScenarioIR): Promise<Manifest> {
  const manifestPath = path.join(out, 'manifest.json');
  if (!existsSync(manifestPath))
    throw new ConfigError([{ path: 'mode', message: `append needs an existing output, but ${manifestPath} does not exist`, value: 'append', fix: 'run once without append mode first, or point --out at an earlier output' }]);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
  const issues: Issue[] = [];
  if (manifest.format !== format) issues.push({ path: 'format', message: `the existing output is ${manifest.format}`, value: format, fix: `append with --format ${manifest.format}` });
  if (manifest.scenario !== ir.name) issues.push({ path: 'scenario', message: `the existing output holds scenario '${manifest.scenario}'`, value: ir.name, fix: 'append the same scenario' });
  const missing = ir.entities.map((e) => e.name).filter((n) => !(n in manifest.tables));
  if (missing.length) issues.push({ path: 'tables', message: `the existing output lacks tables ${missing.join(', ')}`, fix: 'append the same scenario and config steps that shape tables' });
  if (issues.length) throw new ConfigError(issues, 'Cannot append to this output');
  return manifest;
}

/**
 * Options of {@link LocalOutput.open}.
 *
 * @example
 * ```ts
 * const options: LocalOutputOptions = { mode: 'append', format: 'parquet', ir };
 * ```
 */
export interface LocalOutputOptions {
  /** `replace` (default): a new output; `append`: a new batch added to an existing one. */
  readonly mode?: 'replace' | 'append';
  /** The output format, checked against the existing output of an append. */
  readonly format: string;
  readonly ir: ScenarioIR;
}

/**
 * A run's output directory: new files go to {@link LocalOutput.staging}; {@link LocalOutput.commit}
 * makes them visible with the manifest, {@link LocalOutput.discard} removes them.
 *
 * - replace: the staging directory is a sibling swapped in whole;
 * - append: the staging directory is inside the output; the batch's files move into place and
 *   `manifest.json`, written last, is the commit point.
 *
 * @example
 * ```ts
 * const output = await LocalOutput.open('./out', { format: 'parquet', ir });
 * try { … write into output.staging …; await output.commit(manifest, ['households/part-00000.parquet']); }
 * catch (e) { await output.discard(); throw e; }
 * ```
 */
export class LocalOutput {
  private constructor(
    /** The output directory (absolute). */
    readonly out: string,
    /** Where this run writes its files. */
    readonly staging: string,
    /** The output an append adds to. */
    readonly previous: Manifest | undefined,
  ) {}

  /** Checks the output and creates an empty staging directory. */
  static async open(out: string, o: LocalOutputOptions): Promise<LocalOutput> {
    const dir = path.resolve(out);
    const append = o.mode === 'append';
    const previous = append ? await readAppendTarget(dir, o.format, o.ir) : undefined;
    if (!append) await assertReplaceable(dir);
    const staging = append ? path.join(dir, `.synthgraph-append-${process.pid}`) : `${dir}.synthgraph-tmp-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    return new LocalOutput(dir, staging, previous);
  }

  /** The batch index of this run (0 for a new output). */
  get batchIndex(): number {
    return this.previous?.batches.length ?? 0;
  }

  /** Files of `entity` already in the output (append), relative to it. */
  previousFiles(entity: string): readonly string[] {
    return (this.previous?.tables[entity] as TableResult | undefined)?.files ?? [];
  }

  /** Bytes of `entity` already in the output (append). */
  previousBytes(entity: string): number {
    return (this.previous?.tables[entity] as TableResult | undefined)?.bytes ?? 0;
  }

  /** Makes the staged output visible with its manifest; `batchFiles` are the new files (relative), moved into place for an append. */
  async commit(manifest: Manifest, batchFiles: readonly string[]): Promise<void> {
    const json = `${JSON.stringify(manifest, null, 2)}\n`;
    if (this.previous) {
      for (const f of batchFiles) await rename(path.join(this.staging, f), path.join(this.out, f));
      await writeFile(path.join(this.staging, 'manifest.json'), json);
      await rename(path.join(this.staging, 'manifest.json'), path.join(this.out, 'manifest.json'));
      await rm(this.staging, { recursive: true, force: true });
      return;
    }
    await writeFile(path.join(this.staging, 'manifest.json'), json);
    const old = `${this.out}.synthgraph-old-${process.pid}`;
    if (existsSync(this.out)) await rename(this.out, old);
    await rename(this.staging, this.out);
    await rm(old, { recursive: true, force: true });
  }

  /** Removes the staging directory. */
  async discard(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}
