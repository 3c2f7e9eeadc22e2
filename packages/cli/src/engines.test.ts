/**
 * The engine packages are optional peer dependencies loaded when a command needs one. A
 * package that is not installed is simulated with an injected importer that fails the way Node
 * does (the real error of resolving the name from a directory without it); the packed-tarball
 * test (test/packaging) checks the same with a real install that lacks @synthgraph/databricks.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, intBetween, scenario, t } from '@synthgraph/core';
import { duckdb } from '@synthgraph/duckdb';
import { fakeIO } from '../test/support/fake-io.js';
import { EngineLoader, EngineMissingError, importEngine, type EngineImporter, type EnginePackage } from './engines.js';
import { main } from './main.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-engines-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Node's own error for a package that cannot be resolved (resolved from an empty directory). */
function notFound(name: string): unknown {
  try {
    createRequire(path.join(dir, 'nowhere.js')).resolve(name);
  } catch (e) {
    return e;
  }
  throw new Error(`${name} resolved from ${dir}`);
}

/** The real imports, except `missing`, which fails as an uninstalled package does; counts the calls. */
function without(...missing: EnginePackage[]): EngineImporter & { calls: EnginePackage[] } {
  const calls: EnginePackage[] = [];
  const importer = async (name: EnginePackage): Promise<unknown> => {
    calls.push(name);
    if (missing.includes(name)) throw notFound(name);
    return importEngine(name);
  };
  return Object.assign(importer, { calls });
}

async function run(importer: EngineImporter, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = Object.assign(fakeIO(dir), { importEngine: importer });
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

describe('EngineLoader', () => {
  it('imports a package once and keeps it', async () => {
    const importer = without();
    const loader = new EngineLoader(importer);
    const a = await loader.duckdb('test');
    const b = await loader.load('@synthgraph/duckdb', 'test');
    expect(a).toBe(b);
    expect(typeof a.duckdb).toBe('function');
    expect(importer.calls).toEqual(['@synthgraph/duckdb']);
  });

  it('a package that is not installed is an EngineMissingError naming it and its install command; the next call tries again', async () => {
    const importer = without('@synthgraph/databricks');
    const loader = new EngineLoader(importer);
    const e = await loader.databricks('plan --dialect spark').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EngineMissingError);
    const m = e as EngineMissingError;
    expect(m.code).toBe('ENGINE_MISSING');
    expect(m.packageName).toBe('@synthgraph/databricks');
    expect(m.installCommand).toBe('npm install @synthgraph/databricks');
    expect(m.message).toContain('plan --dialect spark needs @synthgraph/databricks, which is not installed');
    expect(m.issues).toEqual([{ path: '@synthgraph/databricks', message: 'is not installed', fix: 'npm install @synthgraph/databricks' }]);
    await expect(loader.databricks('again')).rejects.toBeInstanceOf(EngineMissingError);
    expect(importer.calls).toEqual(['@synthgraph/databricks', '@synthgraph/databricks']);
  });

  it("a missing dependency of an installed engine package (a broken install) is not reported as the package's absence", async () => {
    const broken = notFound('@duckdb/node-api');
    const loader = new EngineLoader(async () => {
      throw broken;
    });
    await expect(loader.duckdb('generate')).rejects.toBe(broken);
  });
});

describe('a command whose engine package is not installed', () => {
  it('plan --dialect spark exits 2 with the install command, and loads the Databricks package for the spark dialect', async () => {
    const r = await run(without('@synthgraph/databricks'), 'plan', '--dialect', 'spark', '--households', '10', '--seed', '1');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('error: plan --dialect spark needs @synthgraph/databricks, which is not installed');
    expect(r.err).toContain('Install it with: npm install @synthgraph/databricks');
    const installed = without();
    const ok = await run(installed, 'plan', '--dialect', 'spark', '--households', '10', '--seed', '1', '--no-checks');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('dialect spark');
    expect(installed.calls).toEqual(['@synthgraph/databricks']);
  });

  it('--json puts the typed error on stdout', async () => {
    const r = await run(without('@synthgraph/databricks'), 'plan', '--dialect', 'databricks', '--catalog', 'main', '--schema', 's', '--json');
    expect(r.code).toBe(2);
    const { error } = JSON.parse(r.out) as { error: { code: string; exitCode: number; issues: unknown[] } };
    expect(error).toMatchObject({ code: 'ENGINE_MISSING', exitCode: 2, issues: [{ path: '@synthgraph/databricks', fix: 'npm install @synthgraph/databricks' }] });
  });

  it('a DuckDB-only install plans for DuckDB without loading the Databricks package, and the reverse', async () => {
    const duckOnly = without('@synthgraph/databricks');
    const r = await run(duckOnly, 'plan', '--households', '10', '--seed', '1', '--no-checks');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('dialect duckdb');
    expect(duckOnly.calls).toEqual(['@synthgraph/duckdb']);
    const dbxOnly = without('@synthgraph/duckdb');
    expect((await run(dbxOnly, 'plan', '--dialect', 'spark', '--households', '10', '--seed', '1', '--no-checks')).code).toBe(0);
    expect(dbxOnly.calls).toEqual(['@synthgraph/databricks']);
    expect((await run(dbxOnly, 'plan', '--households', '10', '--seed', '1')).err).toContain('npm install @synthgraph/duckdb');
  });

  it.each([
    [['generate', '--target', 'spark'], '@synthgraph/databricks'],
    [['generate', '--target', 'databricks-local'], '@synthgraph/databricks'],
    [['generate', '--target', 'databricks', '--catalog', 'main', '--schema', 's'], '@synthgraph/databricks'],
    [['generate'], '@synthgraph/duckdb'],
  ] as const)('%j exits 2 naming %s and writes nothing', async (args, pkg) => {
    const out = path.join(dir, `out-${args.join('-')}`);
    const r = await run(without(pkg), ...args, '--households', '10', '--seed', '1', '--out', out);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain(`needs ${pkg}, which is not installed`);
    expect(r.err).toContain(`npm install ${pkg}`);
    expect(existsSync(out)).toBe(false);
  });

  it('check-grants exits 2 naming @synthgraph/databricks, before reading any credentials', async () => {
    const r = await run(without('@synthgraph/databricks'), 'check-grants', '--catalog', 'main', '--schema', 's');
    expect(r.code).toBe(2);
    expect(r.err).toContain('check-grants needs @synthgraph/databricks');
    expect(r.err).not.toMatch(/DATABRICKS_HOST|credential/i);
  });

  it('score-resolution exits 2 naming @synthgraph/duckdb', async () => {
    const out = path.join(dir, 'tiny-score');
    await generate(scenario('tiny').entity('truth_source_records', (e) => e.rows(3).key('record_id').column('n', t.int(), () => intBetween(1, 3))), duckdb({ out }), { seed: 1 });
    const clusters = path.join(dir, 'clusters.csv');
    await writeFile(clusters, 'record_id,cluster_id\n1,a\n');
    const r = await run(without('@synthgraph/duckdb'), 'score-resolution', '--truth', out, '--clusters', clusters);
    expect(r.code).toBe(2);
    expect(r.err).toContain('score-resolution needs @synthgraph/duckdb');
  });

  it('report without @synthgraph/duckdb writes the manifest-only report with a note naming the install command', async () => {
    const out = path.join(dir, 'tiny-report');
    await generate(scenario('tiny').entity('customers', (e) => e.rows(5).key('customer_id').column('n', t.int(), () => intBetween(1, 3))), duckdb({ out }), { seed: 1 });
    const r = await run(without('@synthgraph/duckdb'), 'report', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('note: The tables could not be read (report (reading the tables) needs @synthgraph/duckdb');
    const json = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as { notes: string[]; summary: { totalRows: number } };
    expect(json.summary.totalRows).toBe(5);
    expect(json.notes.join('\n')).toContain('npm install @synthgraph/duckdb');
  });
});
