/**
 * Golden content hashes: small fixed runs whose per-table canonical content hashes are committed.
 * A change to generated data is a deliberate, versioned event: re-run with UPDATE_GOLDEN=1 and
 * commit the new file with a note in the changelog.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generate, type ScenarioIR } from '@synthgraph/core';
import { duckdb, duckdbDialect, DuckdbReader } from '@synthgraph/duckdb';
import { engineRows } from '../conformance/compare.js';

/** Engine-independent per-table hashes: sha256 over the sorted canonical rows. */
export async function canonicalHashes(ir: ScenarioIR): Promise<Record<string, string>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sg-golden-'));
  try {
    await generate(ir, duckdb({ out: path.join(dir, 'out'), threads: 2 }));
    const reader = await DuckdbReader.open(path.join(dir, 'out'));
    const out: Record<string, string> = {};
    try {
      for (const e of ir.entities) {
        const { rows } = await engineRows(ir, e.name, duckdbDialect, (q) => reader.rows(q));
        out[e.name] = `${rows.length}:${createHash('sha256').update(rows.join('\n')).digest('hex')}`;
      }
    } finally {
      reader.close();
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reads (or, with UPDATE_GOLDEN=1 or when missing, writes) a golden file. */
export async function golden(name: string, actual: Record<string, string>): Promise<Record<string, string>> {
  const file = path.join(path.dirname(new URL(import.meta.url).pathname), `${name}.json`);
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) {
    if (process.env['CI'] && !existsSync(file)) throw new Error(`golden file ${file} is missing; generate it locally with UPDATE_GOLDEN=1 and commit it`);
    await writeFile(file, `${JSON.stringify(actual, null, 2)}\n`);
    return actual;
  }
  return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
}
