/**
 * Output-directory safety shared by engines: never replace a directory synthgraph did not
 * write, build every run in a temporary sibling, and swap it in only when complete.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { ConfigError } from '../errors.js';

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
 * A temporary sibling directory for a run; {@link StagingDir.commit} swaps it into place,
 * {@link StagingDir.discard} removes it.
 *
 * @example
 * ```ts
 * const staging = await StagingDir.create('/data/out');
 * try { … write into staging.path …; await staging.commit(); } catch (e) { await staging.discard(); throw e; }
 * ```
 */
export class StagingDir {
  private constructor(
    readonly out: string,
    readonly path: string,
  ) {}

  /** Creates an empty staging directory beside `out`. */
  static async create(out: string): Promise<StagingDir> {
    const p = `${out}.synthgraph-tmp-${process.pid}`;
    await rm(p, { recursive: true, force: true });
    await mkdir(p, { recursive: true });
    return new StagingDir(out, p);
  }

  /** Replaces `out` with the staging directory (the previous output is removed afterwards). */
  async commit(): Promise<void> {
    const old = `${this.out}.synthgraph-old-${process.pid}`;
    if (existsSync(this.out)) await rename(this.out, old);
    await rename(this.path, this.out);
    await rm(old, { recursive: true, force: true });
  }

  /** Removes the staging directory. */
  async discard(): Promise<void> {
    await rm(this.path, { recursive: true, force: true });
  }
}
