import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '@synthgraph/core';
import { fakeIO } from '../test/support/fake-io.js';
import { main } from './main.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let dir: string;

const io = (): ReturnType<typeof fakeIO> => fakeIO(dir);
const manifestOf = async (out: string): Promise<Manifest> => JSON.parse(await readFile(path.join(dir, out, 'manifest.json'), 'utf8')) as Manifest;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('synthgraph generate', () => {
  it('writes every table and the manifest with 0 violations; same seed and threads give the same hashes', async () => {
    const a = io();
    expect(await main(['generate', '--households', '300', '--seed', '42', '--out', 'a'], a), a.err).toBe(0);
    expect(a.out).toContain('manifest:');
    expect(a.out).toMatch(/checks: \d+ passed, 0 failed/);
    const m = await manifestOf('a');
    expect(Object.keys(m.tables).length).toBeGreaterThanOrEqual(2);
    expect(m.checks.every((c) => c.violations === 0)).toBe(true);
    for (const t of Object.keys(m.tables)) expect(existsSync(path.join(dir, 'a', t)), t).toBe(true);

    const b = io();
    expect(await main(['generate', '--households', '300', '--seed', '42', '--out', 'b', '--threads', '1', '--quiet'], b), b.err).toBe(0);
    const mb = await manifestOf('b');
    for (const t of Object.keys(m.tables)) expect(mb.tables[t]?.contentHash, t).toBe(m.tables[t]?.contentHash);

    const c = io();
    expect(await main(['generate', '--households', '300', '--seed', '43', '--out', 'c', '--json'], c), c.err).toBe(0);
    const mc = JSON.parse(c.out) as Manifest;
    expect(mc.seed).toBe(43);
    expect(Object.keys(m.tables).some((t) => mc.tables[t]?.contentHash !== m.tables[t]?.contentHash)).toBe(true);
  });

  it('--shard-households writes the local tables in shards with the same rows; off writes one file per table', async () => {
    const common = ['generate', '--households', '300', '--seed', '42', '--no-report', '--quiet', '--threads', '1'];
    const whole = io();
    expect(await main([...common, '--out', 'shard-off', '--shard-households', 'off'], whole), whole.err).toBe(0);
    const sharded = io();
    expect(await main([...common, '--out', 'shard-100', '--shard-households', '100'], sharded), sharded.err).toBe(0);
    const [a, b] = [await manifestOf('shard-off'), await manifestOf('shard-100')];
    expect(a.tables['households']?.files).toEqual(['households/part-00000.parquet']);
    expect(b.tables['households']?.files).toEqual(['households/part-00000-00000.parquet', 'households/part-00000-00001.parquet', 'households/part-00000-00002.parquet']);
    for (const t of Object.keys(a.tables)) expect(b.tables[t]?.contentHash, t).toBe(a.tables[t]?.contentHash);
  });

  it('without a seed picks one at random, prints it, and that seed repeats the run exactly', async () => {
    const a = io();
    expect(await main(['generate', '--households', '200', '--out', 'rand-a', '--no-report'], a), a.err).toBe(0);
    const seed = Number(/seed: (\d+) \(chosen at random; pass --seed \1/.exec(a.err)?.[1]);
    expect(Number.isSafeInteger(seed)).toBe(true);
    const m = await manifestOf('rand-a');
    expect(m.seed).toBe(seed);
    expect((m.config['run'] as { seed: number }).seed).toBe(seed);
    const b = io();
    expect(await main(['generate', '--households', '200', '--out', 'rand-b', '--no-report', '--seed', String(seed)], b), b.err).toBe(0);
    expect(b.err).not.toContain('chosen at random');
    const mb = await manifestOf('rand-b');
    for (const t of Object.keys(m.tables)) expect(mb.tables[t]?.contentHash, t).toBe(m.tables[t]?.contentHash);
  });

  it.each([
    [['--preset', 'nope'], '--preset'],
    [['--households', '-5'], '--households'],
    [['--households', 'abc'], '--households'],
    [['--format', 'xml'], '--format'],
    [['--threads', '0'], '--threads'],
    [['--memory-limit', 'lots'], '--memory-limit'],
    [['--shard-households', '0'], '--shard-households'],
    [['--shard-households', 'many'], '--shard-households'],
    [['--shard-households', '100', '--target', 'spark'], '--shard-households'],
    [['--config', 'missing.json'], '--config'],
    [['--bogus'], 'bogus'],
  ])('invalid input %j exits 2, names the option and writes nothing', async (args, name) => {
    const r = io();
    const out = `bad-${String(name).replace(/\W/g, '')}`;
    expect(await main(['generate', '--out', out, ...args], r)).toBe(2);
    expect(r.err).toContain(name);
    expect(existsSync(path.join(dir, out))).toBe(false);
  });

  it('an invalid config file exits 2 with the config path named', async () => {
    await writeFile(path.join(dir, 'bad.yaml'), 'households:\n  num_households: -3\n');
    const r = io();
    expect(await main(['generate', '--config', path.join(dir, 'bad.yaml'), '--out', 'badcfg'], r)).toBe(2);
    expect(r.err).toContain('households.num_households');
    expect(existsSync(path.join(dir, 'badcfg'))).toBe(false);
  });

  it('Ctrl-C stops the run, exits 130 and leaves no partial output', async () => {
    const out = path.join(dir, 'interrupted');
    const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=source', path.join(root, 'packages/cli/src/bin.ts'), 'generate', '--households', '20000', '--out', out], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      err += String(d);
      if (!sent && /generating|rows/.test(err)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((res) => child.on('close', res));
    expect(sent).toBe(true);
    expect(code, err).toBe(130);
    expect(err).toMatch(/cancelled/i);
    expect(existsSync(out)).toBe(false);
    expect((await readdir(dir)).filter((f) => f.includes('synthgraph-tmp'))).toEqual([]);
  }, 120_000);
});

describe('synthgraph plan / validate / help', () => {
  it('plan prints Spark SQL and executes nothing', async () => {
    const r = io();
    expect(await main(['plan', '--dialect', 'spark', '--households', '100'], r), r.err).toBe(0);
    expect(r.out).toContain('CREATE OR REPLACE TABLE `households`\nUSING DELTA');
    expect(r.out).toMatch(/range\(0L, 100L, 1L, 1\)/);
    expect(r.out).toContain('-- checks of households: one statement, one row; column c<i> = violations of check i\n--   c0 households.primaryKey(household_id)\n');
    expect(r.out).toMatch(/-- {3}c\d+ individuals\.foreignKey\(household_id → households\.household_id\) \(holds by construction; spot-checked over a sample\)\n/);
  });

  it('plan --dialect duckdb prints DuckDB SQL', async () => {
    const r = io();
    expect(await main(['plan', '--households', '100', '--no-checks'], r)).toBe(0);
    expect(r.out).toContain('CREATE OR REPLACE TABLE "households" AS');
    expect(r.out).not.toContain('-- checks');
  });

  it('validate accepts a valid config and rejects an invalid one with exit 2', async () => {
    await writeFile(path.join(dir, 'ok.yaml'), 'households:\n  num_households: 2000\n');
    const ok = io();
    expect(await main(['validate', '--config', path.join(dir, 'ok.yaml')], ok), ok.err).toBe(0);
    expect(ok.out).toContain('is valid');
    const bad = io();
    await writeFile(path.join(dir, 'unknown.json'), JSON.stringify({ households: { nope: 1 } }));
    expect(await main(['validate', '--config', path.join(dir, 'unknown.json')], bad)).toBe(2);
    expect(bad.err).toContain('households');
  });

  it('unknown commands exit 2; help exits 0', async () => {
    const r = io();
    expect(await main(['frobnicate'], r)).toBe(2);
    expect(r.err).toContain('unknown command');
    const h = io();
    expect(await main(['--help'], h)).toBe(0);
    expect(h.out).toContain('generate');
  });
});
