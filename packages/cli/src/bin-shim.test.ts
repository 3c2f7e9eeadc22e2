/**
 * The committed `bin/synthgraph.mjs`: in a checkout it builds the packages first when their
 * sources are newer than the build, saying so, then runs the built CLI; otherwise it runs at once.
 * Run here in a stand-in workspace whose "pnpm" only writes the build output.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const shim = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'synthgraph.mjs');
const ws = mkdtempSync(path.join(os.tmpdir(), 'sg-bin-shim-'));
afterAll(() => rmSync(ws, { recursive: true, force: true }));

/** A workspace with one package `cli` holding the shim and a source file, not built yet. */
function standIn(): { bin: string; pnpm: string } {
  const cli = path.join(ws, 'packages', 'cli');
  mkdirSync(path.join(cli, 'bin'), { recursive: true });
  mkdirSync(path.join(cli, 'src'), { recursive: true });
  writeFileSync(path.join(ws, 'pnpm-workspace.yaml'), "packages: ['packages/*']\n");
  writeFileSync(path.join(cli, 'package.json'), '{}\n');
  writeFileSync(path.join(cli, 'src', 'index.ts'), 'export {};\n');
  copyFileSync(shim, path.join(cli, 'bin', 'synthgraph.mjs'));
  // The stand-in for `pnpm run build`: writes dist/ with a CLI that prints its arguments.
  const pnpm = path.join(ws, 'fake-pnpm.mjs');
  writeFileSync(
    pnpm,
    `import { mkdirSync, writeFileSync } from 'node:fs';\n` +
      `const dist = ${JSON.stringify(path.join(cli, 'dist'))};\n` +
      `mkdirSync(dist, { recursive: true });\n` +
      `writeFileSync(dist + '/index.js', 'export {};\\n');\n` +
      `writeFileSync(dist + '/bin.js', 'console.log("cli " + process.argv.slice(2).join(" ") + " " + process.env.SYNTHGRAPH_COMMAND);\\n');\n`,
  );
  return { bin: path.join(cli, 'bin', 'synthgraph.mjs'), pnpm };
}

describe('bin/synthgraph.mjs', () => {
  it('builds visibly on first use, then runs the built CLI without building again', () => {
    const { bin, pnpm } = standIn();
    const run = (): ReturnType<typeof spawnSync> => spawnSync(process.execPath, [bin, 'plan', '--json'], { encoding: 'utf8', env: { ...process.env, npm_execpath: pnpm, SYNTHGRAPH_COMMAND: '' } });
    const first = run();
    expect(first.status, String(first.stderr)).toBe(0);
    expect(first.stderr).toMatch(/^building synthgraph \(cli changed since the last build/);
    expect(first.stdout).toBe('cli plan --json pnpm exec synthgraph\n');
    const second = run();
    expect(second.status).toBe(0);
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe('cli plan --json pnpm exec synthgraph\n');
  });
});
