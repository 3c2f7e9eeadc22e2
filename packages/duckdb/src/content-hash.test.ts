import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHashSql, generate, parseContentHash, type Manifest, type ScenarioIR } from '@synthgraph/core';
import { conformanceScenario } from '../../../test/conformance/scenario.js';
import { duckdbDialect } from './duckdb-dialect.js';
import { duckdb } from './duckdb-engine.js';
import { DuckdbReader } from './reader.js';

let dir: string;
let ir: ScenarioIR;
let manifest: Manifest;
let reader: DuckdbReader;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-hash-'));
  ir = conformanceScenario(200).toIR({ seed: 5 });
  manifest = await generate(ir, duckdb({ out: path.join(dir, 'parquet') }));
  reader = await DuckdbReader.open(path.join(dir, 'parquet'));
}, 120_000);

afterAll(async () => {
  reader?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The canonical hash of `individuals` as read through `view` (a changed copy of the table). */
async function hashOf(view: string): Promise<string> {
  await reader.query(`CREATE OR REPLACE VIEW changed AS ${view}`);
  const [row] = await reader.query(contentHashSql(ir, 'individuals', duckdbDialect, () => 'changed'));
  return parseContentHash(row ?? {});
}

describe('the canonical content hash', () => {
  it('is in every manifest, with the rows, next to the engine-native hash', () => {
    for (const [t, r] of Object.entries(manifest.tables)) {
      expect(r.canonicalHash, t).toMatch(new RegExp(`^canonical1:[0-9a-f]{16}:${r.rows}$`));
      expect(r.contentHash, t).toMatch(/^duckdb-xxh:/);
    }
    expect(new Set(Object.values(manifest.tables).map((r) => r.canonicalHash)).size).toBe(Object.keys(manifest.tables).length);
  });

  it('does not depend on row order, and sees a one-ulp change of one double, a swap of two values between rows, NULL against 0 and an array reordered', async () => {
    const same = await hashOf('SELECT * FROM individuals ORDER BY individual_id DESC');
    expect(same).toBe(manifest.tables['individuals']?.canonicalHash);
    const first = 'individual_id = (SELECT min(individual_id) FROM individuals)';
    const changed = [
      `SELECT * REPLACE (CASE WHEN ${first} THEN nextafter(score, 2.0) ELSE score END AS score) FROM individuals`,
      `SELECT * REPLACE (CASE WHEN ${first} THEN -wait ELSE wait END AS wait) FROM individuals`,
      `SELECT * REPLACE (CASE WHEN ${first} THEN (SELECT max(score) FROM individuals) WHEN score = (SELECT max(score) FROM individuals) THEN (SELECT score FROM individuals WHERE ${first}) ELSE score END AS score) FROM individuals`,
      `SELECT * REPLACE (CASE WHEN ${first} THEN NULL ELSE tail END AS tail) FROM individuals`,
      `SELECT * REPLACE (CASE WHEN ${first} THEN 0 ELSE tail END AS tail) FROM individuals`,
      `SELECT * REPLACE (CASE WHEN len(tags) > 1 THEN list_reverse(tags) ELSE tags END AS tags) FROM individuals`,
      `SELECT * REPLACE (CASE WHEN ${first} THEN email_hash || 'x' ELSE email_hash END AS email_hash) FROM individuals`,
    ];
    const hashes = [same];
    for (const v of changed) hashes.push(await hashOf(v));
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('encodes doubles exactly: -0.0 equals 0.0, and values one ulp apart at every magnitude differ', async () => {
    const base = [0.1, 1 / 3, 123456.789, 2 ** -40, 1e15 + 0.5, 4e18];
    const hash = async (values: string): Promise<string> => hashOf(`SELECT * REPLACE (v.x AS score) FROM individuals, (VALUES ${values}) AS v(x) WHERE ${'individual_id = (SELECT min(individual_id) FROM individuals)'}`);
    const list = (xs: readonly string[]): string => xs.map((x) => `(${x}::DOUBLE)`).join(', ');
    const plain = await hash(list(base.map(String)));
    const bumped: string[] = [];
    for (const i of base.keys()) bumped.push(await hash(list(base.map((b, j) => (i === j ? `nextafter(${b}::DOUBLE, 1e300::DOUBLE)` : String(b))))));
    expect(new Set([plain, ...bumped]).size).toBe(base.length + 1);
    expect(await hash(list(['-0.0']))).toBe(await hash(list(['0.0'])));
  });
});
