/**
 * Runs every ```sql block of docs/example-analyses.md on a generated identity graph, and checks
 * that the generated parts of docs/tables/*.md are current.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckdbReader } from '@synthgraph/duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableBlocks, withBlock } from '../scripts/table-docs.js';
import { IDENTITY_GRAPH_TABLES } from '../src/index.js';
import { run, tempDir } from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The fenced ```sql blocks of a markdown file. */
function sqlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => (m[1] as string).trim());
}

describe('docs/example-analyses.md', () => {
  let out = '';
  let reader: DuckdbReader | undefined;
  beforeAll(async () => {
    out = await tempDir('docs');
    await run({ households: { num_households: 3_000 } }, out, 42);
    reader = await DuckdbReader.open(out);
  });
  afterAll(() => {
    reader?.close();
    rmSync(out, { recursive: true, force: true });
  });

  const blocks = sqlBlocks(readFileSync(path.join(root, 'docs/example-analyses.md'), 'utf8'));

  it('has analyses for identity resolution, household roll-up and attribution', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it.each(blocks.map((sql, i) => [i + 1, sql] as const))('query %i runs and returns rows', async (_i, sql) => {
    const rows = await (reader as DuckdbReader).query(sql);
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('docs/tables', () => {
  it('documents each of the ten tables with current columns and checks', () => {
    const blocks = tableBlocks();
    expect([...blocks.keys()].sort()).toEqual([...IDENTITY_GRAPH_TABLES].sort());
    for (const [table, block] of blocks) {
      const text = readFileSync(path.join(root, 'docs/tables', `${table}.md`), 'utf8');
      expect(withBlock(text, block), `run node_modules/.bin/tsx --conditions=source packages/presets/scripts/write-table-docs.ts`).toBe(text);
    }
  });
});
