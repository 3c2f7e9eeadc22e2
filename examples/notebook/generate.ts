/**
 * A notebook-adjacent script, ESM with top-level await: generates a small identity graph as
 * Parquet for a notebook to read (see docs/guides/scripts-and-notebooks.md). In a project whose
 * package.json says "type": "module":
 *
 *   npx tsx generate.ts out
 *   node --loader ts-node/esm generate.ts out
 */
import { generate } from '@synthgraph/core';
import { duckdb } from '@synthgraph/duckdb';
import { identityGraph } from '@synthgraph/presets';

const out = process.argv[2] ?? 'out';
const scenario = identityGraph({ households: { num_households: 200 }, campaigns: { num_campaigns: 3 } });
const manifest = await generate(scenario, duckdb({ out, threads: 2 }), { seed: 7 });

const failed = manifest.checks.filter((c) => c.violations > 0).length;
console.log(JSON.stringify({ out, rows: Object.fromEntries(Object.entries(manifest.tables).map(([t, r]) => [t, r.rows])), failed }));
