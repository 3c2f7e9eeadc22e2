/**
 * Recovery of a local output after a run was killed: the next run (holding the output's lock)
 * rolls an interrupted commit forward or back and removes every leftover of earlier runs.
 *
 * The commit protocol it recovers ({@link LocalOutput.commit}): a run builds the complete new
 * output in `<out>.synthgraph-tmp-<pid>` (an append hard-links the previous files in), writes
 * its `manifest.json` last, renames the old output to `<out>.synthgraph-old-<pid>`, renames the
 * new one to `out` and removes the old one.
 */
import { existsSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { processAlive } from './output-lock.js';

/** Suffixes of the entries a run creates beside its output (followed by the run's pid). */
export const STAGING_SUFFIX = '.synthgraph-tmp-';
/** Suffix of the previous output while it is swapped out. */
export const OLD_SUFFIX = '.synthgraph-old-';

/**
 * What {@link recoverOutput} did.
 *
 * @example
 * ```ts
 * const r: Recovery = await recoverOutput(out);
 * if (r.rolled === 'back') console.error('the interrupted run was undone');
 * ```
 */
export interface Recovery {
  /** `forward`: a complete interrupted commit was finished; `back`: the old output was restored. */
  readonly rolled?: 'forward' | 'back';
  /** Leftovers removed (absolute paths). */
  readonly removed: readonly string[];
}

const leftoverPattern = (base: string): RegExp => {
  const b = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${b}(\\.synthgraph-tmp-\\d+|\\.synthgraph-old-\\d+|\\.synthgraph-lock\\.(stale-)?\\d+)$`);
};

/**
 * Finishes or undoes an interrupted commit of `out` (absolute) and removes the leftovers of
 * earlier runs. Call it only while holding the output's lock.
 *
 * @example
 * ```ts
 * const lock = await OutputLock.acquire(out);
 * const { rolled, removed } = await recoverOutput(out);
 * ```
 */
export async function recoverOutput(out: string): Promise<Recovery> {
  const parent = path.dirname(out);
  const names = existsSync(parent) ? (await readdir(parent)).filter((n) => leftoverPattern(path.basename(out)).test(n)).sort() : [];
  const full = names.map((n) => path.join(parent, n));
  const staged = full.filter((p) => p.includes(STAGING_SUFFIX));
  const olds = full.filter((p) => p.includes(OLD_SUFFIX));
  let rolled: Recovery['rolled'];
  if (!existsSync(out)) {
    // Killed between the two renames of a commit (or before the first one of a new output).
    const complete = staged.find((p) => existsSync(path.join(p, 'manifest.json')));
    const back = olds[0];
    if (complete !== undefined) {
      await rename(complete, out);
      rolled = 'forward';
    } else if (back !== undefined) {
      await rename(back, out);
      rolled = 'back';
    }
  }
  // A lock file being created right now by another run that is about to fail fast is not a leftover.
  const inUse = (p: string): boolean => /\.synthgraph-lock\.(stale-)?\d+$/.test(p) && processAlive(Number(/(\d+)$/.exec(p)?.[1]));
  const removed = full.filter((p) => existsSync(p) && !inUse(p));
  // Staging directories of appends made by earlier versions, inside the output.
  const inside = await readdir(out).catch(() => [] as string[]);
  for (const n of inside) if (n.startsWith('.synthgraph-append-')) removed.push(path.join(out, n));
  for (const p of removed) await rm(p, { recursive: true, force: true });
  return { rolled, removed };
}
