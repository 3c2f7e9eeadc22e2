/**
 * Fault injection for the local DuckDB engine: a child run is killed (SIGKILL) at every named
 * point of a replace and of an append; the output is then the old or the new one, complete; the
 * next run recovers, leaves no leftovers, and ends with the tables of an uninterrupted run.
 */
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, OutputLock, recoverOutput, SynthgraphError } from '@synthgraph/core';
import { runChild } from './support/child.js';
import { commitRun } from './support/commit-run.js';
import { completeAs, leftovers, readManifest, tableHashes } from './support/output-tree.js';

const RUN_POINTS = ['open:staged', 'table:matches', 'manifest:built'];
const COMMIT_POINTS = ['commit:start', 'commit:linked', 'commit:manifest-staged', 'commit:old-aside', 'commit:swapped'];

let dir: string;
let base: string;
let oldHashes: Record<string, string>;
let replaced: Record<string, string>;
let appended: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-faults-'));
  base = path.join(dir, 'base');
  oldHashes = tableHashes(await commitRun(base, 300, 0, 'replace'));
  replaced = tableHashes(await commitRun(path.join(dir, 'ref-replace'), 400, 0, 'replace'));
  const ref = path.join(dir, 'ref-append');
  await cp(base, ref, { recursive: true });
  appended = tableHashes(await commitRun(ref, 200, 1, 'append'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Asserts the state right after the kill: `out` is the old or new output, complete (or, between the two renames, the old one is complete beside it). */
async function assertOldOrNew(out: string, expected: Record<string, string>): Promise<void> {
  if (existsSync(out)) {
    await completeAs(out, [oldHashes, expected]);
    return;
  }
  const aside = (await readdir(path.dirname(out))).filter((n) => n.startsWith(`${path.basename(out)}.synthgraph-old-`));
  expect(aside).toHaveLength(1);
  await completeAs(path.join(path.dirname(out), aside[0] as string), [oldHashes]);
}

async function killedRun(point: string, mode: 'replace' | 'append'): Promise<void> {
  const out = path.join(dir, `${mode}-${point.replace(/:/g, '-')}`);
  await cp(base, out, { recursive: true });
  const expected = mode === 'replace' ? replaced : appended;
  const r = mode === 'replace' ? await runChild(out, 400, 0, 'replace', point) : await runChild(out, 200, 1, 'append', point);
  expect(r.signal ?? r.code, r.stderr).toMatch(/SIGKILL|137/);
  await assertOldOrNew(out, expected);
  // What the next run does first: under the lock, roll forward or back and remove leftovers.
  const lock = await OutputLock.acquire(out);
  await recoverOutput(out);
  await lock.release();
  const state = await completeAs(out, [oldHashes, expected]);
  expect(await leftovers(out)).toEqual([]);
  // The next run itself: a replace writes the new output; an append adds the batch unless the
  // killed run had committed it (then the checks over the union refuse the duplicate batch).
  if (mode === 'replace' || state === 0) await commitRun(out, mode === 'replace' ? 400 : 200, mode === 'replace' ? 0 : 1, mode);
  else await expect(commitRun(out, 200, 1, 'append')).rejects.toSatisfy((e) => e instanceof SynthgraphError && !(e instanceof ConfigError));
  expect(tableHashes(await readManifest(out))).toEqual(expected);
  expect(await completeAs(out, [expected])).toBe(0);
  expect(await leftovers(out)).toEqual([]);
}

describe('a local DuckDB run killed at any point', () => {
  for (const point of [...RUN_POINTS, ...COMMIT_POINTS.filter((p) => p !== 'commit:linked')]) it(`replace, killed at ${point}`, () => killedRun(point, 'replace'));
  for (const point of [...RUN_POINTS, ...COMMIT_POINTS]) it(`append, killed at ${point}`, () => killedRun(point, 'append'));
});
