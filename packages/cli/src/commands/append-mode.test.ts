/**
 * `--mode append` on the command line follows the same rules as `run.mode: append` in a config:
 * the next batch index is chosen when none is set, overlapping keys are refused before anything
 * is written, and a refused append leaves the output byte-identical.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '@synthgraph/core';
import { fakeIO } from '../../test/support/fake-io.js';
import { applyRunMode } from '../append-batch.js';
import { main } from '../main.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-append-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const manifestOf = async (out: string): Promise<Manifest> => JSON.parse(await readFile(path.join(dir, out, 'manifest.json'), 'utf8')) as Manifest;
async function digest(out: string): Promise<string> {
  const h = createHash('sha256');
  for (const f of (await readdir(path.join(dir, out), { recursive: true })).sort()) h.update(f).update(await readFile(path.join(dir, out, f)).catch(() => Buffer.from('dir')));
  return h.digest('hex');
}

describe('generate --mode append', () => {
  it('chooses the next batch, refuses overlapping keys with exit 2 and leaves the output byte-identical', async () => {
    const common = ['--households', '300', '--out', 'o', '--no-report', '--quiet', '--threads', '1'];
    const first = fakeIO(dir);
    expect(await main(['generate', ...common, '--seed', '511'], first), first.err).toBe(0);
    const second = fakeIO(dir);
    expect(await main(['generate', ...common, '--seed', '512', '--mode', 'append'], second), second.err).toBe(0);
    expect(second.err).toContain('batch: 1 (the next unused batch index');
    const m = await manifestOf('o');
    expect(m.batches.map((b) => [b.index, b.seed, b.extra['batch']])).toEqual([
      [0, 511, 0],
      [1, 512, 1],
    ]);
    expect(m.checks.filter((c) => c.violations !== 0)).toEqual([]);
    const before = await digest('o');
    await writeFile(path.join(dir, 'batch1.yaml'), 'run:\n  batch: 1\n');
    const third = fakeIO(dir);
    expect(await main(['generate', ...common, '--seed', '513', '--mode', 'append', '--config', 'batch1.yaml'], third)).toBe(2);
    expect(third.err).toMatch(/batch: the keys of this batch overlap those of batch 1/);
    expect(await digest('o')).toBe(before);
    expect((await readdir(dir)).filter((n) => n.includes('.synthgraph-'))).toEqual([]);

    // The batch comes from a local output only: a Databricks append names its own.
    const out = path.join(dir, 'o');
    const local: Record<string, Record<string, unknown>> = {};
    expect(applyRunMode(local, { mode: 'append' }, out)).toBe(2);
    expect(local['run']).toEqual({ mode: 'append', batch: 2 });
    for (const [values, run] of [
      [{ mode: 'append', target: 'databricks' }, {}],
      [{ mode: 'append' }, { target: 'main.synthgraph' }],
      [{}, { mode: 'append', batch: 5 }],
    ] as const) {
      const input: Record<string, Record<string, unknown>> = { run: { ...run } };
      expect(applyRunMode(input, values, out)).toBeUndefined();
      expect(input['run']?.['batch']).toBe((run as { batch?: number }).batch);
    }
  });
});
