/**
 * Builds the manifest every engine records: the parts that come from the IR (scenario, hashes,
 * seed, config, preset extras) are filled in here, the engine gives what it measured.
 */
import { irHash } from '../ir/hash.js';
import type { ScenarioIR } from '../ir/types.js';
import { version } from '../version.js';
import type { BatchRecord, CheckResult, Manifest, TableResult } from './engine.js';

/** What an engine measured for {@link createManifest}. */
export interface ManifestParts {
  /** Engine name and version, e.g. `duckdb 1.4.1`. */
  readonly engine: string;
  readonly format: string;
  /** Every table of the output (all batches). */
  readonly tables: Readonly<Record<string, TableResult>>;
  readonly checks: readonly CheckResult[];
  readonly elapsedMs: number;
  /** When the run finished (ISO 8601, UTC; default: now — metadata, never data). */
  readonly generatedAt?: string;
  /** Rows and files this run added per table; default: the tables' rows and files. */
  readonly batchRows?: Readonly<Record<string, number>>;
  readonly batchFiles?: Readonly<Record<string, readonly string[]>>;
  /** The batches already in the output, oldest first (appends). */
  readonly previousBatches?: readonly BatchRecord[];
  /** Engine-specific extras, merged under the preset's. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/**
 * The manifest of a run of `ir`.
 *
 * @example
 * ```ts
 * const manifest = createManifest(ir, { engine: 'spark 4.0.1', format: 'delta', tables, checks, elapsedMs });
 * ```
 */
export function createManifest(ir: ScenarioIR, parts: ManifestParts): Manifest {
  const id = irHash(ir);
  const extra = { ...(parts.extra ?? {}), ...((ir.meta['manifestExtra'] as Record<string, unknown> | undefined) ?? {}) };
  const previous = parts.previousBatches ?? [];
  const batch: BatchRecord = {
    index: previous.length,
    seed: ir.seed,
    irHash: id,
    rows: parts.batchRows ?? Object.fromEntries(Object.entries(parts.tables).map(([k, v]) => [k, v.rows])),
    files: parts.batchFiles ?? Object.fromEntries(Object.entries(parts.tables).map(([k, v]) => [k, v.files])),
    extra,
  };
  return {
    synthgraph: version,
    manifestVersion: 1,
    scenario: ir.name,
    irHash: id,
    irVersion: ir.irVersion,
    seed: ir.seed,
    engine: parts.engine,
    format: parts.format,
    config: (ir.meta['config'] as Record<string, unknown> | undefined) ?? {},
    tables: parts.tables,
    checks: parts.checks,
    totalRows: Object.values(parts.tables).reduce((a, t) => a + t.rows, 0),
    elapsedMs: Math.round(parts.elapsedMs),
    generatedAt: parts.generatedAt ?? new Date().toISOString(),
    extra,
    batches: [...previous, batch],
  };
}
