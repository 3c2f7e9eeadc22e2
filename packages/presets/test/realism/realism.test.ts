/**
 * Every realism target holds on the default config at 20K households for each of the three
 * seeds (docs/realism.md lists the targets, their sources and the measured values).
 */
import { describe, expect, it } from 'vitest';
import { REALISM_HOUSEHOLDS, REALISM_SEEDS, realismOutput, withRealismReader } from '../support/realism.js';
import { REALISM_TARGETS } from './targets/index.js';

describe('realism fixture', () => {
  it('generates the default config at 20K households once and reuses it', async () => {
    const a = await realismOutput(42);
    expect(await realismOutput(42)).toBe(a);
    const n = await withRealismReader(42, async (q) => Number((await q('SELECT count(*) AS n FROM households'))[0]?.['n']));
    expect(n).toBe(REALISM_HOUSEHOLDS);
  });
});

describe.each(REALISM_SEEDS)('realism targets, seed %i', (seed) => {
  it.each(REALISM_TARGETS.map((t) => [t.id, t] as const))('%s', async (_id, t) => {
    const value = await withRealismReader(seed, async (q) => Number((await q(t.sql))[0]?.['value']));
    expect(Number.isFinite(value), `${t.id} measured no value`).toBe(true);
    expect(value, `${t.id}: ${t.target} (${t.source})`).toBeGreaterThanOrEqual(t.min);
    expect(value, `${t.id}: ${t.target} (${t.source})`).toBeLessThanOrEqual(t.max);
  });
});
