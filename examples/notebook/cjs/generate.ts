/**
 * The same script as CommonJS: a `.ts` file in a project whose package.json has no
 * "type": "module" (here "type": "commonjs"). No top-level await, so the work runs in an async
 * `main`; with `module: nodenext` the imports compile to `require()` and load the packages'
 * CommonJS builds.
 *
 *   npx tsx generate.ts out
 *   npx ts-node generate.ts out
 */
import { generate } from '@synthgraph/core';
import { duckdb } from '@synthgraph/duckdb';
import { identityGraph } from '@synthgraph/presets';

async function main(): Promise<void> {
  const out = process.argv[2] ?? 'out';
  const scenario = identityGraph({ households: { num_households: 200 }, campaigns: { num_campaigns: 3 } });
  const manifest = await generate(scenario, duckdb({ out, threads: 2 }), { seed: 7 });
  const failed = manifest.checks.filter((c) => c.violations > 0).length;
  console.log(JSON.stringify({ out, rows: Object.fromEntries(Object.entries(manifest.tables).map(([t, r]) => [t, r.rows])), failed }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
