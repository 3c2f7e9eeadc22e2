/** The report's identity-resolution difficulty data (`report.json` → `resolution`). */
/** The identity-resolution difficulty of `source_records` (from its answer key `truth_source_records`). */
export interface ResolutionData {
  /** Source records. */
  readonly records: number;
  /** Individuals with at least one record. */
  readonly people: number;
  /** Individuals in the output (null without the individuals table). */
  readonly individuals: number | null;
  readonly recordsPerPerson: number | null;
  /** Records flagged as duplicates within a source, per person with records. */
  readonly duplicatesPerPerson: number | null;
  /** Share of records with at least one kind of noise. */
  readonly noisyShare: number | null;
  /** Per `noise_*` flag of the answer key. */
  readonly noiseRates: readonly { readonly noise: string; readonly records: number; readonly rate: number | null }[];
  readonly bySource: readonly { readonly source: string; readonly records: number; readonly noisyShare: number | null }[];
  /** The exact-email baseline (same lower-cased email ⇒ same person), pairwise. */
  readonly exactEmail: {
    readonly truePairs: number;
    readonly predictedPairs: number;
    readonly truePositivePairs: number;
    readonly precision: number | null;
    readonly recall: number | null;
    readonly f1: number | null;
  };
}
