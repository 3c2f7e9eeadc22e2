/**
 * The identity-resolution baselines of examples/resolution-baselines.ts on the default config at
 * 20,000 households (the realism fixture): the exact-email baseline is precise but misses many
 * matches, the fuzzy rule finds more, and more noise makes both worse.
 */
import { describe, expect, it } from 'vitest';
import { realismOutput } from '../packages/presets/test/support/realism.js';
import { runBaselines } from './resolution-baselines.js';

const SEED = 42;

describe('resolution baselines (default config, 20K households)', () => {
  it('exact email: pairwise precision ≥ 0.95 and recall ≤ 0.80; the fuzzy rule has a higher recall', async () => {
    const s = await runBaselines(await realismOutput(SEED));
    expect(s.exact_email.overall.pairwise.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.exact_email.overall.pairwise.recall).toBeLessThanOrEqual(0.8);
    expect(s.fuzzy_name_dob.overall.pairwise.recall).toBeGreaterThan(s.exact_email.overall.pairwise.recall);
    // Per-stratum scores exist for every source and the noise that breaks each rule hurts it.
    expect(Object.keys(s.exact_email.strata).filter((k) => k.startsWith('source:'))).toHaveLength(5);
    expect(s.exact_email.strata['noise:other_email']?.pairwise.recall).toBeLessThan(s.exact_email.overall.pairwise.recall);
    expect(s.fuzzy_name_dob.strata['noise:name_change']?.pairwise.recall).toBeLessThan(s.fuzzy_name_dob.overall.pairwise.recall);
  });

  it('twice the noise lowers the F1 of both baselines', async () => {
    const base = await runBaselines(await realismOutput(SEED));
    const noisy = await runBaselines(await realismOutput(SEED, { resolution: { noise_scale: 2 } }));
    expect(noisy.exact_email.overall.pairwise.f1).toBeLessThan(base.exact_email.overall.pairwise.f1);
    expect(noisy.fuzzy_name_dob.overall.pairwise.f1).toBeLessThan(base.fuzzy_name_dob.overall.pairwise.f1);
    expect(noisy.exact_email.overall.bcubed.f1).toBeLessThan(base.exact_email.overall.bcubed.f1);
    expect(noisy.fuzzy_name_dob.overall.bcubed.f1).toBeLessThan(base.fuzzy_name_dob.overall.bcubed.f1);
  });
});
