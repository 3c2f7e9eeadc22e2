// The error thrown for an invalid pool definition or invalid weights.
import { SynthgraphError, type Issue } from '../errors.js';

/**
 * A value pool (or the weights given to one) is invalid: a {@link SynthgraphError} with code
 * `POOL_INVALID`. `path` names the offending option (e.g. `columns.first`, `weights[3]`,
 * `states.PR`), `value` holds what was given and `fix` says how to correct it. The message
 * repeats all three, and `issues` holds them as one {@link Issue}.
 *
 * @example
 * ```ts
 * try {
 *   cumulativeThresholds([1, -1]);
 * } catch (e) {
 *   if (e instanceof PoolError) console.error(e.path, e.fix); // "weights[1]" "…"
 * }
 * ```
 */
export class PoolError extends SynthgraphError {
  /** Stable code users can branch on. */
  declare readonly code: 'POOL_INVALID';
  /** Dotted path of the offending option, e.g. `columns.first` or `weights[3]`. */
  readonly path: string;
  /** What is wrong, without the path and fix. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
  /** The offending value, when there is one. */
  readonly value?: unknown;

  constructor(problem: string, details: { readonly path: string; readonly fix: string; readonly value?: unknown; readonly cause?: unknown }) {
    const got = 'value' in details ? ` (got ${describe(details.value)})` : '';
    const issue: Issue = { path: details.path, message: problem, fix: details.fix, ...('value' in details ? { value: details.value } : {}) };
    super('POOL_INVALID', `${details.path || '(pool)'}: ${problem}${got} — fix: ${details.fix}`, { issues: [issue], cause: details.cause });
    this.path = details.path;
    this.problem = problem;
    this.fix = details.fix;
    if ('value' in details) this.value = details.value;
  }
}

function describe(v: unknown): string {
  if (typeof v === 'number') return String(v); // JSON.stringify would print NaN as null
  try {
    const s = JSON.stringify(v) ?? String(v);
    return s.length > 120 ? `${s.slice(0, 117)}...` : s;
  } catch {
    return String(v);
  }
}
