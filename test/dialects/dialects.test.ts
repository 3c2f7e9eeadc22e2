/**
 * Every registered dialect, tested in one place: the registry lists them, each prints the golden
 * scenario exactly as its golden SQL file, and each escapes identifiers and string literals
 * safely. Dialects defined for tests live in `support/dialects/` and are loaded from there, so a
 * new dialect is its file plus `golden-sql/<name>.sql` (write it with UPDATE_GOLDEN_SQL=1).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { buildPlan, ConfigError, getDialect, IdentifierError, listDialects, type Dialect } from '@synthgraph/core';
import '@synthgraph/duckdb';
import '@synthgraph/databricks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenScenarioIR } from './support/golden-scenario.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const goldenDir = path.join(here, 'golden-sql');
const supportDialects = path.join(here, 'support', 'dialects');

let conn: DuckDBConnection;
let instance: DuckDBInstance;

beforeAll(async () => {
  for (const f of readdirSync(supportDialects).filter((x) => x.endsWith('.ts')).sort()) await import(pathToFileURL(path.join(supportDialects, f)).href);
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

/** The whole printed plan of the golden scenario: every table's statements, then every check. */
function printedPlan(d: Dialect): string {
  const plan = buildPlan(goldenScenarioIR(), d);
  const parts = [...(plan.lookups ?? []).map((l) => `-- lookup table ${l.name}\n${[...l.sql, l.drop].join(';\n')};`), ...plan.tables.map((t) => `-- table ${t.entity}\n${t.sql.join(';\n')};`), ...plan.checks.map((c) => `-- check ${c.name}\n${c.sql};`)];
  return `${parts.join('\n\n')}\n`;
}

describe('dialect registry', () => {
  it('lists the built-in dialects and every dialect under test/dialects/support/dialects', () => {
    expect(listDialects()).toEqual(expect.arrayContaining(['duckdb', 'spark', 'duckdb_renamed']));
    expect(getDialect('duckdb_renamed').name).toBe('duckdb_renamed');
  });

  it('names the known dialects when asked for an unknown one', () => {
    expect(() => getDialect('oracle')).toThrow(ConfigError);
    expect(() => getDialect('oracle')).toThrow(/unknown dialect 'oracle'[\s\S]*duckdb, duckdb_renamed, spark/);
  });

  it('has a golden SQL file for every registered dialect and a dialect for every golden file', () => {
    const files = readdirSync(goldenDir)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => f.slice(0, -4))
      .sort();
    expect(files).toEqual(listDialects());
  });
});

describe('golden SQL', () => {
  it('prints the golden scenario exactly as each dialect golden file', () => {
    for (const name of listDialects()) {
      const file = path.join(goldenDir, `${name}.sql`);
      const text = printedPlan(getDialect(name));
      if (process.env['UPDATE_GOLDEN_SQL'] === '1') writeFileSync(file, text);
      expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN_SQL=1`).toBe(true);
      expect(text, name).toBe(readFileSync(file, 'utf8'));
    }
  });

  it('runs the DuckDB golden SQL on DuckDB with every check at 0', async () => {
    const c = await (await DuckDBInstance.create(':memory:')).connect();
    const plan = buildPlan(goldenScenarioIR(), getDialect('duckdb'));
    expect(plan.lookups?.map((l) => [l.name, l.rows])).toEqual([['streets', 64]]);
    for (const l of plan.lookups ?? []) for (const s of l.sql) await c.run(s);
    for (const t of plan.tables) for (const s of t.sql) await c.run(s);
    for (const k of plan.checks) expect((await c.runAndReadAll(k.sql)).getRows()[0]?.[0], k.name).toBe(0n);
    // the pool columns read through the lookup table are the pool's values at the drawn row (and NULL past its end)
    const rows = (await c.runAndReadAll('SELECT "street", "street_number", "street_width", "household_id" FROM "households" ORDER BY "household_id"')).getRows();
    expect(rows.every(([street, number]) => typeof street === 'string' && /^(Street \d+|O'Neil St)$/.test(street) && typeof number === 'number')).toBe(true);
    for (const [street, number, width] of rows) {
      const i = street === "O'Neil St" ? 3 : Number(String(street).slice(7));
      expect(number).toBe(i * 7 - 20);
      expect(width).toBe(i === 63 ? null : (i + 1) / 4);
    }
    c.closeSync();
  });
});

const STRINGS = ["it's", "''", 'back\\slash', 'trailing\\', "\\'", 'line\nbreak', 'cr\r\nlf', 'tab\there', 'naïve café', '日本語', '😀 emoji', '"double"', '--comment', '/* c */', ';', ''];
const VALID_IDENTS = ['a', '_x', 'Column_1', 'snake_case_9'];
const INVALID_IDENTS = ['a"b', 'a`b', "a'b", 'a b', '1abc', 'a;b', 'a\nb', '', 'x'.repeat(256)];

/** Reads a Spark string literal back (the escapes Spark's parser applies by default). */
function sparkUnescape(lit: string): string {
  expect(lit.startsWith("'") && lit.endsWith("'")).toBe(true);
  const body = lit.slice(1, -1);
  const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === "'") throw new Error(`unescaped quote in ${lit}`);
    if (ch !== '\\') out += ch;
    else out += map[body[++i] as string] ?? body[i];
  }
  return out;
}

describe('escaping, for every registered dialect', () => {
  it('quotes valid identifiers and rejects every other name', () => {
    for (const name of listDialects()) {
      const d = getDialect(name);
      for (const id of VALID_IDENTS) expect(d.quoteIdent(id), name).toContain(id);
      for (const id of INVALID_IDENTS) expect(() => d.quoteIdent(id), `${name} ${JSON.stringify(id)}`).toThrow(IdentifierError);
    }
  });

  it('prints string literals that read back as the same string', async () => {
    for (const name of listDialects()) {
      const d = getDialect(name);
      for (const s of STRINGS) {
        const lit = d.stringLiteral(s);
        if (name === 'spark') {
          expect(sparkUnescape(lit), `${name} ${JSON.stringify(s)}`).toBe(s);
          continue;
        }
        // Every other dialect is executed on DuckDB: the literal and a quoted alias round-trip.
        const rows = (await conn.runAndReadAll(`SELECT ${lit} AS ${d.quoteIdent('v')}`)).getRows();
        expect(rows[0]?.[0], `${name} ${JSON.stringify(s)}`).toBe(s);
      }
    }
  });
});

describe('partitioning by row estimates', () => {
  const opts = { rowsPerPartition: 5, minPartitions: 3 };
  const est = (entity: string): number => buildPlan(goldenScenarioIR(), getDialect('spark'), opts).tables.find((x) => x.entity === entity)?.plan.estimatedRows ?? 0;
  const select = (dialect: string, entity: string, o: { rowsPerPartition?: number; minPartitions?: number } = opts): string => buildPlan(goldenScenarioIR(), getDialect(dialect), o).tables.find((x) => x.entity === entity)?.select ?? '';
  const n = (rows: number): number => Math.max(opts.minPartitions, Math.ceil(rows / opts.rowsPerPartition));

  it('Spark spreads every stage above rowsPerPartition by its estimate: sequences, fan-outs, cross products, groups and windows', () => {
    expect(select('spark', 'households')).toContain(`range(0L, 20L, 1L, ${n(20)})`);
    expect(select('spark', 'members')).toContain(`SELECT /*+ REPARTITION(${n(est('members'))}) */ *`);
    expect(select('spark', 'matches')).toContain(`SELECT /*+ REPARTITION(${n(est('households') * est('offers'))}) */ *`);
    expect(select('spark', 'household_stats')).toContain(`SELECT /*+ REPARTITION(${n(est('members'))}, \`household_id\`) */ *`);
    // a group with mode/topN joins: its own rows are spread again after those joins
    expect(select('spark', 'household_stats')).toContain(`SELECT /*+ REPARTITION(${n(est('household_stats'))}) */ `);
    expect(select('spark', 'member_ranks')).toContain(`SELECT /*+ REPARTITION(${n(est('members'))}, \`household_id\`) */ *`);
    // below the threshold: no hint
    expect(select('spark', 'offers')).not.toContain('REPARTITION');
    expect(select('spark', 'members', { rowsPerPartition: 1_000 })).not.toContain('REPARTITION');
  });

  it('DuckDB prints the same SQL whatever the partitioning options', () => {
    for (const e of goldenScenarioIR().entities) expect(select('duckdb', e.name), e.name).toBe(select('duckdb', e.name, {}));
  });
});
