/**
 * On an 80-column terminal the progress display is one live line redrawn in place: after a
 * whole run, replaying the output on a model 80-column screen leaves no stale progress lines.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenLines } from '../test/support/terminal-screen.js';
import { PtySession } from '../test/support/pty-session.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-cli-pty-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('progress on an 80-column terminal', () => {
  it('redraws in place: no stale progress lines, no wrapped rows, one final line', async () => {
    const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
    const bin = path.join(root, 'packages', 'cli', 'src', 'bin.ts');
    const s = PtySession.spawn(`${tsx} --conditions=source ${bin} generate --households 2000 --seed 3 --out ${path.join(dir, 'out')} --no-report`, { cwd: dir, cols: 80 });
    try {
      expect(await s.exit(120_000), s.screen()).toBe(0);
    } finally {
      s.kill();
    }
    const lines = screenLines(s.output(), 80);
    const progress = lines.filter((l) => /^\[\d+\/\d+\]/.test(l));
    expect(progress, lines.join('\n')).toEqual([]);
    expect(lines.filter((l) => l.startsWith('done: ')), lines.join('\n')).toHaveLength(1);
    expect(lines.every((l) => l.length < 80), lines.join('\n')).toBe(true);
    expect(lines.join('\n')).toMatch(/checks: \d+ passed, 0 failed/);
  }, 180_000);
});
