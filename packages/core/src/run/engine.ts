/**
 * The engine contract and the `generate` entry point shared by the SDK and the CLI.
 */
import { CancelledError, ConfigError, SpecError, type Issue } from '../errors.js';
import { irHash } from '../ir/hash.js';
import { parseIR } from '../ir/schema.js';
import type { CheckVerification } from '../ir/fk-construction.js';
import type { ScenarioIR } from '../ir/types.js';
import { validateIR } from '../ir/validate.js';
import type { ScenarioBuilder } from '../dsl/scenario-builder.js';

/** A progress event. */
export interface ProgressEvent {
  /** What is happening. */
  readonly phase: 'plan' | 'table' | 'check' | 'write' | 'done';
  /** The table concerned, if any. */
  readonly table?: string;
  /** 'started' | 'finished' for table/check phases. */
  readonly state: 'started' | 'finished' | 'running';
  /** Rows of the table, once known. */
  readonly rows?: number;
  /** Index (1-based) and total of the step, for overall progress. */
  readonly step: number;
  readonly steps: number;
  /** Milliseconds since the run started. */
  readonly elapsedMs: number;
  /** Extra detail (e.g. the check name). */
  readonly detail?: string;
}

/** Options every engine run receives. */
export interface RunOptions {
  readonly onProgress?: (e: ProgressEvent) => void;
  readonly signal?: AbortSignal;
}

/** Per-table results in the manifest. */
export interface TableResult {
  readonly rows: number;
  readonly files: readonly string[];
  /** Hash of the table's content, independent of row order and file layout, in the engine's own (cheaper) encoding. */
  readonly contentHash: string;
  /** The canonical content hash (`canonical1:…`): equal on every engine for the same rows. */
  readonly canonicalHash: string;
  readonly bytes: number;
  readonly elapsedMs: number;
}

/** Per-check results in the manifest. */
export interface CheckResult {
  readonly name: string;
  readonly table: string;
  readonly violations: number;
  /**
   * How the count was obtained: `scan` (every row) or `construction+sample` (a foreign key that
   * holds by construction, spot-checked over ≈ 1/64 of the keys). Absent in older manifests (scan).
   */
  readonly verified?: CheckVerification;
}

/** What a run wrote, recorded in `manifest.json` beside the data. */
export interface Manifest {
  readonly synthgraph: string;
  readonly manifestVersion: 1;
  readonly scenario: string;
  readonly irHash: string;
  readonly irVersion: number;
  readonly seed: number;
  readonly engine: string;
  readonly format: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly tables: Readonly<Record<string, TableResult>>;
  readonly checks: readonly CheckResult[];
  readonly totalRows: number;
  readonly elapsedMs: number;
  /**
   * When the run finished (ISO 8601, UTC). Metadata only: it shapes no data, and the report
   * shows this value instead of reading the clock, so the report of an output never changes.
   * Absent in manifests written before it was recorded.
   */
  readonly generatedAt?: string;
  /** Extra engine- or preset-specific sections (distribution checks, key ranges, …). */
  readonly extra: Readonly<Record<string, unknown>>;
  /** The batches the output holds, oldest first (one for a plain run; more after appends). */
  readonly batches: readonly BatchRecord[];
}

/** One generated batch of an output (FR-015 incremental generation). */
export interface BatchRecord {
  readonly index: number;
  readonly seed: number;
  readonly irHash: string;
  /** Rows this batch added per table. */
  readonly rows: Readonly<Record<string, number>>;
  /** Files this batch added per table (relative to the output directory). */
  readonly files: Readonly<Record<string, readonly string[]>>;
  /** Preset-specific batch metadata (e.g. key ranges). */
  readonly extra: Readonly<Record<string, unknown>>;
}

/** An engine: runs an IR and returns the manifest. */
export interface Engine {
  readonly name: string;
  run(ir: ScenarioIR, options: RunOptions): Promise<Manifest>;
}

/** Anything `generate` accepts as a scenario. */
export type ScenarioSource = ScenarioBuilder<never> | ScenarioBuilder | ScenarioIR | { toIR(options: { seed: number }): ScenarioIR };

/** Options of {@link generate}. */
export interface GenerateOptions extends RunOptions {
  /** The seed (ignored when an IR is passed, which carries its own). Default 42. */
  readonly seed?: number;
}

/**
 * Generates a scenario with an engine.
 *
 * @example
 * ```ts
 * import { generate } from '@synthgraph/core';
 * import { duckdb } from '@synthgraph/duckdb';
 * const manifest = await generate(myScenario, duckdb({ out: './out' }), { seed: 42, onProgress: console.log });
 * ```
 */
export async function generate(source: ScenarioSource, engine: Engine, options: GenerateOptions = {}): Promise<Manifest> {
  if (options.signal?.aborted) throw new CancelledError('The run was cancelled before it started.');
  let ir: ScenarioIR;
  if ('irVersion' in source) {
    ir = parseIR(source);
    validateIR(ir);
  } else if (typeof (source as { toIR?: unknown }).toIR === 'function') {
    ir = (source as { toIR(o: { seed: number }): ScenarioIR }).toIR({ seed: options.seed ?? 42 });
  } else {
    throw new SpecError([{ path: 'scenario', message: 'is neither a scenario builder nor an IR', fix: 'pass scenario(…) or an IR object' }]);
  }
  return engine.run(ir, options);
}

/** Re-exported for engines that record it. */
export { irHash };

/**
 * Builds an engine from validated options: throws a `ConfigError` naming every invalid option
 * (label: e.g. 'DuckDB'), else binds the options to `run`.
 *
 * @example
 * ```ts
 * export const myEngine = (o: MyOptions): Engine => defineEngine('mine', 'My', o, validateMyOptions, runMine);
 * ```
 */
export function defineEngine<O>(name: string, label: string, options: O, validate: (o: O) => Issue[], run: (ir: ScenarioIR, options: O, runOptions: RunOptions) => Promise<Manifest>): Engine {
  const issues = validate(options);
  if (issues.length) throw new ConfigError(issues, `The ${label} engine options are invalid`);
  return { name, run: (ir, r) => run(ir, options, r) };
}

/** The issue of a `rowsPerPartition`-like option that must be a positive integer, if any. */
export function positiveIntegerIssue(path: string, value: unknown): Issue[] {
  return value === undefined || (Number.isInteger(value) && (value as number) >= 1) ? [] : [{ path, message: 'must be a positive integer', value }];
}
