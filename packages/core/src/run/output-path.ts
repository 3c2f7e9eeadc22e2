/**
 * Whether a local output directory can be written, decided before any work: a run must not
 * compute for minutes and then fail (or hang) on a read-only filesystem, an immutable or
 * unwritable parent, a path under a file, or a kernel filesystem such as `/proc`.
 */
import { mkdir, mkdtemp, rmdir, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import type { Issue } from '../errors.js';

/** Why an output path cannot be used. */
export type OutputPathReason = 'not-a-directory' | 'under-a-file' | 'special-filesystem' | 'read-only' | 'no-permission' | 'too-deep' | 'unusable';

/** A problem with an output path: an {@link Issue} on `out`, with its reason. */
export interface OutputPathIssue extends Issue {
  readonly reason: OutputPathReason;
}

/** Options of {@link checkOutputPath}. */
export interface CheckOutputPathOptions {
  /** The field the issues name (default `out`; the CLI says `--out`). */
  readonly field?: string;
  /** Also create the missing parent directories of `out` (one level at a time, bounded). Default false. */
  readonly createParents?: boolean;
  /**
   * Whether `out` is replaced as a whole, so that its parent must take new entries too (a run
   * builds the new output beside the old one). Default true; false for a directory that only
   * receives files, such as the one a config file is written to.
   */
  readonly replaceable?: boolean;
}

/** Most directory levels an output path may add below the deepest existing one. */
export const MAX_NEW_OUTPUT_LEVELS = 32;

/** Kernel filesystems nothing may be written to (statfs magic numbers). */
const SPECIAL_FILESYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0xcafe4a11, 'bpf'],
  [0x6165676c, 'pstore'],
  [0x62656570, 'configfs'],
  [0xde5e81e4, 'efivarfs'],
  [0xf97cff8c, 'selinuxfs'],
  [0x65735543, 'fusectl'],
]);
/** Trees of kernel files on Linux, whatever filesystem they are mounted as. */
const SPECIAL_TREES = ['/proc', '/sys'];

const errnoOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/** The deepest existing path at or above `p`, and the levels missing below it (outermost first). */
async function existingAncestor(p: string): Promise<{ existing: string; isDirectory: boolean; missing: string[] }> {
  const missing: string[] = [];
  for (let at = p; ; at = path.dirname(at)) {
    try {
      const st = await stat(at);
      return { existing: at, isDirectory: st.isDirectory(), missing: missing.reverse() };
    } catch (e) {
      const code = errnoOf(e);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || path.dirname(at) === at) throw e;
      missing.push(at);
    }
  }
}

/** Creates and removes a probe directory inside `dir`: the cheapest proof that it takes new entries. */
async function probeWritable(dir: string): Promise<void> {
  await rmdir(await mkdtemp(path.join(dir, '.synthgraph-probe-')));
}

function writeFailure(field: string, out: string, dir: string, e: unknown): OutputPathIssue {
  const code = errnoOf(e);
  const where = dir === out ? 'it' : `its parent ${dir}`;
  if (code === 'EROFS') return { path: field, reason: 'read-only', value: out, message: `is on a read-only filesystem (${where} cannot be written)`, fix: 'choose an output directory on a writable filesystem' };
  if (code === 'EACCES' || code === 'EPERM') return { path: field, reason: 'no-permission', value: out, message: `cannot be written: no permission to create entries in ${dir === out ? out : dir} (${code}; an immutable directory also says so)`, fix: 'choose a directory you can write, or fix its permissions or attributes' };
  return { path: field, reason: 'unusable', value: out, message: `cannot be written: creating an entry in ${dir} failed (${code ?? (e as Error).message})`, fix: 'choose another output directory' };
}

/**
 * Checks, before any work, that `out` can be used as a run's output directory: it is a directory
 * or does not exist yet, no file stands where a parent directory must be, it is not on a
 * kernel filesystem (`/proc`, `/sys`, cgroup, …), and both it (when it exists) and the
 * directory that will hold it accept new entries (a probe directory is created and removed, so
 * a read-only filesystem, an immutable directory and missing permissions all show). With
 * `createParents`, the missing parents are created one level at a time, at most
 * {@link MAX_NEW_OUTPUT_LEVELS}. Returns the problems found (empty when `out` is usable); never
 * throws for a filesystem problem.
 *
 * @example
 * ```ts
 * const issues = await checkOutputPath('/data/synthgraph-out', { field: '--out' });
 * if (issues.length > 0) throw new ConfigError(issues, 'The output directory cannot be used');
 * ```
 */
export async function checkOutputPath(out: string, options: CheckOutputPathOptions = {}): Promise<OutputPathIssue[]> {
  const field = options.field ?? 'out';
  const target = path.resolve(out);
  if (process.platform === 'linux') {
    const tree = SPECIAL_TREES.find((t) => target === t || target.startsWith(`${t}/`));
    if (tree !== undefined) return [{ path: field, reason: 'special-filesystem', value: out, message: `is under ${tree}, a tree of kernel files`, fix: 'choose a directory on a regular filesystem' }];
  }
  let found: Awaited<ReturnType<typeof existingAncestor>>;
  try {
    found = await existingAncestor(target);
  } catch (e) {
    return [writeFailure(field, out, target, e)];
  }
  const { existing, isDirectory, missing } = found;
  if (!isDirectory) {
    return existing === target
      ? [{ path: field, reason: 'not-a-directory', value: out, message: 'exists and is not a directory', fix: 'choose another output directory, or remove the file' }]
      : [{ path: field, reason: 'under-a-file', value: out, message: `cannot be created: ${existing} is a file, not a directory`, fix: `choose a path that is not inside the file ${existing}` }];
  }
  if (missing.length > MAX_NEW_OUTPUT_LEVELS) {
    return [{ path: field, reason: 'too-deep', value: out, message: `would need ${missing.length} new directory levels below ${existing} (at most ${MAX_NEW_OUTPUT_LEVELS})`, fix: 'choose a shallower output directory, or create its parents first' }];
  }
  try {
    const fs = await statfs(existing);
    const special = SPECIAL_FILESYSTEMS.get(Number(fs.type));
    if (special !== undefined) return [{ path: field, reason: 'special-filesystem', value: out, message: `is on ${special}, a kernel filesystem`, fix: 'choose a directory on a regular filesystem' }];
  } catch {
    /* statfs is unavailable here: the write probe below still decides */
  }
  // The run writes inside `out` and, to replace it, beside it (in its parent).
  const probeDirs = existing === target && options.replaceable !== false ? [target, path.dirname(target)] : [existing];
  for (const dir of [...new Set(probeDirs)]) {
    try {
      await probeWritable(dir);
    } catch (e) {
      return [writeFailure(field, out, dir, e)];
    }
  }
  if (options.createParents === true) {
    for (const dir of missing.slice(0, -1)) {
      try {
        await mkdir(dir);
      } catch (e) {
        if (errnoOf(e) !== 'EEXIST') return [writeFailure(field, out, path.dirname(dir), e)];
      }
    }
  }
  return [];
}
