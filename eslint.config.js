import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const ROOT = dirname(fileURLToPath(import.meta.url));

/** Product code: everything under a package's `src/` except its tests. */
const PRODUCT = ['packages/*/src/**/*.ts'];
const TESTS = ['**/*.test.ts', '**/*.test-d.ts'];

/**
 * The package layers, lowest first: core ← duckdb, databricks ← presets ← cli (and examples).
 * A package may import only from the layers below it; the two engines do not import each other.
 */
const LAYERS = {
  core: [],
  duckdb: ['core'],
  databricks: ['core'],
  presets: ['core', 'duckdb', 'databricks'],
  cli: ['core', 'duckdb', 'databricks', 'presets'],
};
const PACKAGES = Object.keys(LAYERS);

/** The engines form one layer: tests may compare them (the Spark conformance test reads DuckDB). */
const ENGINES = ['duckdb', 'databricks'];

/**
 * Zones for `import-x/no-restricted-paths`: what the files of `pkg` may not import. Product code
 * imports only the layers below it; tests may also import the other engine.
 */
function layerZones(pkg, { tests }) {
  return PACKAGES.filter(
    (other) => other !== pkg && !LAYERS[pkg].includes(other) && !(tests && ENGINES.includes(pkg) && ENGINES.includes(other)),
  ).map((other) => ({
    target: `./packages/${pkg}`,
    from: `./packages/${other}`,
    message: `@synthgraph/${pkg} must not import @synthgraph/${other} (layers: core ← duckdb, databricks ← presets ← cli): move the shared code down instead.`,
  }));
}

/** Test support (fakes, harnesses, fixtures) lives in `test/`; product code never imports it. */
const TEST_SUPPORT_ZONES = PACKAGES.flatMap((pkg) =>
  [`./packages/${pkg}/test`, './test'].map((from) => ({
    target: `./packages/${pkg}/src`,
    from,
    message: 'Product code must not import test support (fakes, harnesses, fixtures).',
  })),
);


/** Every error synthgraph throws is a SynthgraphError with a code (packages/core/src/errors.ts). */
const RAW_THROW = {
  selector: 'ThrowStatement > NewExpression[callee.name=/^(Error|RangeError|TypeError)$/]',
  message: 'Throw a SynthgraphError with a code (ConfigError, SpecError, UnsupportedError, InternalError, …), not a bare Error.',
};

/**
 * The lint configuration for a tree laid out like this repository (`packages/<name>/src`, …) at
 * `root`. test/lint/lint-rules.test.ts applies it to the fixtures in test/lint/fixtures.
 */
export function configFor(root) {
  return tseslint.config(
    {
      ignores: [
        '**/dist/**',
        '**/node_modules/**',
        'docs/api/**',
        '**/*.cjs',
        'synthgraph-out/**',
        'out/**',
        '.venv/**',
        // Deliberately broken files, linted by test/lint/lint-rules.test.ts.
        'test/lint/fixtures/**',
      ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
      plugins: { 'import-x': importX },
      settings: {
        // Parse TypeScript dependencies too, or no-cycle cannot follow an import into a .ts file.
        'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
        'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
        'import-x/resolver-next': [
          createTypeScriptImportResolver({
            project: `${ROOT}/tsconfig.json`,
            conditionNames: ['source', 'types', 'import', 'node', 'default'],
          }),
        ],
      },
      rules: {
        'import-x/no-cycle': ['error', { ignoreExternal: true }],
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
        '@typescript-eslint/consistent-type-imports': 'error',
        'no-restricted-properties': [
          'error',
          { object: 'Math', property: 'random', message: 'Draws must be pure functions of the seed (see docs/determinism.md).' },
          { object: 'Date', property: 'now', message: 'Nothing that shapes data may read the clock.' },
        ],
      },
    },
    {
      files: ['packages/**/*.ts'],
      rules: { 'import-x/no-restricted-paths': ['error', { basePath: root, zones: PACKAGES.flatMap((p) => layerZones(p, { tests: true })) }] },
    },
    {
      files: PRODUCT,
      ignores: TESTS,
      rules: {
        'import-x/no-restricted-paths': ['error', { basePath: root, zones: [...PACKAGES.flatMap((p) => layerZones(p, { tests: false })), ...TEST_SUPPORT_ZONES] }],
        'no-restricted-syntax': ['error', RAW_THROW],
        // One concept per file: split a module by concept before it passes ~400 lines.
        'max-lines': ['error', { max: 400 }],
      },
    },
    {
      // The engines are optional peer dependencies of the CLI, loaded on first use through one module.
      files: ['packages/cli/src/**/*.ts'],
      ignores: [...TESTS, 'packages/cli/src/engines.ts'],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            paths: ENGINES.map((e) => ({
              name: `@synthgraph/${e}`,
              allowTypeImports: true,
              message: `@synthgraph/${e} is an optional peer dependency of the CLI: load it with enginesOf(io.importEngine) from engines.ts (import type is fine).`,
            })),
          },
        ],
      },
    },
    {
      files: ['**/*.mjs', 'scripts/**/*.js'],
      languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' } },
    },
  );
}

export default configFor(ROOT);
