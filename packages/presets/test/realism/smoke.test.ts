import { describe, expect, it } from 'vitest';
import { REALISM_HOUSEHOLDS, realismOutput, withRealismReader } from '../support/realism.js';

describe('realism fixture', () => {
  it('generates the default config at 20K households once and reuses it', async () => {
    const a = await realismOutput(42);
    const b = await realismOutput(42);
    expect(b).toBe(a);
    const n = await withRealismReader(42, async (q) => Number((await q('SELECT count(*) AS n FROM households'))[0]?.['n']));
    expect(n).toBe(REALISM_HOUSEHOLDS);
  });
});
