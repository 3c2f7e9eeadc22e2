import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  // The engine packages are optional peer dependencies loaded with import() when a command needs
  // one (src/engines.ts): never bundled into the CLI (tsup also leaves every dependency external).
  external: ['@synthgraph/duckdb', '@synthgraph/databricks'],
});
