/** The opaque-key bijection: published vectors (docs/determinism.md), inverse, uniqueness, range. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../errors.js';
import { OPAQUE_KEY_DOMAIN, decodeKey, encodeKey, keyMode, keyRoundKeys } from './opaque-keys.js';

describe('opaque keys', () => {
  it('matches the test vectors published in docs/determinism.md', () => {
    expect(keyRoundKeys('households')).toEqual([1483724447, 1118683235, 1346810089, 1315238215]);
    expect(keyRoundKeys('individuals')).toEqual([1710398587, 3831076297, 3115012580, 3852038295]);
    const h = keyRoundKeys('households');
    const i = keyRoundKeys('individuals');
    expect([0, 1, 16, 1234567890123, OPAQUE_KEY_DOMAIN - 1].map((k) => encodeKey(h, k))).toEqual([2871455501669340, 4076822062096733, 2587578161477794, 1547873150698393, 3265613269552559]);
    expect([0, 1, 16, 1234567890123, OPAQUE_KEY_DOMAIN - 1].map((k) => encodeKey(i, k))).toEqual([162611203197535, 2104469940659794, 2901051670899024, 178104658640381, 2694166923222890]);
  });

  it('is a bijection of [0, 2^52): decode inverts encode, ids stay in the domain', () => {
    const rk = keyRoundKeys('identity_mappings');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: OPAQUE_KEY_DOMAIN - 1 }), (k) => {
        const id = encodeKey(rk, k);
        expect(Number.isSafeInteger(id) && id >= 0 && id < OPAQUE_KEY_DOMAIN).toBe(true);
        expect(decodeKey(rk, id)).toBe(k);
        expect(encodeKey(rk, decodeKey(rk, k))).toBe(k);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives distinct ids to a dense key range and different ids in different key spaces', () => {
    const a = keyRoundKeys('a');
    const b = keyRoundKeys('b');
    const ids = new Set<number>();
    let same = 0;
    for (let k = 0; k < 100_000; k++) {
      ids.add(encodeKey(a, k));
      if (encodeKey(a, k) === encodeKey(b, k)) same++;
    }
    expect(ids.size).toBe(100_000);
    expect(same).toBe(0);
  });

  it('rejects keys outside the domain and unknown key modes with a typed error', () => {
    expect(() => encodeKey(keyRoundKeys('a'), OPAQUE_KEY_DOMAIN)).toThrow(/outside the opaque key domain/);
    expect(() => encodeKey(keyRoundKeys('a'), -1)).toThrow(/outside the opaque key domain/);
    expect(keyMode('structured')).toBe('structured');
    expect(() => keyMode('readable')).toThrow(SpecError);
  });
});
