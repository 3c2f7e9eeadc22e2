/**
 * Output-path problems found before any work. Tests run as root (here and in CI), so a chmod
 * stops nothing: a read-only filesystem is a read-only tmpfs mount, an unwritable directory is
 * an immutable one (`chattr +i`), and kernel filesystems are `/proc` and `/sys`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutputPath, MAX_NEW_OUTPUT_LEVELS } from './output-path.js';

let dir: string;
let readOnly: string;
let immutable: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'synthgraph-output-path-'));
  readOnly = join(dir, 'ro');
  mkdirSync(readOnly);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', readOnly]);
  immutable = join(dir, 'immutable');
  mkdirSync(join(immutable, 'old-out'), { recursive: true });
  execFileSync('chattr', ['+i', immutable]);
});

afterAll(() => {
  execFileSync('umount', [readOnly]);
  execFileSync('chattr', ['-i', immutable]);
  rmSync(dir, { recursive: true, force: true });
});

describe('checkOutputPath', () => {
  it('accepts a new directory, an existing one, and leaves no probe behind', async () => {
    expect(await checkOutputPath(join(dir, 'fresh', 'out'))).toEqual([]);
    expect(existsSync(join(dir, 'fresh'))).toBe(false);
    mkdirSync(join(dir, 'existing'));
    expect(await checkOutputPath(join(dir, 'existing'))).toEqual([]);
    expect(readdirSync(join(dir, 'existing'))).toEqual([]);
    expect(readdirSync(dir).filter((n) => n.startsWith('.synthgraph-probe-'))).toEqual([]);
  });

  it('a read-only filesystem', async () => {
    for (const out of [join(readOnly, 'out'), readOnly, join(readOnly, 'a', 'b')]) {
      const issues = await checkOutputPath(out, { field: '--out' });
      expect(issues).toEqual([expect.objectContaining({ path: '--out', reason: 'read-only', value: out })]);
      expect(issues[0]?.message).toContain('read-only filesystem');
    }
  });

  it('an immutable (unwritable) parent, and an existing output inside it', async () => {
    for (const out of [join(immutable, 'out'), join(immutable, 'old-out')]) {
      const issues = await checkOutputPath(out);
      expect(issues).toEqual([expect.objectContaining({ path: 'out', reason: 'no-permission', value: out })]);
      expect(issues[0]?.message).toContain(immutable);
    }
  });

  it('a path inside a file, and a file where the directory should be', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const under = await checkOutputPath(join(file, 'sub'));
    expect(under).toEqual([expect.objectContaining({ reason: 'under-a-file', value: join(file, 'sub') })]);
    expect(under[0]?.message).toContain(file);
    expect(await checkOutputPath(file)).toEqual([expect.objectContaining({ reason: 'not-a-directory', value: file })]);
  });

  it('kernel filesystems: /proc and /sys', async () => {
    for (const out of ['/proc/x', '/proc/self/x/y', '/sys/x']) {
      expect(await checkOutputPath(out)).toEqual([expect.objectContaining({ reason: 'special-filesystem', value: out })]);
    }
  });

  it('too many new levels', async () => {
    const deep = join(dir, ...Array.from({ length: MAX_NEW_OUTPUT_LEVELS + 1 }, (_, i) => `d${i}`));
    expect(await checkOutputPath(deep)).toEqual([expect.objectContaining({ reason: 'too-deep', value: deep })]);
  });

  it('creates the missing parents (not the output itself) when asked', async () => {
    const out = join(dir, 'p1', 'p2', 'out');
    expect(await checkOutputPath(out, { createParents: true })).toEqual([]);
    expect(existsSync(join(dir, 'p1', 'p2'))).toBe(true);
    expect(existsSync(out)).toBe(false);
  });
});
