/**
 * Local output directories shared by the engines that write files, with one commit protocol for
 * replace and append alike: one run at a time per output ({@link OutputLock}); every run staged
 * beside the output, where readers of `out` (including `out/<table>/*.parquet` globs) do not
 * look; `manifest.json` written last as the commit point; the old output renamed aside only
 * once the new one is complete; and the next run recovers an interrupted commit
 * ({@link recoverOutput}). Never replaces a directory synthgraph did not write.
 */
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type Issue } from '../errors.js';
import type { ScenarioIR } from '../ir/types.js';
import type { BatchRecord, Manifest, TableResult } from './engine.js';
import { faultPoint } from './fault-point.js';
import { OutputLock } from './output-lock.js';
import { checkOutputPath } from './output-path.js';
import { OLD_SUFFIX, recoverOutput, STAGING_SUFFIX } from './output-recovery.js';

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
  issues.push(...overlappingKeys(manifest.batches, ir));
  if (issues.length) throw new ConfigError(issues, 'Cannot append to this output');
  return manifest;
}

/** A half-open key range of a batch's table, as presets record them under `keyRanges`. */
type KeyRanges = Readonly<Record<string, { readonly start: number; readonly end: number } | undefined>>;

/**
 * The index of the batch an append adds: one above every batch index the output holds (a
 * preset's own `batch` in the batch's extra, else its position).
 *
 * @example
 * ```ts
 * nextBatchIndex(JSON.parse(readFileSync('./out/manifest.json', 'utf8'))); // 1 after a first run
 * ```
 */
export function nextBatchIndex(manifest: Pick<Manifest, 'batches'>): number {
  return Math.max(-1, ...manifest.batches.map((b) => (typeof b.extra['batch'] === 'number' ? b.extra['batch'] : b.index))) + 1;
}

/** Issues when the keys the appended batch will use overlap keys of a batch already in the output. */
function overlappingKeys(batches: readonly BatchRecord[], ir: ScenarioIR): Issue[] {
  const extra = (ir.meta['manifestExtra'] ?? {}) as Readonly<Record<string, unknown>>;
  const mine = extra['keyRanges'] as KeyRanges | undefined;
  if (!mine) return [];
  const issues: Issue[] = [];
  for (const b of batches) {
    const theirs = b.extra['keyRanges'] as KeyRanges | undefined;
    const clash = Object.keys(mine).filter((t) => {
      const a = mine[t];
      const o = theirs?.[t];
      return a && o && a.start < o.end && o.start < a.end && a.start < a.end && o.start < o.end;
    });
    if (clash.length)
      issues.push({
        path: 'batch',
        message: `the keys of this batch overlap those of batch ${String(b.extra['batch'] ?? b.index)} already in the output (${clash.join(', ')})`,
        value: extra['batch'],
        fix: `append with an unused batch index, e.g. ${nextBatchIndex({ batches })} (leave run.batch unset on the command line to choose it)`,
      });
  }
  return issues;
}

/** Hard-links (or, where links are not supported, copies) every file of `from` missing in `to`, except `manifest.json` and synthgraph's own leftovers. */
async function linkTree(from: string, to: string, top = true): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const e of await readdir(from, { withFileTypes: true })) {
    if (top && (e.name === 'manifest.json' || e.name.startsWith('.synthgraph-'))) continue;
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) await linkTree(src, dst, false);
    else if (!existsSync(dst)) await link(src, dst).catch(() => copyFile(src, dst));
  }
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
 * A run's output directory, locked from {@link LocalOutput.open} until {@link LocalOutput.commit}
 * or {@link LocalOutput.discard}: new files go to {@link LocalOutput.staging}, a sibling of the
 * output; the commit adds the previous files of an append (hard links), writes `manifest.json`
 * last and swaps the complete new output in; a discard removes the staging directory and leaves
 * the output byte-identical.
 *
 * @example
 * ```ts
 * const output = await LocalOutput.open('./out', { format: 'parquet', ir });
 * try { … write into output.staging …; await output.commit(manifest); }
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
    private readonly lock: OutputLock,
  ) {}

  /**
   * Checks the output path (a `ConfigError` on `out` when it cannot be used), takes the output's
   * lock (an `OutputLockedError` naming the holder when another run has it), recovers what an
   * interrupted run left, checks the output can be replaced or appended to, and creates an empty
   * staging directory.
   */
  static async open(out: string, o: LocalOutputOptions): Promise<LocalOutput> {
    const dir = path.resolve(out);
    const pathIssues = await checkOutputPath(dir, { createParents: true });
    if (pathIssues.length) throw new ConfigError(pathIssues, 'The output directory cannot be used');
    const lock = await OutputLock.acquire(dir);
    try {
      await recoverOutput(dir);
      const previous = o.mode === 'append' ? await readAppendTarget(dir, o.format, o.ir) : undefined;
      if (!previous) await assertReplaceable(dir);
      const staging = `${dir}${STAGING_SUFFIX}${process.pid}`;
      await mkdir(staging);
      faultPoint('open:staged');
      return new LocalOutput(dir, staging, previous, lock);
    } catch (e) {
      await lock.release();
      throw e;
    }
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

  /**
   * Makes the staged output visible with its manifest and releases the lock. The staging
   * directory must hold exactly this run's files (and nothing temporary).
   */
  async commit(manifest: Manifest): Promise<void> {
    faultPoint('commit:start');
    if (this.previous) await linkTree(this.out, this.staging);
    faultPoint('commit:linked');
    const file = path.join(this.staging, 'manifest.json');
    await writeFile(`${file}.partial`, `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(`${file}.partial`, file);
    faultPoint('commit:manifest-staged');
    const old = `${this.out}${OLD_SUFFIX}${process.pid}`;
    const hadOutput = existsSync(this.out);
    if (hadOutput) await rename(this.out, old);
    faultPoint('commit:old-aside');
    await rename(this.staging, this.out);
    faultPoint('commit:swapped');
    if (hadOutput) await rm(old, { recursive: true, force: true });
    await this.lock.release();
  }

  /** Removes the staging directory and releases the lock; the output stays as it was. */
  async discard(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
    await this.lock.release();
  }
}
