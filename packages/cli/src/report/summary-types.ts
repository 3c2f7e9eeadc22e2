/** The report's summary: the realism targets measured on the output and the verdict line. */

/** One realism target of the manifest measured on the output. */
export interface RealismTargetResult {
  readonly id: string;
  /** The target's kind (`share`, `mean`, `rate`, …). */
  readonly kind: string;
  readonly description: string;
  /** Met, missed, or null when it could not be measured (see `reason`). */
  readonly pass: boolean | null;
  /** The largest deviation the evaluator found (shares: absolute; means: relative). */
  readonly deviation: number | null;
  readonly reason: string | null;
}

/** The realism targets the manifest records (`extra.distributionTargets`), measured on the output. */
export interface RealismData {
  readonly total: number;
  readonly met: number;
  readonly missed: number;
  readonly notMeasured: number;
  readonly items: readonly RealismTargetResult[];
}

/** The one-line verdict at the top of the report. */
export interface Verdict {
  /** `pass`: no check failed and no realism target was missed; `fail` otherwise. */
  readonly status: 'pass' | 'fail';
  readonly text: string;
}
