/**
 * One exclusive lock per local output directory: a file `<out>.synthgraph-lock` beside the
 * output holding the holder's pid, host and (on Linux) process start time. A second run fails
 * fast naming the holder; a lock whose process is gone (a dead pid on this host, or a pid now
 * used by a process that started later) is stale and taken over.
 */
import { hostname } from 'node:os';
import { readFileSync } from 'node:fs';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { SynthgraphError } from '../errors.js';

/** What a lock file holds. */
interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** When the process started (Linux: clock ticks after boot), to tell a reused pid apart. */
  readonly started?: string;
}

/** The start time of process `pid` from `/proc` (Linux), if known. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/**
 * Another run holds the lock of the output directory (the CLI exits 1).
 *
 * @example
 * ```ts
 * try { await OutputLock.acquire('./out'); } catch (e) { if (e instanceof OutputLockedError) console.error(e.holder); }
 * ```
 */
export class OutputLockedError extends SynthgraphError {
  constructor(
    readonly out: string,
    /** The run holding the lock, e.g. `pid 4242 on host build-7`. */
    readonly holder: string,
    lockFile: string,
  ) {
    super('OUTPUT_LOCKED', `The output ${out} is locked by another synthgraph run (${holder}); nothing was written.\n  fix: wait for that run to finish, or choose another --out (if that run is gone, remove ${lockFile})`);
  }
}

/**
 * The lock file of an output directory.
 *
 * @example
 * ```ts
 * lockFileOf('/data/out'); // '/data/out.synthgraph-lock'
 * ```
 */
export const lockFileOf = (out: string): string => `${out}.synthgraph-lock`;

const errnoOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/**
 * True when `pid` is a live process on this host (EPERM: it exists but is not ours).
 *
 * @example
 * ```ts
 * processAlive(process.pid); // true
 * ```
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoOf(e) === 'EPERM';
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const h = JSON.parse(await readFile(file, 'utf8')) as Partial<LockHolder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? { pid: h.pid, host: h.host, ...(typeof h.started === 'string' ? { started: h.started } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

const describe = (h: LockHolder | undefined): string => (h ? `pid ${h.pid} on host ${h.host}` : 'an unreadable lock file');
function stale(h: LockHolder | undefined): boolean {
  if (h === undefined || h.host !== hostname()) return false;
  if (!processAlive(h.pid)) return true;
  const now = startTime(h.pid);
  return h.started !== undefined && now !== undefined && now !== h.started;
}

/** Creates `file` from `mine` atomically (a hard link, or an exclusive create where links are not supported); false when it exists. */
async function create(mine: string, file: string): Promise<boolean> {
  try {
    await link(mine, file);
    return true;
  } catch (e) {
    if (errnoOf(e) === 'EEXIST') return false;
  }
  try {
    await writeFile(file, await readFile(mine), { flag: 'wx' });
    return true;
  } catch (e) {
    if (errnoOf(e) === 'EEXIST') return false;
    throw e;
  }
}

/**
 * The exclusive lock of one output directory, held from {@link OutputLock.acquire} to
 * {@link OutputLock.release}.
 *
 * @example
 * ```ts
 * const lock = await OutputLock.acquire('/data/out');
 * try { … } finally { await lock.release(); }
 * ```
 */
export class OutputLock {
  private constructor(readonly file: string) {}

  /**
   * Takes the lock of `out` (absolute), taking over a stale one; throws {@link OutputLockedError}
   * naming the holder when a live run holds it.
   */
  static async acquire(out: string): Promise<OutputLock> {
    const file = lockFileOf(out);
    const mine = `${file}.${process.pid}`;
    await writeFile(mine, `${JSON.stringify({ pid: process.pid, host: hostname(), started: startTime(process.pid) })}\n`);
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        if (await create(mine, file)) return new OutputLock(file);
        const holder = await readHolder(file);
        if (!stale(holder)) throw new OutputLockedError(out, describe(holder), file);
        // Move the stale lock aside under a name of our own, then make sure it was the stale one
        // (another run may have taken over in between); if not, put it back and give up.
        const aside = `${file}.stale-${process.pid}`;
        try {
          await rename(file, aside);
        } catch (e) {
          if (errnoOf(e) === 'ENOENT') continue;
          throw e;
        }
        const moved = await readHolder(aside);
        if (!stale(moved)) {
          await link(aside, file).catch(() => undefined);
          await rm(aside, { force: true });
          throw new OutputLockedError(out, describe(moved), file);
        }
        await rm(aside, { force: true });
      }
      throw new OutputLockedError(out, describe(await readHolder(file)), file);
    } finally {
      await rm(mine, { force: true });
    }
  }

  /** Releases the lock (idempotent). */
  async release(): Promise<void> {
    const holder = await readHolder(this.file);
    if (holder?.pid === process.pid && holder.host === hostname()) await rm(this.file, { force: true });
  }
}
