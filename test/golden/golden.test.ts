import { describe, expect, it } from 'vitest';
import { conformanceScenario } from '../conformance/scenario.js';
import { canonicalHashes, golden } from './golden.js';

describe('golden content hashes', () => {
  it('the conformance scenario (500 households, seed 42) has its committed per-table hashes', async () => {
    const actual = await canonicalHashes(conformanceScenario(500).toIR({ seed: 42 }));
    expect(actual).toEqual(await golden('conformance', actual));
  });
});
