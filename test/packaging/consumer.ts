/**
 * The files of the consumer project the packaging test installs the packed tarballs into. Kept as
 * strings (not as files under test/) so the workspace's own tsc and eslint, which resolve
 * `@synthgraph/*` to the sources, never see them: they must compile against the published typings.
 */

/** Rows of the tiny scenario every script generates (and of the faker pool it builds, whose locale loads lazily). */
export const TINY_ROWS = 7;

/** The scenario, a faker pool and the check shared by the three scripts; `OUT` is the output directory. */
const body = (indent: string): string =>
  [
    `const s = scenario('tiny').entity('customers', (e) => e.rows(${TINY_ROWS}).key('customer_id').column('n', t.int(), () => intBetween(1, 3)));`,
    'const m = await generate(s, duckdb({ out: OUT }), { seed: 1 });',
    'const reader = await DuckdbReader.open(OUT);',
    "const rows = await reader.query('SELECT count(*) AS n FROM customers');",
    'reader.close();',
    `const pool = fakerPool({ name: 'names', size: ${TINY_ROWS}, seed: 1, locale: 'de', columns: { first: 'person.firstName' } });`,
    "console.log(JSON.stringify({ manifest: m.tables['customers']?.rows, query: Number(rows[0]?.['n']), pool: pool.rows.length }));",
  ]
    .map((l) => indent + l)
    .join('\n');

const ESM = `import { generate, scenario, t, intBetween, fakerPool } from '@synthgraph/core';
import { duckdb, DuckdbReader } from '@synthgraph/duckdb';
const OUT = process.argv[2];
${body('')}
`;

const CJS = `const { generate, scenario, t, intBetween, fakerPool } = require('@synthgraph/core');
const { duckdb, DuckdbReader } = require('@synthgraph/duckdb');
const OUT = process.argv[2];
(async () => {
${body('  ')}
})().catch((e) => { console.error(e); process.exit(1); });
`;

/** Typed: tsx runs it, and both tsc configurations check it. */
const TS = `import { generate, scenario, t, intBetween, fakerPool, type Manifest } from '@synthgraph/core';
import { duckdb, DuckdbReader } from '@synthgraph/duckdb';
const OUT: string = process.argv[2] ?? '';
${body('').replace('const m =', 'const m: Manifest =')}
`;

/** Pulls every package's typings into the program (ESM side). */
const TYPES_ESM = `import * as core from '@synthgraph/core';
import * as duck from '@synthgraph/duckdb';
import * as presets from '@synthgraph/presets';
import * as dbx from '@synthgraph/databricks';
import * as cli from '@synthgraph/cli';
export const all = [core.scenario, duck.duckdb, presets.identityGraph, dbx, cli] as const;
`;

/** The same through \`require\`: checks the \`.d.cts\` typings under nodenext. */
const TYPES_CJS = `import core = require('@synthgraph/core');
import duck = require('@synthgraph/duckdb');
import presets = require('@synthgraph/presets');
import dbx = require('@synthgraph/databricks');
import cli = require('@synthgraph/cli');
export const all = [core.scenario, duck.duckdb, presets.identityGraph, dbx, cli] as const;
`;

const tsconfig = (module: string, moduleResolution: string, files: string[]): string =>
  JSON.stringify(
    {
      compilerOptions: { module, moduleResolution, target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] },
      files,
    },
    null,
    2,
  );

/** File name → content of the consumer project (package.json is written by the test). */
export const CONSUMER_FILES: Readonly<Record<string, string>> = {
  'esm.mjs': ESM,
  'cjs.cjs': CJS,
  'tiny.ts': TS,
  'types.ts': TYPES_ESM,
  'types-require.cts': TYPES_CJS,
  'tsconfig.nodenext.json': tsconfig('nodenext', 'nodenext', ['tiny.ts', 'types.ts', 'types-require.cts']),
  'tsconfig.bundler.json': tsconfig('esnext', 'bundler', ['tiny.ts', 'types.ts']),
};
