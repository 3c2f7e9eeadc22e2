/**
 * What a user gets from npm: builds the packages (unless scripts/test-all.mjs just did), packs
 * every one with pnpm (which applies `publishConfig` and replaces `workspace:*`), installs the
 * tarballs into a fresh project outside the workspace with plain `npm install`, and runs an ESM
 * script, a CommonJS script, a tsx script and `tsc --noEmit` (nodenext and bundler,
 * `skipLibCheck: false`) there.
 *
 * The engine packages are optional peer dependencies of the CLI: two more projects install the
 * CLI with only one engine each (DuckDB-only, Databricks-only), run the CLI there, check that the
 * other engine's stack is absent and that its commands exit 2 with the install command. The
 * install sizes (`du` of node_modules) are printed, not asserted.
 *
 * Slow by nature (a build and npm installs from the registry), so the cases of each project
 * share the one install made in its `beforeAll`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
let tarballs = '';

/** The packed tarball of a package (`core` → …/synthgraph-core-0.1.0.tgz). */
const tarball = (p: string): string => {
  const f = readdirSync(tarballs).find((n) => n.startsWith(`synthgraph-${p}-`) && n.endsWith('.tgz'));
  if (!f) throw new Error(`no tarball of @synthgraph/${p} in ${tarballs}`);
  return path.join(tarballs, f);
};

/** A new npm project `name` in the work directory with the tarballs of `packages` (and `extra` registry specs) installed. */
function project(name: string, packages: readonly string[], extra: readonly string[] = []): string {
  const dir = path.join(work, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, private: true, version: '0.0.0', type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packages.map(tarball), ...extra], dir);
  return dir;
}

/** Size of a project's node_modules in MiB (`du`), for the record. */
function installMiB(dir: string): number {
  const { out } = run('du', ['-sk', path.join(dir, 'node_modules')], dir);
  return Math.round(Number(out.split(/\s+/)[0]) / 102.4) / 10;
}

const sizes: Record<string, number> = {};

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'synthgraph-packed-'));
  tarballs = path.join(work, 'tarballs');
  // scripts/test-all.mjs builds the packages as its first step and says so with
  // SYNTHGRAPH_PACKAGES_BUILT=1: building them again here cost the suite ~30 s. Run alone, the
  // test builds them itself, so it never packs a stale dist.
  if (process.env['SYNTHGRAPH_PACKAGES_BUILT'] !== '1') pnpm(['build'], ROOT);
  for (const p of PACKAGES) pnpm(['pack', '--pack-destination', tarballs], path.join(ROOT, 'packages', p));
  const dev = rootPkg.devDependencies;
  proj = project('consumer', PACKAGES, [`typescript@${dev['typescript']}`, `tsx@${dev['tsx']}`, `@types/node@${dev['@types/node']}`]);
  for (const [name, text] of Object.entries(CONSUMER_FILES)) writeFileSync(path.join(proj, name), text);
  sizes['every package (+ typescript, tsx, @types/node)'] = installMiB(proj);
});

afterAll(() => {
  const lines = Object.entries(sizes).map(([what, mib]) => `  ${what}: ${mib} MiB`);
  if (lines.length) console.log(`install size (du of node_modules):\n${lines.join('\n')}`);
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

/** Runs the installed `synthgraph` bin of a project. */
const synthgraph = (dir: string, ...args: string[]): { status: number; out: string } => run(path.join(dir, 'node_modules/.bin/synthgraph'), args, dir, true);

/** The files under `dir` whose names end with `ext`, recursively. */
function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(ext));
}

describe('the CLI with one engine package (the engines are optional peer dependencies)', () => {
  let duckOnly = '';
  let dbxOnly = '';
  beforeAll(() => {
    duckOnly = project('duckdb-only', ['cli', 'core', 'presets', 'duckdb']);
    sizes['@synthgraph/cli + core + presets + duckdb'] = installMiB(duckOnly);
    dbxOnly = project('databricks-only', ['cli', 'core', 'presets', 'databricks']);
    sizes['@synthgraph/cli + core + presets + databricks'] = installMiB(dbxOnly);
  });

  it('DuckDB only: no Databricks stack is installed, and the CLI typings name neither engine package', () => {
    expect(existsSync(path.join(duckOnly, 'node_modules/@synthgraph/duckdb'))).toBe(true);
    expect(existsSync(path.join(duckOnly, 'node_modules/@synthgraph/databricks'))).toBe(false);
    expect(existsSync(path.join(duckOnly, 'node_modules/@databricks'))).toBe(false);
    // A consumer type-checking against @synthgraph/cli must not need an engine package it did not install.
    for (const f of ['index.d.ts', 'index.d.cts']) {
      const code = readFileSync(path.join(duckOnly, 'node_modules/@synthgraph/cli/dist', f), 'utf8')
        .split('\n')
        .filter((l) => !/^\s*(\*|\/\/|\/\*)/.test(l)); // not the doc comments' examples
      expect(code.filter((l) => /(from |import\()['"]@synthgraph\/(duckdb|databricks)['"]/.test(l)), f).toEqual([]);
    }
  });

  it('DuckDB only: synthgraph generate writes Parquet, the manifest and the report', () => {
    const out = path.join(work, 'out-duckdb-only');
    const r = synthgraph(duckOnly, 'generate', '--households', '20', '--seed', '1', '--out', out, '--quiet');
    expect(r.status, r.out).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { tables: Record<string, { rows: number }> };
    const tables = Object.keys(manifest.tables);
    expect(tables).toContain('households');
    for (const t of tables) expect(filesUnder(path.join(out, t), '.parquet').length, t).toBeGreaterThan(0);
    expect(existsSync(path.join(out, 'report.html'))).toBe(true);
  });

  it('DuckDB only: plan --dialect spark exits 2 with the install command', () => {
    const r = synthgraph(duckOnly, 'plan', '--dialect', 'spark', '--households', '20', '--seed', '1');
    expect(r.status, r.out).toBe(2);
    expect(r.out).toContain('plan --dialect spark needs @synthgraph/databricks, which is not installed');
    expect(r.out).toContain('npm install @synthgraph/databricks');
  });

  it('Databricks only: no DuckDB is installed; plan --dialect spark works and generate (DuckDB) exits 2 with the install command', () => {
    expect(existsSync(path.join(dbxOnly, 'node_modules/@synthgraph/databricks'))).toBe(true);
    expect(existsSync(path.join(dbxOnly, 'node_modules/@duckdb'))).toBe(false);
    const plan = synthgraph(dbxOnly, 'plan', '--dialect', 'spark', '--households', '20', '--seed', '1', '--no-checks');
    expect(plan.status, plan.out).toBe(0);
    expect(plan.out).toContain('dialect spark');
    const out = path.join(work, 'out-databricks-only');
    const gen = synthgraph(dbxOnly, 'generate', '--households', '20', '--seed', '1', '--out', out);
    expect(gen.status, gen.out).toBe(2);
    expect(gen.out).toContain('npm install @synthgraph/duckdb');
    expect(existsSync(out)).toBe(false);
  });
});
