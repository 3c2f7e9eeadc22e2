/**
 * What a user gets from npm: builds the packages, packs every one with pnpm (which applies
 * `publishConfig` and replaces `workspace:*`), installs the tarballs into a fresh project outside
 * the workspace with plain `npm install`, and runs an ESM script, a CommonJS script, a tsx script
 * and `tsc --noEmit` (nodenext and bundler, `skipLibCheck: false`) there.
 *
 * Slow by nature (a build and one npm install from the registry), so every case shares the one
 * install made in `beforeAll`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER_FILES, TINY_ROWS } from './consumer.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PACKAGES = ['core', 'duckdb', 'databricks', 'presets', 'cli'];
const rootPkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  packageManager: string;
  devDependencies: Record<string, string>;
};

/** Runs a command; fails the test with its output when it exits non-zero. */
function run(cmd: string, args: string[], cwd: string, allowFailure = false): { status: number; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 64 * 1024 * 1024 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (!allowFailure && r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${out}`);
  return { status: r.status ?? -1, out };
}

const pnpm = (args: string[], cwd: string): void => void run('npx', ['-y', rootPkg.packageManager, ...args], cwd);

let work = '';
let proj = '';

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'synthgraph-packed-'));
  proj = path.join(work, 'consumer');
  const tarballs = path.join(work, 'tarballs');
  pnpm(['build'], ROOT);
  for (const p of PACKAGES) pnpm(['pack', '--pack-destination', tarballs], path.join(ROOT, 'packages', p));
  mkdirSync(proj);
  writeFileSync(path.join(proj, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '0.0.0', type: 'module' }));
  for (const [name, text] of Object.entries(CONSUMER_FILES)) writeFileSync(path.join(proj, name), text);
  const tgz = readdirSync(tarballs).map((f) => path.join(tarballs, f));
  const dev = rootPkg.devDependencies;
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tgz, `typescript@${dev['typescript']}`, `tsx@${dev['tsx']}`, `@types/node@${dev['@types/node']}`],
    proj,
  );
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs one consumer script and returns the row counts it printed. */
function tinyRun(cmd: string, args: string[], out: string): { manifest: number; query: number; pool: number } {
  const { out: text } = run(cmd, [...args, path.join(work, out)], proj);
  return JSON.parse(text.trim().split('\n').at(-1) ?? '') as { manifest: number; query: number; pool: number };
}

/**
 * tsc errors grouped by file. `@databricks/sql` (a dependency of @synthgraph/databricks, whose
 * typings name its client types) ships `.d.ts` files importing `thrift`, `node-int64` and
 * `node-fetch` without depending on their `@types` packages: under `skipLibCheck: false` those
 * are TS7016 errors inside that third-party package, which a consumer fixes with those `@types`
 * packages or `skipLibCheck`. Everything else, and all of our own typings, must be clean.
 */
function tsc(config: string): { ours: string[]; thirdParty: string[] } {
  const { out } = run(path.join(proj, 'node_modules/.bin/tsc'), ['-p', config], proj, true);
  const errors = out.split('\n').filter((l) => /error TS\d+/.test(l));
  const isKnown = (l: string): boolean => l.startsWith('node_modules/@databricks/sql/') && l.includes('error TS7016') && /'(thrift|node-int64|node-fetch)'/.test(l);
  return { ours: errors.filter((l) => !isKnown(l)), thirdParty: errors.filter(isKnown) };
}

describe('the packed packages in a fresh npm project', () => {
  it('is installed outside the workspace, with no source condition and no workspace: ranges', () => {
    expect(path.relative(ROOT, proj).startsWith('..')).toBe(true);
    for (const p of PACKAGES) {
      const pkg = readFileSync(path.join(proj, 'node_modules/@synthgraph', p, 'package.json'), 'utf8');
      expect(pkg, p).not.toMatch(/"source"|workspace:|\.\/src\//);
    }
  });

  it('runs an ESM script', () => {
    expect(tinyRun('node', ['esm.mjs'], 'out-esm')).toEqual({ manifest: TINY_ROWS, query: TINY_ROWS, pool: TINY_ROWS });
  });

  it('runs a CommonJS script', () => {
    expect(tinyRun('node', ['cjs.cjs'], 'out-cjs')).toEqual({ manifest: TINY_ROWS, query: TINY_ROWS, pool: TINY_ROWS });
  });

  it('runs a tsx script, also with the docs recipe --conditions=source', () => {
    const tsx = path.join(proj, 'node_modules/.bin/tsx');
    expect(tinyRun(tsx, ['tiny.ts'], 'out-tsx')).toEqual({ manifest: TINY_ROWS, query: TINY_ROWS, pool: TINY_ROWS });
    expect(tinyRun(tsx, ['--conditions=source', 'tiny.ts'], 'out-tsx-source')).toEqual({ manifest: TINY_ROWS, query: TINY_ROWS, pool: TINY_ROWS });
  });

  it.each(['nodenext', 'bundler'])('type-checks with moduleResolution %s and skipLibCheck false', (mode) => {
    const { ours, thirdParty } = tsc(`tsconfig.${mode}.json`);
    expect(ours).toEqual([]);
    for (const l of thirdParty) expect(l).toMatch(/^node_modules\/@databricks\/sql\//);
  });
});
