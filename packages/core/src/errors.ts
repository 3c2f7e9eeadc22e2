/**
 * Typed errors. Every error synthgraph throws on purpose is a {@link SynthgraphError} with a
 * stable `code`. User-fixable problems (spec, config, input) carry a list of {@link Issue}s,
 * each naming the path, the offending value and how to fix it. Internal invariant failures are
 * {@link InternalError}s: they indicate a synthgraph bug, never bad input.
 */

/** Stable error codes users can branch on. */
export type ErrorCode =
  | 'SPEC_INVALID'
  | 'IR_INVALID'
  | 'CONFIG_INVALID'
  | 'INPUT_INVALID'
  | 'UNSUPPORTED'
  | 'POOL_INVALID'
  | 'ENGINE_FAILED'
  | 'ENGINE_MISSING'
  | 'CHECK_FAILED'
  | 'CANCELLED'
  | 'OUTPUT_LOCKED'
  | 'MISSING_PRIVILEGES'
  | 'STATEMENT_FAILED'
  | 'AUTH_INVALID'
  | 'INTERNAL';

/** One problem found while validating user input. */
export interface Issue {
  /** Dotted path of the offending field, e.g. `entities.individuals.columns.age`. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** The offending value, when there is one. */
  readonly value?: unknown;
  /** How to fix it. */
  readonly fix?: string;
}

/**
 * Root of every synthgraph error.
 *
 * @example
 * ```ts
 * try { scenario.toIR({ seed: 1 }); }
 * catch (e) { if (e instanceof SynthgraphError && e.code === 'SPEC_INVALID') console.error(e.message); }
 * ```
 */
export class SynthgraphError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly Issue[];

  constructor(code: ErrorCode, message: string, options: { issues?: readonly Issue[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.issues = options.issues ?? [];
  }
}

/** Formats issues as one line each: `path: message (got value) — fix`. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues
    .map((i) => {
      const got = i.value === undefined ? '' : ` (got ${safeStringify(i.value)})`;
      const fix = i.fix ? ` — fix: ${i.fix}` : '';
      return `  - ${i.path || '(root)'}: ${i.message}${got}${fix}`;
    })
    .join('\n');
}

function safeStringify(v: unknown): string {
  try {
    const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
    return s.length > 120 ? `${s.slice(0, 117)}...` : s;
  } catch {
    return String(v);
  }
}

/**
 * A scenario spec (DSL or IR) is invalid. Lists every problem found, not just the first.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof SpecError) for (const i of e.issues) console.log(i.path, i.fix); }
 * ```
 */
export class SpecError extends SynthgraphError {
  constructor(issues: readonly Issue[], code: 'SPEC_INVALID' | 'IR_INVALID' = 'SPEC_INVALID') {
    super(code, `The scenario is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${formatIssues(issues)}`, { issues });
  }
}

/**
 * A configuration (preset config, CLI options, engine options) is invalid.
 *
 * @example
 * ```ts
 * throw new ConfigError([{ path: 'households.num_households', message: 'must be ≥ 1', value: 0, fix: 'use a positive integer' }]);
 * ```
 */
export class ConfigError extends SynthgraphError {
  constructor(issues: readonly Issue[], title = 'The configuration is invalid') {
    super('CONFIG_INVALID', `${title} (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${formatIssues(issues)}`, { issues });
  }
}

/**
 * A feature is not supported by a dialect, engine or evaluator.
 *
 * @example
 * ```ts
 * throw new UnsupportedError('the in-process evaluator cannot produce derived entities');
 * ```
 */
export class UnsupportedError extends SynthgraphError {
  constructor(message: string) {
    super('UNSUPPORTED', message);
  }
}

/**
 * The work was cancelled through an `AbortSignal`.
 *
 * @example
 * ```ts
 * if (signal?.aborted) throw new CancelledError('generation cancelled');
 * ```
 */
export class CancelledError extends SynthgraphError {
  constructor(message = 'The run was cancelled.', cause?: unknown) {
    super('CANCELLED', message, { cause });
  }
}

/**
 * An internal invariant failed: a synthgraph bug, never a user error.
 *
 * @example
 * ```ts
 * if (!node) throw new InternalError('missing node');
 * ```
 */
export class InternalError extends SynthgraphError {
  constructor(message: string, cause?: unknown) {
    super('INTERNAL', `Internal error (please report): ${message}`, { cause });
  }
}

/** Throws {@link CancelledError} when the signal is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, what = 'The run'): void {
  if (signal?.aborted) throw new CancelledError(`${what} was cancelled.`, signal.reason);
}
