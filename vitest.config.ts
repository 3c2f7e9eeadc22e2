import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The test files that run for minutes (CI, 2 cores), longest first. A fresh clone has no vitest
 * cache, so vitest would start them in file-name order; started first, they run beside the many
 * short files instead of after them.
 */
const LONG_FILES = [
  'test/conformance/identity-graph-spark.test.ts',
  'packages/databricks/src/executor/spark-warehouse.test.ts',
  'packages/presets/test/identity-graph-duckdb.test.ts',
  'packages/presets/test/realism/realism.test.ts',
  'test/packaging/packed.test.ts',
  'packages/databricks/src/spark/spark-conformance.test.ts',
];

/** Vitest's order (failed, then longest by its cache, first), with {@link LONG_FILES} ahead of the rest. */
class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification): number => {
      const i = LONG_FILES.findIndex((p) => f.moduleId.replaceAll('\\', '/').endsWith(p));
      return i < 0 ? LONG_FILES.length : i;
    };
    const sorted = await super.sort(files);
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

export default defineConfig({
  resolve: { conditions: ['source', 'module', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'import', 'default'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    sequence: { sequencer: LongFilesFirst },
    // Vitest's default is one worker fewer than the cores: one worker on CI's 2 cores, so every
    // file waited for the one before it, though the long files leave a core idle much of the time
    // (local Spark's driver plans one statement at a time; npm installs wait on the network).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
