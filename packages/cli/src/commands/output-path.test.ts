/**
 * `generate` and `init` refuse an unusable output path with exit 2 before any work. Run as root
 * (here and in CI), so a read-only filesystem is a read-only tmpfs mount and an unwritable
 * directory an immutable one (`chattr +i`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeIO } from '../../test/support/fake-io.js';
import { main } from '../main.js';

let dir: string;
let readOnly: string;
let immutable: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sg-cli-out-'));
  readOnly = path.join(dir, 'ro');
  mkdirSync(readOnly);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', readOnly]);
  immutable = path.join(dir, 'immutable');
  mkdirSync(immutable);
  execFileSync('chattr', ['+i', immutable]);
  writeFileSync(path.join(dir, 'a-file'), 'x');
});

afterAll(() => {
  execFileSync('umount', [readOnly]);
  execFileSync('chattr', ['-i', immutable]);
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; err: string }> {
  const o = fakeIO(dir);
  const code = await main(args, o);
  return { code, err: o.err };
}

/** Output paths relative to the test directory (the CLI's working directory). */
const cases = (): [string, string, RegExp][] => [
  ['/proc/x', '/proc/x', /kernel files/],
  ['a file in the path', 'a-file/sub', /is a file, not a directory/],
  ['a read-only filesystem', 'ro/out', /read-only filesystem/],
  ['an immutable parent', 'immutable/out', /no permission/],
];

describe('output paths that cannot be written are exit 2 before any work', () => {
  it.each(cases())('generate --out: %s', async (_, out, reason) => {
    const { code, err } = await run(['generate', '--households', '10', '--seed', '1', '--out', out, '--quiet']);
    expect(code, err).toBe(2);
    expect(err).toContain('--out');
    expect(err).toMatch(reason);
    expect(err).not.toMatch(/unexpected error|\n\s+at /);
    expect(readdirSync(dir).filter((n) => n.includes('synthgraph-tmp'))).toEqual([]);
  });

  it.each(cases())('init --out: %s', async (_, out, reason) => {
    const { code, err } = await run(['init', '--yes', '--out', path.join(out, 'synthgraph.yaml')]);
    expect(code, err).toBe(2);
    expect(err).toContain('--out');
    expect(err).toMatch(reason);
    expect(err).not.toMatch(/unexpected error|\n\s+at /);
  });
});
