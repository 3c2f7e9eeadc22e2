/**
 * The runs of the commit-protocol tests: the conformance scenario with `households` households
 * as batch `batch` (seed 7 + batch), written by the DuckDB engine with one thread.
 */
import { generate, type Manifest } from '@synthgraph/core';
import { conformanceScenario } from '../../../../test/conformance/scenario.js';
import { duckdb } from '../../src/index.js';

/** Runs one replace or append into `out`. */
export function commitRun(out: string, households: number, batch: number, mode: 'replace' | 'append'): Promise<Manifest> {
  return generate(conformanceScenario(households, batch).toIR({ seed: 7 + batch }), duckdb({ out, mode, threads: 1 }));
}
