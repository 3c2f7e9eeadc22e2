/**
 * Every recipe of docs/guides/scripts-and-notebooks.md, run as a user runs it: the ESM script
 * (top-level await) with tsx and with ts-node's ESM loader, the CommonJS script with tsx and
 * ts-node, the `--conditions` pitfall, and the Python reader script (pandas, polars, DuckDB) over
 * the Parquet output. The scripts import the built packages (no `--conditions=source`), as in a
 * project that installed them; ts-node also type-checks them against the published typings.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);
const guide = readFileSync(path.join(root, 'docs/guides/scripts-and-notebooks.md'), 'utf8');

interface Run {
  readonly status: number;
  /** stdout, then stderr (for failure messages). */
  readonly out: string;
  /** The last line of stdout (what the scripts print as JSON). */
  readonly last: string;
}
function run(cmd: string, args: readonly string[], cwd: string): Run {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 16 * 1024 * 1024 });
  return { status: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, last: (r.stdout ?? '').trim().split('\n').at(-1) ?? '' };
}

interface Summary {
  readonly out: string;
  readonly rows: Readonly<Record<string, number>>;
  readonly failed: number;
}
/** Runs a generate script and returns its printed summary (the last line). */
function generateWith(cmd: string, args: readonly string[], cwd: string, out: string): Summary {
  const r = run(cmd, [...args, out], cwd);
  expect(r.status, r.out).toBe(0);
  return JSON.parse(r.last) as Summary;
}

/** Each recipe starts Node, builds a 200-household graph and runs its checks: slow on a busy machine. */
const RECIPE_TIMEOUT = 300_000;

let work = '';
const outputs = new Map<string, Summary>();

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'synthgraph-notebook-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The same seed and config in every recipe: every runner writes the same tables. */
function expectSameOutput(name: string, s: Summary): void {
  expect(s.failed).toBe(0);
  expect(s.rows['households']).toBe(200);
  expect(Object.keys(s.rows).length).toBeGreaterThanOrEqual(14);
  outputs.set(name, s);
  const first = [...outputs.values()][0] as Summary;
  expect(s.rows).toEqual(first.rows);
}

describe('docs/guides/scripts-and-notebooks.md recipes', () => {
  it('ESM with top-level await: tsx', { timeout: RECIPE_TIMEOUT }, () => {
    expect(guide).toContain('npx tsx generate.ts out');
    expectSameOutput('tsx-esm', generateWith(bin('tsx'), ['generate.ts'], here, path.join(work, 'tsx-esm')));
  });

  it('ESM with top-level await: ts-node through its ESM loader (type-checked, module nodenext)', { timeout: RECIPE_TIMEOUT }, () => {
    expect(guide).toContain('node --loader ts-node/esm generate.ts out');
    const r = run(process.execPath, ['--loader', 'ts-node/esm', 'generate.ts', path.join(work, 'ts-node-esm')], here);
    expect(r.status, r.out).toBe(0);
    expectSameOutput('ts-node-esm', JSON.parse(r.last) as Summary);
  });

  it('CommonJS ("type": "commonjs", async main): tsx and ts-node', { timeout: RECIPE_TIMEOUT }, () => {
    expect(guide).toContain('npx ts-node generate.ts out');
    const cjs = path.join(here, 'cjs');
    expectSameOutput('tsx-cjs', generateWith(bin('tsx'), ['generate.ts'], cjs, path.join(work, 'tsx-cjs')));
    expectSameOutput('ts-node-cjs', generateWith(bin('ts-node'), ['generate.ts'], cjs, path.join(work, 'ts-node-cjs')));
  });

  it('the --conditions pitfall: plain node with the source condition reaches .ts files it cannot load', () => {
    const r = run(process.execPath, ['--conditions=source', '--input-type=module', '-e', "await import('@synthgraph/core')"], here);
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('ERR_UNKNOWN_FILE_EXTENSION');
    expect(guide).toContain('ERR_UNKNOWN_FILE_EXTENSION');
  });

  it('pandas, polars and DuckDB read the Parquet output with its row counts and types', { timeout: RECIPE_TIMEOUT }, () => {
    const setup = run('bash', [path.join(root, 'scripts/setup-python-readers.sh')], root);
    expect(setup.status, setup.out).toBe(0);
    const python = setup.last;
    const out = outputs.get('tsx-esm')?.out ?? generateWith(bin('tsx'), ['generate.ts'], here, path.join(work, 'python')).out;
    const r = run(python, ['read_output.py', out], here);
    expect(r.status, r.out).toBe(0);
    const read = JSON.parse(r.last) as {
      manifest: Record<string, number>;
      pandas: Record<string, number>;
      polars: Record<string, number>;
      duckdb: Record<string, number>;
      types: Record<string, Record<string, string>>;
    };
    expect(read.pandas).toEqual({ households: read.manifest['households'], campaigns: read.manifest['campaigns'] });
    expect(read.polars).toEqual({ content_engagements: read.manifest['content_engagements'] });
    expect(read.duckdb).toEqual({ individuals: read.manifest['individuals'] });
    expect(read.manifest['content_engagements']).toBeGreaterThan(1000);
    // the table in the guide
    expect(read.types['budget']).toEqual({ pandas: 'object', pandas_pyarrow: 'decimal128(14, 2)[pyarrow]', polars: 'Decimal(precision=14, scale=2)' });
    expect(read.types['start_date']).toEqual({ pandas: 'object', pandas_pyarrow: 'date32[day][pyarrow]', polars: 'Date' });
    // timestamps are UTC instants, written with or without the UTC flag
    expect(read.types['event_ts']).toEqual({
      pandas: expect.stringMatching(/^datetime64\[us(, UTC)?\]$/),
      pandas_pyarrow: expect.stringMatching(/^timestamp\[us(, tz=UTC)?\]\[pyarrow\]$/),
      polars: expect.stringMatching(/^Datetime\(time_unit='us', time_zone=(None|'UTC')\)$/),
    });
  });
});
