import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { poolsDigest } from '../../test/support/pools-digest.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');
const script = path.join(root, 'packages/core/test/support/print-pools-digest.ts');

/** Runs the digest script in a fresh `npx tsx` process and parses its one line of JSON. */
function digestInChild(seed: number): Promise<{ seed: number; digest: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', script, String(seed)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`npx tsx exited with ${code}: ${err}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as { seed: number; digest: string });
      } catch (e) {
        reject(new Error(`unexpected output: ${out}\n${err}`, { cause: e }));
      }
    });
  });
}

describe('pool determinism across processes', () => {
  it('two separate processes and this one build byte-identical pools for the same seed', async () => {
    const [a, b, c] = await Promise.all([digestInChild(42), digestInChild(42), digestInChild(43)]);
    const local = poolsDigest(42);
    expect(a).toEqual({ seed: 42, digest: local });
    expect(b).toEqual({ seed: 42, digest: local });
    expect(c.seed).toBe(43);
    expect(c.digest).toBe(poolsDigest(43));
    expect(c.digest).not.toBe(local);
  });
});
